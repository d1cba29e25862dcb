#!/usr/bin/env node
// `npm start`: the first command of the quick start. On a fresh clone it installs the npm
// dependencies, obtains nats-server and FerretDB (scripts/ensure-infra.sh), builds the
// workspace and the dashboard, then runs `media-monitor demo` with any arguments given after `--`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function step(title, command, args) {
  process.stdout.write(`[start] ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`[start] failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  step('installing npm dependencies (npm ci)...', 'npm', ['ci', '--no-audit', '--no-fund']);
}
step('checking nats-server and FerretDB binaries...', 'bash', [join(root, 'scripts', 'ensure-infra.sh')]);
step('building the workspace (tsc -b)...', 'npx', ['tsc', '-b']);
step('building the dashboard (vite)...', process.execPath, [join(root, 'scripts', 'build-dashboard.mjs')]);
const demo = spawnSync(
  process.execPath,
  [join(root, 'apps', 'cli', 'bin', 'media-monitor.js'), 'demo', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(demo.status ?? 1);
