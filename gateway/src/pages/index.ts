import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyStatic from '@fastify/static';
import { ASSET_BASE, DIST, type PageName } from '@tdg/web/build';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { NOT_BUILT_HTML, type PageSettings, pageHtml } from './bundle.ts';
import type { PagesConfig } from './config.ts';
import { PAGE_SECURITY_HEADERS } from './csp.ts';

const GRAPHQL_PATH = '/graphql';
const DEV_TOKENS_PATH = `${ASSET_BASE}dev-tokens.json`;

const settingsOf = (config: PagesConfig): PageSettings => ({
  graphqlPath: GRAPHQL_PATH,
  devTokensPath: config.devTokensFile ? DEV_TOKENS_PATH : null,
  explorer: config.explorer,
});

/**
 * Apollo Server's landing page (a browser's GET of /graphql): the explorer, or nothing when EXPLORER=off (then such a
 * GET is an ordinary GraphQL GET and is refused for want of a query). Its CSP is added by the pages plugin.
 */
export function explorerLandingPage(config: PagesConfig): ApolloServerPlugin {
  if (!config.explorer) return ApolloServerPluginLandingPageDisabled();
  return {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html: async () => pageHtml('explorer', settingsOf(config)) ?? NOT_BUILT_HTML }) };
    },
  };
}

function sendPage(reply: FastifyReply, page: PageName, config: PagesConfig) {
  const html = pageHtml(page, settingsOf(config));
  return reply
    .code(html ? 200 : 503)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(html ?? NOT_BUILT_HTML);
}

/**
 * The pages for browsers, bundled from web/ at install time and served with everything they load, nothing from any
 * other origin: the explorer at / (and, through explorerLandingPage, /graphql), the dashboard at /dashboard, their
 * assets under /pages/ (hashed names, cached for a year), and outside production the development tokens. Every
 * HTML answer carries the pages' Content-Security-Policy. Pages and assets are not counted by the rate limit.
 */
export const pagesPlugin = fp<PagesConfig>(
  async (app: FastifyInstance, config) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.headers(PAGE_SECURITY_HEADERS);
      return payload;
    });
    const open = { config: { rateLimit: false } };
    if (config.explorer) app.get('/', open, (_request, reply) => sendPage(reply, 'explorer', config));
    if (config.dashboard) app.get('/dashboard', open, (_request, reply) => sendPage(reply, 'dashboard', config));
    if (!config.explorer && !config.dashboard) return;
    const devTokensFile = config.devTokensFile;
    if (devTokensFile) {
      app.get(DEV_TOKENS_PATH, open, async (_request, reply) => {
        if (!existsSync(devTokensFile)) return reply.code(404).send({ error: `no development tokens: ${devTokensFile} is written by npm start` });
        return reply.header('cache-control', 'no-store').type('application/json').send(readFileSync(devTokensFile, 'utf8'));
      });
    }
    await app.register(fastifyStatic, { root: DIST, serve: false, decorateReply: true });
    app.get(`${ASSET_BASE}assets/*`, open, (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      return reply.header('x-content-type-options', 'nosniff').sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
    });
  },
  { name: 'tdg-pages' },
);

export { loadPagesConfig, type PagesConfig } from './config.ts';
