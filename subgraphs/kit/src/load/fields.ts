/**
 * Field parsers for the CSV interchange format (DATA-FORMAT.md). Each takes a non-empty cell and returns its value, or
 * throws a FieldError whose message is the reason shown as `file:line:column: reason`.
 */
export class FieldError extends Error {}

export type FieldParser<T> = (cell: string) => T;

const fail = (reason: string): never => {
  throw new FieldError(reason);
};

/** Any text, trimmed. */
export const text: FieldParser<string> = (cell) => cell.trim();

/** School URN: digits only, six or more. */
export const urn: FieldParser<string> = (cell) =>
  /^\d{6,}$/.test(cell.trim()) ? cell.trim() : fail(`malformed URN "${cell}" (expected 6 or more digits)`);

/** Provider URN (e.g. a SCITT's `70245`): digits only. */
export const providerUrn: FieldParser<string> = (cell) =>
  /^\d{4,}$/.test(cell.trim()) ? cell.trim() : fail(`malformed URN "${cell}" (expected digits)`);

/** Teacher reference number: exactly 7 digits. */
export const trn: FieldParser<string> = (cell) =>
  /^\d{7}$/.test(cell.trim()) ? cell.trim() : fail(`malformed TRN "${cell}" (expected 7 digits)`);

/** DfE LA code: 3 digits. */
export const laCode: FieldParser<string> = (cell) =>
  /^\d{3}$/.test(cell.trim()) ? cell.trim() : fail(`malformed LA code "${cell}" (expected 3 digits)`);

/** GSS code, e.g. E06000004. */
export const gssCode: FieldParser<string> = (cell) =>
  /^[EWSN]\d{8}$/.test(cell.trim()) ? cell.trim() : fail(`malformed GSS code "${cell}" (expected e.g. E06000004)`);

export const REGION_CODES = ['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'K'] as const;

/** GIAS region letter. */
export const regionCode: FieldParser<string> = (cell) =>
  (REGION_CODES as readonly string[]).includes(cell.trim())
    ? cell.trim()
    : fail(`unknown region code "${cell}" (expected one of ${REGION_CODES.join(' ')})`);

/** ISO date YYYY-MM-DD that exists in the calendar. */
export const isoDate: FieldParser<string> = (cell) => {
  const v = cell.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return fail(`malformed date "${cell}" (expected YYYY-MM-DD)`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    return fail(`malformed date "${cell}" (no such day)`);
  }
  return v;
};

/** Academic year named by its starting year (2024 = 2024/25). */
export const academicYear: FieldParser<number> = (cell) => {
  const v = cell.trim();
  if (!/^\d{4}$/.test(v)) return fail(`malformed academic year "${cell}" (expected its starting year, e.g. 2024)`);
  const n = Number(v);
  return n >= 1990 && n <= 2100 ? n : fail(`academic year ${n} out of range 1990–2100`);
};

/** Whole number within bounds. */
export const integer =
  (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): FieldParser<number> =>
  (cell) => {
    const v = cell.trim();
    if (!/^-?\d+$/.test(v)) return fail(`"${cell}" is not a whole number`);
    const n = Number(v);
    return n >= min && n <= max ? n : fail(`${n} is out of range ${min}–${max}`);
  };

/** Decimal number within bounds. */
export const decimal =
  (min: number, max: number): FieldParser<number> =>
  (cell) => {
    const v = cell.trim();
    if (!/^-?\d+(\.\d+)?$/.test(v)) return fail(`"${cell}" is not a number`);
    const n = Number(v);
    return n >= min && n <= max ? n : fail(`${n} is out of range ${min}–${max}`);
  };

/** One of the enum values, spelled as DOMAIN.md spells them. */
export const oneOf =
  <const V extends string>(values: readonly V[]): FieldParser<V> =>
  (cell) =>
    (values as readonly string[]).includes(cell.trim())
      ? (cell.trim() as V)
      : fail(`unknown value "${cell}" (expected one of ${values.join(', ')})`);

/** A `;`-separated list, each item parsed; empty items are dropped. */
export const listOf =
  <T>(item: FieldParser<T>): FieldParser<T[]> =>
  (cell) =>
    cell
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(item);

/** HECoS subject code: 6 digits. */
export const hecosCode: FieldParser<string> = (cell) =>
  /^\d{6}$/.test(cell.trim()) ? cell.trim() : fail(`malformed HECoS code "${cell}" (expected 6 digits)`);

/** UK provider reference number: 8 digits. */
export const ukprn: FieldParser<string> = (cell) =>
  /^\d{8}$/.test(cell.trim()) ? cell.trim() : fail(`malformed UKPRN "${cell}" (expected 8 digits)`);

/** Teaching School Hub area code: letters then digits, e.g. `EE3`, `L10`, `YH10`. */
export const hubAreaCode: FieldParser<string> = (cell) =>
  /^[A-Z]{1,3}\d{1,3}$/.test(cell.trim()) ? cell.trim() : fail(`malformed hub area code "${cell}" (expected letters then digits, e.g. EE3)`);
