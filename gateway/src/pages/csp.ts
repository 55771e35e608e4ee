/**
 * The Content-Security-Policy of every page the gateway serves: nothing from any other origin. Scripts, styles,
 * fonts, Monaco's web workers and GraphQL requests come from the gateway itself. Inline `<style>` elements are
 * allowed because Monaco (GraphiQL's editor) writes some at run time, and `data:` fonts because GraphiQL's stylesheet
 * (served by the gateway) embeds its fonts so; no inline script, no other origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every HTML page (and its assets). */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
