import { parseEnv, portVar } from './config.ts';
import { z } from 'zod';
test('config lists every problem', () => {
  expect(() => parseEnv(z.object({ A: portVar(1), B: portVar(2) }), { A: 'x', B: '99999999' })).toThrow(/A:[\s\S]*B:/);
});
