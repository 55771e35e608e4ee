/**
 * `npm run demo-data -- --out <folder> [--size small|region|national] [--seed N]`: writes a deterministic, realistic
 * demo dataset (every CSV file of DATA-FORMAT.md, for all four subgraphs) into a folder.
 */
import { parseArgs } from 'node:util';
import { DEMO_SIZES, type DemoSize, generateDemoData, writeDemoData } from './demo-data/index.ts';
import { progressListener } from './progress/index.ts';
import { loadProjectConfig } from './project-config.ts';

const USAGE = 'usage: npm run demo-data -- --out <folder> [--size small|region|national] [--seed N]   (defaults: --size region --seed 1)';

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', short: 'o' },
      size: { type: 'string', short: 's', default: 'region' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);
  if (!(DEMO_SIZES as readonly string[]).includes(values.size)) throw new Error(`unknown --size "${values.size}"\n${USAGE}`);
  if (!/^-?\d+$/.test(values.seed)) throw new Error(`--seed must be a whole number\n${USAGE}`);
  const size = values.size as DemoSize;
  const seed = Number(values.seed);
  const config = loadProjectConfig();
  const started = performance.now();
  console.log(`demo-data: generating ${size} seed ${seed}…`);
  const dataset = generateDemoData({ size, seed });
  console.log(`demo-data: generated in ${((performance.now() - started) / 1000).toFixed(1)}s; writing ${values.out}`);
  const counts = writeDemoData(dataset, values.out, progressListener(config.progressIntervalMs));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = Object.entries(counts)
    .map(([file, n]) => `${file.replace(/\.csv$/, '')} ${n}`)
    .join(', ');
  console.log(`demo-data ${size} seed ${seed} → ${values.out} in ${seconds}s: ${summary}`);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
