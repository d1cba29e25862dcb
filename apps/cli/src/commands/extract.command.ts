import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import {
  DEFAULT_MAX_BYTES,
  ExtractionError,
  extractArticle,
  type ExtractOptions,
  readBenchmarkPages,
} from '@media-monitor/extraction';

/** Milliseconds a page fetch may take, headers and body together. */
const FETCH_TIMEOUT_MS = 20_000;

export interface ExtractCommandOptions {
  benchmark?: string;
}

/** `extract FILE|URL` prints one article as JSON; `extract --benchmark DIR OUT.json` extracts a folder. */
export async function runExtract(target: string | undefined, options: ExtractCommandOptions): Promise<void> {
  if (options.benchmark) {
    if (!target) throw new Error('extract --benchmark DIR needs the output file: extract --benchmark DIR OUT.json');
    await extractBenchmark(options.benchmark, target);
    return;
  }
  if (!target) throw new Error('extract needs a FILE or URL');
  const { bytes, ...extractOptions } = /^https?:\/\//i.test(target) ? await fetchPage(target) : await readPage(target);
  process.stdout.write(`${JSON.stringify(extractArticle(bytes, extractOptions), null, 2)}\n`);
}

async function extractBenchmark(dir: string, outFile: string): Promise<void> {
  const pages = await readBenchmarkPages(dir);
  const results: Record<string, { articleBody: string; title: string; publishedAt: string | null }> = {};
  let failed = 0;
  for (const [i, page] of pages.entries()) {
    try {
      const article = extractArticle(page.bytes);
      results[page.id] = {
        articleBody: article.articleBody,
        title: article.title,
        publishedAt: article.publishedAt ?? null,
      };
    } catch (error) {
      if (!(error instanceof ExtractionError)) throw error;
      failed++;
      process.stderr.write(`\n${page.id}: ${error.code}: ${error.message}\n`);
      results[page.id] = { articleBody: '', title: '', publishedAt: null };
    }
    reportProgress(i + 1, pages.length);
  }
  await writeFile(outFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`\nwrote ${pages.length} pages (${failed} without an article) to ${outFile}\n`);
}

/** A counter in place on a terminal; a line every 50 pages in a log. */
function reportProgress(done: number, total: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\rextracted ${done}/${total}`);
  else if (done % 50 === 0 || done === total) process.stderr.write(`extracted ${done}/${total}\n`);
}

type PageInput = ExtractOptions & { bytes: Uint8Array };

async function readPage(file: string): Promise<PageInput> {
  const raw = await readFile(file);
  return { bytes: file.endsWith('.gz') ? gunzipSync(raw) : raw };
}

/** GETs a page with a timeout, refusing bodies over the extraction size limit while they stream in. */
async function fetchPage(url: string): Promise<PageInput> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'user-agent': 'media-monitor/0.1' },
    redirect: 'follow',
  }).catch((error: Error) => {
    // undici says only "fetch failed"; the reason (refused, DNS, timeout) is in the cause.
    const cause = (error.cause as Error | undefined)?.message ?? error.message;
    throw new Error(`GET ${url} failed: ${cause}`);
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > DEFAULT_MAX_BYTES) throw new Error(`${url} is ${declared} bytes, over the ${DEFAULT_MAX_BYTES} limit`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > DEFAULT_MAX_BYTES) throw new Error(`${url} is over the ${DEFAULT_MAX_BYTES} byte limit`);
    chunks.push(chunk);
  }
  return {
    bytes: Buffer.concat(chunks),
    url: response.url || url,
    contentType: response.headers.get('content-type') ?? undefined,
  };
}
