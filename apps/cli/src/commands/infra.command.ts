import { LocalStack } from '@media-monitor/local-infra';

/** Runs nats-server and FerretDB until Ctrl-C, for developing a service against them. */
export async function runInfra(options: { dataDir?: string; natsPort: number; mongoPort: number }): Promise<void> {
  const stack = await LocalStack.start({
    dataDir: options.dataDir,
    natsPort: options.natsPort,
    mongoPort: options.mongoPort,
  });
  process.stdout.write(
    `NATS_URL=${stack.nats.url}\nMONGO_URL=${stack.ferretdb.uri}\ndata: ${stack.dataDir}\nPress Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stack.stop();
}
