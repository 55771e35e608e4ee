/** The demo-data generator: `generateDemoData({ size, seed })` → rows per CSV file; `writeDemoData(dataset, folder)`. */
export { COLD_SPOT_SHARE } from './cold-spots.ts';
export { STELLAR } from './curriculum-hubs.ts';
export { generateDemoData } from './generate.ts';
export { HECOS, STOCKTON } from './scitts.ts';
export { ACADEMIC_YEARS, DATA_AS_OF, SIZES } from './sizes.ts';
export * from './types.ts';
export { demoFileCsv, writeDemoData } from './write-csv.ts';
