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
