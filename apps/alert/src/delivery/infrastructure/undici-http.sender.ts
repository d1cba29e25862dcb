import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import { Agent, buildConnector, errors, request } from 'undici';
import { mayConnectTo } from '../domain/address-policy.js';
import type { NetworkErrorClass, SendResult } from '../domain/send-outcome.js';
import type { HttpRequest, HttpSender } from '../application/delivery.ports.js';

export interface HttpSenderLimits {
  /** Whole-request budget: connect, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Bytes of the answer read at most; the rest is dropped. */
  maxResponseBytes: number;
}

class UnsafeAddressError extends Error {
  readonly code = 'ALERT_UNSAFE_ADDRESS';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Resolves like the system resolver, then refuses the connection unless every address is allowed
 * (a name that also resolves to a private address is refused as a whole).
 */
function safeLookup(allowLoopback: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => !mayConnectTo(entry.address, allowLoopback));
      if (refused) return callback(new UnsafeAddressError(`${hostname} resolves to ${refused.address}`), []);
      const all = (options as { all?: boolean }).all === true;
      return all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * An undici Agent whose connector checks the address each socket actually connected to: the
 * lookup check alone would not cover IP literals, and the second check closes DNS rebinding.
 */
function guardedAgent(allowLoopback: boolean, timeoutMs: number): Agent {
  const connect = buildConnector({
    lookup: safeLookup(allowLoopback),
    timeout: timeoutMs,
  } as buildConnector.BuildOptions);
  return new Agent({
    connect: (options, callback) =>
      connect(options, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no socket'), null);
        const address = (socket as Socket).remoteAddress;
        if (!address || !mayConnectTo(address, allowLoopback)) {
          socket.destroy();
          return callback(new UnsafeAddressError(`connected to a refused address ${address ?? '(unknown)'}`), null);
        }
        return callback(null, socket);
      }),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
  });
}

function classifyError(error: unknown): NetworkErrorClass {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  if (chain.some((e) => e instanceof UnsafeAddressError)) return 'unsafe-address';
  const codes = chain.map((e) => (e as { code?: string }).code ?? '');
  const names = chain.map((e) => (e as { name?: string }).name ?? '');
  if (
    chain.some(
      (e) =>
        e instanceof errors.HeadersTimeoutError ||
        e instanceof errors.BodyTimeoutError ||
        e instanceof errors.ConnectTimeoutError,
    ) ||
    names.includes('TimeoutError') ||
    names.includes('AbortError')
  ) {
    return 'timeout';
  }
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')) return 'dns';
  return 'connection';
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
      return { kind: 'network', errorClass: classifyError(error), message: (error as Error).message ?? String(error) };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
  }

  private agentFor(allowLoopback: boolean): Agent {
    let agent = this.agents.get(allowLoopback);
    if (!agent) {
      agent = guardedAgent(allowLoopback, this.limits.timeoutMs);
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
