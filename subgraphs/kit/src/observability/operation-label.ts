/**
 * Operation names come from clients, so as metric labels and log fields they are bounded: only names of operations
 * that passed validation are ever given here; a long run of digits (which could be an identifier such as a TRN) is
 * masked; a name is cut to MAX_NAME_LENGTH; and once `limit` distinct names are known, any new one is counted as
 * `other`. Never an operation's variables or document.
 */
export const MAX_NAME_LENGTH = 64;
export const OTHER_OPERATION = 'other';
/** An operation without a name (`{ ... }`). */
export const ANONYMOUS_OPERATION = 'anonymous';
/** A request that did not reach a validated operation (parse or validation error, refused before GraphQL, not GraphQL). */
export const NO_OPERATION = 'none';

export class OperationLabels {
  private readonly known = new Set<string>();
  private readonly limit: number;

  constructor(limit = 200) {
    this.limit = limit;
  }

  /** The label for a validated operation's name. */
  of(name: string | null | undefined): string {
    if (!name) return ANONYMOUS_OPERATION;
    const label = safeOperationName(name);
    if (this.known.has(label)) return label;
    if (this.known.size >= this.limit) return OTHER_OPERATION;
    this.known.add(label);
    return label;
  }
}

/** A GraphQL name (letters, digits, `_`) with runs of 5+ digits masked and cut to MAX_NAME_LENGTH. */
export function safeOperationName(name: string): string {
  return name
    .replace(/[^A-Za-z0-9_]/g, '_')
    .replace(/\d{5,}/g, (digits) => '#'.repeat(Math.min(digits.length, 8)))
    .slice(0, MAX_NAME_LENGTH);
}

/** An error code as a label: UPPER_SNAKE codes as they are, anything else `OTHER`. */
export function safeErrorCode(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,47}$/.test(code) ? code : 'OTHER';
}
