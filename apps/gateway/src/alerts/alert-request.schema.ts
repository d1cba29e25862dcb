import { z } from 'zod';
import { AlertDestinationInputV1, AlertSlug } from '@media-monitor/contracts';

/** GET /v1/alerts */
export const AlertListQueryFields = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  topicId: z.string().min(1).max(200).optional(),
  /** Only alerts raised before this instant (the cursor: the `raisedAt` of the last alert seen). */
  before: z.iso.datetime({ offset: true }).optional(),
});

/** GET /v1/alert-rules */
export const AlertRuleListQueryFields = z.strictObject({
  /** Only the rules watching this topic or entity id. */
  scopeId: z.string().min(1).max(200).optional(),
});

export const SlugSchema = AlertSlug;
export const AlertIdSchema = z.string().regex(/^[A-Za-z0-9:._-]{1,100}$/, 'not an alert id');

/** PUT /v1/alert-destinations/{destinationId}: the destination; its id comes from the path. */
export const AlertDestinationBody = AlertDestinationInputV1.omit({ destinationId: true });

/** The body with the id from the path (a different id in the body is refused by the schema's check below). */
export function withPathId<K extends string>(body: unknown, key: K, id: string): Record<string, unknown> {
  const object =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { ...object, [key]: id };
}
