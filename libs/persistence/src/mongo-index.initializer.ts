import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ensureIndexes } from './mongo-indexes.js';
import { MONGO_CONNECTION } from './persistence.tokens.js';

/**
 * Creates the indexes of every model registered on the connection (autoIndex is off), once all
 * repositories are constructed and before the service consumes or serves anything.
 */
@Injectable()
export class MongoIndexInitializer implements OnModuleInit {
  private readonly logger = new Logger(MongoIndexInitializer.name);

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  async onModuleInit(): Promise<void> {
    const { complete, skipped } = await ensureIndexes(this.connection, Object.values(this.connection.models));
    for (const index of skipped) {
      this.logger.warn(`index ${JSON.stringify(index.fields)} of ${index.model} skipped: ${index.reason}`);
    }
    if (complete.length) this.logger.log(`indexes ready: ${complete.join(', ')}`);
  }
}
