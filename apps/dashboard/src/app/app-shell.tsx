import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { looksLikeApiKey } from '../api/api-key.store.js';
import { listTimeZones } from '../lib/time-zone.js';
import { useApp } from './app-context.js';

const NAV: Array<[string, string]> = [
  ['/', 'Topics'],
  ['/share-of-voice', 'Share of voice'],
  ['/articles', 'Articles'],
  ['/alerts', 'Alerts'],
  ['/sources', 'Sources'],
  ['/dead-letters', 'Dead letters'],
  ['/settings', 'Settings'],
];

export function TimeZoneSelect({ id = 'tz' }: { id?: string }) {
  const { timeZone, setTimeZone } = useApp();
  const zones = useMemo(() => {
    const all = listTimeZones();
    return all.includes(timeZone) ? all : [timeZone, ...all];
  }, [timeZone]);
  return (
    <label className="tz" htmlFor={id}>
      Time zone{' '}
      <select id={id} data-testid="time-zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Asks for an API key (pasted, or brought by the demo's link) and keeps it for the session. */
export function KeyForm({ rejected }: { rejected: boolean }) {
  const { setApiKey } = useApp();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!looksLikeApiKey(value)) {
      setProblem('An API key looks like mmk_<12 hex characters>_<43 characters>.');
      return;
    }
    setApiKey(value.trim());
  };
  return (
    <section className="panel key-form">
      <h2>Connect to the API</h2>
      {rejected ? (
        <p className="notice notice-error" role="alert">
          The gateway refused the API key. Paste a valid one.
        </p>
      ) : null}
      <p>
        Paste an API key (the demo prints one, and a link that fills it in). It is kept in this tab's session storage
        only.
      </p>
      <form onSubmit={submit}>
        <input
          type="password"
          autoComplete="off"
          aria-label="API key"
          placeholder="mmk_…"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">Use key</button>
      </form>
      {problem ? <p className="field-error">{problem}</p> : null}
    </section>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { apiKey, keyRejected, setApiKey } = useApp();
  const [location] = useLocation();
  const active = (path: string) =>
    path === '/' ? location === '/' || location.startsWith('/topics') : location.startsWith(path);
  return (
    <div className="shell">
      <header className="top">
        <Link href="/" className="brand">
          Media monitor
        </Link>
        <nav aria-label="Main">
          {NAV.map(([path, label]) => (
            <Link key={path} href={path} className={active(path) ? 'nav-link active' : 'nav-link'}>
              {label}
            </Link>
          ))}
        </nav>
        <div className="top-right">
          <TimeZoneSelect />
          {apiKey ? (
            <button
              type="button"
              className="link-button"
              onClick={() => setApiKey(null)}
              title="Forget the API key of this tab"
            >
              Sign out
            </button>
          ) : null}
        </div>
      </header>
      <main>{apiKey && !keyRejected ? children : <KeyForm rejected={keyRejected} />}</main>
    </div>
  );
}
