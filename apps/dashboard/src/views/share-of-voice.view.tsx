import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'wouter';
import { useApp } from '../app/app-context.js';
import { useApiQuery } from '../api/use-api.js';
import { TimeChart, type ChartSeries } from '../charts/time-chart.js';
import { Panel } from '../components/bits.js';
import { QueryView } from '../components/status.js';
import { shareColumns, shareTotals } from '../lib/trend-series.js';
import { rangePreset, rangeQuery } from '../lib/trend-range.js';
import { RangeSelect } from './trend-charts.js';
import { segment } from '../lib/safe-url.js';

const COLORS = ['#1d4ed8', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#be185d', '#4d7c0f'];
const SHARE_RANGE: [number, number] = [0, 100];

function parseTopics(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,]+/)
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ].slice(0, 20);
}

/** Several topics' shares of their combined coverage, bucket by bucket. */
export function ShareOfVoiceView() {
  const { timeZone } = useApp();
  const [params, setParams] = useSearchParams();
  const topics = parseTopics(params.get('topics') ?? '');
  const preset = rangePreset(params.get('range') ?? '7d');
  const [draft, setDraft] = useState(topics.join(', '));
  const answer = useApiQuery(
    `sov:${topics.join(',')}:${preset.id}:${timeZone}`,
    (api, signal) => api.shareOfVoice(topics, rangeQuery(preset, timeZone), signal),
    { enabled: topics.length > 0 },
  );
  const known = useApiQuery('topics', (api, signal) => api.topics(signal));
  const picked = parseTopics(draft);
  const toggle = (topicId: string, on: boolean) =>
    setDraft((on ? [...picked, topicId] : picked.filter((t) => t !== topicId)).join(', '));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams({ topics: parseTopics(draft).join(','), range: preset.id });
  };
  const chart = useMemo(() => {
    if (!answer.data) return null;
    const columns = shareColumns(answer.data);
    const series: ChartSeries[] = columns.topics.map((t, i) => ({
      label: t.topicId,
      values: t.share,
      color: COLORS[i % COLORS.length] as string,
      format: (v: number) => `${v}%`,
    }));
    return { x: columns.x, series };
  }, [answer.data]);
  return (
    <div className="page">
      <Panel title="Share of voice" testId="share-of-voice">
        <form className="inline-form" onSubmit={submit}>
          <label>
            Topics (ids, comma separated){' '}
            <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="bars, ports" size={40} />
          </label>
          <RangeSelect value={preset.id} onChange={(id) => setParams({ topics: topics.join(','), range: id })} />
          <button type="submit">Compare</button>
          {known.data?.length ? (
            <div className="topic-picks" data-testid="topic-picks">
              {known.data.map((t) => (
                <label key={t.topicId} className="check">
                  <input
                    type="checkbox"
                    checked={picked.includes(t.topicId)}
                    onChange={(e) => toggle(t.topicId, e.target.checked)}
                  />{' '}
                  {t.name} <code className="muted">{t.topicId}</code>
                </label>
              ))}
            </div>
          ) : null}
        </form>
        {topics.length === 0 ? (
          <p className="muted">Name two or more topics to compare their coverage.</p>
        ) : (
          <QueryView query={answer} what="share of voice">
            {(data) => (
              <>
                {chart ? (
                  <TimeChart
                    title="Each topic's share of the articles of all topics compared"
                    testId="chart-share-of-voice"
                    x={chart.x}
                    series={chart.series}
                    timeZone={timeZone}
                    daily={data.interval === 'day'}
                    yLabel="% of articles"
                    yRange={SHARE_RANGE}
                  />
                ) : null}
                <table className="table">
                  <thead>
                    <tr>
                      <th>Topic</th>
                      <th>Articles</th>
                      <th>Share over the range</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shareTotals(data).map((t) => (
                      <tr key={t.topicId}>
                        <td>
                          <Link href={`/topics/${segment(t.topicId)}`}>{t.topicId}</Link>
                        </td>
                        <td>{t.articles}</td>
                        <td>{t.share === null ? '—' : `${(t.share * 100).toFixed(1)}%`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </QueryView>
        )}
      </Panel>
    </div>
  );
}
