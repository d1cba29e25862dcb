import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, insertOnce } from '@media-monitor/persistence';
import type { AlertRepository } from '../application/alert.repository.js';
import type { AlertDraft, InstantMatchRule } from '../domain/alert-rule.js';
import {
  ALERT_MODEL,
  RULE_MODEL,
  alertSchema,
  ruleSchema,
  type AlertDocument,
  type RuleDocument,
} from './alert.schemas.js';

@Injectable()
export class MongoAlertRepository implements AlertRepository {
  private readonly alerts: Model<AlertDocument>;
  private readonly rules: Model<RuleDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.alerts = connection.models[ALERT_MODEL] ?? connection.model<AlertDocument>(ALERT_MODEL, alertSchema);
    this.rules = connection.models[RULE_MODEL] ?? connection.model<RuleDocument>(RULE_MODEL, ruleSchema);
  }

  async insertIfAbsent(alert: AlertDraft): Promise<{ announced: boolean }> {
    const { alertId, raisedAt, ...rest } = alert;
    const outcome = await insertOnce(this.alerts, {
      ...rest,
      _id: alertId,
      raisedAt: new Date(raisedAt),
      announcedAt: null,
    });
    if (outcome === 'inserted') return { announced: false };
    const existing = await this.alerts.findById(alertId, { announcedAt: 1 }).lean();
    return { announced: existing?.announcedAt != null };
  }

  async markAnnounced(alertId: string, at: Date): Promise<void> {
    await this.alerts.updateOne({ _id: alertId, announcedAt: null }, { $set: { announcedAt: at } });
  }

  async enabledRulesFor(topicIds: readonly string[]): Promise<InstantMatchRule[]> {
    const docs = await this.rules.find({ topicId: { $in: [...topicIds] }, enabled: true }).lean<RuleDocument[]>();
    return docs.map(({ _id, ...rule }) => ({ ...rule, ruleId: _id }));
  }

  async seedRules(rules: readonly InstantMatchRule[]): Promise<void> {
    for (const { ruleId, ...rule } of rules) {
      await this.rules.updateOne({ _id: ruleId }, { $setOnInsert: rule }, { upsert: true });
    }
  }

  async recent(limit: number): Promise<AlertDraft[]> {
    const docs = await this.alerts.find({}).sort({ raisedAt: -1 }).limit(limit).lean<AlertDocument[]>();
    return docs.map(({ _id, raisedAt, announcedAt: _a, ...rest }) => ({
      ...rest,
      alertId: _id,
      raisedAt: raisedAt.toISOString(),
    }));
  }
}
