import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { axisLabel, formatInstant, tickLabels } from '../lib/time-zone.js';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  /** `bars` for counts per bucket, `line` for rates and averages. */
  kind?: 'bars' | 'line';
  /** How a value is written in the legend (default: the number). */
  format?: (value: number) => string;
}

export interface TimeChartProps {
  title: string;
  /** Bucket starts, seconds since the epoch. */
  x: number[];
  series: ChartSeries[];
  /** The zone the time axis is labelled in. */
  timeZone: string;
  /** Day buckets: ticks show dates only. */
  daily?: boolean;
  yLabel: string;
  /** A fixed value range (tone on [-1, 1], shares on [0, 100]); else from the data. */
  yRange?: [number, number];
  height?: number;
  /** Called with the bucket's index when the reader clicks the chart. */
  onPick?: (index: number) => void;
  testId?: string;
}

const barPaths = uPlot.paths.bars?.({ size: [0.7, 48], align: 0 });

/**
 * A uPlot time chart whose axis, ticks and legend are in the given time zone. The chart is made
 * again when its data or zone change (series of at most a few thousand points).
 */
export function TimeChart({
  title,
  x,
  series,
  timeZone,
  daily = false,
  yLabel,
  yRange,
  height = 220,
  onPick,
  testId,
}: TimeChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const options: uPlot.Options = {
      width: Math.max(el.clientWidth, 280),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      scales: {
        x: { time: true },
        y: yRange ? { range: yRange } : { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max)] },
      },
      series: [
        { label: 'Bucket', value: (_u, v) => (v == null ? '—' : formatInstant(v * 1000, timeZone)) },
        ...series.map<uPlot.Series>((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: s.kind === 'bars' ? `${s.color}55` : undefined,
          paths: s.kind === 'bars' ? barPaths : undefined,
          points: { show: s.kind !== 'bars', size: 5 },
          spanGaps: false,
          value: (_u, v) => (v == null ? '—' : s.format ? s.format(v) : String(v)),
        })),
      ],
      axes: [
        {
          label: axisLabel(timeZone),
          labelSize: 20,
          size: 52,
          stroke: '#4b5563',
          grid: { stroke: '#e5e7eb' },
          values: (_u, ticks) => tickLabels(ticks, timeZone, daily),
        },
        { label: yLabel, labelSize: 20, stroke: '#4b5563', grid: { stroke: '#e5e7eb' } },
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    };
    const data: uPlot.AlignedData = [x, ...series.map((s) => s.values)];
    const chart = new uPlot(options, data, el);
    const click = () => {
      const index = chart.cursor.idx;
      if (index != null && pick.current) pick.current(index);
    };
    chart.over.addEventListener('click', click);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(el.clientWidth, 280), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.over.removeEventListener('click', click);
      chart.destroy();
    };
  }, [x, series, timeZone, daily, yLabel, yRange, height]);

  const points = x.length;
  const nonEmpty = series[0]?.values.filter((v) => v !== null && v !== 0).length ?? 0;
  return (
    <figure
      className="chart"
      data-testid={testId}
      data-points={points}
      data-non-empty={nonEmpty}
      data-time-zone={timeZone}
    >
      <figcaption>
        {title} <span className="chart-zone">· {axisLabel(timeZone)}</span>
      </figcaption>
      <div ref={container} className={onPick ? 'chart-canvas pickable' : 'chart-canvas'} />
    </figure>
  );
}
