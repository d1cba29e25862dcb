const HOUR_MS = 3_600_000;

/** Start of the UTC hour that contains the instant. */
export function hourStart(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / HOUR_MS) * HOUR_MS);
}

/** The natural key of a topic's hourly bucket. */
export function topicHourKey(topicId: string, start: Date): string {
  return `topic:${topicId}|hour|${start.toISOString()}`;
}

/** Every hour start in [from, to), for filling empty buckets with zeros. */
export function hourStarts(from: Date, to: Date): Date[] {
  const starts: Date[] = [];
  for (let t = hourStart(from).getTime(); t < to.getTime(); t += HOUR_MS) starts.push(new Date(t));
  return starts;
}
