import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { LoadRejected, importFolder } from '@tdg/kit/load/import-folder';
import { formatProblem } from '@tdg/kit/load/spec';
import { openTestDatabase } from '../../../../test/support/subgraph-harness.ts';
import researchSchools from '../index.ts';

const SAMPLE = new URL('../../sample-data', import.meta.url);
const HEADER = 'research_school_id,name,lead_school_urn,la_code';

/** A copy of the sample folder with `research-schools.csv` replaced by the lines given. */
function folderWith(lines: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'research-schools-load-'));
  cpSync(SAMPLE, folder, { recursive: true });
  writeFileSync(join(folder, 'research-schools.csv'), `${[HEADER, ...lines].join('\n')}\n`);
  return folder;
}

/** Every row of the table, ordered by id. */
const rowsOf = async (orm: MikroORM): Promise<{ id: string; name: string; lead_school_urn: string | null; la_code: string }[]> =>
  orm.em.fork().getConnection().execute('select id, name, lead_school_urn, la_code from research_school order by id');

describe('research-schools import', () => {
  let orm: MikroORM;
  beforeEach(async () => {
    orm = await openTestDatabase(researchSchools);
  });
  afterEach(async () => {
    await orm.schema.dropDatabase().catch(() => undefined);
    await orm.close();
  });

  test('loads the sample folder, and loading it twice gives the same rows', async () => {
    await importFolder(orm, researchSchools.importSpec, new URL('../../sample-data', import.meta.url).pathname);
    const first = await rowsOf(orm);
    expect(first.map((r) => r.id)).toEqual(['RS-1', 'RS-2']);
    await importFolder(orm, researchSchools.importSpec, new URL('../../sample-data', import.meta.url).pathname);
    expect(await rowsOf(orm)).toEqual(first);
  });

  test('a bad row rejects the whole load with file:line:column, and changes nothing', async () => {
    await importFolder(orm, researchSchools.importSpec, folderWith(['A1,Kept,,808']));
    const before = await rowsOf(orm);
    let problems: string[] = [];
    try {
      await importFolder(orm, researchSchools.importSpec, folderWith(['A2,New one,100001,808', 'A3,,12,808', 'A4,Unknown LA,,999']));
    } catch (error) {
      if (!(error instanceof LoadRejected)) throw error;
      problems = error.problems.map(formatProblem);
    }
    expect(problems).toEqual([
      expect.stringMatching(/^research-schools\.csv:3:name: /),
      expect.stringMatching(/^research-schools\.csv:3:lead_school_urn: /),
      expect.stringMatching(/^research-schools\.csv:4:la_code: /),
    ]);
    expect(await rowsOf(orm)).toEqual(before);
  });
});
