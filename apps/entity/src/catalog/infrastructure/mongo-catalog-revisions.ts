import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import { MONGO_CONNECTION } from '@media-monitor/persistence';
import type { CatalogPart, CatalogRevisions } from '../application/catalog-revisions.js';

interface RevisionDocument {
  _id: CatalogPart;
  revision: string;
  changedAt: Date;
}

const MODEL = 'CatalogRevision';
const schema = new mongoose.Schema<RevisionDocument>(
  { _id: String, revision: String, changedAt: Date },
  { collection: 'catalog_revisions', versionKey: false },
);

@Injectable()
export class MongoCatalogRevisions implements CatalogRevisions {
  private readonly model: Model<RevisionDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[MODEL] ?? connection.model<RevisionDocument>(MODEL, schema);
  }

  async read(): Promise<Record<CatalogPart, string | null>> {
    // Two reads by _id: the one lookup FerretDB answers without scanning.
    const [registry, topics] = await Promise.all([
      this.model.findById('registry').lean<RevisionDocument>(),
      this.model.findById('topics').lean<RevisionDocument>(),
    ]);
    return { registry: registry?.revision ?? null, topics: topics?.revision ?? null };
  }

  async bump(part: CatalogPart): Promise<void> {
    await this.model.updateOne(
      { _id: part },
      { $set: { revision: randomUUID(), changedAt: new Date() } },
      { upsert: true },
    );
  }
}
