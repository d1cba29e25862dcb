#!/usr/bin/env node
// Builds the dashboard (apps/dashboard) with Vite into apps/dashboard/dist, which the gateway
// serves at /app/. Skips the build when nothing it reads changed since the last one (a hash of the
// sources, the config, the lock file and the compiled contracts is kept in dist/.build-hash), so
// `npm test` stays quick; `--force` rebuilds. Prints every output file with its gzip size.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'apps', 'dashboard');
const dist = join(app, 'dist');
const stamp = join(dist, '.build-hash');

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(app, 'src')).filter((f) => !/\.spec\.tsx?$/.test(f)),
    join(app, 'index.html'),
    join(app, 'vite.config.mjs'),
    join(root, 'package-lock.json'),
    ...files(join(root, 'libs', 'contracts', 'dist')).filter((f) => f.endsWith('.js')),
  ].sort();
  for (const file of inputs) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function report() {
  const rows = files(dist)
    .filter((f) => !f.endsWith('.build-hash'))
    .map((f) => ({ file: relative(app, f), bytes: statSync(f).size, gzip: gzipSync(readFileSync(f)).length }));
  const total = rows.reduce((t, r) => ({ bytes: t.bytes + r.bytes, gzip: t.gzip + r.gzip }), { bytes: 0, gzip: 0 });
  for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${String(r.bytes).padStart(8)} B  gzip ${r.gzip} B`);
  console.log(`  ${'total'.padEnd(44)} ${String(total.bytes).padStart(8)} B  gzip ${total.gzip} B`);
}

const hash = inputsHash();
const force = process.argv.includes('--force');
if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(join(dist, 'index.html'))) {
  console.log('[dashboard] up to date (apps/dashboard/dist)');
  process.exit(0);
}
const started = Date.now();
const { build } = await import('vite');
await build({ configFile: join(app, 'vite.config.mjs'), logLevel: 'warn' });
writeFileSync(stamp, hash);
console.log(`[dashboard] built apps/dashboard/dist in ${Date.now() - started} ms:`);
report();
