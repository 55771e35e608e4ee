import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { openTestDatabase } from '../../../../test/support/subgraph-harness.ts';
import { teachingSchoolHubs } from '../index.ts';
import { TeachingSchoolHub } from './hub/hub.entity.ts';

/** `writeTransaction` of the kit over this subgraph's database, with a request context of no DataLoaders. */
const createOnce = <T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>) => writeTransaction({ em, loaders: {} }, work);

describe('writeTransaction (createOnce)', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openTestDatabase(teachingSchoolHubs);
    const em = orm.em.fork();
    em.create(TeachingSchoolHub, { id: 'EE3', name: 'Hub', leadSchoolUrn: null, regionCode: 'G' });
    await em.flush();
  });
  afterAll(async () => {
    await orm?.schema.dropDatabase().catch(() => undefined);
    await orm?.close();
  });

  test('runs the write again when its insert lost a race for the natural key (the retry finds the record)', async () => {
    let attempts = 0;
    const result = await createOnce(orm.em.fork(), async (tx) => {
      attempts += 1;
      if (attempts === 1) tx.create(TeachingSchoolHub, { id: 'EE3', name: 'Same key', leadSchoolUrn: null, regionCode: 'G' });
      return attempts;
    });
    expect(result).toBe(2);
    expect((await orm.em.fork().findOneOrFail(TeachingSchoolHub, 'EE3')).name).toBe('Hub');
  });

  test('other failures are not retried', async () => {
    let attempts = 0;
    await expect(
      createOnce(orm.em.fork(), async () => {
        attempts += 1;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(attempts).toBe(1);
  });
});
