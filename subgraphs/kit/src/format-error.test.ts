import type { GraphQLFormattedError } from 'graphql';
import { DATABASE_UNAVAILABLE_MESSAGE, fieldOfMessage, formatSubgraphError } from './format-error.ts';

const ENUM_MESSAGE = 'Variable "$input" got invalid value "UNIVERSITY_LED" at "input.route"; Value "UNIVERSITY_LED" does not exist in "TrainingRoute" enum.';

describe('formatSubgraphError', () => {
  test('BAD_USER_INPUT from GraphQL itself (a variable rejected before resolvers run) gets the field its message names', () => {
    const formatted: GraphQLFormattedError = { message: ENUM_MESSAGE, extensions: { code: 'BAD_USER_INPUT' } };
    expect(formatSubgraphError(formatted, undefined, true)).toEqual({ message: ENUM_MESSAGE, extensions: { code: 'BAD_USER_INPUT', field: 'input.route' } });
  });

  test('a field named by the validation itself is kept', () => {
    const formatted: GraphQLFormattedError = { message: 'Invalid input: input.trn: malformed TRN', extensions: { code: 'BAD_USER_INPUT', field: 'input.trn' } };
    expect(formatSubgraphError(formatted, undefined, false)).toBe(formatted);
  });

  test('BAD_USER_INPUT whose message names no path is left as it is', () => {
    const formatted: GraphQLFormattedError = { message: 'Variable "$id" of required type "ID!" was not provided.', extensions: { code: 'BAD_USER_INPUT' } };
    expect(formatSubgraphError(formatted, undefined, false)).toBe(formatted);
  });

  test('other codes are not given a field', () => {
    const formatted: GraphQLFormattedError = { message: 'at "x"', extensions: { code: 'FORBIDDEN' } };
    expect(formatSubgraphError(formatted, undefined, false)).toBe(formatted);
  });

  test('a database outage is DATABASE_UNAVAILABLE; in production an unexpected error says only that it happened', () => {
    const formatted: GraphQLFormattedError = { message: 'connect ECONNREFUSED 127.0.0.1:5432', path: ['schools'] };
    expect(formatSubgraphError(formatted, { originalError: { code: 'ECONNREFUSED' } }, false)).toEqual({
      message: DATABASE_UNAVAILABLE_MESSAGE,
      path: ['schools'],
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(formatSubgraphError({ message: 'select * from secret', path: ['x'] }, undefined, true)).toEqual({
      message: 'Internal server error',
      path: ['x'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

test('fieldOfMessage', () => {
  expect(fieldOfMessage(ENUM_MESSAGE)).toBe('input.route');
  expect(fieldOfMessage('Variable "$input" got invalid value { } at "input.dates[1].from"; Expected type "Date".')).toBe('input.dates[1].from');
  expect(fieldOfMessage('no path here')).toBeNull();
});

test('an outage reported without a code (the server closed the connection), or wrapped by the ORM, is DATABASE_UNAVAILABLE too', () => {
  const formatted: GraphQLFormattedError = { message: 'Connection terminated unexpectedly', path: ['registerSchool'] };
  expect(formatSubgraphError(formatted, { originalError: new Error('Connection terminated unexpectedly') }, true).extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });
  const wrapped = Object.assign(new Error('insert failed'), { cause: { code: '57P01', message: 'terminating connection due to administrator command' } });
  expect(formatSubgraphError(formatted, { originalError: wrapped }, true).extensions).toEqual({ code: 'DATABASE_UNAVAILABLE' });
  expect(formatSubgraphError({ message: 'duplicate key' }, { originalError: { code: '23505' } }, false)).toEqual({ message: 'duplicate key' });
});
