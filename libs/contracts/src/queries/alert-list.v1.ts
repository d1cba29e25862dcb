import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime } from '../common.js';
import { DeliveryOutcome } from './alert-destinations.v1.js';

export const AlertKind = z.enum(['instant-match', 'spike', 'drop', 'tone-shift', 'new-entity']);

/** Why an alert fired: the statistic against its baseline over a window, and what drove it. */
export const AlertDetailsV1 = z.strictObject({
  /** The statistic in words, e.g. "142 articles against 48 expected (robust z 4.1, threshold 3.5)". */
  statistic: z.string(),
  /** The numbers behind it (observed, expected, score, threshold, ...). */
  metrics: z.record(z.string(), z.number()),
  /** How the baseline was formed. */
  baseline: z.string(),
  window: z.strictObject({ from: IsoDateTime, to: IsoDateTime }),
  topSources: z.array(z.strictObject({ id: z.string(), articles: z.number().int().min(0) })),
  topEntities: z.array(z.strictObject({ id: z.string(), articles: z.number().int().min(0) })),
  sampleArticleIds: z.array(ArticleId),
});

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const AlertDeliverySummaryV1 = z.strictObject({
  destinationId: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  deliveredAt: IsoDateTime.nullable(),
});

export const AlertViewV1 = z.strictObject({
  alertId: z.string(),
  ruleId: z.string(),
  topicId: z.string(),
  kind: AlertKind,
  raisedAt: IsoDateTime,
  title: z.string(),
  explanation: z.string(),
  details: AlertDetailsV1.nullable(),
  articleIds: z.array(ArticleId),
  deliveries: z.array(AlertDeliverySummaryV1),
});

/** Recent alerts, newest first, with the state of their deliveries. */
export const AlertListQueryV1 = defineQuery(
  SUBJECTS.alertListQueryV1,
  z.strictObject({
    limit: z.number().int().min(1).max(200).default(50),
    topicId: z.string().min(1).max(200).optional(),
    before: IsoDateTime.optional(),
  }),
  z.strictObject({ alerts: z.array(AlertViewV1) }),
);

export const DeliveryAttemptV1 = z.strictObject({
  attempt: z.number().int().min(1),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** null while in flight (or when the worker died during the attempt). */
  outcome: DeliveryOutcome.nullable(),
  httpStatus: z.number().int().nullable(),
  errorClass: z.string().nullable(),
  /** The start of the answer, or the error message. */
  response: z.string().nullable(),
});

/** Every delivery of one alert with its attempt log. */
export const AlertDeliveriesQueryV1 = defineQuery(
  SUBJECTS.alertDeliveriesQueryV1,
  z.strictObject({ alertId: z.string().min(1).max(100) }),
  z.strictObject({
    deliveries: z.array(
      z.strictObject({
        deliveryId: z.string(),
        destinationId: z.string(),
        status: DeliveryStatus,
        attempts: z.array(DeliveryAttemptV1),
      }),
    ),
  }),
);

export type AlertKind = z.infer<typeof AlertKind>;
export type AlertDetailsV1 = z.infer<typeof AlertDetailsV1>;
export type AlertViewV1 = z.infer<typeof AlertViewV1>;
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;
export type DeliveryAttemptV1 = z.infer<typeof DeliveryAttemptV1>;
export type AlertDeliverySummaryV1 = z.infer<typeof AlertDeliverySummaryV1>;
