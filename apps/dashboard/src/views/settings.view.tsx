import { useApp } from '../app/app-context.js';
import { TimeZoneSelect } from '../app/app-shell.js';
import { Panel } from '../components/bits.js';
import { browserTimeZone, formatInstant, zoneOffset } from '../lib/time-zone.js';

export function SettingsView() {
  const { apiKey, setApiKey, timeZone, setTimeZone } = useApp();
  const now = new Date().toISOString();
  return (
    <div className="page">
      <Panel title="Settings">
        <h3>Time zone</h3>
        <p>
          Axes, buckets and times are shown in <strong>{timeZone}</strong> ({zoneOffset(timeZone)}); it is now{' '}
          {formatInstant(now, timeZone)} there. Day buckets start at its local midnight.
        </p>
        <TimeZoneSelect id="tz-settings" />{' '}
        <button type="button" onClick={() => setTimeZone(browserTimeZone())}>
          Use the browser's ({browserTimeZone()})
        </button>
        <h3>API key</h3>
        <p>
          {apiKey ? (
            <>
              Using key <code>{apiKey.slice(0, 16)}…</code> for this tab.{' '}
              <button type="button" onClick={() => setApiKey(null)}>
                Forget it
              </button>
            </>
          ) : (
            'No key.'
          )}
        </p>
      </Panel>
    </div>
  );
}
