import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { repositoryRoot } from './paths.js';

export type InfraBinary = 'nats-server' | 'ferretdb';

const OVERRIDES: Record<InfraBinary, string> = { 'nats-server': 'NATS_SERVER_BIN', ferretdb: 'FERRETDB_BIN' };

/** Raised when an infrastructure binary is missing; the message says how to get it. */
export class MissingBinaryError extends Error {
  readonly code = 'infra.binary_missing';
  constructor(readonly binary: InfraBinary) {
    super(
      `${binary} not found. Run "bash scripts/ensure-infra.sh" (needs Go) to build it into .tools/bin, ` +
        `set ${OVERRIDES[binary]}=/path/to/${binary}, or run the stack with "docker compose up".`,
    );
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a binary: the env override, then the project's .tools/bin, then PATH. */
export function resolveBinary(binary: InfraBinary, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[OVERRIDES[binary]];
  if (override) {
    if (isExecutable(override)) return override;
    throw new MissingBinaryError(binary);
  }
  const candidates = [join(repositoryRoot(), '.tools', 'bin', binary)];
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) candidates.push(join(dir, binary));
  const found = candidates.find(isExecutable);
  if (!found) throw new MissingBinaryError(binary);
  return found;
}
