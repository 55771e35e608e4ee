import { type GraphiQLPlugin, useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { OPERATIONS } from '../shared/operations.ts';

function OperationsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M4 5h16M4 10h16M4 15h10M4 20h7" />
    </svg>
  );
}

/** The named operations of schema/operations/: each opens in a new tab with its example variables. */
function OperationsPanel() {
  const { addTab } = useGraphiQLActions();
  const editors = useGraphiQL((s) => ({ query: s.queryEditor, variables: s.variableEditor }));
  return (
    <div className="tdg-panel">
      <div className="graphiql-doc-explorer-title">Operations</div>
      <p>The dashboard's questions, from <code>schema/operations/</code>, with variables that answer on the demo data.</p>
      <ul>
        {OPERATIONS.map((o) => (
          <li key={o.name}>
            <button
              type="button"
              className="graphiql-button"
              onClick={() => {
                addTab();
                // The new tab is active once the store has switched to it.
                setTimeout(() => {
                  editors.query?.setValue(o.document);
                  editors.variables?.setValue(JSON.stringify(o.variables, null, 2));
                });
              }}
            >
              {o.name}
            </button>{' '}
            <small>{o.file}.graphql</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function operationsPlugin(): GraphiQLPlugin {
  return { title: 'Operations', icon: OperationsIcon, content: OperationsPanel };
}
