import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OPERATIONS } from '../shared/operations.ts';
import { loadDevTokens, pageSettings, storedToken } from '../shared/session.ts';
import { operationsPlugin } from './operations-plugin.tsx';
import { headersFor, tokenPlugin } from './token-plugin.tsx';

/**
 * GraphiQL for the graph, served by the gateway with everything it loads (scripts, styles, fonts, Monaco's workers):
 * one tab per named operation of schema/operations/ with example variables, the headers editor holding the bearer
 * token of this browser tab, and panels to pick a development token (outside production) or paste one, and to open an
 * operation again. `#operation=Name&variables={…}` opens that operation in a tab of its own (the dashboard links so).
 */
const settings = pageSettings();
const devTokens = await loadDevTokens(settings);
const token = storedToken();
const headers = headersFor(token);
const pretty = (v: unknown) => JSON.stringify(v, null, 2);

const link = new URLSearchParams(location.hash.slice(1));
const linked = OPERATIONS.find((o) => o.name === link.get('operation'));
const linkedVariables = linked ? (link.get('variables') ?? pretty(linked.variables)) : undefined;
const tabs = OPERATIONS.map((o) => ({ query: o.document, variables: pretty(o.variables), headers }));
if (linked) tabs.unshift({ query: linked.document, variables: linkedVariables!, headers });

const fetcher = createGraphiQLFetcher({ url: settings.graphqlPath });
const tokens = tokenPlugin(devTokens);

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={tabs}
      initialQuery={linked?.document}
      initialVariables={linkedVariables}
      initialHeaders={linked ? headers : undefined}
      defaultHeaders={headers}
      defaultEditorToolsVisibility="headers"
      plugins={[tokens, operationsPlugin(), explorerPlugin()]}
      visiblePlugin={token ? undefined : tokens}
    >
      <GraphiQL.Logo>
        <a href="/dashboard" title="Regional dashboard of the teacher development graph">
          Dashboard
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
