import { z } from 'zod';
import { defineQuery } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { IsoDateTime } from '../common.js';
import { AlertSlug } from './alert-rules.v1.js';

/** Hours (local to timeZone) in which deliveries wait; start > end wraps midnight (22 -> 7). */
export const QuietHours = z.strictObject({
  startHour: z.number().int().min(0).max(23),
  endHour: z.number().int().min(0).max(23),
  timeZone: z.string().min(1).max(64).default('UTC'),
});

export const AlertDestinationInputV1 = z.strictObject({
  destinationId: AlertSlug,
  name: z.string().min(1).max(200),
  /** `slack`: an incoming-webhook URL on hooks.slack.com; `webhook`: an https endpoint signed per Standard Webhooks. */
  type: z.enum(['slack', 'webhook']),
  url: z.url().max(2000),
  /** Standard Webhooks secret, `whsec_` + base64 of 24 to 64 random bytes (webhook destinations only). */
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'must be "whsec_" followed by base64')
    .optional(),
  enabled: z.boolean().default(true),
  quietHours: QuietHours.optional(),
  /** Digest period in minutes: alerts are sent together once per period (on UTC multiples of it). */
  digestMinutes: z.number().int().min(5).max(1440).optional(),
});

/** A destination as shown: the URL masked (it is a credential), the secret never. */
export const AlertDestinationViewV1 = z.strictObject({
  destinationId: AlertSlug,
  name: z.string(),
  type: z.enum(['slack', 'webhook']),
  urlHint: z.string(),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  quietHours: QuietHours.optional(),
  digestMinutes: z.number().int().optional(),
  /** `broken` after a permanent error: its deliveries wait until the destination is saved again. */
  status: z.enum(['active', 'broken']),
  brokenReason: z.string().nullable(),
  brokenAt: IsoDateTime.nullable(),
  /** Set after a 429: no sends before this time. */
  pausedUntil: IsoDateTime.nullable(),
  pendingDeliveries: z.number().int().min(0),
});

export const AlertDestinationsListQueryV1 = defineQuery(
  SUBJECTS.alertDestinationsListQueryV1,
  z.strictObject({}),
  z.strictObject({ destinations: z.array(AlertDestinationViewV1) }),
);

/** Creates or replaces a destination; saving a broken one marks it active again. */
export const AlertDestinationsUpsertQueryV1 = defineQuery(
  SUBJECTS.alertDestinationsUpsertQueryV1,
  z.strictObject({ destination: AlertDestinationInputV1 }),
  z.strictObject({ destination: AlertDestinationViewV1, created: z.boolean() }),
);

export const AlertDestinationsDeleteQueryV1 = defineQuery(
  SUBJECTS.alertDestinationsDeleteQueryV1,
  z.strictObject({ destinationId: AlertSlug }),
  z.strictObject({ deleted: z.boolean() }),
);

export const DeliveryOutcome = z.enum(['delivered', 'retry', 'rate-limited', 'permanent']);

/** Sends a sample alert to a destination now, outside the outbox, and says what happened. */
export const AlertTestSendQueryV1 = defineQuery(
  SUBJECTS.alertTestSendQueryV1,
  z.strictObject({ destinationId: AlertSlug }),
  z.strictObject({
    outcome: DeliveryOutcome,
    httpStatus: z.number().int().nullable(),
    errorClass: z.string().nullable(),
    detail: z.string(),
    destination: AlertDestinationViewV1,
  }),
);

export type QuietHours = z.infer<typeof QuietHours>;
export type AlertDestinationInputV1 = z.infer<typeof AlertDestinationInputV1>;
export type AlertDestinationViewV1 = z.infer<typeof AlertDestinationViewV1>;
export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;
