import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { STREAMS } from '@media-monitor/contracts';
import { ManagedProcess, freePort, repositoryRoot, waitForHttpOk } from '@media-monitor/local-infra';
import { testInfra, uniqueDatabaseName, uniqueNamespace } from '@media-monitor/testing';
import { importFile, ImportError } from './import.command.js';
import { readState, stateFileFor, writeState } from './import-state.js';

const silent = new Writable({ write: (_chunk, _enc, done) => done() });

const article = (i: number) =>
  JSON.stringify({
    url: `https://import.example/news/${i}`,
    title: `Imported article ${i}`,
    body: `Article number ${i} of the import test says that unit ${i % 7} of the BARS battalion in district ${i} trained for ${i} days near the border.`,
    publishedAt: '2026-11-20T10:00:00Z',
    source: { id: 'archive', name: 'Archive' },
  });

// The bulk import against the real ingest service (its own process) on NATS and FerretDB.
describe('media-monitor import', () => {
  const ns = uniqueNamespace('imp');
  const dir = mkdtempSync(join(tmpdir(), 'import-'));
  // The bootstrap admin key of this ingest process (stored hashed in its key database).
  const apiKey = `mmk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
  let ingest: ManagedProcess;
  let url = '';
  let nc: NatsConnection;

  const published = async () => {
    const jsm = await jetstreamManager(nc);
    return (await jsm.streams.info(ns.stream(STREAMS.articles))).state.messages;
  };

  beforeAll(async () => {
    const { natsUrl, mongoUri } = testInfra();
    const port = await freePort();
    ingest = new ManagedProcess({
      name: 'ingest',
      command: process.execPath,
      args: [join(repositoryRoot(), 'apps', 'ingest', 'dist', 'main.js')],
      logFile: join(dir, 'ingest.log'),
      env: {
        ...process.env,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        NATS_URL: natsUrl,
        NATS_NAMESPACE: ns.value,
        MONGO_URL: mongoUri,
        MONGO_DB: uniqueDatabaseName('import'),
        API_KEYS_DB: uniqueDatabaseName('import_keys'),
        API_BOOTSTRAP_KEY: apiKey,
        INGEST_SOURCES_FILE: '',
      },
    });
    ingest.start();
    url = `http://127.0.0.1:${port}`;
    await waitForHttpOk(`${url}/health/ready`, 60_000);
    nc = await connect({ servers: natsUrl });
  }, 90_000);

  afterAll(async () => {
    await nc?.close();
    await ingest?.stop(10_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports bad lines, resumes after an interruption and after a lost state write, and imports each article once', async () => {
    const lines: string[] = [];
    for (let i = 1; i <= 40; i++) {
      if (i === 7) lines.push('{"url": "https://import.example/broken", "title": ');
      else if (i === 13) lines.push(JSON.stringify({ url: 'https://import.example/x', title: '' }));
      else if (i === 21) lines.push(JSON.stringify({ ...JSON.parse(article(i)), url: 'ftp://import.example/21' }));
      else if (i === 30) lines.push('');
      else lines.push(article(i));
    }
    const file = join(dir, 'articles.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);

    // First run: stopped after three batches of five (as Ctrl-C would).
    const controller = new AbortController();
    let batches = 0;
    let afterSecondBatch: ReturnType<typeof readState>;
    const first = await importFile(file, {
      url,
      apiKey,
      batch: 5,
      restart: false,
      signal: controller.signal,
      progress: silent,
      onBatch: (state) => {
        batches += 1;
        if (batches === 2) afterSecondBatch = structuredClone(state);
        if (batches === 3) controller.abort();
      },
    });
    // Three batches of five JSON lines (1-16 without the broken line 7); line 13 fails the schema.
    expect(first).toMatchObject({
      completed: false,
      resumedAfterLine: 0,
      lines: 16,
      accepted: 14,
      rejected: 2,
      duplicates: 0,
    });
    expect(first.badLines).toEqual([
      { line: 7, reason: expect.stringMatching(/^not JSON: /) },
      { line: 13, reason: expect.stringMatching(/^ingest.invalid_article: /) },
    ]);

    // The state write of the third batch was lost (a crash right after the batch): it is sent again.
    expect(afterSecondBatch!).toMatchObject({ lineNumber: 11, accepted: 10 });
    writeState(stateFileFor(file), afterSecondBatch!);

    const second = await importFile(file, { url, apiKey, batch: 5, restart: false, progress: silent });
    expect(second.completed).toBe(true);
    expect(second.lines).toBe(40);
    expect(second.badLines.map((b) => b.line)).toEqual([7, 13, 21]);
    expect(second.badLines[1]!.reason).toMatch(/^ingest.invalid_article: /);
    expect(second.badLines[2]!.reason).toMatch(/^ingest.invalid_url: /);
    expect(second.rejected).toBe(3);
    // 36 articles: 10 acknowledged before, the third batch's 4 again (duplicates), 22 new.
    expect(second).toMatchObject({ resumedAfterLine: 11, accepted: 32, duplicates: 4 });
    expect(await published()).toBe(36);

    // A completed import is not repeated; --restart sends everything again, all recognised.
    const again = await importFile(file, { url, apiKey, batch: 5, restart: false, progress: silent });
    expect(again).toMatchObject({ completed: true, resumedAfterLine: 40, accepted: 32 });
    const restarted = await importFile(file, { url, apiKey, batch: 50, restart: true, progress: silent });
    expect(restarted).toMatchObject({ completed: true, accepted: 0, duplicates: 36, rejected: 3 });
    expect(await published()).toBe(36);
    expect(JSON.parse(readFileSync(stateFileFor(file), 'utf8'))).toMatchObject({ completed: true, lineNumber: 40 });
  }, 60_000);

  it('sends a batch again when its answer is lost, and the copies come back as duplicates', async () => {
    // A proxy that forwards the first request to ingest, waits for the answer, then drops the connection.
    let requests = 0;
    const proxy = createServer((req, res) => {
      requests += 1;
      const lose = requests === 1;
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        void fetch(`${url}${req.url}`, {
          method: req.method,
          headers: { 'content-type': 'application/json', 'x-api-key': String(req.headers['x-api-key']) },
          body,
        }).then(async (answer) => {
          const text = await answer.text();
          if (lose) req.socket.destroy();
          else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const before = await published();
    const file = join(dir, 'lost.jsonl');
    writeFileSync(file, `${[300, 301, 302].map(article).join('\n')}\n`);
    const summary = await importFile(file, {
      url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      apiKey,
      batch: 5,
      restart: false,
      progress: silent,
      attempts: 3,
    });
    await new Promise((resolve) => proxy.close(resolve));
    expect(requests).toBe(2);
    expect(summary).toMatchObject({ completed: true, accepted: 0, duplicates: 3, resentBatches: 1 });
    expect((await published()) - before).toBe(3);
  });

  it('stops at once without a valid API key, saying which key it needs', async () => {
    const file = join(dir, 'no-key.jsonl');
    writeFileSync(file, `${article(400)}\n`);
    const before = await published();
    await expect(importFile(file, { url, batch: 5, restart: true, progress: silent })).rejects.toThrow(
      /HTTP 401.*auth\.invalid_key.*ingest or admin scope/,
    );
    expect(readState(stateFileFor(file))).toMatchObject({ lineNumber: 0, completed: false });
    expect((await published()) - before).toBe(0);
  });

  it('refuses to resume with another file under the same name, and stops when the service is away', async () => {
    const file = join(dir, 'other.jsonl');
    writeFileSync(file, `${article(100)}\n`);
    await importFile(file, { url, apiKey, batch: 5, restart: false, progress: silent });
    writeFileSync(file, `${article(200)}\n${article(201)}\n`);
    await expect(importFile(file, { url, apiKey, batch: 5, restart: false, progress: silent })).rejects.toThrow(
      ImportError,
    );
    await expect(
      importFile(file, { url: 'http://127.0.0.1:9', apiKey, batch: 5, restart: true, progress: silent, attempts: 2 }),
    ).rejects.toThrow(/failed 2 times/);
    expect(readState(stateFileFor(file))).toMatchObject({ lineNumber: 0, completed: false });
  });
});
