import type { AlertViewV1 } from '@media-monitor/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { useApp } from '../app/app-context.js';
import type { ArticleSummary, TopicViewV1 } from '../api/contracts.js';
import { alertFromStream, mergeFeed } from '../api/stream-events.js';
import { followTopic, type LiveMode } from '../api/topic-stream.js';
import { useApiQuery, type QueryState } from '../api/use-api.js';
import { AlertList } from '../components/alert-list.js';
import { ArticleRow } from '../components/article-row.js';
import { Panel, RankedList } from '../components/bits.js';
import { ErrorNotice, QueryView } from '../components/status.js';
import { DEFAULT_RANGE, rangePreset, rangeQuery } from '../lib/trend-range.js';
import { RangeSelect, TrendCharts } from './trend-charts.js';
import { segment } from '../lib/safe-url.js';

/** How often the view refreshes where the server has no event stream, in milliseconds. */
const POLL_MS = 15_000;
/** How often the topic (and its backfill's progress) is asked for while a backfill runs, and otherwise. */
const BACKFILL_POLL_MS = 2_000;
const TOPIC_POLL_MS = 30_000;
/** How long after a backfill completes its matches may still be arriving in the counts, in milliseconds. */
const SETTLE_MS = 30_000;
const FEED_SIZE = 20;
const ALERTS_SHOWN = 6;

function TopicHeader({ topicId, topic }: { topicId: string; topic: QueryState<TopicViewV1> }) {
  const t = topic.data;
  const b = t?.backfill;
  const running = b && (b.status === 'waiting' || b.status === 'running');
  return (
    <div className="topic-header">
      <h1 data-testid="topic-name">{t?.name ?? topicId}</h1>
      <div className="muted">
        <code>{topicId}</code>
        {t ? (
          <span data-testid="topic-version" data-active={t.activeVersion ?? ''}>
            {' '}
            · version {t.activeVersion ?? `${t.version} (not active yet)`}
          </span>
        ) : null}
        {t?.languages.length ? <> · {t.languages.join(', ')}</> : null}
        {t?.description ? <> · {t.description}</> : null}
      </div>
      {t?.query ? (
        <pre className="query" title="The topic's query">
          {t.query}
        </pre>
      ) : null}
      {topic.error ? <ErrorNotice error={topic.error} what="the topic" /> : null}
      {running ? (
        <p className="notice" data-testid="backfill">
          Backfill of version {b.version} {b.status}: {b.scanned} of {b.total} stored articles scanned, {b.matched}{' '}
          matched ({b.percent.toFixed(0)}%). The charts show the active version until it completes.
        </p>
      ) : b?.status === 'failed' ? (
        <p className="notice notice-error" data-testid="backfill">
          The backfill of version {b.version} failed: {b.error ?? 'no reason given'}.
        </p>
      ) : null}
    </div>
  );
}

export function TopicOverviewView({ topicId }: { topicId: string }) {
  const { api, apiKey, timeZone } = useApp();
  const [params, setParams] = useSearchParams();
  const preset = rangePreset(params.get('range') ?? DEFAULT_RANGE);
  const [mode, setMode] = useState<{ mode: LiveMode; detail: string }>({ mode: 'connecting', detail: '' });
  const [liveArticles, setLiveArticles] = useState<ArticleSummary[]>([]);
  const [liveAlerts, setLiveAlerts] = useState<AlertViewV1[]>([]);
  const polling = mode.mode === 'polling';
  const refreshMs = polling ? POLL_MS : undefined;

  // While a backfill runs the topic is asked for often, and the numbers follow its progress.
  const [backfilling, setBackfilling] = useState(false);
  const topic = useApiQuery(`topic:${topicId}`, (api, signal) => api.topic(topicId, signal), {
    refreshMs: backfilling ? BACKFILL_POLL_MS : TOPIC_POLL_MS,
  });
  const b = topic.data?.backfill;
  const progress = b ? `${b.version}:${b.status}:${b.scanned}` : '';
  useEffect(() => setBackfilling(b?.status === 'waiting' || b?.status === 'running'), [b?.status]);
  const trend = useApiQuery(
    `trend:${topicId}:${preset.id}:${timeZone}`,
    (api, signal) => api.topicTrend(topicId, rangeQuery(preset, timeZone), signal),
    { refreshMs },
  );
  const top = useApiQuery(`top:${topicId}`, (api, signal) => api.topicTop(topicId, 10, signal), { refreshMs });
  const alerts = useApiQuery(
    `alerts:${topicId}`,
    (api, signal) => api.alerts({ topicId, limit: ALERTS_SHOWN }, signal),
    {
      refreshMs,
    },
  );
  const articles = useApiQuery(
    `articles:${topicId}`,
    (api, signal) => api.articles({ topic: topicId, limit: FEED_SIZE }, signal),
    {
      refreshMs,
    },
  );

  // New articles refresh the counts, at most every few seconds however fast they come.
  const reloadTrend = useRef(trend.reload);
  reloadTrend.current = () => {
    trend.reload();
    top.reload();
    articles.reload();
  };
  const seenProgress = useRef(progress);
  useEffect(() => {
    if (seenProgress.current === progress) return;
    const first = seenProgress.current === '';
    seenProgress.current = progress;
    // The first answer came with the numbers; later progress changes them.
    if (!first) reloadTrend.current();
  }, [progress]);
  // The trends service learns of a newly active version a moment after the topics API shows it:
  // until the trend reads the active version, ask again.
  const active = topic.data?.activeVersion ?? null;
  const trendVersion = trend.data?.topicVersion ?? null;
  useEffect(() => {
    if (active === null || trendVersion === null || trendVersion === active) return;
    const timer = setTimeout(() => reloadTrend.current(), BACKFILL_POLL_MS);
    return () => clearTimeout(timer);
  }, [active, trendVersion, trend.data]);
  // A backfill's matches are counted by the trends service after it completes, a few at a time
  // (they bring no stream events): for a while after it finished, the numbers are asked for again.
  const finishedAt = b?.status === 'completed' ? b.finishedAt : null;
  useEffect(() => {
    const until = finishedAt ? Date.parse(finishedAt) + SETTLE_MS : 0;
    if (until <= Date.now()) return;
    const timer = setInterval(() => {
      if (Date.now() > until) clearInterval(timer);
      else reloadTrend.current();
    }, BACKFILL_POLL_MS);
    return () => clearInterval(timer);
  }, [finishedAt]);
  const reloadAlerts = useRef(alerts.reload);
  reloadAlerts.current = alerts.reload;
  useEffect(() => {
    if (!apiKey) return;
    let pending: ReturnType<typeof setTimeout> | null = null;
    let alertsPending: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const stop = followTopic(topicId, apiKey, {
      onMode: (next, detail) => setMode({ mode: next, detail }),
      onArticle: (event) => {
        // The event names the article; its title and snippet come from the article route.
        api.article(event.articleId).then(
          (article) => {
            if (!stopped) setLiveArticles((feed) => mergeFeed(feed, [article], (a) => a.articleId, FEED_SIZE));
          },
          () => undefined,
        );
        pending ??= setTimeout(() => {
          pending = null;
          reloadTrend.current();
        }, 3_000);
      },
      onAlert: (alert) => {
        setLiveAlerts((feed) => mergeFeed(feed, [alertFromStream(alert)], (a) => a.alertId, ALERTS_SHOWN));
        // The listed alert carries its deliveries: load it once the alert service has them.
        alertsPending ??= setTimeout(() => {
          alertsPending = null;
          reloadAlerts.current();
        }, 3_000);
      },
    });
    return () => {
      stopped = true;
      stop();
      if (pending) clearTimeout(pending);
      if (alertsPending) clearTimeout(alertsPending);
    };
  }, [topicId, apiKey, api]);

  const feed = mergeFeed(articles.data?.articles ?? [], liveArticles, (a) => a.articleId, FEED_SIZE);
  // A listed alert (with its deliveries) wins over the same alert as the stream brought it.
  const listed = alerts.data?.alerts ?? [];
  const alertFeed = [...listed, ...liveAlerts.filter((a) => !listed.some((l) => l.alertId === a.alertId))]
    .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt))
    .slice(0, ALERTS_SHOWN);
  const query = encodeURIComponent(topicId);

  return (
    <div className="page">
      <TopicHeader topicId={topicId} topic={topic} />
      <div className="toolbar">
        <RangeSelect value={preset.id} onChange={(id) => setParams({ range: id })} />
        <span className={`live live-${mode.mode}`} data-testid="live-mode" title={mode.detail}>
          {mode.mode === 'stream'
            ? '● live'
            : mode.mode === 'polling'
              ? `↻ polling every ${POLL_MS / 1000} s`
              : '… connecting'}
        </span>
        <Link href={`/articles?topic=${query}`}>Articles</Link>
        <Link href={`/share-of-voice?topics=${query}`}>Compare</Link>
        <Link href={`/topics/${query}/edit`}>Edit topic</Link>
        <Link href={`/alert-rules/new?topic=${query}`}>New alert rule</Link>
      </div>
      <div className="grid">
        <Panel title="Coverage over time" testId="trend-panel">
          <QueryView query={trend} what="the trend">
            {(data) => <TrendCharts trend={data} />}
          </QueryView>
        </Panel>
        <div className="side">
          <Panel title="Recent alerts" testId="alerts-panel" actions={<Link href="/alerts">All alerts</Link>}>
            <QueryView query={{ ...alerts, data: alerts.data ? alertFeed : undefined }} what="alerts">
              {(list) => <AlertList alerts={list} />}
            </QueryView>
          </Panel>
          <Panel title="Top entities" testId="top-entities">
            <QueryView query={top} what="top entities">
              {(data) => (
                <RankedList
                  items={data.entities}
                  empty="No entities in the last 7 days."
                  render={(id) => <Link href={`/entities/${segment(id)}`}>{id}</Link>}
                />
              )}
            </QueryView>
          </Panel>
          <Panel title="Top sources" testId="top-sources">
            <QueryView query={top} what="top sources">
              {(data) => (
                <RankedList
                  items={data.sources}
                  empty="No sources in the last 7 days."
                  render={(id) => <Link href={`/articles?topic=${query}&source=${encodeURIComponent(id)}`}>{id}</Link>}
                />
              )}
            </QueryView>
          </Panel>
        </div>
      </div>
      <Panel title="Live feed: new articles" testId="live-feed">
        {liveArticles.length === 0 && !articles.data && articles.error ? (
          <ErrorNotice error={articles.error} what="The article feed" />
        ) : feed.length ? (
          <ul className="articles">
            {feed.map((a) => (
              <ArticleRow key={a.articleId} article={a} live={liveArticles.some((l) => l.articleId === a.articleId)} />
            ))}
          </ul>
        ) : (
          <p className="muted">No articles yet.</p>
        )}
      </Panel>
    </div>
  );
}
