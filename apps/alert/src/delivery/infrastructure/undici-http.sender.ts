import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { request, type Agent } from 'undici';
import { classifyNetworkError, guardedAgent } from '@media-monitor/service-kit';
import { mayConnectTo } from '../domain/address-policy.js';
import type { SendResult } from '../domain/send-outcome.js';
import type { HttpRequest, HttpSender } from '../application/delivery.ports.js';

export interface HttpSenderLimits {
  /** Whole-request budget: connect, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Bytes of the answer read at most; the rest is dropped. */
  maxResponseBytes: number;
}

/** POSTs with undici: no redirects followed, a total timeout, a bounded answer, checked addresses. */
@Injectable()
export class UndiciHttpSender implements HttpSender, OnModuleDestroy {
  private readonly agents = new Map<boolean, Agent>();

  constructor(private readonly limits: HttpSenderLimits) {}

  async post(input: HttpRequest, options: { allowLoopback: boolean }): Promise<SendResult> {
    const agent = this.agentFor(options.allowLoopback);
    try {
      const response = await request(input.url, {
        method: 'POST',
        headers: input.headers,
        body: input.body,
        dispatcher: agent,
        signal: AbortSignal.timeout(this.limits.timeoutMs),
      });
      const body = await this.readBounded(response.body);
      const retryAfter = response.headers['retry-after'];
      return {
        kind: 'response',
        status: response.statusCode,
        body,
        retryAfter: Array.isArray(retryAfter) ? (retryAfter[0] ?? null) : (retryAfter ?? null),
      };
    } catch (error) {
      const errorClass = classifyNetworkError(error).kind;
      return { kind: 'network', errorClass, message: (error as Error).message ?? String(error) };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
  }

  private agentFor(allowLoopback: boolean): Agent {
    let agent = this.agents.get(allowLoopback);
    if (!agent) {
      agent = guardedAgent({
        mayConnect: (address) => mayConnectTo(address, allowLoopback),
        timeoutMs: this.limits.timeoutMs,
      });
      this.agents.set(allowLoopback, agent);
    }
    return agent;
  }

  private async readBounded(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      const room = this.limits.maxResponseBytes - size;
      chunks.push(chunk.subarray(0, Math.max(0, room)));
      size += chunk.length;
      if (size >= this.limits.maxResponseBytes) {
        body.destroy();
        break;
      }
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}
