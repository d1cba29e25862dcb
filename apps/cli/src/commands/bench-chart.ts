/** The samples the chart draws: seconds since start, consumer lag, articles analysed, RSS per process. */
export interface ChartSample {
  t: number;
  lag: number;
  analyzedTotal: number;
  processes: Record<string, { rssMb: number }>;
}

const WIDTH = 900;
const PANEL = 220;
const LEFT = 70;
const RIGHT = 160;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel(
  top: number,
  title: string,
  unit: string,
  tMax: number,
  lines: Array<{ name: string; points: Array<[number, number]> }>,
): string {
  const yMax = Math.max(1, ...lines.flatMap((l) => l.points.map(([, y]) => y))) * 1.05;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = PANEL - 50;
  const x = (t: number) => LEFT + (t / tMax) * plotW;
  const y = (v: number) => top + 30 + plotH - (v / yMax) * plotH;
  const parts = [
    `<text x="${LEFT}" y="${top + 18}" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${LEFT}" y="${top + 30}" width="${plotW}" height="${plotH}" fill="none" stroke="#ccc"/>`,
    `<text x="${LEFT - 6}" y="${top + 34}" font-size="11" text-anchor="end">${Math.round(yMax)} ${esc(unit)}</text>`,
    `<text x="${LEFT - 6}" y="${top + 30 + plotH}" font-size="11" text-anchor="end">0</text>`,
    `<text x="${LEFT + plotW}" y="${top + 30 + plotH + 14}" font-size="11" text-anchor="end">${Math.round(tMax)} s</text>`,
  ];
  lines.forEach((line, i) => {
    const color = COLORS[i % COLORS.length];
    const d = line.points.map(([t, v], k) => `${k === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    parts.push(
      `<text x="${LEFT + plotW + 8}" y="${top + 44 + i * 14}" font-size="11" fill="${color}">${esc(line.name)}</text>`,
    );
  });
  return parts.join('\n');
}

/** An SVG of three panels over time: analysed articles per second, consumer lag, RSS per process. */
export function renderChart(samples: readonly ChartSample[], services: readonly string[], title: string): string {
  const tMax = Math.max(1, samples.at(-1)?.t ?? 1);
  const rate: Array<[number, number]> = samples.slice(1).map((s, i) => {
    const prev = samples[i] as ChartSample;
    return [s.t, (s.analyzedTotal - prev.analyzedTotal) / Math.max(0.001, s.t - prev.t)];
  });
  const names = [...new Set([...services, ...Object.keys(samples.at(-1)?.processes ?? {})])];
  const rss = names.map((name) => ({
    name,
    points: samples
      .filter((s) => s.processes[name])
      .map((s) => [s.t, s.processes[name]?.rssMb ?? 0] as [number, number]),
  }));
  const height = 40 + 3 * PANEL;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${LEFT}" y="24" font-size="16">${esc(title)}</text>`,
    panel(40, 'articles analysed per second', '/s', tMax, [{ name: 'analysed/s', points: rate }]),
    panel(40 + PANEL, 'JetStream consumer lag (pending + unacknowledged)', 'msgs', tMax, [
      { name: 'all consumers', points: samples.map((s) => [s.t, s.lag]) },
    ]),
    panel(40 + 2 * PANEL, 'resident memory per process', 'MB', tMax, rss),
    '</svg>',
    '',
  ].join('\n');
}
