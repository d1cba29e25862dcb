import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { baseServiceEnv, httpPort } from './base-service.env.js';
import { ConfigError } from './config.error.js';
import { loadConfig } from './load.config.js';

const serviceEnv = baseServiceEnv.extend({ HTTP_PORT: httpPort(3001), FEED_URLS: z.string().min(1) });

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(serviceEnv, { FEED_URLS: 'a', SHUTDOWN_TIMEOUT_MS: '5000', UNRELATED: 'x' });
    expect(config).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HTTP_HOST: '0.0.0.0',
      HTTP_PORT: 3001,
      NATS_URL: 'nats://127.0.0.1:4222',
      NATS_NAMESPACE: '',
      MONGO_URL: 'mongodb://127.0.0.1:27017/',
      SHUTDOWN_TIMEOUT_MS: 5000,
      FEED_URLS: 'a',
    });
  });

  it('reads the given values, including optional credentials', () => {
    const config = loadConfig(serviceEnv, {
      FEED_URLS: 'a',
      HTTP_PORT: '8080',
      NODE_ENV: 'production',
      LOG_LEVEL: 'debug',
      NATS_NAMESPACE: 'tenant-1',
      NATS_USER: 'svc',
      NATS_PASSWORD: 'pw',
    });
    expect(config).toMatchObject({
      HTTP_PORT: 8080,
      NODE_ENV: 'production',
      LOG_LEVEL: 'debug',
      NATS_NAMESPACE: 'tenant-1',
    });
    expect(config).toMatchObject({ NATS_USER: 'svc', NATS_PASSWORD: 'pw' });
    expect(config.NATS_TOKEN).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadConfig(serviceEnv, { FEED_URLS: 'a', HTTP_PORT: '', LOG_LEVEL: '' })).toMatchObject({
      HTTP_PORT: 3001,
      LOG_LEVEL: 'info',
    });
  });

  it('names every missing or invalid variable in one error, without the values', () => {
    const error = configErrorOf(() =>
      loadConfig(serviceEnv, {
        HTTP_PORT: 'eighty',
        LOG_LEVEL: 'chatty',
        SHUTDOWN_TIMEOUT_MS: '-1',
        NATS_NAMESPACE: 'Bad_Namespace',
        MONGO_URL: 'postgres://user:hunter2@db/',
      }),
    );
    expect(error.code).toBe('config.invalid');
    expect(error.variables.sort()).toEqual(
      ['FEED_URLS', 'HTTP_PORT', 'LOG_LEVEL', 'MONGO_URL', 'NATS_NAMESPACE', 'SHUTDOWN_TIMEOUT_MS'].sort(),
    );
    expect(error.issues).toContainEqual({ variable: 'FEED_URLS', message: 'is required but not set' });
    for (const name of error.variables) expect(error.message).toContain(name);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('chatty');
  });

  it('requires HTTP_PORT when the service gives no default', () => {
    const error = configErrorOf(() => loadConfig(baseServiceEnv, {}));
    expect(error.issues).toEqual([{ variable: 'HTTP_PORT', message: 'is required but not set' }]);
  });
});
