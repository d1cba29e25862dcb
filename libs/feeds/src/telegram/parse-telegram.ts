import type { Element } from 'domhandler';
import { isTag } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { decodeXml } from '../decoding/decode-xml.js';
import { FeedError } from '../feeds.errors.js';
import { parseFeedDate } from '../dates.js';
import { absoluteUrl } from '../urls.js';
import { withoutUndefined } from '../feed/json-feed.js';
import { htmlToText } from '../text/html-text.js';
import { innerMarkup } from '../xml/xml-tree.js';

/** One post of a public channel's web preview. */
export interface TelegramPost {
  /** `<channel>/<number>`, as in the page's `data-post`. */
  postId: string;
  /** The post's own address, `https://t.me/<channel>/<number>`. */
  url: string;
  text: string;
  publishedAt?: string;
  views?: number;
  /** Links in the text and the link preview, absolute. */
  links: string[];
}

export interface ParsedTelegramChannel {
  channel?: string;
  title?: string;
  posts: TelegramPost[];
}

/**
 * Reads the web preview of a public Telegram channel (`https://t.me/s/<channel>`): each post's
 * id, text, date, view count and links. Posts without text (photos without a caption) are skipped.
 */
export function parseTelegramChannel(
  input: string | Uint8Array,
  options: { contentType?: string } = {},
): ParsedTelegramChannel {
  const { text } = decodeXml(input, options.contentType);
  const document = parseDocument(text, { decodeEntities: true, lowerCaseTags: true });
  const elements = [...walk(document.children)];
  const messages = elements.filter((el) => hasClass(el, 'tgme_widget_message') && el.attribs['data-post']);
  const title = elements.find((el) => hasClass(el, 'tgme_channel_info_header_title'));
  if (messages.length === 0 && !title) {
    throw new FeedError(
      'telegram.not_a_channel_page',
      'the page is not a Telegram channel preview (no posts, no channel header)',
    );
  }
  const posts: TelegramPost[] = [];
  for (const message of messages) {
    const postId = message.attribs['data-post']!;
    const inside = [...walk(message.children)];
    const textEl = inside.find((el) => hasClass(el, 'tgme_widget_message_text'));
    if (!textEl) continue;
    const body = htmlToText(innerMarkup(textEl));
    if (!body) continue;
    const time = inside.find((el) => hasClass(el, 'tgme_widget_message_date'))?.children.find(isTag);
    const viewsEl = inside.find((el) => hasClass(el, 'tgme_widget_message_views'));
    const linkPreview = inside.find((el) => hasClass(el, 'tgme_widget_message_link_preview'));
    const links = [
      ...[...walk(textEl.children)].filter((el) => el.name === 'a').map((a) => a.attribs['href']),
      linkPreview?.attribs['href'],
    ]
      .map((href) => absoluteUrl(href, `https://t.me/s/${postId.split('/')[0]}`))
      .filter((href): href is string => href !== undefined && !isHashtagSearch(href));
    posts.push(
      withoutUndefined({
        postId,
        url: `https://t.me/${postId}`,
        text: body,
        publishedAt: parseFeedDate(time?.attribs['datetime']),
        views: viewsEl ? parseViews(htmlToText(innerMarkup(viewsEl))) : undefined,
        links: [...new Set(links)],
      }),
    );
  }
  const channel = messages[0]?.attribs['data-post']?.split('/')[0];
  return withoutUndefined({ channel, title: title ? htmlToText(innerMarkup(title)) || undefined : undefined, posts });
}

/** `"1.2K"` -> 1200, `"3.4M"` -> 3400000, `"987"` -> 987. */
export function parseViews(text: string): number | undefined {
  const match = /^([\d.,]+)\s*([KMB])?$/i.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]!.replace(',', '.'));
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(match[2] ?? '').toUpperCase() as 'K' | 'M' | 'B'] ?? 1;
  return Number.isFinite(value) ? Math.round(value * scale) : undefined;
}

/** Hashtags link to the channel's own search (`t.me/s/<channel>?q=%23tag`): not a link of the post. */
function isHashtagSearch(href: string): boolean {
  const url = new URL(href);
  return url.hostname === 't.me' && url.searchParams.has('q');
}

function hasClass(element: Element, name: string): boolean {
  return (element.attribs['class'] ?? '').split(/\s+/).includes(name);
}

function* walk(nodes: Element['children']): Generator<Element> {
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}
