// Runs the whole pipeline against a nats-server that enforces the generated accounts file
// (deploy/nats/auth.conf): every service connects as its own user, 20 articles go through ingest,
// and the topic trend must count all of them; then a registry entity is saved, a query dry-run and a
// topic created and backfilled through the gateway, with no permission violation in the server's log.
// Proves the least-privilege permissions are sufficient (check-contracts.mjs proves they are current).
//   node scripts/deploy/smoke-nats-auth.mjs      (after `npx tsc -b`; takes a minute or two)
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { FerretDb, ManagedProcess, SERVICE_NAMES, freePort, resolveBinary, waitForHttpOk } = await import(
  join(root, 'libs/local-infra/dist/index.js')
);

const USERS = ['ingest', 'entity', 'sentiment', 'trends', 'alert', 'gateway', 'ops', 'sys'];
const password = (user) => `smoke-${user}-password`;
const passwords = Object.fromEntries(USERS.map((u) => [`NATS_${u.toUpperCase()}_PASSWORD`, password(u)]));
const ARTICLES = 20;

const dir = mkdtempSync(join(tmpdir(), 'nats-auth-smoke-'));
const processes = [];
let ferret;
try {
  const [natsPort, monitorPort] = [await freePort(), await freePort()];
  // NATS_AUTH_FILE: try another accounts file (e.g. one with a permission removed, which must fail).
  copyFileSync(process.env.NATS_AUTH_FILE ?? join(root, 'deploy/nats/auth.conf'), join(dir, 'auth.conf'));
  writeFileSync(
    join(dir, 'nats.conf'),
    `listen: 127.0.0.1:${natsPort}\nhttp: 127.0.0.1:${monitorPort}\njetstream { store_dir: "${dir}/js" }\ninclude ./auth.conf\n`,
  );
  const natsLog = join(dir, 'nats.log');
  const nats = new ManagedProcess({
    name: 'nats-server',
    command: resolveBinary('nats-server'),
    args: ['-c', join(dir, 'nats.conf')],
    logFile: natsLog,
    env: { ...process.env, ...passwords },
  });
  nats.start();
  processes.push(nats);
  await waitForHttpOk(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`, 30_000);
  ferret = await FerretDb.start({ dataDir: join(dir, 'ferretdb') });

  const urls = {};
  const apiKey = `mmk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
  for (const name of SERVICE_NAMES) {
    const port = await freePort();
    const service = new ManagedProcess({
      name,
      command: process.execPath,
      args: [join(root, 'apps', name, 'dist', 'main.js')],
      logFile: join(dir, `${name}.log`),
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        NATS_URL: `nats://127.0.0.1:${natsPort}`,
        NATS_USER: name,
        NATS_PASSWORD: password(name),
        MONGO_URL: ferret.uri,
        API_BOOTSTRAP_KEY: apiKey,
      },
    });
    service.start();
    processes.push(service);
    urls[name] = `http://127.0.0.1:${port}`;
    await waitForHttpOk(`${urls[name]}/health/ready`, 180_000);
  }

  const publishedAt = new Date(Date.now() - 3_600_000).toISOString();
  const articles = Array.from({ length: ARTICLES }, (_, i) => ({
    url: `https://smoke.media-monitor.local/${i}`,
    title: `BARS-Kursk report ${i}`,
    body: `The BARS-Kursk territorial defence battalion held exercise number ${i}.`,
    publishedAt,
    source: { id: 'smoke' },
    language: 'en',
  }));
  const posted = await fetch(`${urls.ingest}/v1/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ articles }),
  });
  if (!posted.ok) throw new Error(`ingest answered ${posted.status}: ${await posted.text()}`);

  let total = 0;
  for (let attempt = 0; attempt < 90 && total < ARTICLES; attempt++) {
    await sleep(2000);
    const res = await fetch(`${urls.gateway}/v1/topics/bars/trends?interval=hour`, {
      headers: { 'x-api-key': apiKey },
    });
    if (res.ok) total = (await res.json()).points.reduce((n, p) => n + p.articles, 0);
  }
  // Topics and the alias registry: the gateway's queries, the entity service's locks and backfill
  // lease (key-value buckets), topic.changed.v1 and the backfill's article.topics-matched.v1.
  const admin = { 'x-api-key': apiKey, 'content-type': 'application/json' };
  const entity = await fetch(`${urls.gateway}/v1/entities/unit:smoke`, {
    method: 'PUT',
    headers: admin,
    body: JSON.stringify({ type: 'UNIT', name: 'Smoke unit', aliases: [{ text: 'Smoke unit' }] }),
  });
  const dryRun = await fetch(`${urls.gateway}/v1/topics/dry-run`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ query: 'entity:unit:bars-kursk' }),
  });
  const dryMatched = dryRun.ok ? (await dryRun.json()).matched : `HTTP ${dryRun.status}`;
  const created = await fetch(`${urls.gateway}/v1/topics`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ topicId: 'smoke', name: 'Smoke', query: 'entity:unit:bars-kursk OR entity:unit:smoke' }),
  });
  let backfill = null;
  for (let attempt = 0; attempt < 60 && created.ok && backfill?.status !== 'completed'; attempt++) {
    await sleep(1000);
    const res = await fetch(`${urls.gateway}/v1/topics/smoke`, { headers: { 'x-api-key': apiKey } });
    if (res.ok) backfill = (await res.json()).backfill;
  }
  const topicsOk =
    entity.ok && dryMatched === ARTICLES && backfill?.status === 'completed' && backfill.matched === ARTICLES;
  process.stdout.write(
    `registry PUT ${entity.status}, dry run matched ${dryMatched}, topic POST ${created.status}, ` +
      `backfill ${backfill?.status ?? 'none'} (${backfill?.matched ?? 0} of ${backfill?.scanned ?? 0} matched)\n`,
  );

  const violations = readFileSync(natsLog, 'utf8')
    .split('\n')
    .filter((line) => /violation/i.test(line));
  for (const line of violations) process.stdout.write(`${line}\n`);
  process.stdout.write(`trend total ${total} of ${ARTICLES} articles, ${violations.length} permission violation(s)\n`);
  process.exitCode = total === ARTICLES && topicsOk && violations.length === 0 ? 0 : 1;
} finally {
  for (const child of processes.reverse()) await child.stop(25_000);
  await ferret?.stop();
  if (process.exitCode === 0) rmSync(dir, { recursive: true, force: true });
  else process.stdout.write(`logs kept in ${dir}\n`);
}
