import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Identity } from './identity.ts';

/**
 * The gateway signs every request it sends to a subgraph, so that a subgraph trusts only the gateway: an HMAC-SHA256,
 * with a secret both share (SUBGRAPH_SIGNING_SECRET), over the timestamp, a nonce, the forwarded identity and the
 * body's hash. A subgraph rejects a request that is unsigned, wrongly signed, outside the time window, or replayed
 * (nonce seen before within the window).
 */
export const SIGNATURE_HEADERS = {
  identity: 'x-tdg-identity',
  timestamp: 'x-tdg-timestamp',
  nonce: 'x-tdg-nonce',
  signature: 'x-tdg-signature',
} as const;

/** How far a timestamp may be from the subgraph's clock. */
export const SIGNATURE_WINDOW_MS = 30_000;

const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');
const mac = (secret: string, parts: string[]) => createHmac('sha256', secret).update(parts.join('\n')).digest('hex');

export const encodeIdentity = (identity: Identity | null): string =>
  identity ? Buffer.from(JSON.stringify(identity)).toString('base64url') : '';

/** The headers to add to a request carrying `body` for `identity`. */
export function signRequest(secret: string, identity: Identity | null, body: string, now = Date.now()): Record<string, string> {
  return signEncoded(secret, encodeIdentity(identity), body, now);
}

/** The same, for an identity already encoded as its header value. */
export function signEncoded(secret: string, identityHeader: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString('hex');
  return {
    [SIGNATURE_HEADERS.identity]: identityHeader,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: mac(secret, [timestamp, nonce, identityHeader, sha256(body)]),
  };
}

export type VerifyResult = { ok: true; identity: Identity | null } | { ok: false; reason: string };

/** Verifies signatures and remembers nonces for the window, so a replayed request is refused. */
export class SignatureVerifier {
  private readonly secret: string;
  private readonly seen = new LRUCache<string, true>({ max: 1_000_000, ttl: SIGNATURE_WINDOW_MS * 2 });

  constructor(secret: string) {
    this.secret = secret;
  }

  verify(headers: Record<string, string | string[] | undefined>, body: string, now = Date.now()): VerifyResult {
    const get = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const signature = get(SIGNATURE_HEADERS.signature);
    const timestamp = get(SIGNATURE_HEADERS.timestamp);
    const nonce = get(SIGNATURE_HEADERS.nonce);
    const identityHeader = get(SIGNATURE_HEADERS.identity) ?? '';
    if (!signature || !timestamp || !nonce) return { ok: false, reason: 'request is not signed by the gateway' };
    if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_MS) {
      return { ok: false, reason: 'signature timestamp outside the allowed window' };
    }
    const expected = Buffer.from(mac(this.secret, [timestamp, nonce, identityHeader, sha256(body)]), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
    if (this.seen.has(nonce)) return { ok: false, reason: 'replayed request' };
    this.seen.set(nonce, true);
    if (identityHeader === '') return { ok: true, identity: null };
    try {
      return { ok: true, identity: JSON.parse(Buffer.from(identityHeader, 'base64url').toString('utf8')) as Identity };
    } catch {
      return { ok: false, reason: 'malformed identity' };
    }
  }
}
