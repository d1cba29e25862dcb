import {
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
  type StoredMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  HEADERS,
  STREAMS,
  SUBJECTS,
  type DeadLetterPage,
  type DeadLetterReplayOutcome,
  type DeadLetterView,
  type Namespace,
} from '@media-monitor/contracts';
import { MessagingError } from '../errors/messaging.errors.js';
import { ORIGINAL_MSG_ID_HEADER, headersToRecord, recordToHeaders } from '../headers/message-headers.js';

/** Header a replayed message carries: the dead-letter stream sequence it was replayed from. */
export const REPLAY_OF_HEADER = 'x-replay-of';

/** Longest payload preview of a listed dead letter, in characters. */
export const PAYLOAD_PREVIEW_CHARS = 500;

export interface DeadLetterListQuery {
  consumer?: string;
  subject?: string;
  /** Stream sequence to start at (inclusive), as returned in `nextCursor`. */
  cursor?: string;
  limit: number;
}

export type ReplayOutcome = DeadLetterReplayOutcome;

/** A dead letter that is not (or no longer) in the stream. */
export class DeadLetterNotFoundError extends MessagingError {
  constructor(seq: number) {
    super('deadletter.not_found', `no dead letter with sequence ${seq}`);
  }
}

/** Headers the dead-letter publisher adds; a replay leaves them out. */
const DEAD_LETTER_HEADERS = new Set(
  [
    HEADERS.deadLetterReason,
    HEADERS.deadLetterCode,
    HEADERS.originalSubject,
    HEADERS.originalStream,
    HEADERS.originalSequence,
    HEADERS.originalConsumer,
    HEADERS.deliveryCount,
    HEADERS.deadLetteredAt,
    ORIGINAL_MSG_ID_HEADER,
  ].map((h) => h.toLowerCase()),
);

/** Most stream messages one list call reads before it returns a partial page with a cursor. */
const MAX_SCAN_PER_PAGE = 2_000;

/** Msg id of a replay: a second replay of the same dead letter is de-duplicated by JetStream. */
export function replayMsgId(seq: number): string {
  return `replay:${seq}`;
}

/** Reads, replays and purges the messages of the DEAD_LETTERS stream of one namespace. */
export class DeadLetterStore {
  private readonly streamName: string;
  private manager?: Promise<JetStreamManager>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: Namespace,
    /** Timeout of each JetStream request, in milliseconds. */
    private readonly timeoutMs = 5_000,
  ) {
    this.streamName = namespace.stream(STREAMS.deadLetters);
  }

  /** Dead letters in stream order from the cursor, filtered by consumer (subject) and original subject (header). */
  async list(query: DeadLetterListQuery): Promise<DeadLetterPage> {
    const jsm = await this.jsm();
    const filter = this.namespace.subject(`${SUBJECTS.deadLetterPrefix}.${query.consumer ?? '>'}`);
    const deadLetters: DeadLetterView[] = [];
    let seq = query.cursor ? Number(query.cursor) : 1;
    for (let scanned = 0; scanned < MAX_SCAN_PER_PAGE; scanned += 1) {
      const msg = await this.nextFrom(jsm, seq, filter);
      if (!msg) return { deadLetters, nextCursor: null };
      seq = msg.seq + 1;
      const view = toView(msg);
      if (query.subject !== undefined && view.subject !== query.subject) continue;
      deadLetters.push(view);
      if (deadLetters.length >= query.limit) break;
    }
    // A full page or a bounded scan: more may follow (the next call says when there is none).
    return { deadLetters, nextCursor: String(seq) };
  }

  /** One dead letter, or undefined. */
  async get(seq: number): Promise<DeadLetterView | undefined> {
    const msg = await this.read(seq);
    return msg ? toView(msg) : undefined;
  }

  /**
   * Republishes the original payload with its original headers to its original subject, with msg id
   * `replay:<seq>`. The dead letter stays until purged; consumers are idempotent, so a replay that
   * reaches a consumer which had already processed the message changes nothing.
   */
  async replay(seq: number): Promise<ReplayOutcome> {
    const msg = await this.read(seq);
    if (!msg) throw new DeadLetterNotFoundError(seq);
    const record = headersToRecord(msg.header);
    const subject = record[HEADERS.originalSubject];
    if (!subject) throw new MessagingError('deadletter.not_replayable', `dead letter ${seq} has no original subject`);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      const lower = key.toLowerCase();
      if (!lower.startsWith('nats-') && !DEAD_LETTER_HEADERS.has(lower)) headers[key] = value;
    }
    headers[REPLAY_OF_HEADER] = String(seq);
    const msgId = replayMsgId(seq);
    const ack = await jetstream(this.nc).publish(this.namespace.subject(subject), msg.data, {
      msgID: msgId,
      headers: recordToHeaders(headers),
      timeout: this.timeoutMs,
    });
    return { seq, subject, msgId, stream: ack.stream, streamSequence: ack.seq, duplicate: ack.duplicate };
  }

  /** Deletes the dead letter from the stream; false when it was not there. */
  async purge(seq: number): Promise<boolean> {
    const jsm = await this.jsm();
    if (!(await this.read(seq))) return false;
    try {
      return await jsm.streams.deleteMessage(this.streamName, seq, false);
    } catch (error) {
      // Purged by someone else between the read and the delete.
      if (!(await this.read(seq))) return false;
      throw error;
    }
  }

  private async read(seq: number): Promise<StoredMsg | null> {
    const msg = await noStreamAsNull((await this.jsm()).streams.getMessage(this.streamName, { seq }));
    // A message of another subject never lands here, but the stream may be shared by a wider filter.
    return msg && msg.subject.startsWith(this.namespace.subject(`${SUBJECTS.deadLetterPrefix}.`)) ? msg : null;
  }

  private nextFrom(jsm: JetStreamManager, seq: number, filter: string): Promise<StoredMsg | null> {
    // `next_by_subj` (server 2.9+): the first message at or after `seq` whose subject matches.
    return noStreamAsNull(
      jsm.streams.getMessage(this.streamName, { seq, next_by_subj: filter } as unknown as { seq: number }),
    );
  }

  private jsm(): Promise<JetStreamManager> {
    this.manager ??= jetstreamManager(this.nc, { timeout: this.timeoutMs });
    return this.manager;
  }
}

/** Before any consumer provisioned it, the dead-letter stream does not exist: it holds nothing. */
async function noStreamAsNull(read: Promise<StoredMsg | null>): Promise<StoredMsg | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return null;
    throw error;
  }
}

function toView(msg: StoredMsg): DeadLetterView {
  const h = headersToRecord(msg.header);
  return {
    seq: msg.seq,
    consumer: h[HEADERS.originalConsumer] ?? '',
    subject: h[HEADERS.originalSubject] ?? '',
    reason: h[HEADERS.deadLetterReason] ?? '',
    code: h[HEADERS.deadLetterCode] ?? '',
    deadLetteredAt: h[HEADERS.deadLetteredAt] ?? msg.time.toISOString(),
    deliveryCount: Number(h[HEADERS.deliveryCount] ?? 0),
    payloadPreview: preview(msg.data),
  };
}

function preview(data: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, PAYLOAD_PREVIEW_CHARS * 4));
  return text.length > PAYLOAD_PREVIEW_CHARS ? `${text.slice(0, PAYLOAD_PREVIEW_CHARS - 1)}…` : text;
}
