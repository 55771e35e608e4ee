import { max, median, ratio, spread } from './stats.ts';

test('median of odd and even counts, ignoring non-finite values', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([5, Number.NaN, 1])).toBe(3);
  expect(median([])).toBeNull();
});

test('max skips nulls', () => {
  expect(max([1, null, 3])).toBe(3);
  expect(max([null])).toBeNull();
});

test('ratio is null without both values or with a zero divisor', () => {
  expect(ratio(300, 100)).toBe(3);
  expect(ratio(null, 100)).toBeNull();
  expect(ratio(100, 0)).toBeNull();
  expect(ratio(100, undefined)).toBeNull();
});

test('spread is the range over the median', () => {
  expect(spread([90, 100, 110])).toBeCloseTo(0.2);
  expect(spread([100])).toBeNull();
});
