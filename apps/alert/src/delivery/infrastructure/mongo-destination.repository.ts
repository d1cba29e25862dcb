import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import type { AlertDestinationInputV1 } from '@media-monitor/contracts';
import { MONGO_CONNECTION, insertOnce } from '@media-monitor/persistence';
import type { DestinationRepository } from '../application/delivery.ports.js';
import type { Destination } from '../domain/delivery.js';
import { DESTINATION_MODEL, destinationSchema, type DestinationDocument } from './delivery.schemas.js';

const toDestination = ({ _id, ...rest }: DestinationDocument): Destination => ({ ...rest, destinationId: _id });

const activeFields = (input: AlertDestinationInputV1) => {
  const { destinationId: _id, ...fields } = input;
  return { ...fields, status: 'active', brokenReason: null, brokenAt: null, pausedUntil: null };
};

@Injectable()
export class MongoDestinationRepository implements DestinationRepository {
  readonly destinations: Model<DestinationDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.destinations =
      connection.models[DESTINATION_MODEL] ??
      connection.model<DestinationDocument>(DESTINATION_MODEL, destinationSchema);
  }

  async get(destinationId: string): Promise<Destination | null> {
    const doc = await this.destinations.findById(destinationId).lean<DestinationDocument>();
    return doc ? toDestination(doc) : null;
  }

  async all(): Promise<Destination[]> {
    const docs = await this.destinations.find({}).sort({ _id: 1 }).lean<DestinationDocument[]>();
    return docs.map(toDestination);
  }

  async save(input: AlertDestinationInputV1): Promise<{ created: boolean }> {
    const fields = activeFields(input);
    const unset = {
      ...(input.secret ? {} : { secret: 1 }),
      ...(input.quietHours ? {} : { quietHours: 1 }),
      ...(input.digestMinutes ? {} : { digestMinutes: 1 }),
    };
    const result = await this.destinations.updateOne(
      { _id: input.destinationId },
      { $set: fields, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
      { upsert: true },
    );
    return { created: result.upsertedCount === 1 };
  }

  async seed(input: AlertDestinationInputV1): Promise<void> {
    await insertOnce(this.destinations, { _id: input.destinationId, ...activeFields(input) });
  }

  async delete(destinationId: string): Promise<boolean> {
    return (await this.destinations.deleteOne({ _id: destinationId })).deletedCount === 1;
  }

  async markBroken(destinationId: string, reason: string, at: Date): Promise<void> {
    await this.destinations.updateOne(
      { _id: destinationId },
      { $set: { status: 'broken', brokenReason: reason.slice(0, 500), brokenAt: at } },
    );
  }

  async markActive(destinationId: string): Promise<void> {
    await this.destinations.updateOne(
      { _id: destinationId },
      { $set: { status: 'active', brokenReason: null, brokenAt: null } },
    );
  }

  async pauseUntil(destinationId: string, until: Date): Promise<void> {
    await this.destinations.updateOne({ _id: destinationId }, { $set: { pausedUntil: until } });
  }
}
