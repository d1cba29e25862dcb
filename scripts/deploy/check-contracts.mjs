// Checks that the deployment files agree with the code (libs/contracts and the services' launch
// options), which are the source of truth:
//   - the NATS accounts files equal what scripts/deploy/nats-auth.mjs generates;
//   - every durable consumer's service has, in every rendered overlay, a KEDA ScaledObject with a
//     nats-jetstream trigger on exactly that stream and consumer (a service with several consumers
//     has one trigger each) plus a cpu trigger;
//   - every consumer Deployment's termination grace period exceeds ack wait + drain + preStop;
//   - docker compose's stop grace period exceeds the services' shutdown timeout;
//   - the Dockerfile copies the manifest of every workspace package.
//   node check-contracts.mjs <rendered-overlay.yaml>...
// Needs the build (`npx tsc -b`).
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { AUTH_FILES, render } from './nats-auth.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { CONSUMER_DEFINITIONS } = await import(join(root, 'libs/contracts/dist/index.js'));
const problems = [];

// NATS permissions.
const auth = await render();
for (const file of AUTH_FILES) {
  if (readFileSync(join(root, file), 'utf8') !== auth) {
    problems.push(`${file} differs from the contracts: run node scripts/deploy/nats-auth.mjs --write`);
  }
}

// Which service owns which durable consumer, from the services' own launch options.
const owners = new Map();
for (const name of ['entity', 'sentiment', 'trends', 'alert', 'ingest', 'gateway']) {
  const options = (await import(join(root, 'apps', name, 'dist', `${name}.service.js`)))[`${name}Service`];
  for (const { definition } of options.consumers ?? []) owners.set(definition.durable, name);
}
for (const definition of Object.values(CONSUMER_DEFINITIONS)) {
  if (!owners.has(definition.durable)) problems.push(`no service consumes ${definition.durable}`);
}

const seconds = (ms) => Math.ceil(Number(ms) / 1000);

for (const file of process.argv.slice(2)) {
  const overlay = basename(file);
  const objects = parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS())
    .filter(Boolean);
  const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('media-monitor-config'));
  const drainS = seconds(config?.data?.DRAIN_TIMEOUT_MS ?? 15_000);
  const shutdownS = seconds(config?.data?.SHUTDOWN_TIMEOUT_MS ?? 20_000);

  for (const definition of Object.values(CONSUMER_DEFINITIONS)) {
    const service = owners.get(definition.durable);
    const scaled = objects.find((o) => o.kind === 'ScaledObject' && o.spec.scaleTargetRef.name === service);
    const triggers = scaled?.spec.triggers ?? [];
    const lags = triggers.filter((t) => t.type === 'nats-jetstream');
    if (lags.length === 0) {
      problems.push(`${overlay}: no ScaledObject with a nats-jetstream trigger for ${service}`);
    } else if (
      !lags.some((t) => t.metadata.stream === definition.stream && t.metadata.consumer === definition.durable)
    ) {
      problems.push(
        `${overlay}: ScaledObject ${scaled.metadata.name} has no nats-jetstream trigger on ` +
          `${definition.stream}/${definition.durable} (the contracts' consumer of ${service})`,
      );
    }
    if (scaled && !triggers.some((t) => t.type === 'cpu')) problems.push(`${overlay}: ${service} has no cpu trigger`);

    const deployment = find('Deployment', service);
    if (!deployment) {
      problems.push(`${overlay}: no Deployment ${service}`);
      continue;
    }
    const pod = deployment.spec.template.spec;
    const sleep = pod.containers[0].lifecycle?.preStop?.exec?.command?.[1] ?? 0;
    const needed = seconds(definition.ackWaitMs) + Math.max(drainS, shutdownS) + Number(sleep);
    if (!(pod.terminationGracePeriodSeconds > needed)) {
      problems.push(
        `${overlay}: ${service} terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} must exceed ` +
          `ack wait + drain + preStop = ${needed}`,
      );
    }
  }
  for (const scaled of objects.filter((o) => o.kind === 'ScaledObject')) {
    for (const trigger of scaled.spec.triggers.filter((t) => t.type === 'nats-jetstream')) {
      if (!Object.values(CONSUMER_DEFINITIONS).some((d) => d.durable === trigger.metadata.consumer)) {
        problems.push(
          `${overlay}: ScaledObject ${scaled.metadata.name} watches unknown consumer ${trigger.metadata.consumer}`,
        );
      }
    }
  }
}

// docker compose: SIGKILL only after the services' own shutdown timeout.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
for (const [name, service] of Object.entries(compose.services)) {
  if (!service.build) continue;
  const grace = /^(\d+)s$/.exec(service.stop_grace_period ?? '')?.[1];
  if (!(Number(grace) > seconds(20_000)))
    problems.push(`docker-compose.yml: ${name} stop_grace_period must exceed 20s`);
}

// The Dockerfile installs the workspace from its manifests; a package it misses breaks `npm ci`.
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
for (const folder of ['libs', 'apps']) {
  for (const name of readdirSync(join(root, folder))) {
    const manifest = `${folder}/${name}/package.json`;
    if (!dockerfile.includes(`COPY ${manifest} `)) problems.push(`Dockerfile does not copy ${manifest}`);
  }
}

for (const problem of problems) process.stdout.write(`FAIL ${problem}\n`);
process.stdout.write(`contract checks: ${problems.length} problem(s)\n`);
process.exitCode = problems.length > 0 ? 1 : 0;
