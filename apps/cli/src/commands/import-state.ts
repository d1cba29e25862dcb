import { createHash } from 'node:crypto';
import { existsSync, openSync, readFileSync, readSync, closeSync, renameSync, writeFileSync } from 'node:fs';

/** Bytes of the file's start that identify it (a different file under the same name is refused). */
const HEAD_BYTES = 64 * 1024;
/** Bad lines kept in the state file (all are counted). */
const MAX_KEPT_BAD_LINES = 1000;

export interface BadLine {
  line: number;
  reason: string;
}

/** Where an import stands: written next to the input after every acknowledged batch. */
export interface ImportState {
  version: 1;
  /** SHA-256 of the file's first 64 KiB. */
  head: string;
  /** Bytes and lines of the file whose articles the ingest service acknowledged. */
  byteOffset: number;
  lineNumber: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  badLines: BadLine[];
  /** Batches sent again after a lost answer (their articles come back as duplicates). */
  resentBatches: number;
  completed: boolean;
  updatedAt: string;
}

export function stateFileFor(file: string): string {
  return `${file}.import-state.json`;
}

export function headOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return createHash('sha256').update(buffer.subarray(0, read)).digest('hex');
  } finally {
    closeSync(fd);
  }
}

export function freshState(head: string): ImportState {
  return {
    version: 1,
    head,
    byteOffset: 0,
    lineNumber: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    badLines: [],
    resentBatches: 0,
    completed: false,
    updatedAt: new Date().toISOString(),
  };
}

export function readState(path: string): ImportState | undefined {
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8')) as ImportState;
  if (state.version !== 1) throw new Error(`${path}: unknown state version ${String(state.version)}`);
  return { ...state, resentBatches: state.resentBatches ?? 0 };
}

/** Writes the state atomically (a crash leaves the old state or the new one, never half of one). */
export function writeState(path: string, state: ImportState): void {
  const kept = { ...state, badLines: state.badLines.slice(0, MAX_KEPT_BAD_LINES), updatedAt: new Date().toISOString() };
  writeFileSync(`${path}.tmp`, `${JSON.stringify(kept, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
