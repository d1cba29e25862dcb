import type { TopicDefinition, TopicVersionRef } from './topic.js';

/** The mutable part of a topic: what people call it. */
export interface TopicRecord {
  topicId: string;
  name: string;
  description?: string;
  createdAt: Date;
  updatedAt: Date;
  /** Set when deleted; the record stays so that a topic created again continues the version numbers. */
  deletedAt: Date | null;
  /** Changes recorded so far (the sequence in topic.changed.v1 msgIDs). */
  changeSeq: number;
  /**
   * The first version since the topic was last created: a topic deleted and created again keeps its
   * numbering (so a version number never means two definitions) but none of its earlier versions.
   */
  firstVersion: number;
}

/** One version of a topic's definition; only its completion or failure is ever set after creation. */
export interface TopicVersion extends TopicDefinition {
  topicId: string;
  version: number;
  createdAt: Date;
  /** When its backfill completed (at creation for versions that need none): from then on it can be active. */
  completedAt: Date | null;
  /** When it was given up for good (e.g. its query no longer compiles); it is then never live. */
  failedAt: Date | null;
}

/** A topic with every version, oldest first. */
export interface TopicState {
  topic: TopicRecord;
  versions: TopicVersion[];
}

export type VersionState = 'active' | 'backfilling' | 'superseded' | 'failed';

/** The newest version. */
export function latestVersion(state: TopicState): TopicVersion | undefined {
  return state.versions.at(-1);
}

/** The versions since the topic was last created, oldest first. */
export function currentVersions(state: TopicState): TopicVersion[] {
  return state.versions.filter((v) => v.version >= state.topic.firstVersion);
}

/** The version queries show: the newest whose backfill completed (null before the first completes). */
export function activeVersion(state: TopicState): number | null {
  const versions = currentVersions(state);
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i] as TopicVersion;
    if (version.completedAt && !version.failedAt) return version.version;
  }
  return null;
}

/** The version being backfilled: the newest, unless it is active or failed. */
export function backfillingVersion(state: TopicState): number | null {
  const latest = latestVersion(state);
  if (!latest || latest.completedAt || latest.failedAt || latest.version < state.topic.firstVersion) return null;
  return latest.version;
}

/** Versions live matching evaluates, ascending: the active one and the one being backfilled (none once deleted). */
export function liveVersions(state: TopicState): number[] {
  if (state.topic.deletedAt) return [];
  const versions = [activeVersion(state), backfillingVersion(state)].filter((v): v is number => v !== null);
  return [...new Set(versions)].sort((a, b) => a - b);
}

export function versionState(state: TopicState, version: TopicVersion): VersionState {
  if (version.version < state.topic.firstVersion) return 'superseded';
  if (version.failedAt) return 'failed';
  if (version.version === activeVersion(state)) return 'active';
  if (version.version === backfillingVersion(state)) return 'backfilling';
  return 'superseded';
}

/** The live versions as live matching needs them. */
export function liveRefs(state: TopicState): TopicVersionRef[] {
  const live = new Set(liveVersions(state));
  return state.versions
    .filter((v) => live.has(v.version))
    .map(({ topicId, version, query, languages, sourceIds }) => ({ topicId, version, query, languages, sourceIds }));
}
