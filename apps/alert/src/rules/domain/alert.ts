import type { AlertDetailsV1, AlertKind, AlertRaisedV1 } from '@media-monitor/contracts';

/** An alert as the service stores, announces and delivers it. */
export interface AlertDraft {
  alertId: string;
  ruleId: string;
  topicId: string;
  kind: AlertKind;
  raisedAt: string;
  title: string;
  /** Why it fired, in words a person reads in Slack. */
  explanation: string;
  /** The articles behind it (invariant 5). */
  articleIds: string[];
  /** The statistic, baseline, window, top sources and entities (null for instant matches). */
  details: AlertDetailsV1 | null;
  /** Where it goes; empty means every destination. */
  destinationIds: string[];
}

/** The event payload: the alert without its delivery routing and structured details. */
export function toRaisedEvent(alert: AlertDraft): AlertRaisedV1 {
  const { details: _details, destinationIds: _destinations, ...event } = alert;
  return event;
}
