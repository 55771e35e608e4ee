import { DataVersions, dataVersionUrl } from './data-versions.ts';

const URLS = { b: 'http://127.0.0.1:1/graphql', a: 'http://127.0.0.1:2/graphql' };

/** Stand-in subgraph answers: a version, or an error (unreachable). */
function fakeSubgraphs(initial: Record<string, string | Error>) {
  const answers = { ...initial };
  const calls: string[] = [];
  const fetchVersion = async (name: string) => {
    calls.push(name);
    const answer = answers[name];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { answers, calls, fetchVersion };
}

const versionsOver = (fetchVersion: (name: string) => Promise<string>, pollMs = 60_000) => new DataVersions({ subgraphUrls: URLS, secret: 's', pollMs, fetchVersion });

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('/data-version sits beside the GraphQL path, whatever its prefix', () => {
  expect(dataVersionUrl('http://127.0.0.1:4003/graphql')).toBe('http://127.0.0.1:4003/data-version');
  expect(dataVersionUrl('https://partner.example/scitts/graphql')).toBe('https://partner.example/scitts/data-version');
});

test('unknown until every subgraph has answered; then one vector naming each, in name order', async () => {
  const { fetchVersion } = fakeSubgraphs({ a: '3.3', b: '7.7' });
  const versions = versionsOver(fetchVersion);
  expect(versions.current()).toBeNull();
  await versions.refresh();
  expect(versions.current()).toBe('a=3.3 b=7.7');
});

test('one unreachable subgraph makes the whole vector unknown until it answers again', async () => {
  const sg = fakeSubgraphs({ a: '1.1', b: '1.1' });
  const versions = versionsOver(sg.fetchVersion);
  await versions.refresh();
  sg.answers.b = new Error('ECONNREFUSED');
  await versions.refresh();
  expect(versions.current()).toBeNull();
  sg.answers.b = '1.1';
  await versions.refresh();
  expect(versions.current()).toBe('a=1.1 b=1.1');
});

test('an answer to an older poll arriving after a newer one is not kept', async () => {
  let release: (v: string) => void = () => undefined;
  let slow = true;
  const versions = versionsOver(async (name) => {
    if (name === 'a' && slow) {
      slow = false;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    }
    return name === 'a' ? '2.2' : '1.1';
  });
  const older = versions.refresh();
  await versions.refresh();
  expect(versions.current()).toBe('a=2.2 b=1.1');
  release('1.1');
  await older;
  expect(versions.current()).toBe('a=2.2 b=1.1');
});

test('polls every pollMs once started, and stops on close', async () => {
  const sg = fakeSubgraphs({ a: '1.1', b: '1.1' });
  const versions = versionsOver(sg.fetchVersion, 10);
  await versions.start();
  expect(versions.current()).toBe('a=1.1 b=1.1');
  sg.answers.a = '2.2';
  await until(() => versions.current() === 'a=2.2 b=1.1');
  versions.close();
  await new Promise((r) => setTimeout(r, 30));
  const calls = sg.calls.length;
  await new Promise((r) => setTimeout(r, 50));
  expect(sg.calls.length).toBe(calls);
});
