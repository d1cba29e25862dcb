import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { HEADERS } from '@media-monitor/contracts';

/** Header keeping the original `Nats-Msg-Id` on a dead letter (JetStream control headers are not copied). */
export const ORIGINAL_MSG_ID_HEADER = 'x-original-msg-id';

/** Longest header value this library writes, in characters (reasons are truncated). */
export const MAX_HEADER_VALUE_LENGTH = 1_000;

/** Headers as a plain record; a repeated key keeps its first value. */
export function headersToRecord(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  for (const key of headers.keys()) {
    const value = headers.get(key);
    if (value !== undefined) record[key] = value;
  }
  return record;
}

/** NATS headers from a record; values are made single-line and bounded. */
export function recordToHeaders(record: Readonly<Record<string, string>>): MsgHdrs {
  const headers = createHeaders();
  for (const [key, value] of Object.entries(record)) headers.set(key, headerValue(value));
  return headers;
}

/** A header-safe value: no CR/LF, at most MAX_HEADER_VALUE_LENGTH characters. */
export function headerValue(value: string): string {
  const singleLine = value.replace(/[\r\n]+/g, ' ').trim();
  return singleLine.length > MAX_HEADER_VALUE_LENGTH
    ? `${singleLine.slice(0, MAX_HEADER_VALUE_LENGTH - 1)}…`
    : singleLine;
}

export interface EventHeaderInput {
  correlationId: string;
  /** The un-namespaced subject of the event contract. */
  eventType: string;
  producer: string;
  /** Caller headers; the platform headers above win over them. */
  extra?: Readonly<Record<string, string>>;
}

/** The headers every published event carries (`Nats-Msg-Id` is set through the publish option). */
export function buildEventHeaders(input: EventHeaderInput): Record<string, string> {
  return {
    ...input.extra,
    [HEADERS.correlationId]: input.correlationId,
    [HEADERS.eventType]: input.eventType,
    [HEADERS.producer]: input.producer,
  };
}

export interface DeadLetterHeaderInput {
  /** Headers of the original message. */
  original: Readonly<Record<string, string>>;
  reason: string;
  code: string;
  /** Un-namespaced subject, stream and durable of the original message. */
  subject: string;
  stream: string;
  consumer: string;
  sequence: number;
  deliveryCount: number;
  deadLetteredAt: Date;
}

/**
 * The original headers plus the dead-letter headers. JetStream control headers (`Nats-*`, e.g.
 * `Nats-Msg-Id`, `Nats-Expected-*`) are not copied: they would de-duplicate or reject the dead letter.
 * The original msg id is kept under `x-original-msg-id`.
 */
export function buildDeadLetterHeaders(input: DeadLetterHeaderInput): Record<string, string> {
  const copied: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.original)) {
    if (!key.toLowerCase().startsWith('nats-')) copied[key] = value;
  }
  const originalMsgId = input.original[HEADERS.msgId];
  return {
    ...copied,
    ...(originalMsgId ? { [ORIGINAL_MSG_ID_HEADER]: originalMsgId } : {}),
    [HEADERS.deadLetterReason]: headerValue(input.reason),
    [HEADERS.deadLetterCode]: input.code,
    [HEADERS.originalSubject]: input.subject,
    [HEADERS.originalStream]: input.stream,
    [HEADERS.originalSequence]: String(input.sequence),
    [HEADERS.originalConsumer]: input.consumer,
    [HEADERS.deliveryCount]: String(input.deliveryCount),
    [HEADERS.deadLetteredAt]: input.deadLetteredAt.toISOString(),
  };
}

/**
 * Msg id of a dead letter: one per consumer and stream message, so a redelivered poison message is
 * dead-lettered once per consumer, while two consumers of the same message each keep their own letter.
 */
export function deadLetterMsgId(stream: string, sequence: number, durable: string): string {
  return `${stream}:${sequence}:${durable}`;
}
