#!/usr/bin/env node
// Entry point of the `media-monitor` command (npx media-monitor <command>).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('media-monitor is not built yet: run "npm run build" in the repository root.');
  process.exit(1);
}
await import(main);
