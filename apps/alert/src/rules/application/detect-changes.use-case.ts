import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AlertRuleV1, NewEntityRuleV1, ToneShiftRuleV1, VolumeRuleV1 } from '@media-monitor/contracts';
import { inCooldown } from '../../detection/cooldown.js';
import { DAY_HOURS, HOUR_MS, hourFloor } from '../../detection/hourly-series.js';
import { detectNewEntities } from '../../detection/new-entity-detector.js';
import { detectToneShift } from '../../detection/tone-shift-detector.js';
import { detectVolumeChange } from '../../detection/volume-detector.js';
import { SeriesReader, type SeriesSlice } from '../../series/series.reader.js';
import type { AlertDraft } from '../domain/alert.js';
import { alertIdFor } from '../domain/alert-rule.js';
import { breakdown, explainNewEntity, explainTone, explainVolume } from '../domain/explain.js';
import { ALERT_REPOSITORY, type AlertRepository } from './alert.repository.js';
import { RaiseAlertUseCase } from './raise-alert.use-case.js';
import { RULE_REPOSITORY, type RuleRepository } from './rule.repository.js';

type SeasonalRule = VolumeRuleV1 | ToneShiftRuleV1;

/**
 * Runs the volume, tone and new-entity rules on the last complete hour (after a grace period
 * for late articles). Alert ids derive from rule, kind and window, so a re-run, the next minute's
 * run or a second replica raises nothing twice.
 */
@Injectable()
export class DetectChangesUseCase {
  private readonly logger = new Logger(DetectChangesUseCase.name);

  constructor(
    @Inject(RULE_REPOSITORY) private readonly rules: RuleRepository,
    @Inject(ALERT_REPOSITORY) private readonly alerts: AlertRepository,
    private readonly series: SeriesReader,
    private readonly raiser: RaiseAlertUseCase,
  ) {}

  /** Evaluates every enabled rule; answers the alerts it newly raised. */
  async run(now: Date, graceMs: number): Promise<number> {
    const endMs = hourFloor(now.getTime() - graceMs);
    let raised = 0;
    for (const rule of await this.rules.enabled()) {
      if (rule.kind === 'instant-match') continue;
      try {
        for (const draft of await this.evaluate(rule, endMs, now)) {
          // alert.raised.v1 needs an article to point at; a slice without any has nothing to show.
          if (draft.articleIds.length > 0 && (await this.raiser.raise(draft))) raised += 1;
        }
      } catch (error) {
        this.logger.error(`rule ${rule.ruleId} evaluation failed: ${(error as Error).message}`);
      }
    }
    return raised;
  }

  private async evaluate(
    rule: Exclude<AlertRuleV1, { kind: 'instant-match' }>,
    endMs: number,
    now: Date,
  ): Promise<AlertDraft[]> {
    if (rule.kind === 'new-entity') return this.newEntities(rule, endMs, now);
    const windowHours = rule.window === 'hour' ? 1 : DAY_HOURS;
    const days = Math.max(rule.lookbackDays, rule.warmupDays) + 1;
    const slice = await this.series.slice(rule.scope.type, rule.scope.id, endMs - days * DAY_HOURS * HOUR_MS, endMs);
    const end = slice.series.hours.length;
    if (rule.kind === 'volume') {
      const outcome = detectVolumeChange(slice.series, end, { ...rule, windowHours });
      if (outcome.status !== 'alert') return [];
      const s = outcome.statistic;
      const parts = breakdown(slice, end - windowHours, end, rule.scope.id);
      return this.cooled(rule, s.kind, now, () =>
        this.draft(rule, s.kind, s.windowEndMs, explainVolume(rule, s, parts), parts.sampleArticleIds, now),
      );
    }
    const outcome = detectToneShift(slice.series, end, { ...rule, windowHours });
    if (outcome.status !== 'alert') return [];
    const s = outcome.statistic;
    const parts = breakdown(slice, end - windowHours, end, rule.scope.id);
    return this.cooled(rule, 'tone-shift', now, () =>
      this.draft(rule, 'tone-shift', s.windowEndMs, explainTone(rule, s, parts), parts.sampleArticleIds, now),
    );
  }

  private async newEntities(rule: NewEntityRuleV1, endMs: number, now: Date): Promise<AlertDraft[]> {
    const windowStartMs = endMs - rule.windowHours * HOUR_MS;
    const lookbackStartMs = windowStartMs - Math.max(rule.lookbackDays, rule.warmupDays) * DAY_HOURS * HOUR_MS;
    const slice = await this.series.slice(rule.scope.type, rule.scope.id, lookbackStartMs, endMs);
    const found = detectNewEntities(
      slice.entityHours,
      {
        lookbackStartMs: windowStartMs - rule.lookbackDays * DAY_HOURS * HOUR_MS,
        windowStartMs,
        windowEndMs: endMs,
        firstActiveMs: firstActiveMs(slice),
      },
      rule,
      new Set([rule.scope.id]),
    );
    const end = slice.series.hours.length;
    const parts = breakdown(slice, end - rule.windowHours, end, rule.scope.id);
    return found.map((entity) => {
      const text = explainNewEntity(
        rule,
        entity,
        { fromMs: windowStartMs, toMs: endMs, lookbackDays: rule.lookbackDays },
        parts,
      );
      return {
        ...this.draft(rule, 'new-entity', endMs, text, parts.sampleArticleIds, now),
        alertId: alertIdFor(rule.ruleId, 'new-entity', entity.entityId, new Date(entity.firstSeenMs).toISOString()),
      };
    });
  }

  private async cooled(
    rule: SeasonalRule,
    kind: AlertDraft['kind'],
    now: Date,
    build: () => AlertDraft,
  ): Promise<AlertDraft[]> {
    const draft = build();
    if ((await this.alerts.get(draft.alertId)) !== null) return [draft];
    const last = await this.alerts.lastRaisedAt(rule.ruleId, kind);
    return inCooldown(last?.getTime() ?? null, now.getTime(), rule.cooldownHours) ? [] : [draft];
  }

  private draft(
    rule: AlertRuleV1,
    kind: AlertDraft['kind'],
    windowEndMs: number,
    text: Pick<AlertDraft, 'title' | 'explanation' | 'details'>,
    articleIds: string[],
    now: Date,
  ): AlertDraft {
    return {
      alertId: alertIdFor(rule.ruleId, kind, new Date(windowEndMs).toISOString()),
      ruleId: rule.ruleId,
      topicId: rule.scope.id,
      kind,
      raisedAt: now.toISOString(),
      ...text,
      articleIds,
      destinationIds: rule.destinationIds,
    };
  }
}

function firstActiveMs(slice: SeriesSlice): number | null {
  const i = slice.series.hours.findIndex((hour) => hour.articles > 0);
  return i < 0 ? null : slice.series.startMs + i * HOUR_MS;
}
