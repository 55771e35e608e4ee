/**
 * One toy subgraph (toy-subgraphs.ts) as a process of its own, to be killed and started again by tests:
 * `node test/support/toy-subgraph-process.ts <inventory|reviews> <port>`; prints `ready <url>` once it listens.
 */
import { INVENTORY, REVIEWS, startToySubgraph } from './toy-subgraphs.ts';

const [which, port] = process.argv.slice(2);
const toy = which === 'inventory' ? INVENTORY : which === 'reviews' ? REVIEWS : undefined;
if (!toy || !port) {
  console.error('usage: toy-subgraph-process.ts <inventory|reviews> <port>');
  process.exit(2);
}
const started = await startToySubgraph(toy, Number(port));
console.log(`ready ${started.url}`);
