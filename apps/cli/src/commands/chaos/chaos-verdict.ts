/** What a chaos run observed, gathered through the system's public interfaces. */
export interface ChaosObservations {
  /** Distinct article URLs sent to ingest (each batch retried until ingest answered). */
  sentUrls: readonly string[];
  /** URL of every row the articles API listed (a URL twice is a double store). */
  listedUrls: readonly string[];
  /** Sum of the topic's bucket counts over the run's range. */
  bucketTotal: number;
  poisonInjected: number;
  /** Dead letters in the stream: code and consumer of each. */
  deadLetters: ReadonlyArray<{ code: string; consumer: string; payloadPreview: string }>;
  /** Article ids of the articles that must fire an alert. */
  alertArticleIds: readonly string[];
  /** Every alert the webhook sink received (a retried delivery appears twice). */
  deliveredAlerts: ReadonlyArray<{ alertId: string; articleIds: readonly string[] }>;
  recoverySeconds: Readonly<Record<string, number>>;
}

export interface ChaosSummary {
  sent: number;
  stored: number;
  lost: number;
  doubleCounted: number;
  bucketTotal: number;
  poisonInjected: number;
  deadLettered: number;
  alertsExpected: number;
  alertsDelivered: number;
  alertsDuplicated: number;
  maxRecoverySec: number;
  recoverySec: Record<string, number>;
  ok: boolean;
  problems: string[];
}

/** Poison payloads carry this marker, so a dead letter of anything else is a real article lost. */
export const POISON_MARKER = 'chaos-poison';

/** Judges a run: nothing lost, nothing counted twice, every alert once, exactly the poison dead-lettered. */
export function chaosVerdict(o: ChaosObservations): ChaosSummary {
  const sent = new Set(o.sentUrls);
  const listed = new Map<string, number>();
  for (const url of o.listedUrls) listed.set(url, (listed.get(url) ?? 0) + 1);
  const stored = [...sent].filter((url) => listed.has(url)).length;
  const duplicateRows = [...listed.values()].reduce((n, times) => n + times - 1, 0);
  const unexpectedRows = [...listed.keys()].filter((url) => !sent.has(url)).length;
  const doubleCounted = duplicateRows + Math.max(0, o.bucketTotal - stored);
  const expected = new Set(o.alertArticleIds);
  const perArticle = new Map<string, Set<string>>();
  const deliveries = new Map<string, number>();
  for (const alert of o.deliveredAlerts) {
    deliveries.set(alert.alertId, (deliveries.get(alert.alertId) ?? 0) + 1);
    for (const articleId of alert.articleIds) {
      perArticle.set(articleId, (perArticle.get(articleId) ?? new Set()).add(alert.alertId));
    }
  }
  const alertsDelivered = [...expected].filter((id) => perArticle.has(id)).length;
  const alertsDuplicated = [...deliveries.values()].reduce((n, times) => n + times - 1, 0);
  const unexpectedAlerts = [...perArticle.keys()].filter((id) => !expected.has(id)).length;
  const twoAlertsForOneArticle = [...perArticle.values()].filter((ids) => ids.size > 1).length;
  const nonPoison = o.deadLetters.filter((l) => !l.payloadPreview.includes(POISON_MARKER)).length;
  const recoveries = Object.values(o.recoverySeconds);
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  check(stored === sent.size, `${sent.size - stored} of ${sent.size} articles lost`);
  check(duplicateRows === 0, `${duplicateRows} articles stored more than once`);
  check(unexpectedRows === 0, `${unexpectedRows} stored articles were never sent`);
  check(o.bucketTotal === sent.size, `bucket total ${o.bucketTotal}, expected ${sent.size} unique articles`);
  check(
    alertsDelivered === expected.size,
    `${expected.size - alertsDelivered} of ${expected.size} alerts not delivered`,
  );
  check(alertsDuplicated === 0, `${alertsDuplicated} alert deliveries repeated`);
  check(unexpectedAlerts === 0, `${unexpectedAlerts} alerts for articles that should not fire`);
  check(twoAlertsForOneArticle === 0, `${twoAlertsForOneArticle} articles fired more than one alert`);
  check(o.deadLetters.length === o.poisonInjected, `${o.deadLetters.length} dead letters, ${o.poisonInjected} poison`);
  check(nonPoison === 0, `${nonPoison} dead letters are not poison (real messages given up)`);
  return {
    sent: sent.size,
    stored,
    lost: sent.size - stored,
    doubleCounted,
    bucketTotal: o.bucketTotal,
    poisonInjected: o.poisonInjected,
    deadLettered: o.deadLetters.length,
    alertsExpected: expected.size,
    alertsDelivered,
    alertsDuplicated,
    maxRecoverySec: recoveries.length ? Math.max(...recoveries) : 0,
    recoverySec: { ...o.recoverySeconds },
    ok: problems.length === 0,
    problems,
  };
}
