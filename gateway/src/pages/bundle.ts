import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, type PageName } from '@tdg/web/build';

/** What a page is told by the gateway (read by web/src/shared/session.ts from the `tdg-page` meta tag). */
export interface PageSettings {
  readonly graphqlPath: string;
  readonly devTokensPath: string | null;
  readonly explorer: boolean;
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A page of the bundle built from web/ (web/dist/<page>/index.html) with the gateway's settings in its `tdg-page`
 * meta tag; read from disk on each request, so a rebuilt bundle is served without a restart. Null when the bundle
 * has not been built (`npm install` builds it; `npm run build -w web`).
 */
export function pageHtml(page: PageName, settings: PageSettings): string | null {
  const file = join(DIST, page, 'index.html');
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8').replace('<meta name="tdg-page" content="" />', `<meta name="tdg-page" content="${escapeAttribute(JSON.stringify(settings))}" />`);
}

/** Answered instead of a page whose bundle is missing. */
export const NOT_BUILT_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built</title></head><body>
<h1>The pages are not built</h1><p>Run <code>npm run build -w web</code> (or <code>npm install</code>, which builds them) and reload.</p>
</body></html>`;
