import { runSubgraph } from '@tdg/kit/main';
import { teachingSchoolHubs } from './index.ts';

await runSubgraph(teachingSchoolHubs);
