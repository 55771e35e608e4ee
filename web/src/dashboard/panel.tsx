import { Component, type ReactNode } from 'react';
import { explorerLink } from '../shared/operations.ts';
import { pageSettings } from '../shared/session.ts';
import type { Answer } from './api.ts';

/**
 * A panel of the dashboard: its title, a link to its operation in the explorer (with the variables it ran with), and
 * its state — loading, the figures, and any GraphQL error (a refusal for this token, a bad argument, a subgraph
 * down) shown with its code and message in the panel, so one refused panel does not break the page.
 */
export function Panel<T>({
  id,
  title,
  operationName,
  variables,
  answer,
  children,
}: {
  id: string;
  title: string;
  operationName: string;
  variables: Record<string, unknown>;
  answer: Answer<T> | null;
  children: (data: T) => ReactNode;
}) {
  const headingId = `${id}-title`;
  return (
    <section id={id} className="panel" aria-labelledby={headingId} aria-busy={answer === null}>
      <header>
        <h2 id={headingId}>{title}</h2>
        {pageSettings().explorer && (
          <a className="operation-link" href={explorerLink(operationName, variables)}>
            {operationName} in the explorer
          </a>
        )}
      </header>
      {answer === null && <p className="loading">Loading…</p>}
      {answer && answer.errors.length > 0 && (
        <div className="errors" role="alert">
          <p>This panel could not be shown{answer.data ? ' in full' : ''}:</p>
          <ul>
            {unique(answer.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`)).map((m) => (
              <li key={m}>
                <code>{m.slice(0, m.indexOf(':'))}</code>
                {m.slice(m.indexOf(':'))}
              </li>
            ))}
          </ul>
        </div>
      )}
      {answer?.data && <Guard>{children(answer.data)}</Guard>}
    </section>
  );
}

const unique = (xs: string[]) => [...new Set(xs)];

/** A table with a caption, scrolling sideways on a narrow screen. */
export function Table({ caption, head, rows, numeric = [] }: { caption: string; head: readonly string[]; rows: readonly (readonly ReactNode[])[]; numeric?: readonly number[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={numeric.includes(i) ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={head.length}>None.</td>
            </tr>
          )}
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are in the answer's order and re-rendered whole
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={j} className={numeric.includes(j) ? 'num' : undefined}>
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A panel whose answer cannot be drawn says so, and the rest of the page stays. */
class Guard extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    return this.state.error ? (
      <div className="errors" role="alert">
        <p>This panel could not be drawn: {this.state.error.message}</p>
      </div>
    ) : (
      this.props.children
    );
  }
}
