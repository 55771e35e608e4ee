import { runSubgraph } from '@tdg/kit/main';
import researchSchools from './index.ts';

await runSubgraph(researchSchools);
