import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import { Webhook } from 'standardwebhooks';
import { createMongoConnection } from '@media-monitor/persistence';
import { testInfra, uniqueDatabaseName, waitFor } from '@media-monitor/testing';
import type { AlertDraft } from '../rules/domain/alert.js';
import { MongoAlertRepository } from '../rules/infrastructure/mongo-alert.repository.js';
import type { DeliveryOptions } from './application/delivery.options.js';
import { DeliveryWorker } from './application/delivery.worker.js';
import { DestinationSender } from './application/destination.sender.js';
import { deliveryIdFor } from './domain/delivery.js';
import { MongoDeliveryRepository } from './infrastructure/mongo-delivery.repository.js';
import { MongoDestinationRepository } from './infrastructure/mongo-destination.repository.js';
import { UndiciHttpSender } from './infrastructure/undici-http.sender.js';

/** One scripted answer of the emulated Slack webhook. */
type Answer = 'ok' | 'hang' | { status: number; body: string; headers?: Record<string, string> };

interface Received {
  path: string;
  body: string;
  headers: IncomingMessage['headers'];
  atMs: number;
}

/** A local HTTP server that answers like Slack's incoming webhooks, per path, from a script. */
class FakeSlack {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly hanging: ServerResponse[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, body: Buffer.concat(chunks).toString(), headers: req.headers, atMs: Date.now() });
        const answer = this.scripts.get(path)?.shift() ?? 'ok';
        if (answer === 'hang') {
          this.hanging.push(res);
          return;
        }
        const { status, body, headers } = answer === 'ok' ? { status: 200, body: 'ok', headers: {} } : answer;
        res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(path: string, answers: Answer[]): string {
    this.scripts.set(path, answers);
    return `${this.url}${path}`;
  }

  to(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const options = (over: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
  allowInsecureLoopback: true,
  pollMs: 50,
  leaseMs: 5_000,
  retry: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 5 },
  ratePerSecond: 50,
  burst: 10,
  digestBacklog: 10,
  articleUrlTemplate: 'https://monitor.example/articles/{articleId}',
  ...over,
});

describe('delivery worker against an emulated Slack (real FerretDB, local HTTP server)', () => {
  let connection: Connection;
  let alerts: MongoAlertRepository;
  let deliveries: MongoDeliveryRepository;
  let destinations: MongoDestinationRepository;
  let http: UndiciHttpSender;
  const slack = new FakeSlack();
  const workers: DeliveryWorker[] = [];
  let n = 0;

  beforeAll(async () => {
    connection = await createMongoConnection(
      { uri: testInfra().mongoUri, dbName: uniqueDatabaseName('alertdelivery') },
      { appName: 'alert-delivery-int-spec' },
    );
    alerts = new MongoAlertRepository(connection);
    deliveries = new MongoDeliveryRepository(connection);
    destinations = new MongoDestinationRepository(connection);
    http = new UndiciHttpSender({ timeoutMs: 2_000, maxResponseBytes: 64 * 1024 });
    await slack.start();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  afterAll(async () => {
    await http.onModuleDestroy();
    await slack.stop();
    await connection.dropDatabase();
    await connection.close();
  });

  const worker = (over: Partial<DeliveryOptions> = {}) => {
    const opts = options(over);
    const w = new DeliveryWorker(deliveries, destinations, alerts, new DestinationSender(http, opts), opts);
    workers.push(w);
    return w;
  };

  /** A stored alert queued for the destination; answers its delivery id. */
  const queue = async (destinationId: string): Promise<{ alert: AlertDraft; deliveryId: string }> => {
    n += 1;
    const alert: AlertDraft = {
      alertId: `alert-${n}-${Date.now()}`,
      ruleId: 'r1',
      topicId: 'bars',
      kind: 'spike',
      raisedAt: new Date().toISOString(),
      title: `BARS spike ${n}`,
      explanation: 'Coverage of topic "bars" rose to 30 articles against 8 expected.',
      articleIds: ['a'.repeat(32)],
      details: null,
      destinationIds: [destinationId],
    };
    await alerts.insertIfAbsent(alert);
    await deliveries.enqueue(alert.alertId, [destinationId], new Date());
    return { alert, deliveryId: deliveryIdFor(alert.alertId, destinationId) };
  };

  const slackDestination = async (id: string, answers: Answer[]) => {
    const url = slack.script(`/services/${id}`, answers);
    await destinations.save({ destinationId: id, name: id, type: 'slack', url, enabled: true });
    return `/services/${id}`;
  };

  const attemptsOf = async (deliveryId: string) => deliveries.attemptsOf([deliveryId]);
  const statusOf = async (deliveryId: string) => (await deliveries.forAlerts([deliveryId.split(':')[0]!]))[0];
  const delivered = (deliveryId: string) =>
    waitFor(async () => ((await statusOf(deliveryId))?.status === 'delivered' ? true : undefined), {
      what: `${deliveryId} delivered`,
    });

  it('ok: delivers a Block Kit message with a fallback text once and logs the attempt', async () => {
    const path = await slackDestination('ok', ['ok']);
    const { deliveryId, alert } = await queue('ok');
    worker().start();
    await delivered(deliveryId);
    expect(slack.to(path)).toHaveLength(1);
    const message = JSON.parse(slack.to(path)[0]!.body) as { text: string; blocks: unknown[] };
    expect(message.text).toContain(alert.title);
    expect(message.blocks.length).toBeGreaterThan(1);
    expect(await attemptsOf(deliveryId)).toMatchObject([{ attempt: 1, outcome: 'delivered', httpStatus: 200 }]);
  });

  it('429 with Retry-After: waits as asked, pauses the destination, then delivers', async () => {
    const path = await slackDestination('limited', [
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '1' } },
      'ok',
    ]);
    const { deliveryId } = await queue('limited');
    worker().start();
    await delivered(deliveryId);
    const [first, second] = slack.to(path);
    expect(second!.atMs - first!.atMs).toBeGreaterThanOrEqual(950);
    expect(await attemptsOf(deliveryId)).toMatchObject([
      { attempt: 1, outcome: 'rate-limited', httpStatus: 429, errorClass: 'rate_limited' },
      { attempt: 2, outcome: 'delivered' },
    ]);
    expect((await destinations.get('limited'))?.pausedUntil).toBeInstanceOf(Date);
  });

  it.each([
    ['invalid_payload', 400],
    ['channel_not_found', 404],
  ])(
    '%s (%i): never retried, the destination is marked broken and holds its deliveries until saved again',
    async (word, status) => {
      const id = `broken-${status}`;
      const path = await slackDestination(id, [{ status, body: word }, 'ok', 'ok']);
      const first = await queue(id);
      const second = await queue(id);
      worker().start();
      const broken = await waitFor(async () => {
        const d = await destinations.get(id);
        return d?.status === 'broken' ? d : undefined;
      });
      expect(broken.brokenReason).toContain(word);
      await sleep(400);
      expect(slack.to(path)).toHaveLength(1);
      expect(await attemptsOf(first.deliveryId)).toMatchObject([
        { outcome: 'permanent', errorClass: word, httpStatus: status },
      ]);
      expect((await statusOf(second.deliveryId))?.status).toBe('pending');

      const current = (await destinations.get(id))!;
      await destinations.save({
        destinationId: id,
        name: current.name,
        type: 'slack',
        url: current.url,
        enabled: true,
      });
      await delivered(first.deliveryId);
      await delivered(second.deliveryId);
      expect(slack.to(path)).toHaveLength(3);
    },
  );

  it('500 then ok: retried with backoff and delivered', async () => {
    const path = await slackDestination('flaky', [{ status: 500, body: 'internal_error' }, 'ok']);
    const { deliveryId } = await queue('flaky');
    worker().start();
    await delivered(deliveryId);
    expect(slack.to(path)).toHaveLength(2);
    expect(await attemptsOf(deliveryId)).toMatchObject([
      { attempt: 1, outcome: 'retry', httpStatus: 500, errorClass: 'http_500' },
      { attempt: 2, outcome: 'delivered', httpStatus: 200 },
    ]);
  });

  it('a hang: the attempt times out and the retry delivers', async () => {
    const path = await slackDestination('hang', ['hang', 'ok']);
    const { deliveryId } = await queue('hang');
    worker().start();
    await delivered(deliveryId);
    expect(slack.to(path)).toHaveLength(2);
    expect(await attemptsOf(deliveryId)).toMatchObject([
      { attempt: 1, outcome: 'retry', httpStatus: null, errorClass: 'timeout' },
      { attempt: 2, outcome: 'delivered' },
    ]);
  });

  it('a burst to one destination is spaced at the configured rate, nothing dropped', async () => {
    const path = await slackDestination('burst', []);
    const queued = await Promise.all([1, 2, 3, 4].map(() => queue('burst')));
    worker({ ratePerSecond: 4, burst: 1 }).start();
    for (const { deliveryId } of queued) await delivered(deliveryId);
    const times = slack.to(path).map((r) => r.atMs);
    expect(times).toHaveLength(4);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(200);
  });

  it('restart: deliveries pending at stop are delivered after restart, each exactly once', async () => {
    const path = await slackDestination('restart', []);
    const queued = await Promise.all([1, 2, 3, 4, 5].map(() => queue('restart')));
    const first = worker({ ratePerSecond: 5, burst: 1 });
    first.start();
    await waitFor(() => (slack.to(path).length >= 2 ? true : undefined));
    await first.stop();
    const before = slack.to(path).length;
    expect(before).toBeLessThan(5);
    worker({ ratePerSecond: 5, burst: 1 }).start();
    for (const { deliveryId } of queued) await delivered(deliveryId);
    const titles = slack.to(path).map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(titles).toHaveLength(5);
    expect(new Set(titles).size).toBe(5);
  });

  it('a worker that died during an attempt: its lease expires and another worker delivers', async () => {
    const path = await slackDestination('crashed', []);
    const { deliveryId } = await queue('crashed');
    const [pending] = await deliveries.due('crashed', new Date(), 10);
    expect(await deliveries.claim(pending!, new Date(), 300)).toBe(1);
    worker().start();
    await delivered(deliveryId);
    expect(slack.to(path)).toHaveLength(1);
    expect(await attemptsOf(deliveryId)).toMatchObject([
      { attempt: 1, outcome: null, finishedAt: null },
      { attempt: 2, outcome: 'delivered' },
    ]);
  });

  it('a broken destination with a backlog does not hold up the others; deleting one gives up its deliveries', async () => {
    const brokenPath = await slackDestination('backlog', [{ status: 404, body: 'channel_not_found' }]);
    const backlog = await Promise.all(Array.from({ length: 30 }, () => queue('backlog')));
    const w = worker();
    w.start();
    await waitFor(async () => ((await destinations.get('backlog'))?.status === 'broken' ? true : undefined));
    const path = await slackDestination('healthy', []);
    const { deliveryId } = await queue('healthy');
    await delivered(deliveryId);
    expect(slack.to(path)).toHaveLength(1);
    expect(slack.to(brokenPath)).toHaveLength(1);
    await w.stop();
    const alertsOf = backlog.map((b) => b.alert.alertId);
    expect(await destinations.delete('backlog')).toBe(true);
    expect(await deliveries.failPending('backlog', 'destination_deleted', new Date())).toBe(30);
    expect((await deliveries.forAlerts(alertsOf)).every((d) => d.status === 'failed')).toBe(true);
  });

  it('two workers on one outbox send each delivery once', async () => {
    const path = await slackDestination('shared', []);
    const queued = await Promise.all([1, 2, 3, 4, 5, 6].map(() => queue('shared')));
    worker().start();
    worker().start();
    for (const { deliveryId } of queued) await delivered(deliveryId);
    await sleep(200);
    expect(slack.to(path)).toHaveLength(6);
  });

  /** Makes held deliveries of a destination due now, as if their quiet hours or digest period had ended. */
  const endHold = (destinationId: string) =>
    deliveries.deliveries.updateMany({ destinationId, status: 'pending' }, { $set: { nextAttemptAt: new Date() } });

  it('quiet hours: deliveries wait, then go out as one digest instead of a flood', async () => {
    const path = await slackDestination('quiet', []);
    const hour = new Date().getUTCHours();
    const quietHours = { startHour: hour, endHour: (hour + 2) % 24, timeZone: 'UTC' };
    await destinations.save({
      destinationId: 'quiet',
      name: 'quiet',
      type: 'slack',
      url: `${slack.url}${path}`,
      enabled: true,
      quietHours,
    });
    const queued = await Promise.all([1, 2, 3].map(() => queue('quiet')));
    const w = worker();
    await w.pass(new Date());
    expect(slack.to(path)).toHaveLength(0);
    const held = await deliveries.forAlerts(queued.map((q) => q.alert.alertId));
    const nextHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
    expect(held.map((d) => [d.status, d.batched, d.attempts])).toEqual(held.map(() => ['pending', true, 0]));
    expect(held.every((d) => d.nextAttemptAt.getTime() >= nextHour.getTime())).toBe(true);

    await destinations.save({
      destinationId: 'quiet',
      name: 'quiet',
      type: 'slack',
      url: `${slack.url}${path}`,
      enabled: true,
    });
    await endHold('quiet');
    w.start();
    for (const { deliveryId } of queued) await delivered(deliveryId);
    const received = slack.to(path);
    expect(received).toHaveLength(1);
    const message = JSON.parse(received[0]!.body) as { text: string; blocks: Array<{ type: string }> };
    expect(message.text).toMatch(/^3 alerts: /);
    for (const { alert } of queued) expect(message.text).toContain(alert.title);
    expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(3);
    for (const { deliveryId } of queued)
      expect(await attemptsOf(deliveryId)).toMatchObject([{ attempt: 1, outcome: 'delivered' }]);
  });

  it('a digest period: new deliveries wait for the end of the period and arrive together', async () => {
    const path = await slackDestination('digest', []);
    await destinations.save({
      destinationId: 'digest',
      name: 'digest',
      type: 'slack',
      url: `${slack.url}${path}`,
      enabled: true,
      digestMinutes: 15,
    });
    const queued = await Promise.all([1, 2].map(() => queue('digest')));
    const w = worker();
    await w.pass(new Date());
    expect(slack.to(path)).toHaveLength(0);
    const periodEnd = Math.floor(Date.now() / 900_000) * 900_000 + 900_000;
    const held = await deliveries.forAlerts(queued.map((q) => q.alert.alertId));
    expect(held.map((d) => d.nextAttemptAt.getTime() % 900_000)).toEqual([0, 0]);
    expect(held.every((d) => d.batched && d.nextAttemptAt.getTime() >= periodEnd - 900_000)).toBe(true);
    await endHold('digest');
    w.start();
    for (const { deliveryId } of queued) await delivered(deliveryId);
    expect(slack.to(path)).toHaveLength(1);
    expect((JSON.parse(slack.to(path)[0]!.body) as { text: string }).text).toMatch(/^2 alerts: /);
  });

  it('a backlog of ALERT_DIGEST_BACKLOG or more due at once goes out as one digest', async () => {
    const path = await slackDestination('flood', []);
    const queued = await Promise.all(Array.from({ length: 12 }, () => queue('flood')));
    worker().start();
    for (const { deliveryId } of queued) await delivered(deliveryId);
    expect(slack.to(path)).toHaveLength(1);
    expect((JSON.parse(slack.to(path)[0]!.body) as { text: string }).text).toMatch(/^12 alerts: /);
  });

  it('a digest to a generic webhook is one signed alert.digest event', async () => {
    const secret = `whsec_${Buffer.from('abcdef0123456789abcdef0123456789').toString('base64')}`;
    const url = slack.script('/digest-hook', ['ok']);
    await destinations.save({
      destinationId: 'digesthook',
      name: 'digesthook',
      type: 'webhook',
      url,
      secret,
      enabled: true,
      digestMinutes: 5,
    });
    const queued = await Promise.all([1, 2].map(() => queue('digesthook')));
    const w = worker();
    await w.pass(new Date());
    await endHold('digesthook');
    w.start();
    for (const { deliveryId } of queued) await delivered(deliveryId);
    const [request] = slack.to('/digest-hook');
    const headers = request!.headers as Record<string, string>;
    expect(headers['webhook-id']).toMatch(/^digest_[0-9a-f]{32}$/);
    const verified = new Webhook(secret).verify(request!.body, headers) as {
      type: string;
      data: { alerts: Array<{ alertId: string }> };
    };
    expect(verified.type).toBe('alert.digest');
    expect(verified.data.alerts.map((a) => a.alertId).sort()).toEqual(queued.map((q) => q.alert.alertId).sort());
  });

  it('generic webhooks are signed per Standard Webhooks (verified by the standardwebhooks package)', async () => {
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const url = slack.script('/hook', ['ok']);
    await destinations.save({ destinationId: 'generic', name: 'generic', type: 'webhook', url, secret, enabled: true });
    const { deliveryId, alert } = await queue('generic');
    worker().start();
    await delivered(deliveryId);
    const [request] = slack.to('/hook');
    const headers = request!.headers as Record<string, string>;
    expect(headers['webhook-id']).toBe(deliveryId);
    const verified = new Webhook(secret).verify(request!.body, headers) as { type: string; data: { alertId: string } };
    expect(verified).toMatchObject({ type: 'alert.raised', data: { alertId: alert.alertId } });
  });

  it('refuses loopback at connect time unless allowed, and never follows a redirect', async () => {
    const url = slack.script('/refused', ['ok']);
    const byName = url.replace('127.0.0.1', 'localhost');
    for (const target of [url, byName]) {
      const result = await http.post({ url: target, headers: {}, body: '{}' }, { allowLoopback: false });
      expect(result).toMatchObject({ kind: 'network', errorClass: 'unsafe-address' });
    }
    expect(slack.to('/refused')).toHaveLength(0);
    const moved = slack.script('/moved', [{ status: 302, body: '', headers: { location: `${slack.url}/target` } }]);
    const result = await http.post({ url: moved, headers: {}, body: '{}' }, { allowLoopback: true });
    expect(result).toMatchObject({ kind: 'response', status: 302 });
    expect(slack.to('/target')).toHaveLength(0);
  });

  it('reads at most the configured bytes of an answer', async () => {
    const url = slack.script('/verbose', [{ status: 200, body: 'x'.repeat(1_000_000) }]);
    const result = await http.post({ url, headers: {}, body: '{}' }, { allowLoopback: true });
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(result.kind === 'response' && result.body.length).toBe(64 * 1024);
  });
});
