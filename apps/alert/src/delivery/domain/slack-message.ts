import type { AlertDraft } from '../../rules/domain/alert.js';

/** Slack's Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  /** Our own cap for the fallback `text` shown in notifications. */
  fallbackText: 3000,
} as const;

export interface SlackMessage {
  text: string;
  blocks: object[];
}

export interface RenderOptions {
  /** Link of an article for the sample list, or null to show its id. */
  articleUrl: (articleId: string) => string | null;
  /** Sample articles and list entries shown at most. */
  maxListItems?: number;
}

/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const section = (text: string) => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.sectionText) },
});

/** Lines under a bold heading, cut at whole lines to fit one section. */
function listSection(heading: string, lines: string[]): object | null {
  if (lines.length === 0) return null;
  let text = `*${heading}*`;
  for (const [i, line] of lines.entries()) {
    const more = `\n… and ${lines.length - i} more`;
    if (text.length + 1 + line.length + more.length > SLACK_LIMITS.sectionText) return section(text + more);
    text += `\n${line}`;
  }
  return section(text);
}

/** The Block Kit message for an alert, within Slack's limits, with a fallback `text`. */
export function renderSlackMessage(alert: AlertDraft, options: RenderOptions): SlackMessage {
  const max = options.maxListItems ?? 10;
  const details = alert.details;
  const blocks: Array<object | null> = [
    { type: 'header', text: { type: 'plain_text', text: truncate(alert.title, SLACK_LIMITS.headerText) } },
    section(escapeMrkdwn(alert.explanation)),
  ];
  if (details) {
    const fields = [
      ['Statistic', details.statistic],
      ['Baseline', details.baseline],
      ['Window', `${details.window.from} → ${details.window.to}`],
      ['Kind', alert.kind],
    ].map(([label, value]) => ({
      type: 'mrkdwn',
      text: truncate(`*${label}*\n${escapeMrkdwn(value!)}`, SLACK_LIMITS.fieldText),
    }));
    blocks.push({ type: 'section', fields: fields.slice(0, SLACK_LIMITS.fields) });
    const counted = (items: Array<{ id: string; articles: number }>) =>
      items.slice(0, max).map((item) => `• ${escapeMrkdwn(item.id)}: ${item.articles}`);
    blocks.push(listSection('Top sources', counted(details.topSources)));
    blocks.push(listSection('Top entities', counted(details.topEntities)));
  }
  const samples = (details?.sampleArticleIds ?? alert.articleIds).slice(0, max).map((id) => {
    const url = options.articleUrl(id);
    return url ? `• <${url}|${id}>` : `• ${id}`;
  });
  blocks.push(listSection('Articles', samples));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: truncate(escapeMrkdwn(`rule ${alert.ruleId} · alert ${alert.alertId} · ${alert.raisedAt}`), 2000),
      },
    ],
  });
  const summary = details ? `${alert.title}: ${details.statistic}` : `${alert.title}: ${alert.explanation}`;
  return {
    text: truncate(summary, SLACK_LIMITS.fallbackText),
    blocks: blocks.filter((block): block is object => block !== null).slice(0, SLACK_LIMITS.blocks),
  };
}

/** Characters of one alert's explanation shown in a digest. */
const DIGEST_EXPLANATION_CHARS = 600;

/**
 * One Block Kit message for several alerts (quiet hours ending, a digest period, a backlog): a
 * header, a section per alert with its explanation and sample links, within Slack's limits.
 */
export function renderSlackDigest(alerts: readonly AlertDraft[], options: RenderOptions): SlackMessage {
  const max = Math.min(options.maxListItems ?? 3, 5);
  const header = `${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
  const blocks: object[] = [{ type: 'header', text: { type: 'plain_text', text: header } }];
  // Header, one divider and one section per alert, and the closing context block.
  const room = Math.floor((SLACK_LIMITS.blocks - 2) / 2);
  for (const alert of alerts.slice(0, room)) {
    const links = (alert.details?.sampleArticleIds ?? alert.articleIds).slice(0, max).map((id) => {
      const url = options.articleUrl(id);
      return url ? `<${url}|${id}>` : id;
    });
    const text =
      `*${escapeMrkdwn(truncate(alert.title, 300))}*\n` +
      `${escapeMrkdwn(truncate(alert.explanation, DIGEST_EXPLANATION_CHARS))}` +
      (links.length > 0 ? `\n${links.join(' · ')}` : '');
    blocks.push({ type: 'divider' }, section(text));
  }
  const omitted = alerts.length - Math.min(alerts.length, room);
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text:
          omitted > 0
            ? `… and ${omitted} more alerts`
            : `alerts ${alerts.map((a) => a.alertId).join(', ')}`.slice(0, 2000),
      },
    ],
  });
  const titles = alerts.map((a) => a.title).join('; ');
  return {
    text: truncate(`${header}: ${titles}`, SLACK_LIMITS.fallbackText),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}
