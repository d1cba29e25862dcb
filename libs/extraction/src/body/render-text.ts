import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { isBoilerplateLine } from './boilerplate-lines.js';
import { nameWeight } from './main-content.js';
import { linkDensity, type TextStats } from './text-stats.js';

/** Tags that break text into separate blocks when rendered. */
export const BLOCK_TAGS = new Set(
  `
  address article blockquote dd div dl dt h1 h2 h3 h4 h5 h6 hr li main ol p pre section table
  tr td th ul br center details summary tbody thead caption form fieldset body html
  `
    .trim()
    .split(/\s+/),
);

/** Containers judged as a whole: kept or dropped by their links, names and shape. */
const JUDGED_TAGS = new Set('div section ul ol table dl form p'.split(' '));

/** Link text at least this long reads as a headline (a teaser) rather than a shop or source name. */
const TEASER_LINK_CHARS = 25;

/** A container of this many commas or more is prose, whatever its links (readability's rule). */
const PROSE_COMMAS = 10;

/** Renders the chosen elements as paragraphs separated by blank lines, dropping embedded chrome. */
export function renderArticleText(roots: readonly Element[], stats: Map<Element, TextStats>): string {
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    const text = current.join('').replace(/\s+/g, ' ').trim();
    if (text && !isBoilerplateLine(text)) blocks.push(text);
    current = [];
  };
  const stack: (ChildNode | 'end')[] = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'end') {
      flush();
      continue;
    }
    if (isText(node)) {
      current.push(node.data);
      continue;
    }
    if (!isTag(node) || isDropped(node, stats, roots)) continue;
    if (BLOCK_TAGS.has(node.name)) {
      flush();
      stack.push('end');
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  flush();
  return blocks.join('\n\n');
}

function isDropped(el: Element, stats: Map<Element, TextStats>, roots: readonly Element[]): boolean {
  if (el.name === 'h1') return true;
  if (!JUDGED_TAGS.has(el.name) || roots.includes(el)) return false;
  const s = stats.get(el);
  if (!s) return false;
  // Embedded posts and quotes are links and handles by nature, and part of the story.
  if (el.children.some((c) => isTag(c) && c.name === 'blockquote')) return false;
  const weight = nameWeight(el);
  if (weight < 0) return true;
  if (s.commas >= PROSE_COMMAS) return false;
  const density = linkDensity(s);
  // A paragraph that is one headline-like link is a teaser; "Buy it: Amazon" lines are content.
  if (el.name === 'p') return density > 0.5 && longestLinkText(el, stats) >= TEASER_LINK_CHARS;
  return (weight < 25 && density > 0.2 && s.text < 1000) || density > 0.5;
}

function longestLinkText(el: Element, stats: Map<Element, TextStats>): number {
  let longest = 0;
  const stack: ChildNode[] = [...el.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (node.name === 'a') longest = Math.max(longest, stats.get(node)?.text ?? 0);
    else stack.push(...node.children);
  }
  return longest;
}
