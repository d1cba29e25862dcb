import { Inject, Injectable } from '@nestjs/common';
import type { AlertDestinationInputV1, AlertDestinationViewV1 } from '@media-monitor/contracts';
import {
  DELIVERY_REPOSITORY,
  DESTINATION_REPOSITORY,
  type DeliveryRepository,
  type DestinationRepository,
} from '../delivery/application/delivery.ports.js';
import { DELIVERY_OPTIONS, type DeliveryOptions } from '../delivery/application/delivery.options.js';
import { DestinationSender } from '../delivery/application/destination.sender.js';
import { DeliveryWorker } from '../delivery/application/delivery.worker.js';
import type { Destination } from '../delivery/domain/delivery.js';
import { DeliveryError } from '../delivery/domain/delivery.errors.js';
import { assertSafeDestinationUrl, maskUrl } from '../delivery/domain/destination-url.js';
import { secretKey } from '../delivery/domain/webhook-signature.js';
import type { AlertDraft } from '../rules/domain/alert.js';
import type { Classified } from '../delivery/domain/send-outcome.js';

const notFound = (id: string) => new DeliveryError('alert.destination.not_found', `no destination "${id}"`);

/** Saves, lists, deletes and test-sends destinations, refusing unsafe URLs before they are stored. */
@Injectable()
export class ManageDestinationsUseCase {
  constructor(
    @Inject(DESTINATION_REPOSITORY) private readonly destinations: DestinationRepository,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
    private readonly sender: DestinationSender,
    private readonly worker: DeliveryWorker,
  ) {}

  /** Throws a coded DeliveryError for a URL or secret that could never be delivered to. */
  validate(input: AlertDestinationInputV1): void {
    assertSafeDestinationUrl(input.type, input.url, { allowInsecureLoopback: this.options.allowInsecureLoopback });
    if (input.type === 'webhook') {
      if (!input.secret)
        throw new DeliveryError('alert.destination.missing_secret', 'a webhook destination needs a whsec_ secret');
      secretKey(input.secret);
    }
  }

  async save(input: AlertDestinationInputV1): Promise<{ destination: AlertDestinationViewV1; created: boolean }> {
    this.validate(input);
    const { created } = await this.destinations.save(input);
    this.worker.nudge();
    return { destination: await this.view(input.destinationId), created };
  }

  async seed(input: AlertDestinationInputV1): Promise<void> {
    this.validate(input);
    await this.destinations.seed(input);
  }

  async list(): Promise<AlertDestinationViewV1[]> {
    return Promise.all((await this.destinations.all()).map((d) => this.toView(d)));
  }

  /** Deletes it and gives up its pending deliveries (their attempt logs stay). */
  async delete(destinationId: string): Promise<boolean> {
    const deleted = await this.destinations.delete(destinationId);
    if (deleted) await this.deliveries.failPending(destinationId, 'destination_deleted', new Date());
    return deleted;
  }

  /** Sends a sample alert now; a permanent error breaks the destination, a success repairs it. */
  async testSend(
    destinationId: string,
    now = new Date(),
  ): Promise<{ result: Classified; destination: AlertDestinationViewV1 }> {
    const destination = await this.destinations.get(destinationId);
    if (!destination) throw notFound(destinationId);
    const result = await this.sender.send(destination, sampleAlert(destinationId, now), `test-${now.getTime()}`, now);
    if (result.outcome === 'permanent') {
      await this.destinations.markBroken(destinationId, `${result.errorClass}: ${result.detail}`, now);
    } else if (result.outcome === 'delivered' && destination.status === 'broken') {
      await this.destinations.markActive(destinationId);
      this.worker.nudge();
    }
    return { result, destination: await this.view(destinationId) };
  }

  private async view(destinationId: string): Promise<AlertDestinationViewV1> {
    const destination = await this.destinations.get(destinationId);
    if (!destination) throw notFound(destinationId);
    return this.toView(destination);
  }

  private async toView(d: Destination): Promise<AlertDestinationViewV1> {
    return {
      destinationId: d.destinationId,
      name: d.name,
      type: d.type,
      urlHint: maskUrl(d.url),
      enabled: d.enabled,
      hasSecret: Boolean(d.secret),
      ...(d.quietHours ? { quietHours: d.quietHours } : {}),
      ...(d.digestMinutes ? { digestMinutes: d.digestMinutes } : {}),
      status: d.status,
      brokenReason: d.brokenReason,
      brokenAt: d.brokenAt?.toISOString() ?? null,
      pausedUntil: d.pausedUntil?.toISOString() ?? null,
      pendingDeliveries: await this.deliveries.pendingCount(d.destinationId),
    };
  }
}

function sampleAlert(destinationId: string, now: Date): AlertDraft {
  return {
    alertId: `test-${now.getTime()}`,
    ruleId: 'test-send',
    topicId: 'test',
    kind: 'instant-match',
    raisedAt: now.toISOString(),
    title: 'Test alert from media-monitor',
    explanation: `This is a test message for destination "${destinationId}". No action is needed.`,
    articleIds: [],
    details: null,
    destinationIds: [destinationId],
  };
}
