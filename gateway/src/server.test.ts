import { freePort } from '../../test/support/free-port.ts';
import { LEAK, type StubSubgraphs, startStubSubgraphs } from '../../test/support/stub-subgraphs.ts';
import { TEST_SIGNING_SECRET } from '../../test/support/subgraph-harness.ts';
import { PERSONAS, testAuthEnv, tokenFor } from '../../test/support/tokens.ts';
import { loadGatewayConfig, type RunningGateway, startGateway } from './index.ts';

/**
 * The gateway over real HTTP in front of stand-in subgraphs (which check its signature and record the identity it
 * forwards): authentication, per-tier operation limits, the rate limit, introspection, CSRF prevention and what
 * production hides.
 */
let stubs: StubSubgraphs;
const gateways: RunningGateway[] = [];

async function gatewayWith(env: Record<string, string> = {}): Promise<RunningGateway> {
  const gateway = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
      ...stubs.env,
      ...(await testAuthEnv()),
      ...env,
    }),
  );
  gateways.push(gateway);
  return gateway;
}

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(gateway: RunningGateway, query: string, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const codes = (a: Answer) => a.body.errors?.map((e) => e.extensions?.code) ?? [];

let dev: RunningGateway;
let production: RunningGateway;
beforeAll(async () => {
  stubs = await startStubSubgraphs();
  dev = await gatewayWith();
  production = await gatewayWith({ NODE_ENV: 'production' });
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await stubs?.close();
});
beforeEach(() => {
  stubs.calls.length = 0;
});

describe('identity', () => {
  test('no Authorization header: anonymous, and the subgraph receives no identity', async () => {
    const answer = await post(dev, '{ region(code: "A") { code } }');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { region: null } });
    expect(stubs.calls).toEqual([expect.objectContaining({ subgraph: 'local-authorities', identity: null })]);
  });

  test.each(Object.keys(PERSONAS))('the %s persona: its identity reaches the subgraph, signed', async (name) => {
    const answer = await post(dev, '{ scitt(id: "70245") { name } }', await tokenFor(PERSONAS[name]));
    expect(answer.status).toBe(200);
    expect(stubs.calls).toEqual([expect.objectContaining({ subgraph: 'scitts', identity: PERSONAS[name] })]);
  });

  test.each([
    ['an expired token', () => tokenFor(PERSONAS.admin, { expiresIn: -3600 }), /expired/],
    ['a token of another issuer', () => tokenFor(PERSONAS.admin, { issuer: 'elsewhere' }), /not issued by/],
    ['garbage', async () => 'eyJhbGciOiJub25lIn0.e30.', /Invalid bearer token/],
  ])('%s is never anonymous: 401 UNAUTHENTICATED, nothing reaches a subgraph', async (_what, make, message) => {
    const answer = await post(dev, '{ region(code: "A") { code } }', await make());
    expect(answer.status).toBe(401);
    expect(answer.body.data).toBeUndefined();
    expect(codes(answer)).toEqual(['UNAUTHENTICATED']);
    expect(answer.body.errors![0].message).toMatch(message);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(stubs.calls).toEqual([]);
  });

  test('an Authorization header that is not a bearer token: 401', async () => {
    const answer = await post(dev, '{ __typename }', undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(answer.status).toBe(401);
    expect(answer.body.errors![0].message).toMatch(/must be "Bearer <token>"/);
  });
});

describe('operation limits per tier', () => {
  // Deep (8) but cheap: single objects down to one list.
  const deep = '{ scitt(id: "70245") { cohort(academicYear: 2022) { scitt { leadSchool { localAuthority { region { localAuthorities { code } } } } } } } }';
  const aliased = `{ ${Array.from({ length: 8 }, (_, i) => `r${i}: region(code: "A") { code }`).join(' ')} }`;
  const costly = '{ schools(first: 2000) { nodes { urn name localAuthority { code name region { code name } } } } }';

  test.each([
    ['deep', deep, 'DEPTH_LIMIT_EXCEEDED'],
    ['aliased', aliased, 'ALIAS_LIMIT_EXCEEDED'],
    ['costly', costly, 'COST_LIMIT_EXCEEDED'],
    ['huge', `{ schools(filter: { status: [${'OPEN, '.repeat(1200)}] }, first: 1) { totalCount } }`, 'TOKEN_LIMIT_EXCEEDED'],
    ['directive-laden', `{ regions { ${'code @include(if: true) '.repeat(12)} } }`, 'DIRECTIVE_LIMIT_EXCEEDED'],
  ])('a %s operation: refused for anonymous callers with its code, run for an administrator', async (_what, query, code) => {
    const anonymous = await post(dev, query);
    expect(anonymous.status).toBe(400);
    expect(codes(anonymous)).toEqual([code]);
    const admin = await post(dev, query, await tokenFor(PERSONAS.admin));
    expect(admin.status).toBe(200);
    expect(codes(admin).filter((c) => String(c).endsWith('_LIMIT_EXCEEDED'))).toEqual([]);
  });

  test('analysts sit between: a page whose nested lists multiply is refused, a deep one is run', async () => {
    const analyst = await tokenFor(PERSONAS['national-analyst']);
    const fanOut = '{ schools(first: 2000) { nodes { urn supportReceived { id } networks { id } } } }';
    expect(codes(await post(dev, fanOut, analyst))).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(codes(await post(dev, fanOut, await tokenFor(PERSONAS.admin)))).not.toContain('COST_LIMIT_EXCEEDED');
    expect((await post(dev, deep, analyst)).status).toBe(200);
  });

  test('over the cost budget: 400 before any subgraph is called, with the estimate, the budget and which list to page', async () => {
    const issue = '{ regions { localAuthorities { region { localAuthorities { region { localAuthorities { region { localAuthorities { region { code } } } } } } } } } }';
    const answer = await post(production, issue, await tokenFor(PERSONAS['national-analyst']));
    expect(answer.status).toBe(400);
    expect(answer.body.data ?? null).toBeNull();
    const [error] = answer.body.errors!;
    expect(error.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', budget: 20_000 });
    expect(error.extensions!.cost).toBeGreaterThan(1_000_000);
    expect(error.message).toMatch(/over the budget of 20,000 for analysts/);
    expect(error.message).toMatch(/Region\.localAuthorities \(about 35 each, nested or repeated 4 times/);
    expect(stubs.calls).toEqual([]);
    const page = await post(production, '{ schools(first: 5000) { nodes { urn supportReceived { id } localAuthority { name } } } }', await tokenFor(PERSONAS['national-analyst']));
    expect(page.body.errors![0].message).toMatch(/Query\.schools \(5000 asked for\).*`first: \d+` or less fits the budget/);
    expect(stubs.calls).toEqual([]);
  });

  test('the budget is the variable value of first, as a literal would be', async () => {
    const query = 'query Page($n: Int) { schools(first: $n) { nodes { urn supportReceived { id } } } }';
    const ask = (n: number) =>
      fetch(dev.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { n } }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Answer['body'] }));
    expect((await ask(10)).status).toBe(200);
    const refused = await ask(1000);
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: 1 + 1000 * 11, budget: 5000 });
  });

  test('beyond the loosest token limit the document is not even parsed', async () => {
    const answer = await post(dev, `{ schools(filter: { status: [${'OPEN, '.repeat(10_500)}] }, first: 1) { totalCount } }`, await tokenFor(PERSONAS.admin));
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['TOKEN_LIMIT_EXCEEDED']);
  });
});

describe('rate limit per identity', () => {
  test('over the tier limit within a minute: 429 RATE_LIMITED; each identity counts alone; health is exempt', async () => {
    const limited = await gatewayWith({ RATE_LIMIT_PER_MINUTE_ANONYMOUS: '3', RATE_LIMIT_PER_MINUTE_ADMIN: '5' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(limited, '{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post(limited, '{ __typename }');
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors![0].message).toMatch(/3 requests per minute/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const admin = await tokenFor(PERSONAS.admin);
    const adminStatuses = [];
    for (let i = 0; i < 6; i += 1) adminStatuses.push((await post(limited, '{ __typename }', admin)).status);
    expect(adminStatuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Another administrator has a budget of their own.
    expect((await post(limited, '{ __typename }', await tokenFor({ ...PERSONAS.admin, subject: 'another-admin' }))).status).toBe(200);

    const base = limited.url.replace(/\/graphql$/, '');
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  test('refused tokens count against the caller address', async () => {
    const limited = await gatewayWith({ RATE_LIMIT_PER_MINUTE_ANONYMOUS: '2' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(limited, '{ __typename }', 'not.a.token')).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});

describe('introspection', () => {
  const introspection = '{ __schema { queryType { name } } }';

  test('production: refused for anonymous callers, served to signed-in ones', async () => {
    const anonymous = await post(production, introspection);
    expect(anonymous.status).toBe(403);
    expect(codes(anonymous)).toEqual(['INTROSPECTION_DISABLED']);
    expect(anonymous.body.errors![0].message).toMatch(/signed-in users/);
    expect((await post(production, '{ __type(name: "Region") { name } }')).status).toBe(403);
    const signedIn = await post(production, introspection, await tokenFor(PERSONAS['la-staff']));
    expect(signedIn.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    // __typename is not introspection.
    expect((await post(production, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  test('development: served to everyone (the explorer)', async () => {
    expect((await post(dev, introspection)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('CSRF prevention', () => {
  test('a GET or a simple-content-type POST without a preflight header is refused; with one it runs', async () => {
    const get = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/Cross-Site Request Forgery/);
    const simple = await fetch(dev.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(simple.status).toBe(400);
    const preflighted = await fetch(`${dev.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });
});

describe('production hides internals', () => {
  test('no stack trace, SQL or internal message from a failing subgraph', async () => {
    const answer = await post(production, '{ curriculumHubs { id } }', await tokenFor(PERSONAS.admin));
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('select');
    expect(text).not.toContain('curriculum_hub');
    expect(text).not.toContain('stacktrace');
    expect(answer.body.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    // Development shows the message, for debugging.
    expect(JSON.stringify((await post(dev, '{ curriculumHubs { id } }', await tokenFor(PERSONAS.admin))).body)).toContain(LEAK.slice(-30));
  });

  test('no field suggestions in production; limit errors carry no stack trace', async () => {
    const typo = await post(production, '{ region(code: "A") { nam } }');
    expect(typo.body.errors![0].message).not.toMatch(/Did you mean/);
    expect((await post(dev, '{ region(code: "A") { nam } }')).body.errors![0].message).toMatch(/Did you mean "name"/);
    const deep = await post(production, '{ region(code: "A") { localAuthorities { region { localAuthorities { region { localAuthorities { code } } } } } } }');
    expect(deep.body.errors![0].extensions).toEqual({ code: 'DEPTH_LIMIT_EXCEEDED' });
  });

  test('a body over the size limit: 413 in GraphQL shape', async () => {
    const response = await fetch(dev.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(300_000)}` }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TOO_LARGE' } }] });
  });
});
