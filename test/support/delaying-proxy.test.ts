import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDelayingProxy } from './delaying-proxy.ts';

/** One GET on a connection of its own; the socket is destroyed when no answer came within `timeoutMs`. */
function getText(url: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
  });
}

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
};

/** The delaying proxy itself: answers pass unchanged, later by the delay; never with Infinity; open sockets counted. */
test('holds answers back by its delay, changeable while it runs, and counts open client connections', async () => {
  const server = createServer((_req, res) => res.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = await startDelayingProxy({ port: (server.address() as AddressInfo).port }, { delayMs: 300 });
  try {
    const started = performance.now();
    expect(await getText(proxy.url('/'))).toBe('hello');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    proxy.delayMs = 0;
    expect(await getText(proxy.url('/'))).toBe('hello');
    proxy.delayMs = Number.POSITIVE_INFINITY;
    const pending = getText(proxy.url('/'), 300).catch((error: Error) => error.message);
    await waitFor(() => proxy.openConnections === 1);
    expect(proxy.openConnections).toBe(1);
    expect(await pending).toBe('timed out');
    // The caller that gave up closed its socket: the proxy sees it go.
    await waitFor(() => proxy.openConnections === 0);
    expect(proxy.openConnections).toBe(0);
    expect(proxy.totalConnections).toBe(3);
  } finally {
    await proxy.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
