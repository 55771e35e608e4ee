/**
 * Example variables of each named operation of schema/operations/: the root README's examples, which
 * test/readme-examples.test.ts runs against the demo data `npm start` loads (DEMO_DATA=region, DEMO_SEED=1) and which
 * all answer with data there (URN 101109 and TRN 1444777 have training, induction, NPQ and hub records). A test
 * (gateway/src/pages/pages.test.ts) keeps these equal to the README's.
 */
export const EXAMPLE_VARIABLES: Readonly<Record<string, Record<string, unknown>>> = {
  RegionalOverview: { regionCode: 'A', academicYear: 2023 },
  ColdSpots: { regionCode: 'A', fromYear: 2021, toYear: 2024 },
  LocalAuthorityColdSpots: { laCode: '808', fromYear: 2021, toYear: 2024 },
  GrowingOurOwn: { scittId: '70245', academicYear: 2022 },
  SchoolGoldenThread: { urn: '101109' },
  TeacherGoldenThread: { trn: '1444777' },
  SupportAndEngagement: { regionCode: 'E', academicYear: 2023 },
};
