import { type AnyNode, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';

const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'pre',
  'figure',
  'figcaption',
  'header',
  'footer',
  'aside',
  'dd',
  'dt',
  'hr',
]);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'object', 'head']);

/**
 * Plain text of an HTML fragment (a feed item's description, a channel post): blocks become
 * paragraphs separated by blank lines, `<br>` a line break, whitespace collapsed.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidy(html);
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const parts: string[] = [];
  const walk = (node: AnyNode): void => {
    if (isText(node)) {
      parts.push(node.data.replace(/\s+/g, ' '));
      return;
    }
    if (!isTag(node) || SKIPPED.has(node.name)) return;
    if (node.name === 'br') {
      parts.push('\n');
      return;
    }
    const block = BLOCKS.has(node.name);
    if (block) parts.push('\n\n');
    for (const childNode of node.children) walk(childNode);
    if (block) parts.push('\n\n');
  };
  for (const childNode of document.children) walk(childNode);
  return tidy(parts.join(''));
}

function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Number of words of a text (Unicode letters or digits in a row). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}
