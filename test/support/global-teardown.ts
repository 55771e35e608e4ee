import type { EmbeddedServer } from '@tdg/kit/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __tdgEmbeddedPg?: EmbeddedServer }).__tdgEmbeddedPg?.stop();
}
