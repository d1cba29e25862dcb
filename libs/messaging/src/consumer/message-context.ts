/** What a handler knows about the message it handles. */
export interface MessageContext {
  /** The subject without the namespace prefix (the contract subject). */
  readonly subject: string;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  readonly streamSequence: number;
  readonly correlationId: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Extends the ack deadline (the runner also does it every ackWait/3 while the handler runs). */
  working(): void;
}

/** A handler of one consumer: resolves once its effects are stored; throws PermanentError for poison input. */
export type MessageHandler = (event: unknown, ctx: MessageContext) => Promise<void>;
