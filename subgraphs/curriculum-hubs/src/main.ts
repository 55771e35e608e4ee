import { runSubgraph } from '@tdg/kit/main';
import { curriculumHubs } from './index.ts';

await runSubgraph(curriculumHubs);
