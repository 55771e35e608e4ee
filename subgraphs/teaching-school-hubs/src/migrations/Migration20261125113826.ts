import { Migration } from '@mikro-orm/migrations';

export class Migration20261125113826 extends Migration {

  override name = 'Migration20261125113826';

  override up(): void | Promise<void> {
    this.addSql(`drop index "npq_enrolment_cohort_index";`);
    this.addSql(`drop index "npq_enrolment_school_urn_index";`);
    this.addSql(`create index "npq_enrolment_cohort_school_urn_index" on "npq_enrolment" ("cohort", "school_urn");`);
    this.addSql(`create index "npq_enrolment_school_urn_cohort_index" on "npq_enrolment" ("school_urn", "cohort");`);

    this.addSql(`drop index "ect_induction_academic_year_index";`);
    this.addSql(`drop index "ect_induction_school_urn_index";`);
    this.addSql(`create index "ect_induction_academic_year_school_urn_index" on "ect_induction" ("academic_year", "school_urn");`);
    this.addSql(`create index "ect_induction_school_urn_academic_year_index" on "ect_induction" ("school_urn", "academic_year");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "ect_induction_academic_year_school_urn_index";`);
    this.addSql(`drop index "ect_induction_school_urn_academic_year_index";`);
    this.addSql(`create index "ect_induction_academic_year_index" on "ect_induction" ("academic_year");`);
    this.addSql(`create index "ect_induction_school_urn_index" on "ect_induction" ("school_urn");`);

    this.addSql(`drop index "npq_enrolment_cohort_school_urn_index";`);
    this.addSql(`drop index "npq_enrolment_school_urn_cohort_index";`);
    this.addSql(`create index "npq_enrolment_cohort_index" on "npq_enrolment" ("cohort");`);
    this.addSql(`create index "npq_enrolment_school_urn_index" on "npq_enrolment" ("school_urn");`);
  }

}
