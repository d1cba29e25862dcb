import type { SeriesTrendResponseV1 } from '@media-monitor/contracts';
import { useMemo } from 'react';
import { useLocation } from 'wouter';
import { TimeChart, type ChartSeries } from '../charts/time-chart.js';
import { useApp } from '../app/app-context.js';
import { pointArticlesRoute, summariseTrend, trendColumns } from '../lib/trend-series.js';
import { formatInstant } from '../lib/time-zone.js';
import { RANGE_PRESETS } from '../lib/trend-range.js';

const TONE_RANGE: [number, number] = [-1, 1];
const SHARE_RANGE: [number, number] = [0, 100];

export function RangeSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  return (
    <select aria-label="Range" data-testid="range" value={value} onChange={(e) => onChange(e.target.value)}>
      {RANGE_PRESETS.map((r) => (
        <option key={r.id} value={r.id}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

/**
 * The three charts of a series (volume with unique stories and publishers; normalised share; tone),
 * labelled in the app's zone. Clicking a bucket lists the articles counted in it.
 */
export function TrendCharts({ trend, share = true }: { trend: SeriesTrendResponseV1; share?: boolean }) {
  const { timeZone } = useApp();
  const [, navigate] = useLocation();
  const columns = useMemo(() => trendColumns(trend.points), [trend]);
  const summary = useMemo(() => summariseTrend(trend.points), [trend]);
  const volume = useMemo<ChartSeries[]>(
    () => [
      { label: 'Articles', values: columns.articles, color: '#1d4ed8', kind: 'bars' },
      { label: 'Unique stories', values: columns.stories, color: '#059669' },
      { label: 'Publishers', values: columns.publishers, color: '#d97706' },
    ],
    [columns],
  );
  const shareSeries = useMemo<ChartSeries[]>(
    () => [
      {
        label: 'Share of all articles from the same sources',
        values: columns.sharePercent,
        color: '#7c3aed',
        format: (v) => `${v}%`,
      },
    ],
    [columns],
  );
  const toneSeries = useMemo<ChartSeries[]>(
    () => [{ label: 'Average tone', values: columns.tone, color: '#dc2626', format: (v) => v.toFixed(2) }],
    [columns],
  );
  const open = (index: number) => {
    const route = pointArticlesRoute(trend, index);
    if (route) navigate(route);
  };
  return (
    <div className="charts">
      <p
        className="summary"
        data-testid="trend-summary"
        data-articles={summary.articles}
        data-topic-version={trend.topicVersion ?? ''}
      >
        <strong>{summary.articles}</strong> article{summary.articles === 1 ? '' : 's'} in the range
        {summary.busiest ? (
          <>
            {' '}
            · busiest bucket {formatInstant(summary.busiest.bucketStart, timeZone)} ({summary.busiest.articles})
          </>
        ) : null}
        {summary.toneAvg !== null ? <> · average tone {summary.toneAvg.toFixed(2)}</> : null}
        {trend.topicVersion !== null ? <> · topic version {trend.topicVersion}</> : null}
        {summary.incompleteBuckets > 0 ? (
          <span className="badge badge-warn">
            {' '}
            {summary.incompleteBuckets} bucket(s) may miss articles (collection gaps)
          </span>
        ) : null}
      </p>
      {trend.notes.map((note) => (
        <p key={note} className="notice" data-testid="trend-note">
          {note}
        </p>
      ))}
      <TimeChart
        title="Volume: articles, unique stories and publishers (click a bucket for its articles)"
        testId="chart-volume"
        x={columns.x}
        series={volume}
        timeZone={timeZone}
        daily={trend.interval === 'day'}
        yLabel="per bucket"
        onPick={open}
      />
      {share ? (
        <TimeChart
          title="Normalised share: the series' articles among all articles of the same sources"
          testId="chart-share"
          x={columns.x}
          series={shareSeries}
          timeZone={timeZone}
          daily={trend.interval === 'day'}
          yLabel="%"
          yRange={SHARE_RANGE}
          height={160}
          onPick={open}
        />
      ) : null}
      <TimeChart
        title="Tone over time (-1 negative … +1 positive)"
        testId="chart-tone"
        x={columns.x}
        series={toneSeries}
        timeZone={timeZone}
        daily={trend.interval === 'day'}
        yLabel="tone"
        yRange={TONE_RANGE}
        height={160}
        onPick={open}
      />
    </div>
  );
}
