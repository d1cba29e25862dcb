import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import type { Connection } from 'mongoose';
import { MongoConnectionCloser } from './mongo-connection.closer.js';
import { createMongoConnection, type MongoConfig, type MongoConnectionOptions } from './mongo-connection.factory.js';
import { MongoHealthIndicator } from './mongo-health.indicator.js';
import { MongoIndexInitializer } from './mongo-index.initializer.js';
import { MONGO_CONNECTION, PERSISTENCE_OPTIONS } from './persistence.tokens.js';

/** What the `forRootAsync` factory returns: where to connect, and how. */
export type PersistenceModuleOptions = MongoConfig & MongoConnectionOptions;

export interface PersistenceModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory: (...args: never[]) => PersistenceModuleOptions | Promise<PersistenceModuleOptions>;
}

/**
 * Global module that opens one mongoose connection per application (`MONGO_CONNECTION`),
 * offers `MongoHealthIndicator`, and closes the connection when the application shuts down.
 */
@Module({})
export class PersistenceModule {
  /** Connects at startup with the options the factory resolves. */
  static forRootAsync(options: PersistenceModuleAsyncOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: PERSISTENCE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: MONGO_CONNECTION,
          useFactory: (resolved: PersistenceModuleOptions): Promise<Connection> =>
            createMongoConnection({ uri: resolved.uri, dbName: resolved.dbName }, resolved),
          inject: [PERSISTENCE_OPTIONS],
        },
        MongoHealthIndicator,
        MongoIndexInitializer,
        MongoConnectionCloser,
      ],
      exports: [MONGO_CONNECTION, MongoHealthIndicator],
    };
  }
}
