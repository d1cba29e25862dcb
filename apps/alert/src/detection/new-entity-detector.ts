/** Entities co-mentioned with a topic in one hour: entity id -> articles mentioning it. */
export interface EntityHour {
  startMs: number;
  entities: Readonly<Record<string, number>>;
}

export interface NewEntitySettings {
  /** Articles that must mention the entity within the window. */
  minMentions: number;
  /** History the topic needs before anything can be new to it, in days. */
  warmupDays: number;
}

export interface NewEntity {
  entityId: string;
  mentions: number;
  /** Start of the first hour in the window that mentioned it: a stable part of the alert id. */
  firstSeenMs: number;
}

const DAY_MS = 86_400_000;

/**
 * Entities mentioned at least `minMentions` times in [windowStartMs, windowEndMs) that no article
 * of the topic mentioned in [lookbackStartMs, windowStartMs), most mentioned first. `hours` may
 * be sparse and in any order; `firstActiveMs` is when the topic's history begins.
 */
export function detectNewEntities(
  hours: readonly EntityHour[],
  range: { lookbackStartMs: number; windowStartMs: number; windowEndMs: number; firstActiveMs: number | null },
  settings: NewEntitySettings,
  ignore: ReadonlySet<string> = new Set(),
): NewEntity[] {
  if (range.firstActiveMs === null || range.windowStartMs - range.firstActiveMs < settings.warmupDays * DAY_MS)
    return [];
  const known = new Set<string>();
  const fresh = new Map<string, NewEntity>();
  for (const hour of [...hours].sort((a, b) => a.startMs - b.startMs)) {
    if (hour.startMs < range.lookbackStartMs || hour.startMs >= range.windowEndMs) continue;
    for (const [entityId, mentions] of Object.entries(hour.entities)) {
      if (mentions <= 0) continue;
      if (hour.startMs < range.windowStartMs) {
        known.add(entityId);
        continue;
      }
      const seen = fresh.get(entityId);
      if (seen) seen.mentions += mentions;
      else fresh.set(entityId, { entityId, mentions, firstSeenMs: hour.startMs });
    }
  }
  return [...fresh.values()]
    .filter((e) => !known.has(e.entityId) && !ignore.has(e.entityId) && e.mentions >= settings.minMentions)
    .sort((a, b) => b.mentions - a.mentions || a.entityId.localeCompare(b.entityId));
}
