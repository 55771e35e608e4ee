import { OTHER_OPERATION, OperationLabels, safeErrorCode, safeOperationName } from './operation-label.ts';
import { sanitizeSql, statementKind } from './sql-observer.ts';
import { requestIdFrom } from './request-id.ts';

test('operation labels are bounded: first names kept, later ones `other`, digit runs masked, length cut', () => {
  const labels = new OperationLabels(3);
  expect(labels.of('RegionalOverview')).toBe('RegionalOverview');
  expect(labels.of(null)).toBe('anonymous');
  expect(labels.of('ColdSpots')).toBe('ColdSpots');
  expect(labels.of('Teacher1234567')).toBe('Teacher#######');
  expect(labels.of('OneTooMany')).toBe(OTHER_OPERATION);
  expect(labels.of('RegionalOverview')).toBe('RegionalOverview');
  expect(safeOperationName('A'.repeat(100))).toHaveLength(64);
  expect(safeOperationName('Year2023')).toBe('Year2023');
});

test('error codes outside UPPER_SNAKE are OTHER', () => {
  expect(safeErrorCode('BAD_USER_INPUT')).toBe('BAD_USER_INPUT');
  expect(safeErrorCode('bad code "x"')).toBe('OTHER');
  expect(safeErrorCode(undefined)).toBe('OTHER');
});

test('SQL text in spans carries no values', () => {
  const sql = "select * from teacher t0 where t0.trn = '1234567' and t0.year = 2023 and t0.id = any(?::int[]) limit $1";
  expect(sanitizeSql(sql)).toBe('select * from teacher t0 where t0.trn = ? and t0.year = ? and t0.id = any(?::int[]) limit $1');
  expect(sanitizeSql("x = 'it''s'")).toBe('x = ?');
  expect(statementKind('  SELECT 1')).toBe('select');
  expect(statementKind('vacuum')).toBe('other');
});

test('a request id is accepted only in the expected shape', () => {
  expect(requestIdFrom('0af7651916cd43dd8448eb211c80319c')).toBe('0af7651916cd43dd8448eb211c80319c');
  expect(requestIdFrom('1234567')).not.toBe('1234567');
  expect(requestIdFrom('has space and more')).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
});
