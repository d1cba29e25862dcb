// Jest loads this file natively (outside its transform), so it imports the built local-infra
// package; "npm test" builds the workspace first.
import { LocalStack } from '@media-monitor/local-infra';

/**
 * Starts one private nats-server and one FerretDB for the whole Jest run. Workers inherit the
 * URLs through the environment; every test isolates itself with its own namespace and database.
 */
export default async function globalSetup() {
  const started = Date.now();
  const stack = await LocalStack.start();
  process.env.TEST_NATS_URL = stack.nats.url;
  process.env.TEST_MONGO_URI = stack.ferretdb.uri;
  globalThis.__mediaMonitorStack = stack;
  process.stderr.write(
    `\n[testing] nats-server ${stack.nats.url} and FerretDB ${stack.ferretdb.uri} ready in ${Date.now() - started} ms\n`,
  );
}
