import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, insertOnce, trusted } from '@media-monitor/persistence';
import type { AlertRepository, AlertState } from '../application/alert.repository.js';
import type { AlertDraft } from '../domain/alert.js';
import { ALERT_MODEL, alertSchema, type AlertDocument } from './alert.schemas.js';

const toDraft = ({ _id, raisedAt, announcedAt: _a, enqueuedAt: _e, ...rest }: AlertDocument): AlertDraft => ({
  ...rest,
  details: rest.details ?? null,
  destinationIds: rest.destinationIds ?? [],
  alertId: _id,
  raisedAt: raisedAt.toISOString(),
});

@Injectable()
export class MongoAlertRepository implements AlertRepository {
  private readonly alerts: Model<AlertDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.alerts = connection.models[ALERT_MODEL] ?? connection.model<AlertDocument>(ALERT_MODEL, alertSchema);
  }

  async insertIfAbsent(alert: AlertDraft): Promise<AlertState> {
    const { alertId, raisedAt, ...rest } = alert;
    const outcome = await insertOnce(this.alerts, {
      ...rest,
      _id: alertId,
      raisedAt: new Date(raisedAt),
      announcedAt: null,
      enqueuedAt: null,
    });
    if (outcome === 'inserted') return { announced: false, enqueued: false };
    const existing = await this.alerts.findById(alertId, { announcedAt: 1, enqueuedAt: 1 }).lean<AlertDocument>();
    return { announced: existing?.announcedAt != null, enqueued: existing?.enqueuedAt != null };
  }

  async markAnnounced(alertId: string, at: Date): Promise<void> {
    await this.alerts.updateOne({ _id: alertId, announcedAt: null }, { $set: { announcedAt: at } });
  }

  async markEnqueued(alertId: string, at: Date): Promise<void> {
    await this.alerts.updateOne({ _id: alertId, enqueuedAt: null }, { $set: { enqueuedAt: at } });
  }

  async unfinished(raisedBefore: Date, limit: number): Promise<AlertDraft[]> {
    const docs = await this.alerts
      .find({ raisedAt: trusted({ $lt: raisedBefore }), $or: [{ announcedAt: null }, { enqueuedAt: null }] })
      .sort({ raisedAt: 1 })
      .limit(limit)
      .lean<AlertDocument[]>();
    return docs.map(toDraft);
  }

  async get(alertId: string): Promise<AlertDraft | null> {
    const doc = await this.alerts.findById(alertId).lean<AlertDocument>();
    return doc ? toDraft(doc) : null;
  }

  async lastRaisedAt(ruleId: string, kind: AlertDraft['kind']): Promise<Date | null> {
    const doc = await this.alerts
      .findOne({ ruleId, kind }, { raisedAt: 1 })
      .sort({ raisedAt: -1 })
      .lean<Pick<AlertDocument, 'raisedAt'>>();
    return doc?.raisedAt ?? null;
  }

  async recent(query: { limit: number; topicId?: string; before?: Date }): Promise<AlertDraft[]> {
    const filter = {
      ...(query.topicId ? { topicId: query.topicId } : {}),
      ...(query.before ? { raisedAt: trusted({ $lt: query.before }) } : {}),
    };
    const docs = await this.alerts.find(filter).sort({ raisedAt: -1 }).limit(query.limit).lean<AlertDocument[]>();
    return docs.map(toDraft);
  }
}
