import type { TopicBackfillV1, TopicViewV1 } from '@media-monitor/contracts';
import type { BackfillProgress } from '../../backfill/application/backfill.repository.js';
import {
  activeVersion,
  currentVersions,
  latestVersion,
  liveVersions,
  versionState,
  type TopicState,
} from '../domain/topic-state.js';

/** A backfill's progress as the API shows it. */
export function backfillView(progress: BackfillProgress): TopicBackfillV1 {
  const done = progress.status === 'completed';
  const percent = done ? 100 : progress.total === 0 ? 0 : Math.min(100, (100 * progress.scanned) / progress.total);
  return {
    topicId: progress.topicId,
    version: progress.version,
    status: progress.status,
    total: progress.total,
    scanned: progress.scanned,
    matched: progress.matched,
    percent: Math.round(percent * 10) / 10,
    createdAt: progress.createdAt.toISOString(),
    startedAt: progress.startedAt?.toISOString() ?? null,
    updatedAt: progress.updatedAt.toISOString(),
    finishedAt: progress.finishedAt?.toISOString() ?? null,
    error: progress.error,
  };
}

/** A topic as the API shows it; `backfill` is the latest version's (if it has one). */
export function topicView(state: TopicState, backfill: BackfillProgress | null): TopicViewV1 {
  const latest = latestVersion(state);
  if (!latest) throw new Error(`topic ${state.topic.topicId} has no version`);
  return {
    topicId: state.topic.topicId,
    name: state.topic.name,
    ...(state.topic.description ? { description: state.topic.description } : {}),
    query: latest.query,
    languages: latest.languages,
    sourceIds: latest.sourceIds,
    version: latest.version,
    activeVersion: activeVersion(state),
    liveVersions: liveVersions(state),
    backfill: backfill && backfill.version === latest.version ? backfillView(backfill) : null,
    versions: [...currentVersions(state)].reverse().map((v) => ({
      version: v.version,
      query: v.query,
      languages: v.languages,
      sourceIds: v.sourceIds,
      state: versionState(state, v),
      createdAt: v.createdAt.toISOString(),
      activatedAt: v.completedAt?.toISOString() ?? null,
    })),
    createdAt: state.topic.createdAt.toISOString(),
    updatedAt: state.topic.updatedAt.toISOString(),
  };
}
