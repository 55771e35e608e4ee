import { intArrayParam, textArrayParam } from './sql.ts';

test('textArrayParam writes codes bare and quotes anything else', () => {
  expect(textArrayParam([])).toBe('{}');
  expect(textArrayParam(['100001', 'la:808', 'region:J'])).toBe('{100001,la:808,region:J}');
  expect(textArrayParam(['a b', 'x,y', 'q"t', 'b\\s', 'NULL', 'null', ''])).toBe('{"a b","x,y","q\\"t","b\\\\s","NULL","null",""}');
});

test('intArrayParam accepts integers only', () => {
  expect(intArrayParam([0, 1, 2024])).toBe('{0,1,2024}');
  expect(() => intArrayParam([1.5])).toThrow(TypeError);
});
