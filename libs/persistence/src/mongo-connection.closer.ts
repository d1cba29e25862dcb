import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { MONGO_CONNECTION } from './persistence.tokens.js';

/**
 * Closes the connection in `onApplicationShutdown`, i.e. after the HTTP server and the message
 * transport have been closed and drained, so in-flight handlers can still write.
 */
@Injectable()
export class MongoConnectionCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('Persistence');

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  /** Closes the pool; errors are logged, never thrown, so that the rest of the shutdown runs. */
  async onApplicationShutdown(): Promise<void> {
    try {
      await this.connection.close();
    } catch (error) {
      this.logger.warn(
        `closing the MongoDB connection failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
