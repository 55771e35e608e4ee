import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integer, oneOf, text, urn } from './fields.ts';
import { readCsvFile } from './read-csv.ts';
import type { FileSpec } from './spec.ts';

/** The interchange format's reading rules (DATA-FORMAT.md), independent of any subgraph. */
const spec: FileSpec = {
  file: 'things.csv',
  key: ['urn'],
  columns: [
    { header: 'urn', required: true, parse: urn },
    { header: 'name', required: true, parse: text },
    { header: 'kind', parse: oneOf(['A', 'B']) },
    { header: 'count', parse: integer(0), default: 1 },
  ],
};

const read = (content: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
  writeFileSync(join(dir, 'things.csv'), content);
  return readCsvFile(join(dir, 'things.csv'), spec);
};

test('columns in any order, RFC 4180 quoting (commas, quotes, line breaks in cells), BOM, CRLF, empty cell = null or default', () => {
  const r = read('\uFEFFcount,kind,name,urn\r\n,A,"Smith, ""the"" School",100001\r\n3,,"Two\nLines",100002\r\n');
  expect(r.problems).toEqual([]);
  expect(r.rows).toEqual([
    { line: 2, values: { urn: '100001', name: 'Smith, "the" School', kind: 'A', count: 1 } },
    { line: 3, values: { urn: '100002', name: 'Two\nLines', kind: null, count: 3 } },
  ]);
});

test('a blank line does not shift the lines reported', () => {
  const r = read('urn,name\n100001,A\n\n1,B\n');
  expect(r.problems).toEqual([{ file: 'things.csv', line: 4, column: 'urn', reason: 'malformed URN "1" (expected 6 or more digits)' }]);
});

test('extra columns are ignored with a warning', () => {
  const r = read('urn,name,colour\n100001,A,blue\n');
  expect(r.problems).toEqual([]);
  expect(r.warnings).toEqual(['things.csv:1:colour: unknown column ignored']);
  expect(r.rows[0].values).not.toHaveProperty('colour');
});

test('every bad cell is reported with file, line, column and reason; bad rows are dropped', () => {
  const r = read('urn,name,kind,count\n12a,X,A,1\n100002,,C,-1\n100003,Ok,B,2\n100003,Dup,B,2\n100004,Short\n');
  expect(r.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.reason}`)).toEqual([
    'things.csv:2:urn: malformed URN "12a" (expected 6 or more digits)',
    'things.csv:3:name: required value missing',
    'things.csv:3:kind: unknown value "C" (expected one of A, B)',
    'things.csv:3:count: -1 is out of range 0–9007199254740991',
    'things.csv:5:urn: duplicate id 100003 (first on line 4)',
    'things.csv:6:-: expected 4 cells, found 2',
  ]);
  expect(r.rows.map((x) => x.values.urn)).toEqual(['100003']);
});

test('a missing required column or an empty file is reported on line 1', () => {
  expect(read('urn,kind\n100001,A\n').problems).toEqual([{ file: 'things.csv', line: 1, column: 'name', reason: 'required column missing from the header' }]);
  expect(read('').problems[0]).toMatchObject({ line: 1, reason: expect.stringContaining('empty file') });
});

test('malformed CSV (an unclosed quote) is a problem, not a crash', () => {
  const r = read('urn,name\n100001,"unclosed\n');
  expect(r.problems[0].reason).toMatch(/not valid CSV/);
});
