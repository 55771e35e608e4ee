import { en, en_GB, Faker } from '@faker-js/faker';

/**
 * Seeded randomness for the generator: one Faker (en_GB) per stream, seeded with `[seed, stream]`, so that each part of
 * the dataset draws from its own sequence and changing one part does not reshuffle the others. All draws go through
 * Faker's Mersenne Twister; the helpers here only shape its uniform numbers into the distributions the data needs.
 */
export class Random {
  readonly faker: Faker;

  constructor(seed: number, stream: number) {
    this.faker = new Faker({ locale: [en_GB, en] });
    this.faker.seed([seed, stream]);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.faker.number.float();
  }

  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the values, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** One item with probability proportional to weight(item); undefined for an empty list or all-zero weights. */
  pickWeighted<T>(items: readonly T[], weight: (item: T) => number): T | undefined {
    let total = 0;
    for (const item of items) total += weight(item);
    if (total <= 0) return undefined;
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** Up to n distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n));
  }

  /** Up to n distinct items drawn with probability proportional to weight (Efraimidis–Spirakis keys). */
  sampleWeighted<T>(items: readonly T[], n: number, weight: (item: T) => number): T[] {
    const keyed: { item: T; key: number }[] = [];
    for (const item of items) {
      const w = weight(item);
      const u = this.next();
      if (w > 0) keyed.push({ item, key: Math.log(1 - u) / w });
    }
    keyed.sort((a, b) => b.key - a.key);
    return keyed.slice(0, Math.max(0, n)).map((k) => k.item);
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Poisson-distributed count (Knuth; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A string of `length` characters taken from `chars`. */
  chars(chars: string, length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += chars[Math.floor(this.next() * chars.length)];
    return s;
  }
}

/** Stream numbers: one per part of the dataset. */
export const STREAM = {
  schools: 1,
  names: 2,
  coldSpots: 3,
  teachingSchoolHubs: 4,
  scitts: 5,
  trainees: 6,
  curriculumHubs: 7,
  participations: 8,
  ects: 9,
  npqs: 10,
  support: 11,
  networks: 12,
  trns: 13,
} as const;
