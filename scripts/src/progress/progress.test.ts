import { PassThrough } from 'node:stream';
import { barListener } from './bar.ts';
import { lineListener } from './lines.ts';

describe('progress bar (cli-progress), drawn into a plain stream with its noTTYOutput option', () => {
  test('the file, the bar, rows read, rows/s and time left; the full bar at the end', () => {
    const stream = new PassThrough();
    let output = '';
    stream.on('data', (d) => (output += d));
    const file = barListener(stream, { noTTYOutput: true, notTTYSchedule: 1 })('[scitts] trainees.csv');
    file.update(500, 0.25);
    file.update(1000, 0.5);
    file.finish(2000);
    const lines = output.split('\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^\[scitts\] trainees\.csv \[░+\] 0% \| 0 rows \| 0 rows\/s \| .* left$/);
    expect(lines.at(-1)).toMatch(/^\[scitts\] trainees\.csv \[█{24}\] 100% \| 2000 rows \| \d+ rows\/s \| 0s left$/);
  });
});

describe('plain progress lines', () => {
  test('every interval while a file is read, with rows, share and time left, and one at its end', () => {
    const lines: string[] = [];
    const file = lineListener((l) => lines.push(l), 0)('[local-authorities] schools.csv');
    file.update(500, 0.25);
    file.update(1000, 0.5);
    file.update(2000, 1);
    file.finish(2000);
    expect(lines).toEqual([
      expect.stringMatching(/^\[local-authorities\] schools\.csv: 500 rows \(25%\), \d+ rows\/s, about \d+ s left$/),
      expect.stringMatching(/^\[local-authorities\] schools\.csv: 1000 rows \(50%\), \d+ rows\/s, about \d+ s left$/),
      expect.stringMatching(/^\[local-authorities\] schools\.csv: 2000 rows in \d+\.\d s, \d+ rows\/s$/),
    ]);
  });

  test('no more often than the interval', () => {
    const lines: string[] = [];
    const file = lineListener((l) => lines.push(l), 60_000)('[scitts] placements.csv');
    for (let rows = 500; rows < 10_000; rows += 500) file.update(rows, rows / 10_000);
    file.finish(10_000);
    expect(lines).toEqual([expect.stringMatching(/^\[scitts\] placements\.csv: 10000 rows in /)]);
  });
});
