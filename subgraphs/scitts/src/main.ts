import { runSubgraph } from '@tdg/kit/main';
import { scitts } from './index.ts';

await runSubgraph(scitts);
