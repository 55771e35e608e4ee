/** The query and the same shape through the graph's other cycles: refused for every tier. */
export const CYCLES: readonly (readonly [string, string])[] = [
  ['region → localAuthorities → region', '{ regions { localAuthorities { region { localAuthorities { region { localAuthorities { region { localAuthorities { region { code } } } } } } } } } }'],
  ['localAuthority → curriculumHubs → localAuthorities', '{ localAuthorities { curriculumHubs { localAuthorities { curriculumHubs { localAuthorities { curriculumHubs { localAuthorities { code } } } } } } } }'],
  ['school → networks → members', '{ schools(first: 100) { nodes { networks { members { networks { members { networks { members { urn } } } } } } } } }'],
  ['school → partnerScitts → partnerSchools', '{ schools { nodes { partnerScitts { partnerSchools { partnerScitts { partnerSchools { partnerScitts { partnerSchools { urn } } } } } } } } }'],
  ['teacher → mentoring → mentor', '{ teacher(trn: "1234567") { mentoring { teacher { mentoring { teacher { mentoring { teacher { mentoring { id } } } } } } } } }'],
  ['hub → localAuthorities → teachingSchoolHubs', '{ teachingSchoolHubs { localAuthorities { teachingSchoolHubs { localAuthorities { teachingSchoolHubs { localAuthorities { code } } } } } } }'],
];
