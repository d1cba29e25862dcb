import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One alert as the sink received it. */
export interface ReceivedAlert {
  alertId: string;
  articleIds: string[];
  webhookId: string;
}

/**
 * A local webhook receiver (127.0.0.1 only) that verifies Standard Webhooks signatures and keeps every
 * alert it was sent, digests included, so a run can count deliveries per alert.
 */
export class WebhookSink {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly received: ReceivedAlert[],
    /** Requests refused for a bad signature or body: the alert service must never send one. */
    private readonly refused: { count: number },
  ) {}

  get rejected(): number {
    return this.refused.count;
  }

  static async start(secret: string): Promise<WebhookSink> {
    const verifier = new Webhook(secret);
    const received: ReceivedAlert[] = [];
    const refused = { count: 0 };
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          const headers = Object.fromEntries(
            Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? '') : (v ?? '')]),
          );
          const payload = verifier.verify(body, headers) as {
            type: string;
            data: {
              alertId?: string;
              articleIds?: string[];
              alerts?: Array<{ alertId: string; articleIds?: string[] }>;
            };
          };
          const alerts = payload.type === 'alert.digest' ? (payload.data.alerts ?? []) : [payload.data];
          for (const alert of alerts) {
            if (!alert.alertId) continue;
            received.push({
              alertId: alert.alertId,
              articleIds: alert.articleIds ?? [],
              webhookId: headers['webhook-id'] ?? '',
            });
          }
          res.writeHead(204).end();
        } catch {
          refused.count += 1;
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    return new WebhookSink(server, url, received, refused);
  }

  /** Distinct alert ids received. */
  alertIds(): Set<string> {
    return new Set(this.received.map((r) => r.alertId));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
