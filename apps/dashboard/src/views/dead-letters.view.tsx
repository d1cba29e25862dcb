import { useState } from 'react';
import type { DeadLetter } from '../api/contracts.js';
import { useApp } from '../app/app-context.js';
import { useApiQuery } from '../api/use-api.js';
import { LocalTime, Panel } from '../components/bits.js';
import { ErrorNotice, QueryView } from '../components/status.js';

const PAGE = 50;

function Rows({ letters }: { letters: readonly DeadLetter[] }) {
  return (
    <>
      {letters.map((d) => (
        <tr key={d.seq} data-testid="dead-letter">
          <td>
            <LocalTime at={d.deadLetteredAt} />
            <div className="muted small">#{d.seq}</div>
          </td>
          <td>{d.consumer}</td>
          <td>
            <code>{d.subject}</code>
          </td>
          <td>
            <code>{d.code}</code> {d.reason}
            <div className="muted small">after {d.deliveryCount} deliveries</div>
          </td>
          <td>
            <pre className="payload">{d.payloadPreview}</pre>
          </td>
        </tr>
      ))}
    </>
  );
}

/**
 * Messages the pipeline could not process (the DEAD_LETTERS stream), with the reason, so nothing
 * disappears silently. A gateway without GET /v1/dead-letters gets a plain "not available".
 */
export function DeadLettersView() {
  const { api } = useApp();
  const first = useApiQuery('dead-letters', (a, signal) => a.deadLetters({ limit: PAGE }, signal), {
    refreshMs: 30_000,
  });
  const [more, setMore] = useState<{ after: string; letters: DeadLetter[]; next: string | null; error?: Error }>();
  const next = more ? more.next : (first.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await api.deadLetters({ cursor: next, limit: PAGE });
      setMore((m) => ({ after: next, letters: [...(m?.letters ?? []), ...page.deadLetters], next: page.nextCursor }));
    } catch (error) {
      setMore((m) => ({ after: next, letters: m?.letters ?? [], next, error: error as Error }));
    }
  };
  return (
    <div className="page">
      <Panel title="Dead letters" testId="dead-letters">
        <QueryView query={first} what="Dead letters">
          {(data) =>
            data.deadLetters.length === 0 ? (
              <p className="muted" data-testid="no-dead-letters">
                No dead letters: every message was processed.
              </p>
            ) : (
              <>
                <table className="table">
                  <thead>
                    <tr>
                      <th>When</th>
                      <th>Consumer</th>
                      <th>Subject</th>
                      <th>Reason</th>
                      <th>Payload (start)</th>
                    </tr>
                  </thead>
                  <tbody>
                    <Rows letters={data.deadLetters} />
                    {more ? (
                      <Rows letters={more.letters.filter((d) => !data.deadLetters.some((f) => f.seq === d.seq))} />
                    ) : null}
                  </tbody>
                </table>
                {more?.error ? <ErrorNotice error={more.error} what="more dead letters" /> : null}
                {next ? (
                  <button type="button" onClick={() => void loadMore()}>
                    More
                  </button>
                ) : null}
              </>
            )
          }
        </QueryView>
      </Panel>
    </div>
  );
}
