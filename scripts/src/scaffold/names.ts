import { SUBGRAPH_NAME, defaultDatabaseName, envPrefixOf } from '@tdg/kit/subgraph-info';

/** Every spelling of a new subgraph's name and of its first entity that the templates use. */
export interface ScaffoldNames {
  /** Subgraph name, kebab-case: `research-schools`. */
  readonly name: string;
  /** Its package as a variable: `researchSchools`. */
  readonly camelName: string;
  /** Environment prefix: `RESEARCH_SCHOOLS`. */
  readonly ENV: string;
  /** The first entity's type: `ResearchSchool`. */
  readonly Type: string;
  /** …as a variable: `researchSchool`. */
  readonly camelType: string;
  /** …its list as a field: `researchSchools` (`<camelType>List` when plural and singular are spelt alike). */
  readonly camelTypes: string;
  /** …as a module folder and file stem: `research-school`. */
  readonly module: string;
  /** …as a table: `research_school`. */
  readonly table: string;
  /** …as a CSV column prefix: `research_school` (`research_school_id`). */
  readonly column: string;
  /** …as a constant prefix: `RESEARCH_SCHOOL`. */
  readonly CONST: string;
  /** Title: `Research schools`; lower case: `research schools`. */
  readonly title: string;
  readonly lowerTitle: string;
  /** Singular title: `Research school`; lower case `research school`; plural as a sentence start: `Research schools`. */
  readonly TitleSingular: string;
  readonly lowerTitleSingular: string;
  readonly TitlePlural: string;
  /** Prefix of the sample rows' ids: `RS`. */
  readonly SAMPLE: string;
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `schools` → `school`, `academies` → `academy`, `hubs` → `hub`; a word not in the plural stays as it is. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Why a name cannot be a new subgraph's, or null when it can. */
export function nameProblem(name: string): string | null {
  if (!SUBGRAPH_NAME.test(name)) return `"${name}" is not a kebab-case name: lower-case letters and digits in words joined by hyphens, starting with a letter (e.g. research-schools)`;
  if (name === 'kit') return '"kit" is the shared kit, not a subgraph';
  if (name.length > 40) return `"${name}" is longer than 40 characters`;
  return null;
}

/** Every spelling, from the subgraph's name and (optionally) its first entity's type name. */
export function scaffoldNames(name: string, typeName?: string): ScaffoldNames {
  const words = name.split('-');
  const typeWords = typeName ? typeName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ') : [...words.slice(0, -1), singular(words.at(-1)!)];
  const Type = typeWords.map(capital).join('');
  const camelType = Type.charAt(0).toLowerCase() + Type.slice(1);
  const camelName = words[0] + words.slice(1).map(capital).join('');
  const camelTypes = camelName === camelType ? `${camelType}List` : camelName;
  const lowerTitle = words.join(' ');
  const lowerTitleSingular = typeWords.join(' ');
  return {
    name,
    camelName,
    ENV: envPrefixOf(name),
    Type,
    camelType,
    camelTypes,
    module: typeWords.join('-'),
    table: typeWords.join('_'),
    column: typeWords.join('_'),
    CONST: typeWords.join('_').toUpperCase(),
    title: capital(lowerTitle),
    lowerTitle,
    TitleSingular: capital(lowerTitleSingular),
    lowerTitleSingular,
    TitlePlural: capital(lowerTitle),
    SAMPLE: words.map((w) => w.charAt(0).toUpperCase()).join(''),
  };
}

export { defaultDatabaseName };
