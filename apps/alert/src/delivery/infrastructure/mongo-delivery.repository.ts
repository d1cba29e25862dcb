import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, insertOnce, trusted } from '@media-monitor/persistence';
import type { DeliveryRepository } from '../application/delivery.ports.js';
import { deliveryIdFor, type Delivery, type DeliveryAttempt } from '../domain/delivery.js';
import type { Classified } from '../domain/send-outcome.js';
import {
  ATTEMPT_MODEL,
  DELIVERY_MODEL,
  attemptSchema,
  deliverySchema,
  type AttemptDocument,
  type DeliveryDocument,
} from './delivery.schemas.js';

const EPOCH = new Date(0);
/** Characters of an answer kept in the attempt log. */
const RESPONSE_CHARS = 500;

const toDelivery = ({ _id, createdAt: _c, ...rest }: DeliveryDocument): Delivery => ({
  ...rest,
  batched: rest.batched === true,
  deliveryId: _id,
});

@Injectable()
export class MongoDeliveryRepository implements DeliveryRepository {
  readonly deliveries: Model<DeliveryDocument>;
  readonly attempts: Model<AttemptDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.deliveries =
      connection.models[DELIVERY_MODEL] ?? connection.model<DeliveryDocument>(DELIVERY_MODEL, deliverySchema);
    this.attempts = connection.models[ATTEMPT_MODEL] ?? connection.model<AttemptDocument>(ATTEMPT_MODEL, attemptSchema);
  }

  async enqueue(alertId: string, destinationIds: readonly string[], now: Date): Promise<void> {
    for (const destinationId of destinationIds) {
      await insertOnce(this.deliveries, {
        _id: deliveryIdFor(alertId, destinationId),
        alertId,
        destinationId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: EPOCH,
        createdAt: now,
        deliveredAt: null,
        lastError: null,
        batched: false,
      });
    }
  }

  async due(destinationId: string, now: Date, limit: number): Promise<Delivery[]> {
    const docs = await this.deliveries
      .find({
        destinationId,
        status: 'pending',
        nextAttemptAt: trusted({ $lte: now }),
        leaseUntil: trusted({ $lte: now }),
      })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<DeliveryDocument[]>();
    return docs.map(toDelivery);
  }

  async claim(delivery: Delivery, now: Date, leaseMs: number): Promise<number | null> {
    const claimed = await this.deliveries.updateOne(
      { _id: delivery.deliveryId, status: 'pending', attempts: delivery.attempts, leaseUntil: trusted({ $lte: now }) },
      { $set: { leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
    );
    if (claimed.modifiedCount !== 1) return null;
    const attempt = delivery.attempts + 1;
    const record: AttemptDocument = {
      _id: `${delivery.deliveryId}#${attempt}`,
      deliveryId: delivery.deliveryId,
      attempt,
      startedAt: now,
      finishedAt: null,
      outcome: null,
      httpStatus: null,
      errorClass: null,
      response: null,
    };
    return (await insertOnce(this.attempts, record)) === 'inserted' ? attempt : null;
  }

  async hold(delivery: Delivery, until: Date, reason: 'quiet_hours' | 'digest'): Promise<void> {
    await this.deliveries.updateOne(
      { _id: delivery.deliveryId, status: 'pending' },
      { $set: { nextAttemptAt: until, batched: true, lastError: `${reason}: held until ${until.toISOString()}` } },
    );
  }

  async finish(
    delivery: Delivery,
    attempt: number,
    result: Classified,
    next: { status: Delivery['status']; nextAttemptAt: Date },
    now: Date,
  ): Promise<void> {
    if (attempt > 0) {
      await this.attempts.updateOne(
        { _id: `${delivery.deliveryId}#${attempt}` },
        {
          $set: {
            finishedAt: now,
            outcome: result.outcome,
            httpStatus: result.httpStatus,
            errorClass: result.errorClass,
            response: result.detail.slice(0, RESPONSE_CHARS),
          },
        },
      );
    }
    await this.deliveries.updateOne(
      { _id: delivery.deliveryId, status: 'pending' },
      {
        $set: {
          status: next.status,
          nextAttemptAt: next.nextAttemptAt,
          leaseUntil: EPOCH,
          lastError:
            result.outcome === 'delivered'
              ? null
              : `${result.errorClass ?? 'error'}: ${result.detail}`.slice(0, RESPONSE_CHARS),
          ...(next.status === 'delivered' ? { deliveredAt: now } : {}),
        },
      },
    );
  }

  async failPending(destinationId: string, reason: string, now: Date): Promise<number> {
    const result = await this.deliveries.updateMany(
      { destinationId, status: 'pending' },
      { $set: { status: 'failed', lastError: reason, nextAttemptAt: now, leaseUntil: EPOCH } },
    );
    return result.modifiedCount;
  }

  pendingCount(destinationId: string): Promise<number> {
    return this.deliveries.countDocuments({ destinationId, status: 'pending' });
  }

  async forAlerts(alertIds: readonly string[]): Promise<Delivery[]> {
    const docs = await this.deliveries.find({ alertId: trusted({ $in: [...alertIds] }) }).lean<DeliveryDocument[]>();
    return docs.map(toDelivery).sort((a, b) => a.deliveryId.localeCompare(b.deliveryId));
  }

  async attemptsOf(deliveryIds: readonly string[]): Promise<DeliveryAttempt[]> {
    const docs = await this.attempts
      .find({ deliveryId: trusted({ $in: [...deliveryIds] }) })
      .sort({ deliveryId: 1, attempt: 1 })
      .lean<AttemptDocument[]>();
    return docs.map(({ _id, ...attempt }) => attempt);
  }
}
