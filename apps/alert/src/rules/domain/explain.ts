import type { AlertDetailsV1, AlertRuleV1 } from '@media-monitor/contracts';
import type { NewEntity } from '../../detection/new-entity-detector.js';
import type { ToneStatistic } from '../../detection/tone-shift-detector.js';
import type { VolumeStatistic } from '../../detection/volume-detector.js';
import type { SeriesSlice } from '../../series/series.reader.js';

/** Top entries shown per list, and sample articles per alert. */
const TOP = 5;

const iso = (ms: number) => new Date(ms).toISOString();
const hours = (fromMs: number, toMs: number) => Math.round((toMs - fromMs) / 3_600_000);
const subject = (rule: AlertRuleV1) => `${rule.scope.type} "${rule.scope.id}"`;

function top(counts: Array<Record<string, number>>, exclude: string): Array<{ id: string; articles: number }> {
  const totals = new Map<string, number>();
  for (const hour of counts) for (const [id, n] of Object.entries(hour)) totals.set(id, (totals.get(id) ?? 0) + n);
  totals.delete(exclude);
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP)
    .map(([id, articles]) => ({ id, articles }));
}

/** Sources, entities and sample articles of hours [from, to) of the slice; samples fall back to earlier hours. */
export function breakdown(slice: SeriesSlice, from: number, to: number, exclude: string) {
  const entityByStart = new Map(slice.entityHours.map((h) => [h.startMs, h.entities]));
  const entityCounts: Array<Record<string, number>> = [];
  for (let i = from; i < to; i += 1) entityCounts.push(entityByStart.get(slice.series.startMs + i * 3_600_000) ?? {});
  const samples: string[] = [];
  for (let i = to - 1; i >= 0 && samples.length < TOP; i -= 1) {
    for (const id of [...(slice.articleIds[i] ?? [])].reverse()) if (samples.length < TOP) samples.push(id);
  }
  return {
    topSources: top(slice.sources.slice(from, to), ''),
    topEntities: top(entityCounts, exclude),
    sampleArticleIds: samples,
  };
}

export function explainVolume(
  rule: AlertRuleV1,
  s: VolumeStatistic,
  parts: ReturnType<typeof breakdown>,
): { title: string; explanation: string; details: AlertDetailsV1 } {
  const verb = s.kind === 'spike' ? 'rose' : 'fell';
  const span = hours(s.windowStartMs, s.windowEndMs);
  const statistic =
    `${s.observed} articles against ${s.expected.toFixed(1)} expected ` +
    `(robust z ${s.score.toFixed(1)}, threshold ±${s.threshold})`;
  return {
    title: `${rule.name}: coverage ${s.kind === 'spike' ? 'spike' : 'drop'} (${s.observed} vs ${s.expected.toFixed(0)} expected)`,
    explanation:
      `Coverage of ${subject(rule)} ${verb} to ${s.observed} articles in the ${span} h to ${iso(s.windowEndMs)}, ` +
      `against ${s.expected.toFixed(1)} expected from the same window on the past ${s.baselineWindows} days.`,
    details: {
      statistic,
      metrics: {
        observed: s.observed,
        expected: s.expected,
        sigma: s.sigma,
        score: s.score,
        threshold: s.threshold,
        weekdayFactor: s.weekdayFactor,
        baselineWindows: s.baselineWindows,
      },
      baseline:
        `median of the same ${span} h window on the past ${s.baselineWindows} days, each divided by its weekday ` +
        `factor, times this window's factor ${s.weekdayFactor.toFixed(2)}; spread by MAD, floored by Poisson noise`,
      window: { from: iso(s.windowStartMs), to: iso(s.windowEndMs) },
      ...parts,
    },
  };
}

export function explainTone(
  rule: AlertRuleV1,
  s: ToneStatistic,
  parts: ReturnType<typeof breakdown>,
): { title: string; explanation: string; details: AlertDetailsV1 } {
  const shift = s.windowMean - s.baselineMean;
  return {
    title: `${rule.name}: tone turned ${s.direction} (${shift >= 0 ? '+' : ''}${shift.toFixed(2)})`,
    explanation:
      `Mean tone of ${subject(rule)} was ${s.windowMean.toFixed(2)} over ${s.windowCount} articles in the ` +
      `${hours(s.windowStartMs, s.windowEndMs)} h to ${iso(s.windowEndMs)}, against ${s.baselineMean.toFixed(2)} ` +
      `over ${s.baselineCount} articles before.`,
    details: {
      statistic: `difference of mean tone ${shift.toFixed(2)} (Welch t ${s.t.toFixed(1)}, threshold ±${s.threshold})`,
      metrics: {
        windowMean: s.windowMean,
        baselineMean: s.baselineMean,
        windowCount: s.windowCount,
        baselineCount: s.baselineCount,
        t: s.t,
        threshold: s.threshold,
      },
      baseline: `mean tone of all scored articles of the lookback before the window`,
      window: { from: iso(s.windowStartMs), to: iso(s.windowEndMs) },
      ...parts,
    },
  };
}

export function explainNewEntity(
  rule: AlertRuleV1,
  entity: NewEntity,
  window: { fromMs: number; toMs: number; lookbackDays: number },
  parts: ReturnType<typeof breakdown>,
): { title: string; explanation: string; details: AlertDetailsV1 } {
  return {
    title: `${rule.name}: new name "${entity.entityId}"`,
    explanation:
      `${entity.entityId} appeared with ${subject(rule)} in ${entity.mentions} articles since ` +
      `${iso(entity.firstSeenMs)}, and in none in the ${window.lookbackDays} days before.`,
    details: {
      statistic: `${entity.mentions} co-mentioning articles, none in the lookback`,
      metrics: { mentions: entity.mentions, lookbackDays: window.lookbackDays },
      baseline: `entities co-mentioned with the ${rule.scope.type} in the ${window.lookbackDays} days before the window`,
      window: { from: iso(window.fromMs), to: iso(window.toMs) },
      ...parts,
    },
  };
}
