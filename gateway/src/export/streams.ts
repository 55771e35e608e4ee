import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { columnsOf, type RowSource, rowsOf } from './rows.ts';

/**
 * The rows as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled), UTF-8,
 * with a header row of the columns' dotted paths. Rows are made one item at a time and written by csv-stringify's
 * stream as the client reads them: the CSV is never whole in memory. `bom` starts it with a UTF-8 byte order mark
 * (Excel needs one to read non-ASCII names right).
 */
export function csvStream(source: RowSource, bom: boolean): Readable {
  const columns = columnsOf(source);
  const stringifier = stringify({ header: true, columns, record_delimiter: 'windows', bom });
  const rows = Readable.from(
    (function* () {
      for (const item of source.items) yield* rowsOf(item, source.tree, columns);
    })(),
  );
  // A failure half-way destroys the response: the client sees a broken transfer, never a CSV that looks whole.
  pipeline(rows, stringifier, () => {});
  return stringifier;
}

/** One JSON object per line (JSON Lines), each item of the list exactly as in the JSON answer, nesting kept. */
export function ndjsonStream(source: RowSource): Readable {
  return Readable.from(
    (function* () {
      for (const item of source.items) yield `${JSON.stringify(item)}\n`;
    })(),
  );
}
