import type { Identity } from '@tdg/kit/auth/identity';
import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { localAuthorities } from './index.ts';
import { ANALYST_A, NATIONAL, SCITT_STAFF, STAFF_808, STAFF_873, writeTestFolder } from './test-support.ts';

/**
 * Writes of the local-authorities subgraph: each mutation allowed to the LA concerned and administrators, validated as
 * the load validates, one transaction with its audit entry, idempotent; a refused or rejected write changes nothing
 * (every table, the audit trail included, is compared before and after).
 */
const TABLES = ['region', 'local_authority', 'school', 'support_episode', 'network', 'network_member', 'audit_entry'];

type Result = Awaited<ReturnType<typeof graphql>>;

describe('local-authorities mutations', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(localAuthorities, writeTestFolder('la-mutations-'));
  });
  afterAll(() => sg?.close());

  /** Row count and content hash of every table. */
  async function fingerprint(): Promise<Record<string, string>> {
    const connection = sg.orm.em.fork().getConnection();
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const [row] = await connection.execute<{ n: number; h: string }[]>(
        `select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from "${table}" t`,
      );
      out[table] = `${row.n}:${row.h}`;
    }
    return out;
  }

  const auditCount = async () => (await fingerprint()).audit_entry.split(':')[0];

  const run = (query: string, variables: Record<string, unknown>, identity: Identity | null = STAFF_808) => graphql(sg.url, query, variables, identity);

  /** Runs a write that must be refused, and checks the error and that no table changed. */
  async function refused(query: string, variables: Record<string, unknown>, identity: Identity | null, code: string, field?: string): Promise<Result> {
    const before = await fingerprint();
    const res = await run(query, variables, identity);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (field !== undefined) expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(await fingerprint()).toEqual(before);
    return res;
  }

  /** The newest audit entry, as an administrator reads it. */
  async function lastAudit(): Promise<Record<string, unknown>> {
    const res = await graphql<{ localAuthoritiesAuditLog: Record<string, unknown>[] }>(
      sg.url,
      '{ localAuthoritiesAuditLog(first: 1) { actorSubject actorOrganisation actorRoles source operation entityType entityId organisation before after at } }',
    );
    expect(res.errors).toBeUndefined();
    return res.data!.localAuthoritiesAuditLog[0];
  }

  describe('registerSchool', () => {
    const REGISTER = `mutation($input: RegisterSchoolInput!) { registerSchool(input: $input) { urn name status localAuthority { code } percentageFsm } }`;
    const school = {
      urn: '100010',
      name: 'Delta Primary',
      laCode: '808',
      phase: 'PRIMARY',
      typeGroup: 'ACADEMY',
      status: 'PROPOSED_TO_OPEN',
      statutoryLowAge: 4,
      statutoryHighAge: 11,
      percentageFsm: 21.5,
      postcode: 'TS18 1AA',
    };

    test('the LA registers a school, with an audit entry of who, when and what', async () => {
      const started = Date.now();
      const res = await run(REGISTER, { input: school });
      expect(res.errors).toBeUndefined();
      expect(res.data?.registerSchool).toEqual({ urn: '100010', name: 'Delta Primary', status: 'PROPOSED_TO_OPEN', localAuthority: { code: '808' }, percentageFsm: 21.5 });
      const entry = await lastAudit();
      expect(entry).toMatchObject({
        actorSubject: 'staff-808',
        actorOrganisation: 'la:808',
        actorRoles: ['ORG_STAFF'],
        source: 'GRAPHQL',
        operation: 'registerSchool',
        entityType: 'School',
        entityId: '100010',
        organisation: 'la:808',
        before: null,
      });
      expect(JSON.parse(String(entry.after))).toMatchObject({ urn: '100010', laCode: '808', status: 'PROPOSED_TO_OPEN', percentageFsm: 21.5, numberOfPupils: null });
      expect(Date.parse(String(entry.at))).toBeGreaterThanOrEqual(started - 5000);
      const read = await graphql(sg.url, '{ school(urn: "100010") { name region { code } } }', {}, null);
      expect(read.data).toEqual({ school: { name: 'Delta Primary', region: { code: 'A' } } });
    });

    test('a retry returns the same school without a second change', async () => {
      const before = await fingerprint();
      const res = await run(REGISTER, { input: school });
      expect(res.errors).toBeUndefined();
      expect(res.data?.registerSchool).toMatchObject({ urn: '100010', name: 'Delta Primary' });
      expect(await fingerprint()).toEqual(before);
    });

    test('the same URN with different details is refused', async () => {
      const res = await refused(REGISTER, { input: { ...school, name: 'Another name' } }, STAFF_808, 'BAD_USER_INPUT', 'input.urn');
      expect(res.errors?.[0].message).toMatch(/already in the register with a different name/);
    });

    test.each([
      ['malformed URN', { urn: '12-34' }, 'input.urn', /malformed URN/],
      ['malformed LA code', { laCode: '8080' }, 'input.laCode', /malformed LA code/],
      ['empty name', { name: '' }, 'input.name', /required/],
      ['ages in the wrong order', { statutoryLowAge: 11, statutoryHighAge: 4 }, 'input.statutoryHighAge', /below statutory_low_age/],
      ['FSM above 100', { percentageFsm: 120 }, 'input.percentageFsm', /out of range/],
      ['postcode too long', { postcode: 'TS18 1AA EXTRA' }, 'input.postcode', /longer than 10/],
      ['unknown LA', { laCode: '999' }, 'input.laCode', /no such local authority/],
    ])('%s: BAD_USER_INPUT naming the field, nothing changed', async (_, change, field, reason) => {
      const res = await refused(REGISTER, { input: { ...school, urn: '100011', ...change } }, TEST_ADMIN, 'BAD_USER_INPUT', field);
      expect(res.errors?.[0].message).toMatch(reason);
    });

    test('every problem of an input is listed', async () => {
      const res = await refused(REGISTER, { input: { ...school, urn: 'x', laCode: 'y', percentageFsm: -1 } }, TEST_ADMIN, 'BAD_USER_INPUT', 'input.urn');
      expect(((res.errors?.[0].extensions?.problems ?? []) as { field: string }[]).map((p) => p.field)).toEqual(['input.urn', 'input.laCode', 'input.percentageFsm']);
    });

    test('an unknown enum value is refused by the schema (BAD_USER_INPUT naming input.phase), nothing changed', async () => {
      const res = await refused(REGISTER, { input: { ...school, urn: '100011', phase: 'KINDERGARTEN' } }, STAFF_808, 'BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/input\.phase/);
    });

    test('staff of another LA: FORBIDDEN, nothing changed', async () => {
      const res = await refused(REGISTER, { input: { ...school, urn: '100011' } }, STAFF_873, 'FORBIDDEN');
      expect(res.errors?.[0].message).toMatch(/la:808/);
    });

    test.each([
      ['a regional analyst', ANALYST_A, 'FORBIDDEN'],
      ['a national analyst', NATIONAL, 'FORBIDDEN'],
      ['a SCITT’s staff', SCITT_STAFF, 'FORBIDDEN'],
      ['an anonymous caller', null, 'UNAUTHENTICATED'],
    ])('%s: refused, nothing changed', async (_, identity, code) => {
      await refused(REGISTER, { input: { ...school, urn: '100011' } }, identity, code);
    });

    test('concurrent retries of a first registration make one school and one audit entry', async () => {
      const before = Number(await auditCount());
      const input = { ...school, urn: '100020', name: 'Zeta Primary' };
      const results = await Promise.all(Array.from({ length: 6 }, () => run(REGISTER, { input })));
      for (const res of results) {
        expect(res.errors).toBeUndefined();
        expect(res.data?.registerSchool).toMatchObject({ urn: '100020' });
      }
      expect(Number(await auditCount())).toBe(before + 1);
    });

    test('an administrator registers in any LA', async () => {
      const res = await run(REGISTER, { input: { ...school, urn: '200010', laCode: '873', name: 'Epsilon Primary' } }, TEST_ADMIN);
      expect(res.errors).toBeUndefined();
      expect(await lastAudit()).toMatchObject({ actorSubject: 'test-admin', organisation: 'la:873', entityId: '200010' });
    });
  });

  describe('setSchoolStatus', () => {
    const SET = `mutation($urn: ID!, $status: SchoolStatus!) { setSchoolStatus(urn: $urn, status: $status) { urn status } }`;

    test('opens a school, recording before and after', async () => {
      const res = await run(SET, { urn: '100010', status: 'OPEN' });
      expect(res.errors).toBeUndefined();
      expect(res.data?.setSchoolStatus).toEqual({ urn: '100010', status: 'OPEN' });
      const entry = await lastAudit();
      expect(entry).toMatchObject({ operation: 'setSchoolStatus', entityId: '100010', organisation: 'la:808' });
      expect(JSON.parse(String(entry.before)).status).toBe('PROPOSED_TO_OPEN');
      expect(JSON.parse(String(entry.after)).status).toBe('OPEN');
    });

    test('setting the same status again is a no-op', async () => {
      const before = await fingerprint();
      const res = await run(SET, { urn: '100010', status: 'OPEN' });
      expect(res.data?.setSchoolStatus).toEqual({ urn: '100010', status: 'OPEN' });
      expect(await fingerprint()).toEqual(before);
    });

    test('unknown or malformed URN: BAD_USER_INPUT on urn', async () => {
      await refused(SET, { urn: '999999', status: 'CLOSED' }, TEST_ADMIN, 'BAD_USER_INPUT', 'urn');
      await refused(SET, { urn: 'abc', status: 'CLOSED' }, TEST_ADMIN, 'BAD_USER_INPUT', 'urn');
    });

    test('staff of another LA may not close the school; the owning LA may', async () => {
      await refused(SET, { urn: '100010', status: 'CLOSED' }, STAFF_873, 'FORBIDDEN');
      await refused(SET, { urn: '100010', status: 'CLOSED' }, null, 'UNAUTHENTICATED');
      const res = await run(SET, { urn: '100010', status: 'CLOSED' });
      expect(res.data?.setSchoolStatus).toEqual({ urn: '100010', status: 'CLOSED' });
    });
  });

  describe('updateSchool', () => {
    const UPDATE = `mutation($urn: ID!, $input: UpdateSchoolInput!) { updateSchool(urn: $urn, input: $input) {
      urn name numberOfPupils ofstedRating trustName statutoryLowAge statutoryHighAge } }`;

    test('sets the fields given, clears those given as null, keeps the rest', async () => {
      const res = await run(UPDATE, { urn: '100001', input: { numberOfPupils: 320, ofstedRating: 'GOOD', trustName: null } });
      expect(res.errors).toBeUndefined();
      expect(res.data?.updateSchool).toEqual({
        urn: '100001',
        name: 'Alpha Primary',
        numberOfPupils: 320,
        ofstedRating: 'GOOD',
        trustName: null,
        statutoryLowAge: 4,
        statutoryHighAge: 11,
      });
      const entry = await lastAudit();
      expect(entry).toMatchObject({ operation: 'updateSchool', entityId: '100001' });
      expect(JSON.parse(String(entry.before))).toMatchObject({ numberOfPupils: null, trustName: 'North Trust' });
      expect(JSON.parse(String(entry.after))).toMatchObject({ numberOfPupils: 320, trustName: null });
    });

    test('repeating the update changes nothing more', async () => {
      const before = await fingerprint();
      const res = await run(UPDATE, { urn: '100001', input: { numberOfPupils: 320, ofstedRating: 'GOOD', trustName: null } });
      expect(res.errors).toBeUndefined();
      expect(await fingerprint()).toEqual(before);
    });

    test('validation: a required detail cannot be cleared; ages checked against the stored ones', async () => {
      await refused(UPDATE, { urn: '100001', input: { name: null } }, STAFF_808, 'BAD_USER_INPUT', 'input.name');
      const res = await refused(UPDATE, { urn: '100001', input: { statutoryHighAge: 3 } }, STAFF_808, 'BAD_USER_INPUT', 'input.statutoryHighAge');
      expect(res.errors?.[0].message).toMatch(/below statutory_low_age/);
      await refused(UPDATE, { urn: '100001', input: { numberOfPupils: -5 } }, STAFF_808, 'BAD_USER_INPUT', 'input.numberOfPupils');
      await refused(UPDATE, { urn: '100001', input: { ofstedRating: 'EXCELLENT' } }, STAFF_808, 'BAD_USER_INPUT');
      await refused(UPDATE, { urn: '999999', input: { name: 'X' } }, STAFF_808, 'BAD_USER_INPUT', 'urn');
    });

    test('staff of another LA: FORBIDDEN; analysts: FORBIDDEN', async () => {
      await refused(UPDATE, { urn: '100001', input: { name: 'Renamed' } }, STAFF_873, 'FORBIDDEN');
      await refused(UPDATE, { urn: '100001', input: { name: 'Renamed' } }, ANALYST_A, 'FORBIDDEN');
    });
  });

  describe('recordSupportEpisode and endSupportEpisode', () => {
    const RECORD = `mutation($input: RecordSupportEpisodeInput!) { recordSupportEpisode(input: $input) {
      id supportedSchool { urn } supportingSchool { urn } supportType category startedOn endedOn } }`;
    const END = `mutation($id: ID!, $endedOn: String!) { endSupportEpisode(id: $id, endedOn: $endedOn) { id startedOn endedOn } }`;
    const episode = {
      episodeId: 'EP-2',
      supportedUrn: '100001',
      supportingUrn: '200001',
      supportType: 'SLE',
      category: 'LEADERSHIP_CAPACITY',
      startedOn: '2023-09-01',
    };

    test('the supported school’s LA records an episode (support may come from another LA)', async () => {
      const res = await run(RECORD, { input: episode });
      expect(res.errors).toBeUndefined();
      expect(res.data?.recordSupportEpisode).toEqual({
        id: 'EP-2',
        supportedSchool: { urn: '100001' },
        supportingSchool: { urn: '200001' },
        supportType: 'SLE',
        category: 'LEADERSHIP_CAPACITY',
        startedOn: '2023-09-01',
        endedOn: null,
      });
      expect(await lastAudit()).toMatchObject({ operation: 'recordSupportEpisode', entityType: 'SupportEpisode', entityId: 'EP-2', organisation: 'la:808' });
    });

    test('a retry is a no-op; the same id with other data is refused', async () => {
      const before = await fingerprint();
      const res = await run(RECORD, { input: episode });
      expect(res.data?.recordSupportEpisode).toMatchObject({ id: 'EP-2' });
      expect(await fingerprint()).toEqual(before);
      await refused(RECORD, { input: { ...episode, category: 'COASTING' } }, STAFF_808, 'BAD_USER_INPUT', 'input.episodeId');
    });

    test.each([
      ['malformed date', { startedOn: '2023-02-30' }, 'input.startedOn'],
      ['end before start', { endedOn: '2023-08-31' }, 'input.endedOn'],
      ['a school supporting itself', { supportingUrn: '100001' }, 'input.supportingUrn'],
      ['malformed supported URN', { supportedUrn: '1' }, 'input.supportedUrn'],
      ['unknown supported school', { supportedUrn: '999999' }, 'input.supportedUrn'],
      ['unknown supporting school', { supportingUrn: '999998' }, 'input.supportingUrn'],
      ['empty episode id', { episodeId: '' }, 'input.episodeId'],
    ])('%s: BAD_USER_INPUT naming the field, nothing changed', async (_, change, field) => {
      await refused(RECORD, { input: { ...episode, episodeId: 'EP-3', ...change } }, STAFF_808, 'BAD_USER_INPUT', field);
    });

    test('an unknown category is refused by the schema', async () => {
      const res = await refused(RECORD, { input: { ...episode, episodeId: 'EP-3', category: 'FAILING' } }, STAFF_808, 'BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/input\.category/);
    });

    test('the supporting school’s LA does not own the episode: FORBIDDEN', async () => {
      await refused(RECORD, { input: { ...episode, episodeId: 'EP-3' } }, STAFF_873, 'FORBIDDEN');
      await refused(RECORD, { input: { ...episode, episodeId: 'EP-3' } }, null, 'UNAUTHENTICATED');
    });

    test('ends an episode; the same end again is a no-op; another end day or one before the start is refused', async () => {
      await refused(END, { id: 'EP-2', endedOn: '2024-07-31' }, STAFF_873, 'FORBIDDEN');
      await refused(END, { id: 'EP-2', endedOn: '2023-08-01' }, STAFF_808, 'BAD_USER_INPUT', 'endedOn');
      await refused(END, { id: 'EP-2', endedOn: '31/07/2024' }, STAFF_808, 'BAD_USER_INPUT', 'endedOn');
      await refused(END, { id: 'EP-404', endedOn: '2024-07-31' }, STAFF_808, 'BAD_USER_INPUT', 'id');
      const res = await run(END, { id: 'EP-2', endedOn: '2024-07-31' });
      expect(res.errors).toBeUndefined();
      expect(res.data?.endSupportEpisode).toEqual({ id: 'EP-2', startedOn: '2023-09-01', endedOn: '2024-07-31' });
      const entry = await lastAudit();
      expect(entry).toMatchObject({ operation: 'endSupportEpisode', entityId: 'EP-2' });
      expect(JSON.parse(String(entry.before)).endedOn).toBeNull();
      expect(JSON.parse(String(entry.after)).endedOn).toBe('2024-07-31');

      const before = await fingerprint();
      expect((await run(END, { id: 'EP-2', endedOn: '2024-07-31' })).data?.endSupportEpisode).toMatchObject({ endedOn: '2024-07-31' });
      expect(await fingerprint()).toEqual(before);
      await refused(END, { id: 'EP-2', endedOn: '2024-08-31' }, STAFF_808, 'BAD_USER_INPUT', 'endedOn');
    });
  });

  describe('networks', () => {
    const CREATE = `mutation($input: CreateNetworkInput!) { createNetwork(input: $input) { id name kind localAuthority { code } memberCount } }`;
    const ADD = `mutation($n: ID!, $u: ID!) { addNetworkMember(networkId: $n, urn: $u) { id members { urn } } }`;
    const REMOVE = `mutation($n: ID!, $u: ID!) { removeNetworkMember(networkId: $n, urn: $u) { id members { urn } } }`;
    const network = { networkId: 'NET-808-2', laCode: '808', name: 'Stockton CPD leaders', kind: 'CPD_LEADERS' };

    test('the LA creates a network; a retry is a no-op; a different one with the same id is refused', async () => {
      const res = await run(CREATE, { input: network });
      expect(res.errors).toBeUndefined();
      expect(res.data?.createNetwork).toEqual({ id: 'NET-808-2', name: 'Stockton CPD leaders', kind: 'CPD_LEADERS', localAuthority: { code: '808' }, memberCount: 0 });
      expect(await lastAudit()).toMatchObject({ operation: 'createNetwork', entityType: 'Network', entityId: 'NET-808-2', organisation: 'la:808' });
      const before = await fingerprint();
      expect((await run(CREATE, { input: network })).data?.createNetwork).toMatchObject({ id: 'NET-808-2' });
      expect(await fingerprint()).toEqual(before);
      await refused(CREATE, { input: { ...network, kind: 'SENCO' } }, STAFF_808, 'BAD_USER_INPUT', 'input.networkId');
    });

    test('validation and ownership', async () => {
      await refused(CREATE, { input: { ...network, networkId: 'NET-X', laCode: '8' } }, STAFF_808, 'BAD_USER_INPUT', 'input.laCode');
      await refused(CREATE, { input: { ...network, networkId: 'NET-X', laCode: '999' } }, TEST_ADMIN, 'BAD_USER_INPUT', 'input.laCode');
      await refused(CREATE, { input: { ...network, networkId: 'NET-X', name: '   ' } }, STAFF_808, 'BAD_USER_INPUT', 'input.name');
      await refused(CREATE, { input: { ...network, networkId: 'x'.repeat(256) } }, STAFF_808, 'BAD_USER_INPUT', 'input.networkId');
      await refused(CREATE, { input: { ...network, networkId: 'NET-X', kind: 'BOOK_CLUB' } }, STAFF_808, 'BAD_USER_INPUT');
      await refused(CREATE, { input: { ...network, networkId: 'NET-X' } }, STAFF_873, 'FORBIDDEN');
      await refused(CREATE, { input: { ...network, networkId: 'NET-X' } }, NATIONAL, 'FORBIDDEN');
    });

    test('adds and removes members, each once; repeats are no-ops', async () => {
      let res = await run(ADD, { n: 'NET-808-2', u: '100002' });
      expect(res.errors).toBeUndefined();
      expect(res.data?.addNetworkMember).toEqual({ id: 'NET-808-2', members: [{ urn: '100002' }] });
      expect(await lastAudit()).toMatchObject({ operation: 'addNetworkMember', entityType: 'NetworkMember', entityId: 'NET-808-2:100002', before: null });

      let before = await fingerprint();
      res = await run(ADD, { n: 'NET-808-2', u: '100002' });
      expect(res.data?.addNetworkMember).toEqual({ id: 'NET-808-2', members: [{ urn: '100002' }] });
      expect(await fingerprint()).toEqual(before);

      res = await run(REMOVE, { n: 'NET-808-2', u: '100002' });
      expect(res.errors).toBeUndefined();
      expect(res.data?.removeNetworkMember).toEqual({ id: 'NET-808-2', members: [] });
      const entry = await lastAudit();
      expect(entry).toMatchObject({ operation: 'removeNetworkMember', entityId: 'NET-808-2:100002', after: null });

      before = await fingerprint();
      res = await run(REMOVE, { n: 'NET-808-2', u: '100002' });
      expect(res.data?.removeNetworkMember).toEqual({ id: 'NET-808-2', members: [] });
      expect(await fingerprint()).toEqual(before);
    });

    test('membership changes: references, formats and ownership', async () => {
      await refused(ADD, { n: 'NET-404', u: '100002' }, STAFF_808, 'BAD_USER_INPUT', 'networkId');
      await refused(ADD, { n: 'NET-808-2', u: '999999' }, STAFF_808, 'BAD_USER_INPUT', 'urn');
      await refused(ADD, { n: 'NET-808-2', u: 'abc' }, STAFF_808, 'BAD_USER_INPUT', 'urn');
      await refused(ADD, { n: 'NET-808-2', u: '200001' }, STAFF_873, 'FORBIDDEN');
      await refused(REMOVE, { n: 'NET-808-1', u: '100001' }, STAFF_873, 'FORBIDDEN');
      await refused(REMOVE, { n: 'NET-808-1', u: '100001' }, ANALYST_A, 'FORBIDDEN');
      await refused(REMOVE, { n: 'NET-808-1', u: '100001' }, null, 'UNAUTHENTICATED');
    });

    test('several writes in one operation each see what the previous committed', async () => {
      const res = await run(`mutation {
        a: addNetworkMember(networkId: "NET-808-2", urn: "100001") { members { urn } }
        b: addNetworkMember(networkId: "NET-808-2", urn: "100002") { members { urn } }
        c: removeNetworkMember(networkId: "NET-808-2", urn: "100001") { members { urn } }
      }`, {});
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        a: { members: [{ urn: '100001' }] },
        b: { members: [{ urn: '100001' }, { urn: '100002' }] },
        c: { members: [{ urn: '100002' }] },
      });
    });
  });

  describe('localAuthoritiesAuditLog', () => {
    const LOG = `query($first: Int, $type: String) { localAuthoritiesAuditLog(first: $first, entityType: $type) { id organisation operation entityType source } }`;
    type Log = { localAuthoritiesAuditLog: { id: string; organisation: string | null; operation: string; entityType: string; source: string }[] | null };

    test('administrators read every entry, newest first, imports included', async () => {
      const res = await graphql<Log>(sg.url, LOG, { first: 500 });
      expect(res.errors).toBeUndefined();
      const log = res.data!.localAuthoritiesAuditLog!;
      expect(new Set(log.map((e) => e.organisation))).toEqual(new Set(['la:808', 'la:873', null]));
      expect(log.filter((e) => e.source === 'IMPORT').map((e) => e.entityType).sort()).toEqual(
        ['local-authorities.csv', 'network-members.csv', 'networks.csv', 'schools.csv', 'support-episodes.csv'],
      );
      const ids = log.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    test('an LA’s staff read only the entries about their LA’s records', async () => {
      const own = await graphql<Log>(sg.url, LOG, { first: 500 }, STAFF_808);
      expect(own.errors).toBeUndefined();
      expect(own.data!.localAuthoritiesAuditLog!.length).toBeGreaterThan(5);
      expect(own.data!.localAuthoritiesAuditLog!.every((e) => e.organisation === 'la:808')).toBe(true);
      const other = await graphql<Log>(sg.url, LOG, { first: 500 }, STAFF_873);
      expect(other.data!.localAuthoritiesAuditLog!.map((e) => e.organisation)).toEqual(['la:873']);
      const networks = await graphql<Log>(sg.url, LOG, { type: 'Network' }, STAFF_808);
      expect(networks.data!.localAuthoritiesAuditLog!.map((e) => e.operation)).toEqual(['createNetwork']);
    });

    test('analysts: FORBIDDEN; anonymous: UNAUTHENTICATED; first out of range: BAD_USER_INPUT', async () => {
      for (const [identity, code] of [[ANALYST_A, 'FORBIDDEN'], [NATIONAL, 'FORBIDDEN'], [null, 'UNAUTHENTICATED']] as const) {
        const res = await graphql<Log>(sg.url, LOG, {}, identity);
        expect(res.data?.localAuthoritiesAuditLog).toBeNull();
        expect(res.errors?.[0].extensions?.code).toBe(code);
        expect(res.errors?.[0].path).toEqual(['localAuthoritiesAuditLog']);
      }
      expect((await graphql<Log>(sg.url, LOG, { first: 0 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  test('auditCount helper agrees with the log', async () => {
    const res = await graphql<{ localAuthoritiesAuditLog: unknown[] }>(sg.url, '{ localAuthoritiesAuditLog(first: 500) { id } }');
    expect(String(res.data!.localAuthoritiesAuditLog.length)).toBe(await auditCount());
  });
});
