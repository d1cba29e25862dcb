import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { linesFrom, type Line } from './jsonl-lines.js';
import { ProgressBar } from './progress-bar.js';
import {
  freshState,
  headOf,
  readState,
  stateFileFor,
  writeState,
  type BadLine,
  type ImportState,
} from './import-state.js';

export interface ImportOptions {
  /** The ingest service's base URL (its push API is POST /v1/articles). */
  url: string;
  /** An API key with the `ingest` (or `admin`) scope, sent as `X-API-Key`. */
  apiKey?: string;
  /** Articles per request (the push API takes at most 500). */
  batch: number;
  /** Ignore a previous run's state and start from the first line. */
  restart: boolean;
  /** Stops after the batch in flight (Ctrl-C); the state file lets a rerun resume. */
  signal?: AbortSignal;
  /** Called after each acknowledged batch (tests interrupt with it). */
  onBatch?: (state: ImportState) => void;
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Attempts of one batch when the service is unreachable or answers 5xx. */
  attempts?: number;
}

export interface ImportSummary {
  file: string;
  stateFile: string;
  /** The line the run started after (0: from the start). */
  resumedAfterLine: number;
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  badLines: BadLine[];
  completed: boolean;
  /** Batches sent more than once because an answer was lost: their articles count as duplicates. */
  resentBatches: number;
  seconds: number;
  /** Articles sent per second in this run. */
  articlesPerSecond: number;
}

interface BatchItem {
  line: Line;
  article: unknown;
}

type ItemResult =
  | { index: number; status: 'accepted' | 'duplicate'; articleId: string }
  | { index: number; status: 'rejected'; error: { code: string; message: string } };

/** Thrown for a failure that stops the import; the state file keeps what was acknowledged. */
export class ImportError extends Error {}

/** A 429's `Retry-After` (seconds), within 1 to 60 s; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) ? Math.min(60, Math.max(1, seconds)) * 1000 : 1000;
}

async function postBatch(
  url: string,
  apiKey: string | undefined,
  items: BatchItem[],
  attempts: number,
): Promise<{ results: ItemResult[]; attempts: number }> {
  const body = JSON.stringify({ articles: items.map((item) => item.article) });
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    try {
      const res = await fetch(`${url.replace(/\/$/, '')}/v1/articles?partial=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
        body,
      });
      const text = await res.text();
      if (res.ok) return { results: (JSON.parse(text) as { results: ItemResult[] }).results, attempts: attempt };
      if (res.status === 401 || res.status === 403) {
        throw new ImportError(
          `the ingest service refused the API key (HTTP ${res.status}): ${text.slice(0, 300)}; ` +
            'pass a key with the ingest or admin scope (--api-key or MEDIA_MONITOR_API_KEY)',
        );
      }
      if (res.status === 429) {
        // Over the key's rate limit: wait as told and send the batch again; not a failed attempt.
        attempt -= 1;
        await sleep(retryAfterMs(res.headers.get('retry-after')));
        continue;
      }
      if (res.status < 500)
        throw new ImportError(`the ingest service refused a batch (HTTP ${res.status}): ${text.slice(0, 300)}`);
      reason = `HTTP ${res.status}`;
    } catch (error) {
      if (error instanceof ImportError) throw error;
      reason = (error as Error).message;
    }
    if (attempt >= attempts) throw new ImportError(`the ingest service at ${url} failed ${attempts} times (${reason})`);
    await sleep(Math.min(10_000, 250 * 2 ** attempt));
  }
}

/**
 * Imports a JSONL file of articles (one ArticleSubmission per line) through the ingest push API in
 * batches, so validation, dedup and stories happen where every other article goes. Progress is
 * stored next to the file after every acknowledged batch; a rerun resumes after the last one
 * (a batch sent again is recognised as duplicates). Bad lines are reported with their number.
 */
export async function importFile(file: string, options: ImportOptions): Promise<ImportSummary> {
  const stateFile = stateFileFor(file);
  const size = statSync(file).size;
  const head = headOf(file);
  const previous = options.restart ? undefined : readState(stateFile);
  if (previous && previous.head !== head) {
    throw new ImportError(
      `${file} is not the file ${stateFile} was written for; use --restart to import it from the start`,
    );
  }
  const state = previous ?? freshState(head);
  if (!previous) writeState(stateFile, state);
  const resumedAfterLine = state.lineNumber;
  const startedAt = Date.now();
  let sent = 0;
  const bar = new ProgressBar(size, options.progress);
  const detail = () =>
    `line ${state.lineNumber}: ${state.accepted} new, ${state.duplicates} duplicate, ${state.rejected} bad`;
  if (!state.completed) {
    let batch: BatchItem[] = [];
    const flush = async (endOffset: number, lastLine: number) => {
      if (batch.length > 0) {
        const { results, attempts } = await postBatch(options.url, options.apiKey, batch, options.attempts ?? 6);
        // A batch sent again (the first answer was lost) comes back as duplicates of itself.
        if (attempts > 1) state.resentBatches += 1;
        for (const result of results) {
          const item = batch[result.index];
          if (!item) continue;
          if (result.status === 'accepted') state.accepted += 1;
          else if (result.status === 'duplicate') state.duplicates += 1;
          else if (result.status === 'rejected') {
            state.rejected += 1;
            state.badLines.push({ line: item.line.number, reason: `${result.error.code}: ${result.error.message}` });
          }
        }
        sent += batch.length;
      }
      state.byteOffset = endOffset;
      state.lineNumber = lastLine;
      writeState(stateFile, state);
      batch = [];
      options.onBatch?.(state);
      bar.update(endOffset, detail());
    };
    let last: Line | undefined;
    for await (const line of linesFrom(file, state.byteOffset, state.lineNumber)) {
      last = line;
      if (line.text.trim() === '') continue;
      try {
        batch.push({ line, article: JSON.parse(line.text) });
      } catch (error) {
        state.rejected += 1;
        state.badLines.push({ line: line.number, reason: `not JSON: ${(error as Error).message}` });
      }
      if (batch.length >= options.batch) {
        await flush(line.endOffset, line.number);
        if (options.signal?.aborted) break;
      }
    }
    if (!options.signal?.aborted && last) await flush(last.endOffset, last.number);
    state.completed = !options.signal?.aborted;
    writeState(stateFile, state);
  }
  bar.update(state.byteOffset, detail(), true);
  bar.finish();
  const seconds = (Date.now() - startedAt) / 1000;
  return {
    file,
    stateFile,
    resumedAfterLine,
    lines: state.lineNumber,
    accepted: state.accepted,
    duplicates: state.duplicates,
    rejected: state.rejected,
    badLines: state.badLines,
    completed: state.completed,
    resentBatches: state.resentBatches,
    seconds,
    articlesPerSecond: seconds > 0 ? sent / seconds : 0,
  };
}

/** `media-monitor import FILE`: Ctrl-C stops after the batch in flight; a rerun resumes. */
export async function runImport(
  file: string,
  opts: { url: string; apiKey?: string; batch: number; restart: boolean },
): Promise<void> {
  const controller = new AbortController();
  const stop = () => {
    process.stderr.write('\nstopping after the batch in flight (run the same command again to resume) ...\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const apiKey = opts.apiKey ?? process.env['MEDIA_MONITOR_API_KEY'];
    const summary = await importFile(file, { ...opts, apiKey, signal: controller.signal });
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (summary.resumedAfterLine > 0)
      out(`resumed after line ${summary.resumedAfterLine} (state in ${summary.stateFile})`);
    for (const bad of summary.badLines.slice(0, 20)) out(`  line ${bad.line}: ${bad.reason}`);
    if (summary.badLines.length > 20)
      out(`  ... ${summary.rejected - 20} more bad lines listed in ${summary.stateFile}`);
    out(
      `${summary.completed ? 'imported' : 'interrupted at'} ${summary.lines} lines: ${summary.accepted} new articles, ` +
        `${summary.duplicates} duplicates, ${summary.rejected} bad lines skipped; ` +
        `${summary.articlesPerSecond.toFixed(1)} articles/s over ${summary.seconds.toFixed(1)} s`,
    );
    if (summary.resentBatches > 0) {
      out(
        `  ${summary.resentBatches} batch(es) were sent again after a lost answer; their articles count as duplicates`,
      );
    }
    if (!summary.completed) process.exitCode = 130;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
