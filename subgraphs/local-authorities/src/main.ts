import { runSubgraph } from '@tdg/kit/main';
import { localAuthorities } from './index.ts';

await runSubgraph(localAuthorities);
