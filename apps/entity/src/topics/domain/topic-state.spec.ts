import { describe, expect, it } from '@jest/globals';
import {
  activeVersion,
  backfillingVersion,
  liveRefs,
  liveVersions,
  versionState,
  type TopicState,
  type TopicVersion,
} from './topic-state.js';

const at = new Date('2026-12-01T10:00:00Z');
const version = (n: number, done: 'completed' | 'failed' | null): TopicVersion => ({
  topicId: 't',
  version: n,
  query: `q${n}`,
  languages: [],
  sourceIds: [],
  createdAt: at,
  completedAt: done === 'completed' ? at : null,
  failedAt: done === 'failed' ? at : null,
});
const state = (versions: TopicVersion[], deleted = false, firstVersion = 1): TopicState => ({
  topic: {
    topicId: 't',
    name: 'T',
    createdAt: at,
    updatedAt: at,
    deletedAt: deleted ? at : null,
    changeSeq: 1,
    firstVersion,
  },
  versions,
});

describe('topic versions', () => {
  it('has no active version until the first backfill completes; the new version is live meanwhile', () => {
    const s = state([version(1, null)]);
    expect([activeVersion(s), backfillingVersion(s), liveVersions(s)]).toEqual([null, 1, [1]]);
    expect(versionState(s, s.versions[0] as TopicVersion)).toBe('backfilling');
  });

  it('keeps showing the previous version while a new one is backfilled, and matches both live', () => {
    const s = state([version(1, 'completed'), version(2, null)]);
    expect([activeVersion(s), backfillingVersion(s), liveVersions(s)]).toEqual([1, 2, [1, 2]]);
    expect(liveRefs(s).map((r) => [r.version, r.query])).toEqual([
      [1, 'q1'],
      [2, 'q2'],
    ]);
  });

  it('abandons a version superseded before its backfill completed', () => {
    const s = state([version(1, 'completed'), version(2, null), version(3, null)]);
    expect(liveVersions(s)).toEqual([1, 3]);
    expect(s.versions.map((v) => versionState(s, v))).toEqual(['active', 'superseded', 'backfilling']);
  });

  it('activates the newest completed version and supersedes the older ones', () => {
    const s = state([version(1, 'completed'), version(2, 'completed')]);
    expect([activeVersion(s), liveVersions(s)]).toEqual([2, [2]]);
    expect(s.versions.map((v) => versionState(s, v))).toEqual(['superseded', 'active']);
  });

  it('never makes a failed version live, and a deleted topic has no live version', () => {
    const failed = state([version(1, 'completed'), version(2, 'failed')]);
    expect([activeVersion(failed), liveVersions(failed)]).toEqual([1, [1]]);
    expect(versionState(failed, failed.versions[1] as TopicVersion)).toBe('failed');
    expect(liveVersions(state([version(1, 'completed')], true))).toEqual([]);
  });

  it('forgets the versions of a deleted topic created again, but keeps counting from them', () => {
    const revived = state([version(1, 'completed'), version(2, 'completed'), version(3, null)], false, 3);
    expect([activeVersion(revived), liveVersions(revived)]).toEqual([null, [3]]);
    expect(revived.versions.map((v) => versionState(revived, v))).toEqual(['superseded', 'superseded', 'backfilling']);
  });
});
