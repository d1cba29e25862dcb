import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import { Agent, buildConnector, errors } from 'undici';

/** A connection refused by the address check: the name resolves to, or the socket reached, a refused address. */
export class UnsafeAddressError extends Error {
  readonly code = 'net.unsafe_address';
}

/** Whether an outbound connection to this IP address is allowed (e.g. `isPublicAddress`). */
export type AddressCheck = (address: string) => boolean;

export interface GuardedAgentOptions {
  mayConnect: AddressCheck;
  /** Connect, headers and body timeouts, each in milliseconds. */
  timeoutMs: number;
  /** Sockets per origin at most (undici's default: no limit). */
  connections?: number;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Resolves like the system resolver, refusing a name when any of its addresses is refused (a name
 * that also resolves to a private address is refused as a whole).
 */
function safeLookup(mayConnect: AddressCheck) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => !mayConnect(entry.address));
      if (refused) return callback(new UnsafeAddressError(`${hostname} resolves to ${refused.address}`), []);
      const all = (options as { all?: boolean }).all === true;
      return all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * An undici Agent for user-supplied URLs (feeds, webhooks) whose connector checks the address each
 * socket actually connected to: the lookup check alone would miss IP literals, and the second check
 * closes DNS rebinding between the lookup and the connect. Refusals are `UnsafeAddressError`s.
 */
export function guardedAgent(options: GuardedAgentOptions): Agent {
  const { mayConnect, timeoutMs } = options;
  const connect = buildConnector({ lookup: safeLookup(mayConnect), timeout: timeoutMs } as buildConnector.BuildOptions);
  return new Agent({
    connect: (connectOptions, callback) =>
      connect(connectOptions, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no socket'), null);
        const address = (socket as Socket).remoteAddress;
        if (!address || !mayConnect(address)) {
          socket.destroy();
          return callback(new UnsafeAddressError(`connected to a refused address ${address ?? '(unknown)'}`), null);
        }
        return callback(null, socket);
      }),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
}

/** Why a request through a guarded agent failed: our refusal, or a failure on the way. */
export interface NetworkFailure {
  kind: 'unsafe-address' | 'timeout' | 'dns' | 'connection';
  /** The error that decided the kind (the refusal, or the DNS error with its `code`), else the one thrown. */
  cause: Error;
}

/** Classifies a failed request by walking its `cause` chain (undici wraps socket and DNS errors). */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 6; e = (e as { cause?: unknown }).cause) chain.push(e);
  const thrown = error instanceof Error ? error : new Error(String(error));
  const refusal = chain.find((e) => e instanceof UnsafeAddressError);
  if (refusal) return { kind: 'unsafe-address', cause: refusal };
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
    return { kind: 'timeout', cause: thrown };
  }
  const dns = chain.find((e) => ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL'].includes((e as { code?: string }).code ?? ''));
  if (dns) return { kind: 'dns', cause: dns as Error };
  return { kind: 'connection', cause: thrown };
}
