import { Inject, Injectable } from '@nestjs/common';
import type { AlertDraft } from '../../rules/domain/alert.js';
import type { Destination } from '../domain/delivery.js';
import { DeliveryError } from '../domain/delivery.errors.js';
import { assertSafeDestinationUrl } from '../domain/destination-url.js';
import { classifySlack, classifyWebhook, type Classified } from '../domain/send-outcome.js';
import {
  renderSlackDigest,
  renderSlackMessage,
  type RenderOptions,
  type SlackMessage,
} from '../domain/slack-message.js';
import { webhookDigestPayload, webhookPayload } from '../domain/webhook-payload.js';
import { standardWebhookHeaders } from '../domain/webhook-signature.js';
import { HTTP_SENDER, type HttpRequest, type HttpSender } from './delivery.ports.js';
import { DELIVERY_OPTIONS, type DeliveryOptions } from './delivery.options.js';

/** How one message looks for each kind of destination. */
interface Rendering {
  slack: (options: RenderOptions) => SlackMessage;
  webhook: (now: Date) => string;
}

/** Renders an alert (or a digest of alerts) for a destination, sends it once and classifies the answer. */
@Injectable()
export class DestinationSender {
  constructor(
    @Inject(HTTP_SENDER) private readonly http: HttpSender,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {}

  /** `messageId` stays the same across retries so that receivers can drop duplicates. */
  send(destination: Destination, alert: AlertDraft, messageId: string, now: Date): Promise<Classified> {
    return this.deliver(
      destination,
      { slack: (o) => renderSlackMessage(alert, o), webhook: (at) => webhookPayload(alert, at) },
      messageId,
      now,
    );
  }

  /** Several alerts in one message: Block Kit digest for Slack, an `alert.digest` event for webhooks. */
  sendDigest(
    destination: Destination,
    alerts: readonly AlertDraft[],
    messageId: string,
    now: Date,
  ): Promise<Classified> {
    return this.deliver(
      destination,
      { slack: (o) => renderSlackDigest(alerts, o), webhook: (at) => webhookDigestPayload(alerts, at) },
      messageId,
      now,
    );
  }

  private async deliver(destination: Destination, rendering: Rendering, messageId: string, now: Date) {
    let request: HttpRequest;
    try {
      request = this.request(destination, rendering, messageId, now);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      return {
        outcome: 'permanent' as const,
        httpStatus: null,
        errorClass: error.code,
        retryAfterMs: null,
        detail: error.message,
      };
    }
    const result = await this.http.post(request, { allowLoopback: this.options.allowInsecureLoopback });
    const nowMs = Date.now();
    return destination.type === 'slack' ? classifySlack(result, nowMs) : classifyWebhook(result, nowMs);
  }

  private request(destination: Destination, rendering: Rendering, messageId: string, now: Date): HttpRequest {
    const url = assertSafeDestinationUrl(destination.type, destination.url, {
      allowInsecureLoopback: this.options.allowInsecureLoopback,
    }).toString();
    const headers = { 'content-type': 'application/json', 'user-agent': 'media-monitor-alert/1' };
    if (destination.type === 'slack') {
      const message = rendering.slack({ articleUrl: (id) => this.articleUrl(id) });
      return { url, headers, body: JSON.stringify(message) };
    }
    if (!destination.secret) {
      throw new DeliveryError('alert.destination.missing_secret', 'a webhook destination needs a whsec_ secret');
    }
    const body = rendering.webhook(now);
    const signed = standardWebhookHeaders(destination.secret, messageId, Math.floor(now.getTime() / 1000), body);
    return { url, headers: { ...headers, ...signed }, body };
  }

  private articleUrl(articleId: string): string | null {
    const template = this.options.articleUrlTemplate;
    return template ? template.replace('{articleId}', encodeURIComponent(articleId)) : null;
  }
}
