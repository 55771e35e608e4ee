import type { Random } from './random.ts';

/** ISO dates (`YYYY-MM-DD`) as UTC day numbers, so that adding days and comparing are exact. */

const DAY = 86_400_000;

export const toDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const fromDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
export const isoDate = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
export const addDays = (iso: string, days: number): string => fromDay(toDay(iso) + days);
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** A uniformly random day in [from, to], both included. */
export const dateBetween = (rng: Random, from: string, to: string): string => fromDay(rng.int(toDay(from), toDay(to)));

/** First and last day of an academic year (1 September – 31 August). */
export const academicYearStart = (year: number): string => isoDate(year, 9, 1);
export const academicYearEnd = (year: number): string => isoDate(year + 1, 8, 31);
