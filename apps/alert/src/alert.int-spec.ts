import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  AlertDeliveriesQueryV1,
  AlertDestinationsListQueryV1,
  AlertDestinationsUpsertQueryV1,
  AlertListQueryV1,
  AlertRuleV1,
  AlertRulesDeleteQueryV1,
  AlertRulesListQueryV1,
  AlertRulesUpsertQueryV1,
  AlertTestSendQueryV1,
  ArticleAnalyzedV1,
  CONSUMER_DEFINITIONS,
  SUBJECTS,
  VolumeRuleV1,
  type ArticleAnalyzedV1 as Analyzed,
} from '@media-monitor/contracts';
import { EventPublisher, QueryClient } from '@media-monitor/messaging';
import { startServiceInProcess } from '@media-monitor/service-runtime';
import type { RunningService } from '@media-monitor/service-kit';
import { testInfra, uniqueDatabaseName, uniqueNamespace, waitFor, serviceTestEnv } from '@media-monitor/testing';
import { createAlertService } from './alert.service.js';

const ns = uniqueNamespace();
const HOUR = 3_600_000;
const id = (i: number) => i.toString(16).padStart(32, 'c');
/** The detection window is the 24 h before the current hour (grace 0). */
const windowEnd = Math.floor(Date.now() / HOUR) * HOUR;

const article = (i: number, publishedMs: number, over: Partial<Analyzed> = {}): Analyzed => ({
  articleId: id(i),
  publishedAt: new Date(publishedMs).toISOString(),
  language: 'en',
  source: { id: i % 2 === 0 ? 'tass.ru' : 'meduza.io' },
  storyId: id(i),
  topicIds: ['bars'],
  entityIds: ['unit:bars'],
  tone: { score: 0.1, label: 'neutral', confidence: 0.8 },
  analyzedAt: new Date().toISOString(),
  ...over,
});

describe('alert service (real NATS, FerretDB, an emulated Slack)', () => {
  let nc: NatsConnection;
  let service: RunningService;
  let publisher: EventPublisher;
  let queries: QueryClient;
  let slack: Server;
  let slackUrl: string;
  let raised: Subscription;
  const raisedIds: string[] = [];
  const slackBodies: Array<{ path: string; text: string }> = [];
  const answers = new Map<string, { status: number; body: string }>();

  beforeAll(async () => {
    slack = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const path = req.url ?? '/';
        slackBodies.push({ path, text: (JSON.parse(body) as { text: string }).text });
        const answer = answers.get(path) ?? { status: 200, body: 'ok' };
        res.writeHead(answer.status).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
    slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}`;

    const { natsUrl } = testInfra();
    service = await startServiceInProcess(
      createAlertService({
        ...serviceTestEnv(ns.value, uniqueDatabaseName('alert')),
        ALERT_ALLOW_INSECURE_WEBHOOKS: 'true',
        ALERT_SEED_DEMO_RULES: 'false',
        ALERT_DETECTION_INTERVAL_MS: '1000',
        ALERT_DETECTION_GRACE_MS: '0',
        ALERT_DELIVERY_POLL_MS: '100',
        ALERT_DELIVERY_RATE_PER_SECOND: '20',
        ALERT_DELIVERY_BURST: '5',
      }),
    );
    nc = await connect({ servers: natsUrl });
    raised = nc.subscribe(ns.subject(SUBJECTS.alertRaisedV1));
    void (async () => {
      for await (const msg of raised) raisedIds.push((msg.json() as { alertId: string }).alertId);
    })();
    publisher = new EventPublisher(nc, ns, { producer: 'test' });
    queries = new QueryClient(nc, ns, { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    raised?.unsubscribe();
    await service?.close();
    await nc?.close();
    slack?.closeAllConnections();
    await new Promise((resolve) => slack?.close(resolve));
  });

  const settled = async () => {
    const jsm = await jetstreamManager(nc);
    const consumer = CONSUMER_DEFINITIONS.alertAnalyzed;
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(ns.stream(consumer.stream), ns.durable(consumer.durable));
        return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      },
      { what: 'alert consumer caught up' },
    );
  };

  it('manages destinations: refuses unsafe URLs with a code, saves, masks, and test-sends', async () => {
    await expect(
      queries.request(AlertDestinationsUpsertQueryV1, {
        destination: {
          destinationId: 'evil',
          name: 'x',
          type: 'slack',
          url: 'https://evil.example/services/x',
          enabled: true,
        },
      }),
    ).rejects.toMatchObject({ code: 'alert.destination.not_slack' });
    const saved = await queries.request(AlertDestinationsUpsertQueryV1, {
      destination: {
        destinationId: 'team',
        name: 'Team',
        type: 'slack',
        url: `${slackUrl}/services/team`,
        enabled: true,
      },
    });
    expect(saved).toMatchObject({
      created: true,
      destination: { status: 'active', urlHint: expect.stringContaining('…') },
    });
    const test = await queries.request(AlertTestSendQueryV1, { destinationId: 'team' });
    expect(test).toMatchObject({ outcome: 'delivered', httpStatus: 200 });

    answers.set('/services/gone', { status: 404, body: 'channel_not_found' });
    await queries.request(AlertDestinationsUpsertQueryV1, {
      destination: {
        destinationId: 'gone',
        name: 'Gone',
        type: 'slack',
        url: `${slackUrl}/services/gone`,
        enabled: false,
      },
    });
    const broken = await queries.request(AlertTestSendQueryV1, { destinationId: 'gone' });
    expect(broken).toMatchObject({ outcome: 'permanent', errorClass: 'channel_not_found' });
    const { destinations } = await queries.request(AlertDestinationsListQueryV1, {});
    expect(destinations.find((d) => d.destinationId === 'gone')).toMatchObject({
      status: 'broken',
      brokenReason: expect.stringContaining('channel_not_found'),
    });
  });

  it('manages rules through queries', async () => {
    const rule = VolumeRuleV1.parse({ ruleId: 'tmp', name: 'Tmp', scope: { type: 'topic', id: 'x' }, kind: 'volume' });
    expect(await queries.request(AlertRulesUpsertQueryV1, { rule })).toMatchObject({ created: true });
    expect((await queries.request(AlertRulesListQueryV1, { scopeId: 'x' })).rules).toEqual([rule]);
    expect(await queries.request(AlertRulesDeleteQueryV1, { ruleId: 'tmp' })).toEqual({ deleted: true });
    await expect(
      queries.request(AlertRulesUpsertQueryV1, { rule: { ...rule, lookbackDays: 2 } }),
    ).rejects.toMatchObject({ code: 'messaging.invalid_request' });
  });

  it('counts its own series once per article, then raises spike, tone, new-entity and priority-source alerts, each delivered once', async () => {
    // 14 quiet days (3 articles a day, neutral, only BARS) and one loud, negative day naming someone new.
    const events: Analyzed[] = [];
    let i = 0;
    for (let day = 1; day <= 14; day += 1) {
      for (let k = 0; k < 3; k += 1) events.push(article((i += 1), windowEnd - day * 24 * HOUR - (6 + k * 4) * HOUR));
    }
    for (let k = 0; k < 24; k += 1) {
      events.push(
        article((i += 1), windowEnd - (1 + (k % 20)) * HOUR, {
          entityIds: ['unit:bars', 'per:new-official'],
          tone: { score: -0.6, label: 'negative', confidence: 0.8 },
          source: { id: k === 0 ? 'priority-wire' : 'tass.ru' },
        }),
      );
    }
    for (const event of events) await publisher.publish(ArticleAnalyzedV1, event, { msgId: `a-${event.articleId}` });
    // The same articles again under new message ids: a redelivery must count nothing.
    for (const event of events.slice(-10))
      await publisher.publish(ArticleAnalyzedV1, event, { msgId: `again-${event.articleId}` });
    await settled();

    const scope = { type: 'topic', id: 'bars' } as const;
    for (const rule of [
      { ruleId: 'spike', name: 'BARS volume', kind: 'volume', direction: 'spike' },
      { ruleId: 'tone', name: 'BARS tone', kind: 'tone-shift' },
      { ruleId: 'names', name: 'BARS names', kind: 'new-entity' },
      { ruleId: 'priority', name: 'BARS wire', kind: 'instant-match', sourceIds: ['priority-wire'] },
    ]) {
      await queries.request(AlertRulesUpsertQueryV1, {
        rule: AlertRuleV1.parse({ ...rule, scope, destinationIds: ['team'] }),
      });
    }
    // The instant rule sees articles that arrive after it exists (this one in the current hour, outside the window).
    const late = article((i += 1), Date.now(), { source: { id: 'priority-wire' } });
    await publisher.publish(ArticleAnalyzedV1, late, { msgId: `a-${late.articleId}` });

    const alerts = await waitFor(
      async () => {
        const { alerts: list } = await queries.request(AlertListQueryV1, { limit: 50, topicId: 'bars' });
        const kinds = new Set(list.map((a) => a.kind));
        const done = list.every((a) => a.deliveries.every((d) => d.status === 'delivered'));
        return ['spike', 'tone-shift', 'new-entity', 'instant-match'].every((k) => kinds.has(k as never)) && done
          ? list
          : undefined;
      },
      { timeoutMs: 30_000, what: 'four kinds of alert, delivered' },
    );
    expect(alerts).toHaveLength(4);
    const spike = alerts.find((a) => a.kind === 'spike')!;
    expect(spike.details).toMatchObject({
      metrics: { observed: 24, expected: 3 },
      window: { from: new Date(windowEnd - 24 * HOUR).toISOString(), to: new Date(windowEnd).toISOString() },
      topSources: [
        { id: 'tass.ru', articles: 23 },
        { id: 'priority-wire', articles: 1 },
      ],
    });
    expect(spike.details?.topEntities).toContainEqual({ id: 'per:new-official', articles: 24 });
    expect(spike.details?.sampleArticleIds.length).toBeGreaterThan(0);
    expect(alerts.find((a) => a.kind === 'new-entity')?.title).toContain('per:new-official');
    expect(alerts.find((a) => a.kind === 'tone-shift')?.title).toContain('negative');

    const { deliveries } = await queries.request(AlertDeliveriesQueryV1, { alertId: spike.alertId });
    expect(deliveries).toMatchObject([
      { destinationId: 'team', status: 'delivered', attempts: [{ attempt: 1, outcome: 'delivered' }] },
    ]);

    // Later detection runs and redeliveries raise nothing new: one message per alert.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await queries.request(AlertListQueryV1, { limit: 50, topicId: 'bars' })).alerts).toHaveLength(4);
    const toTeam = slackBodies.filter((b) => b.path === '/services/team' && !b.text.startsWith('Test alert'));
    expect(toTeam).toHaveLength(4);
    await waitFor(() => (alerts.every((a) => raisedIds.includes(a.alertId)) ? true : undefined), {
      what: 'alert.raised.v1 for each alert',
    });
  });
});
