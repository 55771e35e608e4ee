/** The bearer token the explorer and the dashboard send, kept for the browser tab (sessionStorage), and the page's settings. */
const TOKEN_KEY = 'tdg.bearer-token';

export function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeToken(token: string): void {
  const t = token.trim().replace(/^Bearer\s+/i, '');
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export interface DevToken {
  readonly role: string;
  readonly description: string;
  readonly token: string;
}

/** What the gateway tells its pages (the `tdg-page` meta tag it fills in when serving them). */
export interface PageSettings {
  /** Path of the GraphQL endpoint. */
  readonly graphqlPath: string;
  /** Path of the development tokens (outside production, when `npm start` wrote them), or null. */
  readonly devTokensPath: string | null;
  /** Whether the explorer is served (EXPLORER), so that pages link to it. */
  readonly explorer: boolean;
}

export function pageSettings(): PageSettings {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="tdg-page"]');
  const fallback: PageSettings = { graphqlPath: '/graphql', devTokensPath: null, explorer: true };
  try {
    return meta?.content ? { ...fallback, ...(JSON.parse(meta.content) as Partial<PageSettings>) } : fallback;
  } catch {
    return fallback;
  }
}

/** The development tokens by role, or none (production, or `npm start` has not written them). */
export async function loadDevTokens(settings: PageSettings): Promise<DevToken[]> {
  if (!settings.devTokensPath) return [];
  try {
    const res = await fetch(settings.devTokensPath, { headers: { accept: 'application/json' } });
    if (!res.ok) return [];
    const file = (await res.json()) as { tokens?: Record<string, { description: string; token: string }> };
    return Object.entries(file.tokens ?? {}).map(([role, t]) => ({ role, description: t.description, token: t.token }));
  } catch {
    return [];
  }
}
