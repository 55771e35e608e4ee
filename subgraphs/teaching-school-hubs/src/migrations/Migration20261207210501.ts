import { Migration } from '@mikro-orm/migrations';
import { SCHOOL_AREA_TABLE_SQL } from '@tdg/kit/area/school-area';

/**
 * The public URN → LA lookup (`school_area`: urn, la_code, region_code) this subgraph aggregates its records over an
 * LA or region with, loaded from `school-areas.csv` (the kit's `SCHOOL_AREA_TABLE_SQL`).
 */
export class Migration20261207210501 extends Migration {

  override name = 'Migration20261207210501';

  override up(): void | Promise<void> {
    for (const sql of SCHOOL_AREA_TABLE_SQL) this.addSql(sql);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "school_area" cascade;`);
  }

}
