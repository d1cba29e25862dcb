import { randomBytes } from 'node:crypto';
import { Namespace } from '@media-monitor/contracts';

/** Connection details of the nats-server and FerretDB that the Jest global setup started. */
export function testInfra(): { natsUrl: string; mongoUri: string } {
  const natsUrl = process.env['TEST_NATS_URL'];
  const mongoUri = process.env['TEST_MONGO_URI'];
  if (!natsUrl || !mongoUri) {
    throw new Error('TEST_NATS_URL / TEST_MONGO_URI are not set: run the tests through "npm test" (Jest global setup)');
  }
  return { natsUrl, mongoUri };
}

/** A fresh namespace: this test's own subjects, streams and durable consumer names. */
export function uniqueNamespace(prefix = 't'): Namespace {
  return new Namespace(`${prefix}${randomBytes(5).toString('hex')}`);
}

/** A fresh database name for one test. */
export function uniqueDatabaseName(prefix = 'test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** URL of the nats-server that the Jest global setup started. */
export function testNatsUrl(): string {
  return testInfra().natsUrl;
}

/**
 * The environment of a service a test starts in this process: loopback on a free port, silent
 * logs, the harness's nats-server and FerretDB, its own namespace and database; `extra` adds or
 * overrides the service's own variables.
 */
export function serviceTestEnv(
  namespace: string,
  mongoDb: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const { natsUrl, mongoUri } = testInfra();
  return {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    NATS_URL: natsUrl,
    NATS_NAMESPACE: namespace,
    MONGO_URL: mongoUri,
    MONGO_DB: mongoDb,
    ...extra,
  };
}
