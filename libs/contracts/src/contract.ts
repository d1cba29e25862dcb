import type { z } from 'zod';

/** A versioned event published on JetStream: its subject and the schema of its payload. */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  /** `<domain>.<event>.v<N>`, before any namespace prefix is applied. */
  readonly subject: string;
  readonly schema: S;
}

/** A versioned request-reply query carried on core NATS (never on JetStream). */
export interface QueryContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'query';
  readonly subject: string;
  readonly request: Req;
  readonly response: Res;
}

export type EventOf<C extends EventContract> = z.infer<C['schema']>;
export type QueryRequestOf<C extends QueryContract> = z.infer<C['request']>;
export type QueryResponseOf<C extends QueryContract> = z.infer<C['response']>;

/** Declares an event contract; the subject must follow `<domain>.<event>.v<N>`. */
export function defineEvent<S extends z.ZodType>(subject: string, schema: S): EventContract<S> {
  assertVersionedSubject(subject);
  return { kind: 'event', subject, schema };
}

/** Declares a query contract; the subject must follow `<domain>.<query>.v<N>`. */
export function defineQuery<Req extends z.ZodType, Res extends z.ZodType>(
  subject: string,
  request: Req,
  response: Res,
): QueryContract<Req, Res> {
  assertVersionedSubject(subject);
  return { kind: 'query', subject, request, response };
}

const VERSIONED_SUBJECT = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v[1-9][0-9]*$/;

function assertVersionedSubject(subject: string): void {
  if (!VERSIONED_SUBJECT.test(subject)) {
    throw new Error(`subject "${subject}" does not follow <domain>.<name>.v<N>`);
  }
}

/** A JetStream stream owned by the system. */
export interface StreamDefinition {
  readonly name: string;
  /** Subject filters captured by the stream, before namespacing. */
  readonly subjects: readonly string[];
  /** Window in which a repeated `Nats-Msg-Id` is dropped, in milliseconds. */
  readonly duplicateWindowMs: number;
  /** How long messages are kept, in milliseconds (0 keeps them until limits apply). */
  readonly maxAgeMs: number;
  readonly description: string;
  /** Copies kept by a NATS cluster (1 on a single server; 3 on the production cluster). */
  readonly replicas?: number;
}

/** A durable pull consumer shared by every replica of one service. */
export interface ConsumerDefinition {
  readonly durable: string;
  readonly stream: string;
  readonly filterSubjects: readonly string[];
  /** Deliveries before a message is dead-lettered. */
  readonly maxDeliver: number;
  /** Time the server waits for an ack before redelivering, in milliseconds. */
  readonly ackWaitMs: number;
  /** Upper bound on unacknowledged messages across all replicas. */
  readonly maxAckPending: number;
  readonly description: string;
}
