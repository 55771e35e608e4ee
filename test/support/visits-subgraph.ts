import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, type EntityManager, p } from '@mikro-orm/postgresql';
import { AuditEntrySchema } from '@tdg/kit/audit/audit-entry.entity';
import { withDatabase } from '@tdg/kit/database-url';
import { groupedLoader } from '@tdg/kit/loaders';
import { openOrm } from '@tdg/kit/orm';
import { type RunningSubgraph, serveSubgraph } from '@tdg/kit/server';
import { parse } from 'graphql';
import { freePort } from './free-port.ts';
import { TEST_SIGNING_SECRET } from './subgraph-harness.ts';

/** A visit a partner organisation's staff made to a school. */
const VisitSchema = defineEntity({
  name: 'Visit',
  properties: { id: p.integer().primary().autoincrement(), urn: p.string().index(), visitedOn: p.string() },
});

const typeDefs = parse(`
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

"A school of the register (local-authorities); this subgraph adds the visits a partner made to it."
type School @key(fields: "urn") {
  "The school's URN."
  urn: ID!
  "How many visits the partner made to the school."
  partnerVisitCount: Int!
}

"The partner's own root field."
type Query {
  "Every visit the partner recorded."
  partnerVisitTotal: Int!
}
`);

type Visit = { urn: string; visitedOn: string };
type Loaders = { visitsBySchool: ReturnType<typeof groupedLoader<string, Visit>> };

export interface VisitsSubgraph {
  readonly name: string;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A partner's subgraph for tests, built with the kit alone (no code of the four): `School.partnerVisitCount` and
 * `Query.partnerVisitTotal` over its own table in its own database, served signed like every subgraph. It is in no
 * list: a test adds it to a copy of schema/supergraph.yaml (introspected through `subgraph_url`).
 */
export async function startVisitsSubgraph(visits: readonly Visit[], name = 'partner-visits'): Promise<VisitsSubgraph> {
  const server = process.env.TEST_DATABASE_SERVER_URL;
  if (!server) throw new Error('TEST_DATABASE_SERVER_URL is not set: run tests through jest (globalSetup)');
  const orm = await openOrm({
    clientUrl: withDatabase(server, `tdg_test_visits_${process.pid}_${Date.now() % 100000}`),
    entities: [VisitSchema, AuditEntrySchema],
    migrationsPath: mkdtempSync(join(tmpdir(), 'tdg-visits-migrations-')),
  });
  await orm.schema.create();
  const em = orm.em.fork();
  for (const v of visits) em.create(VisitSchema, v);
  await em.flush();
  const running: RunningSubgraph = await serveSubgraph(
    {
      name,
      typeDefs,
      resolvers: {
        Query: { partnerVisitTotal: (_: unknown, __: unknown, ctx: { em: EntityManager }) => ctx.em.count(VisitSchema) },
        School: {
          __resolveReference: (ref: { urn: string }) => ref,
          partnerVisitCount: async (school: { urn: string }, _: unknown, ctx: { loaders: Loaders }) => (await ctx.loaders.visitsBySchool.load(school.urn)).length,
        },
      },
      createLoaders: (requestEm: EntityManager): Loaders => ({
        visitsBySchool: groupedLoader((urns) => requestEm.find(VisitSchema, { urn: { $in: [...urns] } }) as Promise<Visit[]>, (v) => v.urn),
      }),
    },
    { orm, port: await freePort(), signingSecret: TEST_SIGNING_SECRET },
  );
  return {
    name,
    url: running.url,
    close: async () => {
      await running.close();
      await orm.schema.dropDatabase().catch(() => undefined);
      await orm.close();
    },
  };
}
