import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Connection } from 'mongoose';
import { MONGO_CONNECTION } from '@media-monitor/persistence';
import { API_AUTH_OPTIONS, type ApiAuthOptions } from './api-auth.options.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyService } from './api-key.service.js';

/**
 * API keys: the store (hashes only), verification with a short cache, the bootstrap key, and the
 * guard. Needs the persistence module's connection; a `database` option reads another database
 * through the same connection pool.
 */
@Module({})
export class ApiAuthModule {
  static register(options: ApiAuthOptions): DynamicModule {
    return {
      module: ApiAuthModule,
      providers: [
        { provide: API_AUTH_OPTIONS, useValue: options },
        {
          provide: ApiKeyRepository,
          inject: [MONGO_CONNECTION],
          useFactory: (connection: Connection) =>
            new ApiKeyRepository(
              options.database && options.database !== connection.name
                ? connection.useDb(options.database, { useCache: true })
                : connection,
            ),
        },
        ApiKeyService,
        ApiKeyGuard,
        ...(options.guardEveryRoute ? [{ provide: APP_GUARD, useClass: ApiKeyGuard }] : []),
      ],
      exports: [API_AUTH_OPTIONS, ApiKeyService, ApiKeyGuard],
    };
  }
}
