import type { BackfillStatus } from '@media-monitor/contracts';

export const BACKFILL_REPOSITORY = Symbol('BackfillRepository');

/** The progress of one topic version's backfill, kept so that it resumes where it stopped. */
export interface BackfillProgress {
  topicId: string;
  version: number;
  status: BackfillStatus;
  /** Stored articles when it started. */
  total: number;
  scanned: number;
  matched: number;
  /** The id of the last article evaluated (articles are scanned in id order); null before the first. */
  cursor: string | null;
  createdAt: Date;
  /** Not started before this: every replica has the version in its catalog by then, so newer articles match live. */
  notBefore: Date;
  startedAt: Date | null;
  updatedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export interface BackfillRepository {
  /** Creates the progress record unless it exists. */
  create(progress: BackfillProgress): Promise<void>;
  get(topicId: string, version: number): Promise<BackfillProgress | null>;
  /** The backfills of a topic, newest version first. */
  ofTopic(topicId: string): Promise<BackfillProgress[]>;
  /** Latest backfill of every topic that has one. */
  latest(): Promise<Map<string, BackfillProgress>>;
  /** Waiting or running backfills, oldest first. */
  unfinished(): Promise<BackfillProgress[]>;
  update(
    topicId: string,
    version: number,
    set: Partial<Omit<BackfillProgress, 'topicId' | 'version' | 'createdAt'>>,
  ): Promise<void>;
}
