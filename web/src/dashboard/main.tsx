import './dashboard.css';
import { StrictMode, useEffect, useId, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLE_VARIABLES } from '../shared/operations.ts';
import { type DevToken, loadDevTokens, pageSettings, storeToken, storedToken } from '../shared/session.ts';
import { type Answer, runOperation } from './api.ts';
import {
  type ColdSpotsData,
  ColdSpotsPanel,
  type GoldenThreadData,
  GoldenThreadPanel,
  type GrowingOurOwnData,
  GrowingOurOwnPanel,
  type RegionalOverviewData,
  RegionalOverviewPanel,
  type SupportData,
  SupportPanel,
} from './panels.tsx';

/** GIAS regions, by letter (schema/operations/regional-overview.graphql). */
const REGIONS: [string, string][] = [
  ['A', 'North East'],
  ['B', 'North West'],
  ['D', 'Yorkshire and the Humber'],
  ['E', 'East Midlands'],
  ['F', 'West Midlands'],
  ['G', 'East of England'],
  ['H', 'London'],
  ['J', 'South East'],
  ['K', 'South West'],
];
const YEARS = [2021, 2022, 2023, 2024];

interface Choice {
  regionCode: string;
  laCode: string;
  academicYear: number;
  fromYear: number;
  scittId: string;
  urn: string;
}

/** The choices live in the address (?region=A&la=808&year=2023…), so a view can be bookmarked or shared. */
function initialChoice(): Choice {
  const q = new URLSearchParams(location.search);
  const ex = EXAMPLE_VARIABLES;
  const year = Number(q.get('year')) || (ex.RegionalOverview.academicYear as number);
  return {
    regionCode: q.get('region') ?? (ex.RegionalOverview.regionCode as string),
    laCode: q.get('la') ?? '',
    academicYear: year,
    fromYear: Number(q.get('from')) || (ex.ColdSpots.fromYear as number),
    scittId: q.get('scitt') ?? (ex.GrowingOurOwn.scittId as string),
    urn: q.get('urn') ?? (ex.SchoolGoldenThread.urn as string),
  };
}

function saveChoice(c: Choice) {
  const q = new URLSearchParams({ region: c.regionCode, year: String(c.academicYear), from: String(c.fromYear), scitt: c.scittId, urn: c.urn });
  if (c.laCode) q.set('la', c.laCode);
  history.replaceState(null, '', `?${q}`);
}

/** Runs one operation whenever its variables or the token change; null while it runs. */
function useOperation<T>(name: string, variables: Record<string, unknown>, token: string): Answer<T> | null {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const key = JSON.stringify([name, variables, token]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key holds the name, variables and token
  useEffect(() => {
    let current = true;
    setAnswer(null);
    void runOperation<T>(name, variables, token).then((a) => {
      if (current) setAnswer(a);
    });
    return () => {
      current = false;
    };
  }, [key]);
  return answer;
}

function TokenControls({ token, onToken, devTokens }: { token: string; onToken: (t: string) => void; devTokens: readonly DevToken[] }) {
  const [draft, setDraft] = useState(token);
  const ids = { role: useId(), token: useId() };
  useEffect(() => setDraft(token), [token]);
  return (
    <fieldset className="token">
      <legend>Signed in as</legend>
      {devTokens.length > 0 && (
        <div className="field">
          <label htmlFor={ids.role}>Development token</label>
          <select id={ids.role} value={devTokens.find((d) => d.token === token)?.role ?? ''} onChange={(e) => onToken(devTokens.find((d) => d.role === e.target.value)?.token ?? '')}>
            <option value="">{token && !devTokens.some((d) => d.token === token) ? 'pasted token' : 'anonymous (no token)'}</option>
            {devTokens.map((d) => (
              <option key={d.role} value={d.role}>
                {d.role} — {d.description}
              </option>
            ))}
          </select>
        </div>
      )}
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          onToken(draft);
        }}
      >
        <label htmlFor={ids.token}>Bearer token</label>
        <span className="inline">
          <input id={ids.token} type="password" autoComplete="off" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="paste a token" />
          <button type="submit">Use</button>
        </span>
      </form>
    </fieldset>
  );
}

function Dashboard({ devTokens }: { devTokens: readonly DevToken[] }) {
  const [token, setToken] = useState(storedToken);
  const [choice, setChoice] = useState(initialChoice);
  const set = (patch: Partial<Choice>) => setChoice((c) => ({ ...c, ...patch }));
  useEffect(() => saveChoice(choice), [choice]);
  const ids = { region: useId(), la: useId(), year: useId(), from: useId(), scitt: useId(), urn: useId() };

  const overviewVars = { regionCode: choice.regionCode, academicYear: choice.academicYear };
  const overview = useOperation<RegionalOverviewData>('RegionalOverview', overviewVars, token);
  const span = { fromYear: Math.min(choice.fromYear, choice.academicYear), toYear: choice.academicYear, first: 20 };
  const coldName = choice.laCode ? 'LocalAuthorityColdSpots' : 'ColdSpots';
  const coldVars = choice.laCode ? { laCode: choice.laCode, ...span } : { regionCode: choice.regionCode, ...span };
  const coldSpots = useOperation<ColdSpotsData>(coldName, coldVars, token);
  const supportVars = { regionCode: choice.regionCode, academicYear: choice.academicYear };
  const support = useOperation<SupportData>('SupportAndEngagement', supportVars, token);
  const cohortVars = { scittId: choice.scittId, academicYear: choice.academicYear };
  const cohort = useOperation<GrowingOurOwnData>('GrowingOurOwn', cohortVars, token);
  const threadVars = { urn: choice.urn };
  const thread = useOperation<GoldenThreadData>('SchoolGoldenThread', threadVars, token);
  const las = overview?.data?.region?.localAuthorities ?? [];

  return (
    <>
      <header className="top">
        <h1>Regional dashboard</h1>
        <nav>{pageSettings().explorer && <a href="/graphql">Explorer</a>}</nav>
      </header>
      <div className="controls">
        <TokenControls
          token={token}
          devTokens={devTokens}
          onToken={(t) => {
            storeToken(t);
            setToken(storedToken());
          }}
        />
        <fieldset>
          <legend>Area and year</legend>
          <div className="field">
            <label htmlFor={ids.region}>Region</label>
            <select id={ids.region} value={choice.regionCode} onChange={(e) => set({ regionCode: e.target.value, laCode: '' })}>
              {REGIONS.map(([code, name]) => (
                <option key={code} value={code}>
                  {code} — {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.la}>Local authority (cold spots)</label>
            <select id={ids.la} value={choice.laCode} onChange={(e) => set({ laCode: e.target.value })}>
              <option value="">the whole region</option>
              {las.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name} ({l.code})
                </option>
              ))}
              {choice.laCode && !las.some((l) => l.code === choice.laCode) && <option value={choice.laCode}>{choice.laCode}</option>}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.year}>Academic year</label>
            <select id={ids.year} value={choice.academicYear} onChange={(e) => set({ academicYear: Number(e.target.value) })}>
              {YEARS.map((y) => (
                <option key={y} value={y}>
                  {y}/{(y + 1) % 100}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.from}>Cold spots from</label>
            <select id={ids.from} value={choice.fromYear} onChange={(e) => set({ fromYear: Number(e.target.value) })}>
              {YEARS.map((y) => (
                <option key={y} value={y}>
                  {y}/{(y + 1) % 100}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>Organisation and school</legend>
          <form className="field" onSubmit={(e) => e.preventDefault()}>
            <label htmlFor={ids.scitt}>SCITT (provider URN)</label>
            <input id={ids.scitt} inputMode="numeric" value={choice.scittId} onChange={(e) => set({ scittId: e.target.value.trim() })} />
          </form>
          <form className="field" onSubmit={(e) => e.preventDefault()}>
            <label htmlFor={ids.urn}>School (URN)</label>
            <input id={ids.urn} inputMode="numeric" value={choice.urn} onChange={(e) => set({ urn: e.target.value.trim() })} />
          </form>
        </fieldset>
      </div>
      <main className="panels">
        <RegionalOverviewPanel answer={overview} variables={overviewVars} />
        <ColdSpotsPanel answer={coldSpots} operationName={coldName} variables={coldVars} />
        <SupportPanel answer={support} variables={supportVars} />
        <GrowingOurOwnPanel answer={cohort} variables={cohortVars} />
        <GoldenThreadPanel answer={thread} variables={threadVars} />
      </main>
    </>
  );
}

const devTokens = await loadDevTokens(pageSettings());
createRoot(document.getElementById('dashboard')!).render(
  <StrictMode>
    <Dashboard devTokens={devTokens} />
  </StrictMode>,
);
