import { type GraphiQLPlugin, useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { useId, useState } from 'react';
import { type DevToken, storeToken, storedToken } from '../shared/session.ts';

/** The headers editor's contents for a bearer token (none: no header, anonymous). */
export function headersFor(token: string): string {
  return JSON.stringify(token ? { Authorization: `Bearer ${token}` } : {}, null, 2);
}

/**
 * "Sign in": paste a bearer token, or pick a development token by role (outside production, once `npm start` has
 * written them). The token goes into the headers editor of the open tab and of tabs opened after, is kept for this
 * browser tab (the dashboard uses it too), and the schema is fetched again with it.
 */
function TokenPanel({ devTokens }: { devTokens: readonly DevToken[] }) {
  const headerEditor = useGraphiQL((s) => s.headerEditor);
  const { introspect } = useGraphiQLActions();
  const [token, setToken] = useState(storedToken);
  const [applied, setApplied] = useState('');
  const ids = { role: useId(), token: useId() };
  const apply = (value: string) => {
    storeToken(value);
    const t = storedToken();
    setToken(t);
    headerEditor?.setValue(headersFor(t));
    setApplied(t ? 'Token set in the headers of this tab; new tabs get it too.' : 'Token removed: you are anonymous.');
    void introspect();
  };
  return (
    <div className="tdg-panel">
      <div className="graphiql-doc-explorer-title">Sign in</div>
      <p>Requests carry the <code>Authorization</code> header of the tab's Headers editor. Paste a bearer token here to set it there.</p>
      {devTokens.length > 0 && (
        <p>
          <label htmlFor={ids.role}>Development token</label>
          <select
            id={ids.role}
            value={devTokens.find((d) => d.token === token)?.role ?? ''}
            onChange={(e) => apply(devTokens.find((d) => d.role === e.target.value)?.token ?? '')}
          >
            <option value="">anonymous (no token)</option>
            {devTokens.map((d) => (
              <option key={d.role} value={d.role} title={d.description}>
                {d.role} — {d.description}
              </option>
            ))}
          </select>
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply(token);
        }}
      >
        <label htmlFor={ids.token}>Bearer token</label>
        <textarea id={ids.token} rows={5} value={token} spellCheck={false} onChange={(e) => setToken(e.target.value)} />
        <button type="submit" className="graphiql-button">
          Use this token
        </button>
      </form>
      <p role="status">{applied}</p>
      <p>
        The <a href="/dashboard">regional dashboard</a> uses the same token.
      </p>
    </div>
  );
}

function KeyIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <circle cx="8" cy="15" r="4" />
      <path d="M11 12l8-8M16 7l3 3M14 9l2 2" />
    </svg>
  );
}

export function tokenPlugin(devTokens: readonly DevToken[]): GraphiQLPlugin {
  return { title: 'Sign in', icon: KeyIcon, content: () => <TokenPanel devTokens={devTokens} /> };
}
