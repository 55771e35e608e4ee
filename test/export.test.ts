import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import type { DemoDataset } from '../scripts/src/demo-data/types.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * Export of query results (gateway/src/export/): the same POST as /graphql with Accept: text/csv or
 * application/x-ndjson, through the real gateway over four real subgraphs loaded with the small demo dataset, each
 * export compared with the JSON answer to the same request.
 */
const operation = (file: string) => readFileSync(join(import.meta.dirname, '../schema/operations', file), 'utf8');
const CSV = 'text/csv';
const NDJSON = 'application/x-ndjson';
/** Names that need quoting (comma, quotes, a line break) or are not ASCII, given to the three first schools by URN. */
const AWKWARD_NAMES = ['St Mary\'s, "Upper" School', 'Ysgol Gymraeg\r\nAnnexe', 'Zoë Ōtaki Ñandú — 学校'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Answer {
  status: number;
  headers: Headers;
  /** The body as sent (a byte order mark kept). */
  text: string;
}

let data: DemoDataset;
let fed: TestFederation;
let analyst: string;
let admin: string;

beforeAll(async () => {
  analyst = await tokenFor(PERSONAS['national-analyst']);
  admin = await tokenFor(PERSONAS.admin);
  data = generateDemoData({ size: 'small', seed: 1 });
  const byUrn = [...data['schools.csv']].sort((a, b) => a.urn.localeCompare(b.urn));
  AWKWARD_NAMES.forEach((name, i) => {
    byUrn[i].name = name;
  });
  const folder = mkdtempSync(join(tmpdir(), 'tdg-export-'));
  await writeDemoData(data, folder);
  fed = await startFederation(folder);
});
afterAll(() => fed?.close());

async function post(accept: string, query: string, variables: Record<string, unknown> = {}, operationName?: string, token?: string, search = ''): Promise<Answer> {
  const response = await fetch(fed.gatewayUrl + search, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, headers: response.headers, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

/** The JSON answer to the same request (errors must be absent for an export to be compared with it). */
async function json(query: string, variables: Record<string, unknown>, operationName: string | undefined, token?: string) {
  const answer = await post('application/json', query, variables, operationName, token);
  expect(answer.status).toBe(200);
  const body = JSON.parse(answer.text) as { data: Record<string, Json>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const csvRecords = (text: string) => parseCsv(text, { columns: true, bom: true, relax_column_count: false }) as Record<string, string>[];
const ndjsonLines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Json);
const at = (value: Json, path: string) => path.split('.').reduce<Json>((v, k) => (v as Record<string, Json> | null)?.[k] ?? null, value);

/** An item's leaves by dotted path, as the CSV writes them (for items without nested lists of objects). */
function leaves(value: Json, prefix = ''): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { [prefix]: value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value) };
  return Object.assign({}, ...Object.entries(value).map(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)));
}

/** Exports one operation as CSV and as JSON Lines and checks both against its JSON answer: one row per item of `path`. */
async function exportsMatchJson(file: string, variables: Record<string, unknown>, operationName: string, token: string, path?: string) {
  const query = operation(file);
  const expected = await json(query, variables, operationName, token);
  const items = path === undefined ? [expected] : (at(expected, path) as Json[]);
  expect(items.length).toBeGreaterThan(0);
  const search = path && file === 'golden-thread.graphql' ? `?path=${path}` : '';
  const csv = await post(CSV, query, variables, operationName, token, search);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
  expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${operationName}${search ? `-${path}` : ''}.csv"`);
  expect(csvRecords(csv.text)).toEqual(items.map((item) => leaves(item)));
  const ndjson = await post(NDJSON, query, variables, operationName, token, search);
  expect(ndjson.status).toBe(200);
  expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
  expect(ndjsonLines(ndjson.text)).toEqual(items);
  return { expected, csv };
}

describe('the five questions as CSV and JSON Lines, equal to the JSON answer', () => {
  test('1. regional overview: one row per local authority', async () => {
    const { csv } = await exportsMatchJson('regional-overview.graphql', { regionCode: 'A', academicYear: 2023 }, 'RegionalOverview', analyst, 'region.localAuthorities');
    expect(csv.text.split('\r\n')[0]).toBe(
      'code,name,openSchoolCount,ittEngagement.schoolsHostingPlacements,ittEngagement.placements,ittEngagement.trainees,inductionEngagement.schoolsWithEcts,inductionEngagement.ects,npqEngagement.schoolsWithParticipants,npqEngagement.enrolments,hubEngagement.schoolsParticipating,hubEngagement.participations,hubEngagement.teachers',
    );
  });

  test('2. cold spots of a region and of a local authority: one row per school', async () => {
    await exportsMatchJson('cold-spots.graphql', { regionCode: 'B', fromYear: 2021, toYear: 2024, first: 30 }, 'ColdSpots', analyst, 'region.coldSpots.schools');
    await exportsMatchJson('cold-spots.graphql', { laCode: '808', fromYear: 2023, toYear: 2023 }, 'LocalAuthorityColdSpots', analyst, 'localAuthority.coldSpots.schools');
  });

  test('3. growing our own: no list, the whole answer is one row', async () => {
    await exportsMatchJson('growing-our-own.graphql', { scittId: '70245', academicYear: 2022 }, 'GrowingOurOwn', analyst);
  });

  test('4. golden thread of a school: several lists, one chosen with ?path=', async () => {
    const inductions = new Map<string, number>();
    for (const i of data['ect-inductions.csv']) inductions.set(i.school_urn, (inductions.get(i.school_urn) ?? 0) + 1);
    const urn = [...inductions].sort((a, b) => b[1] - a[1])[0][0];
    await exportsMatchJson('golden-thread.graphql', { urn }, 'SchoolGoldenThread', admin, 'school.ectInductions');
    const ambiguous = await post(CSV, operation('golden-thread.graphql'), { urn }, 'SchoolGoldenThread', admin);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.headers.get('content-type')).toMatch(/^application\/json/);
    const { errors } = JSON.parse(ambiguous.text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(errors).toEqual([{ message: expect.stringContaining('school.partnerScitts, school.placements, school.ectInductions'), extensions: { code: 'EXPORT_PATH_REQUIRED' } }]);
    expect(errors[0].message).toContain('?path=school.partnerScitts');
  });

  test('5. support and engagement: one row per support episode, the school repeated on each', async () => {
    const query = operation('support-and-engagement.graphql');
    const variables = { regionCode: 'E', academicYear: 2023 };
    const expected = await json(query, variables, 'SupportAndEngagement', analyst);
    type Supported = { urn: string; ectCount: number; localAuthority: { code: string }; supportReceived: { id: string; supportingSchool: { urn: string } | null }[] };
    const schools = at(expected, 'region.schoolsReceivingSupport') as unknown as Supported[];
    expect(schools.length).toBeGreaterThan(0);
    const csv = await post(CSV, query, variables, 'SupportAndEngagement', analyst);
    expect(csv.status).toBe(200);
    const rows = csvRecords(csv.text);
    expect(rows.map((r) => [r.urn, r['localAuthority.code'], r.ectCount, r['supportReceived.id'], r['supportReceived.supportingSchool.urn']])).toEqual(
      schools.flatMap((s) => s.supportReceived.map((e) => [s.urn, s.localAuthority.code, String(s.ectCount), e.id, e.supportingSchool?.urn ?? ''])),
    );
    const ndjson = await post(NDJSON, query, variables, 'SupportAndEngagement', analyst);
    expect(ndjsonLines(ndjson.text)).toEqual(schools);
  });
});

describe('CSV as RFC 4180 says, UTF-8', () => {
  const query = '{ schools(first: 4, orderBy: URN) { nodes { urn name localAuthority { name } } } }';

  test('commas, quotes, line breaks and non-ASCII names quoted and read back whole', async () => {
    const csv = await post(CSV, query);
    expect(csv.status).toBe(200);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('urn,name,localAuthority.name');
    expect(csv.text).toContain(',"St Mary\'s, ""Upper"" School",');
    expect(csv.text).toContain(',"Ysgol Gymraeg\r\nAnnexe",');
    expect(csv.text).toContain(',Zoë Ōtaki Ñandú — 学校,');
    expect(csv.text.endsWith('\r\n')).toBe(true);
    expect(csvRecords(csv.text).map((r) => r.name)).toEqual([...AWKWARD_NAMES, expect.any(String)]);
    expect(Buffer.from(csv.text, 'utf8').includes(Buffer.from('学校', 'utf8'))).toBe(true);
    const withBom = await post(CSV, query, {}, undefined, undefined, '?bom=1');
    expect(withBom.text.startsWith('\uFEFFurn,name')).toBe(true);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="export.csv"');
  });

  test('JSON Lines: one line per item, names escaped as JSON', async () => {
    const ndjson = await post(NDJSON, query);
    expect(ndjson.text.split('\n')).toHaveLength(5);
    expect((ndjsonLines(ndjson.text) as { name: string }[]).slice(0, 3).map((s) => s.name)).toEqual(AWKWARD_NAMES);
  });

  test('a plain GraphQL request is untouched: Accept */* or JSON first answers JSON', async () => {
    for (const accept of ['*/*', 'application/json, text/csv;q=0.5', 'application/graphql-response+json']) {
      const answer = await post(accept, query);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/json/);
      expect(JSON.parse(answer.text).data.schools.nodes).toHaveLength(4);
    }
  });
});

describe('the path parameter', () => {
  const query = 'query Two { regions { code name } localAuthorities(regionCode: "A") { code name region { code } } }';

  test('names the list to export; without it, several lists answer 400 naming them', async () => {
    const expected = await json(query, {}, 'Two');
    const las = await post(CSV, query, {}, undefined, undefined, '?path=localAuthorities');
    expect(las.status).toBe(200);
    expect(las.headers.get('content-disposition')).toBe('attachment; filename="Two-localAuthorities.csv"');
    expect(csvRecords(las.text)).toEqual((expected.localAuthorities as Json[]).map((la) => leaves(la)));
    const none = await post(CSV, query);
    expect(none.status).toBe(400);
    expect(JSON.parse(none.text)).toEqual({
      errors: [{ message: 'The result has 2 lists (regions, localAuthorities): name the one to export with the path parameter, e.g. ?path=regions', extensions: { code: 'EXPORT_PATH_REQUIRED' } }],
    });
  });

  test('a path not in the query, or naming a leaf, answers 400 with the lists there are', async () => {
    const unknown = await post(NDJSON, query, {}, undefined, undefined, '?path=schools');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).errors[0]).toEqual({
      message: 'path=schools: the query asks for no field "schools" (its lists: regions, localAuthorities)',
      extensions: { code: 'EXPORT_PATH_UNKNOWN' },
    });
    const leaf = await post(CSV, query, {}, undefined, undefined, '?path=regions.code');
    expect(leaf.status).toBe(400);
    expect(JSON.parse(leaf.text).errors[0].extensions.code).toBe('EXPORT_PATH_CROSSES_LIST');
    const malformed = await post(CSV, query, {}, undefined, undefined, '?path=a..b');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  test('an unknown id on the way: a header row and no rows', async () => {
    const csv = await post(CSV, operation('regional-overview.graphql'), { regionCode: 'Z', academicYear: 2023 }, 'RegionalOverview', analyst, '?path=region.localAuthorities');
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/^code,name,openSchoolCount,[^\r\n]+\r\n$/);
  });
});

describe('errors stay GraphQL errors, with a 4xx/5xx status', () => {
  test('bad arguments: 400 with the JSON errors', async () => {
    const query = operation('cold-spots.graphql');
    const variables = { regionCode: 'A', fromYear: 2024, toYear: 2021 };
    const asJson = await post('application/json', query, variables, 'ColdSpots', analyst);
    const csv = await post(CSV, query, variables, 'ColdSpots', analyst);
    expect(csv.status).toBe(400);
    expect(csv.headers.get('content-type')).toMatch(/^application\/json/);
    expect(csv.headers.get('content-disposition')).toBeNull();
    expect(JSON.parse(csv.text)).toEqual(JSON.parse(asJson.text));
    expect(JSON.parse(csv.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('an invalid query: 400 as for JSON', async () => {
    const csv = await post(CSV, '{ region(code: "A") { nope } }');
    expect(csv.status).toBe(400);
    expect(JSON.parse(csv.text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const syntax = await post(NDJSON, '{ region(');
    expect(syntax.status).toBe(400);
    expect(JSON.parse(syntax.text).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  test('a mutation is not exported (406), and does not run', async () => {
    const open = data['schools.csv'].find((s) => s.status === 'OPEN')!;
    const csv = await post(CSV, 'mutation Close($urn: ID!) { setSchoolStatus(urn: $urn, status: CLOSED) { urn } }', { urn: open.urn }, undefined, admin);
    expect(csv.status).toBe(406);
    expect(JSON.parse(csv.text).errors[0].extensions.code).toBe('NOT_ACCEPTABLE');
    expect(await json('query S($urn: ID!) { school(urn: $urn) { status } }', { urn: open.urn }, undefined)).toEqual({ school: { status: 'OPEN' } });
  });
});

describe('access rules exactly as for JSON', () => {
  const query = operation('regional-overview.graphql');
  const variables = { regionCode: 'B', academicYear: 2023 };

  test.each([
    ['anonymous', undefined, 401, 'UNAUTHENTICATED'],
    ['a regional analyst of another region', 'regional-analyst', 403, 'FORBIDDEN'],
  ])('%s: the partial answer refused whole, with the errors JSON gives', async (_who, persona, status, code) => {
    const token = persona ? await tokenFor(PERSONAS[persona]) : undefined;
    const asJson = await post('application/json', query, variables, 'RegionalOverview', token);
    const body = JSON.parse(asJson.text) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toContain(code);
    for (const accept of [CSV, NDJSON]) {
      const answer = await post(accept, query, variables, 'RegionalOverview', token);
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(answer.text)).toEqual(body);
    }
  });

  test('a bad token: 401 before anything runs; the rate limit counts exports', async () => {
    const refused = await post(CSV, '{ regions { code } }', {}, undefined, 'not-a-token');
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const counted = await post(CSV, '{ regions { code } }', {}, undefined, analyst);
    expect(Number(counted.headers.get('x-ratelimit-remaining'))).toBeLessThan(Number(counted.headers.get('x-ratelimit-limit')));
  });
});

test('a large list is streamed: chunked transfer, written row by row', async () => {
  const query = 'query AllSchools { schools(first: 500) { totalCount nodes { urn name phase status localAuthority { code name region { code name } } } } }';
  const body = JSON.stringify({ query });
  const url = new URL(fed.gatewayUrl);
  // A raw HTTP/1.1 exchange, to see the chunks of the transfer encoding as the gateway wrote them.
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(Number(url.port), '127.0.0.1', () => {
      socket.write(
        [
          `POST ${url.pathname} HTTP/1.1`,
          `Host: ${url.host}`,
          'Content-Type: application/json',
          `Accept: ${CSV}`,
          `Authorization: Bearer ${analyst}`,
          `Content-Length: ${Buffer.byteLength(body)}`,
          'Connection: close',
          '',
          body,
        ].join('\r\n'),
      );
    });
    const parts: Buffer[] = [];
    socket.on('data', (d) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
  });
  const headerEnd = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, headerEnd).toString('latin1');
  expect(head).toMatch(/^HTTP\/1\.1 200/);
  expect(head).toMatch(/\r\ntransfer-encoding: chunked/i);
  expect(head).not.toMatch(/\r\ncontent-length:/i);
  const chunks: Buffer[] = [];
  for (let at = headerEnd + 4; ; ) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) break;
    chunks.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  const rows = csvRecords(Buffer.concat(chunks).toString('utf8'));
  expect(rows).toHaveLength(Math.min(500, data['schools.csv'].length));
  expect(rows.length).toBeGreaterThan(100);
  // Many chunks, not one buffer: the CSV was never whole in the gateway's memory.
  expect(chunks.length).toBeGreaterThan(rows.length / 10);
});
