// The gateway's per-request cost of one cached 30-day hourly trend answer (720 points), under
// `node --cpu-prof` when asked. trends runs as a LocalSystem process on an empty store; the gateway is
// started here (NODE_OPTIONS may not carry --cpu-prof) with TREND_CACHE_MS 60 s, so after the first
// request every answer comes from its cache; then the benchmarks' closed-loop client asks for that one URL.
//   npm run build && nice -n 10 node scripts/profile-gateway-trend.mjs
//   env: SECONDS_RUN (10), CONNECTIONS (50), ENCODING (the clients' Accept-Encoding; none by default),
//        PROFILE=<dir> (write the gateway's .cpuprofile there)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { closedLoopLoad } from '../apps/cli/dist/commands/http-load.js';
import { LocalSystem } from '../libs/local-infra/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Number(process.env.SECONDS_RUN ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 50);
const system = await LocalSystem.start({ databasePrefix: 'profile', logLevel: 'warn', services: ['trends'] });
const apiKey = `mmk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
const port = 39_000 + Math.floor(Math.random() * 1_000);
const profile = process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : [];
const gateway = spawn('nice', ['-n', '10', process.execPath, ...profile, `${root}apps/gateway/dist/main.js`], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    TREND_CACHE_MS: '60000',
    TREND_CACHE_STALE_MS: '0',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    NATS_URL: system.stack.nats.url,
    NATS_NAMESPACE: '',
    API_BOOTSTRAP_KEY: apiKey,
    MONGO_URL: system.stack.ferretdb.uri,
    MONGO_DB: 'profile_gateway',
  },
});
const url = `http://127.0.0.1:${port}`;
try {
  for (let tries = 0; ; tries += 1) {
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (tries > 600) throw new Error('the gateway did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const path = '/v1/topics/topic-1/trends?interval=hour&from=2026-10-31T00:00:00.000Z&to=2026-11-30T00:00:00.000Z';
  const headers = { 'x-api-key': apiKey, ...(process.env.ENCODING ? { 'accept-encoding': process.env.ENCODING } : {}) };
  const first = await fetch(`${url}${path}`, { headers });
  process.stdout.write(`first answer: ${first.status}, ${(await first.text()).length} characters\n`);
  const r = await closedLoopLoad({ origin: url, connections, seconds, headers, path: () => path });
  const figures = {
    connections,
    seconds,
    requestsPerSecond: r.requestsPerSecond,
    non2xx: r.non2xx,
    latencyMs: { p50: r.latencyMs.p50, p99: r.latencyMs.p99, max: r.latencyMs.max },
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  gateway.kill('SIGTERM');
  await new Promise((resolve) => gateway.on('exit', resolve));
  await system.stop();
}
