export const BACKFILL_LEASE = Symbol('BackfillLease');

/** A held lease: renewed in the background until released or lost. */
export interface HeldLease {
  /** True once a renewal failed: another runner may hold it now, so stop. */
  readonly lost: boolean;
  release(): Promise<void>;
}

/** The right to run backfills, held by one replica at a time; a crashed holder's lease expires. */
export interface BackfillLease {
  /** The lease, or null when another replica holds it. */
  tryAcquire(): Promise<HeldLease | null>;
}
