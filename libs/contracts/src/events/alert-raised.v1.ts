import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { SUBJECTS } from '../names.js';
import { ArticleId, IsoDateTime } from '../common.js';

export const AlertRaisedV1 = defineEvent(
  SUBJECTS.alertRaisedV1,
  z.strictObject({
    alertId: z.string().min(1),
    ruleId: z.string().min(1),
    topicId: z.string().min(1),
    kind: z.enum(['instant-match', 'spike', 'drop', 'tone-shift', 'new-entity']),
    raisedAt: IsoDateTime,
    title: z.string().min(1),
    /** Why the alert fired, in words a person reads in Slack. */
    explanation: z.string().min(1),
    articleIds: z.array(ArticleId).min(1),
  }),
);
export type AlertRaisedV1 = z.infer<typeof AlertRaisedV1.schema>;
