import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';

/** Ids of rules and destinations: short slugs chosen by the user (they appear in alert ids and logs). */
export const AlertSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 lowercase letters, digits, ".", "_" or "-"');

/** What a rule watches: one topic's coverage or one canonical entity's. */
export const AlertRuleScope = z.strictObject({
  type: z.enum(['topic', 'entity']),
  id: z.string().min(1).max(200),
});

export const AlertSensitivity = z.enum(['low', 'medium', 'high']);
/** Compared window: the last complete hour, or the rolling 24 hours ending at it. */
export const AlertWindow = z.enum(['hour', 'day']);

const ruleBase = {
  ruleId: AlertSlug,
  name: z.string().min(1).max(200),
  scope: AlertRuleScope,
  enabled: z.boolean().default(true),
  /** Destinations that receive the rule's alerts; empty sends to every destination. */
  destinationIds: z.array(AlertSlug).max(20).default([]),
};

const seasonal = {
  window: AlertWindow.default('day'),
  sensitivity: AlertSensitivity.default('medium'),
  /** Past days of the same window that form the baseline. */
  lookbackDays: z.number().int().min(7).max(28).default(14),
  /** History the series needs before the rule may fire, in days. */
  warmupDays: z.number().int().min(0).max(28).default(7),
  /** Hours during which the rule stays silent after it fired (per direction). */
  cooldownHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 14)
    .default(48),
};

export const InstantMatchRuleV1 = z.strictObject({
  ...ruleBase,
  kind: z.literal('instant-match'),
  /** Fires only when the article's tone is at or below this (1 fires on every article). */
  maxToneScore: z.number().min(-1).max(1).default(1),
  /** Priority sources: when not empty, only articles from these source ids fire. */
  sourceIds: z.array(z.string().min(1).max(200)).max(500).default([]),
});

export const VolumeRuleV1 = z.strictObject({
  ...ruleBase,
  ...seasonal,
  kind: z.literal('volume'),
  direction: z.enum(['spike', 'drop', 'both']).default('both'),
  /** Articles a spike needs in the window (and a drop in its baseline). */
  minArticles: z.number().int().min(1).max(100_000).default(5),
});

export const ToneShiftRuleV1 = z.strictObject({
  ...ruleBase,
  ...seasonal,
  kind: z.literal('tone-shift'),
  /** Scored articles the window needs (the baseline twice as many). */
  minArticles: z.number().int().min(3).max(100_000).default(10),
});

export const NewEntityRuleV1 = z.strictObject({
  ...ruleBase,
  /** Entities are counted per topic, so this rule watches a topic. */
  scope: z.strictObject({ type: z.literal('topic'), id: z.string().min(1).max(200) }),
  kind: z.literal('new-entity'),
  /** The window in which an entity must newly appear with the topic, in hours. */
  windowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(24),
  lookbackDays: z.number().int().min(1).max(28).default(14),
  warmupDays: z.number().int().min(0).max(28).default(7),
  /** Articles of the window that must mention it. */
  minMentions: z.number().int().min(1).max(1000).default(2),
});

export const AlertRuleV1 = z.discriminatedUnion('kind', [
  InstantMatchRuleV1,
  VolumeRuleV1,
  ToneShiftRuleV1,
  NewEntityRuleV1,
]);

export const AlertRulesListQueryV1 = defineQuery(
  SUBJECTS.alertRulesListQueryV1,
  z.strictObject({ scopeId: z.string().min(1).max(200).optional() }),
  z.strictObject({ rules: z.array(AlertRuleV1) }),
);

/** Creates or replaces a rule (send it through AlertRuleV1.parse first to fill the defaults). */
export const AlertRulesUpsertQueryV1 = defineQuery(
  SUBJECTS.alertRulesUpsertQueryV1,
  z.strictObject({ rule: AlertRuleV1 }),
  z.strictObject({ rule: AlertRuleV1, created: z.boolean() }),
);

export const AlertRulesDeleteQueryV1 = defineQuery(
  SUBJECTS.alertRulesDeleteQueryV1,
  z.strictObject({ ruleId: AlertSlug }),
  z.strictObject({ deleted: z.boolean() }),
);

export type AlertRuleScope = z.infer<typeof AlertRuleScope>;
export type AlertRuleV1 = z.infer<typeof AlertRuleV1>;
export type InstantMatchRuleV1 = z.infer<typeof InstantMatchRuleV1>;
export type VolumeRuleV1 = z.infer<typeof VolumeRuleV1>;
export type ToneShiftRuleV1 = z.infer<typeof ToneShiftRuleV1>;
export type NewEntityRuleV1 = z.infer<typeof NewEntityRuleV1>;
