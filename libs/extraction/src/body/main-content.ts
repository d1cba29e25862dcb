import { type Document, type Element, isTag } from 'domhandler';
import { attr, descendants } from '../dom/html-document.js';
import { linkDensity, type TextStats } from './text-stats.js';

/** Elements whose own text is a paragraph of prose when long enough. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'td', 'li', 'dd']);
const TEXT_CONTAINER_TAGS = new Set(['div', 'section', 'span', 'font', 'center']);
const MIN_PARAGRAPH_CHARS = 25;
/** How many ancestors above a paragraph share its score (readability's scheme). */
const ANCESTOR_LEVELS = 5;

const POSITIVE_NAME =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|paragraph|prose/i;
const NEGATIVE_NAME =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|byline|author|dateline|caption/i;

/** Score for what an element's class and id say about it. */
export function nameWeight(el: Element): number {
  const cls = attr(el, 'class') ?? '';
  const id = attr(el, 'id') ?? '';
  let weight = 0;
  for (const name of [cls, id]) {
    if (!name) continue;
    if (NEGATIVE_NAME.test(name)) weight -= 25;
    if (POSITIVE_NAME.test(name)) weight += 25;
  }
  if (attr(el, 'itemprop') === 'articleBody') weight += 50;
  return weight;
}

function tagWeight(el: Element): number {
  switch (el.name) {
    case 'article':
    case 'main':
      return 10;
    case 'div':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

function isParagraph(el: Element, stats: Map<Element, TextStats>): boolean {
  if (PARAGRAPH_TAGS.has(el.name)) return true;
  if (!TEXT_CONTAINER_TAGS.has(el.name)) return false;
  // A div holding prose directly, without paragraph markup: count its own text only.
  let own = 0;
  for (const child of el.children) if (child.type === 'text') own += child.data.trim().length;
  return own >= MIN_PARAGRAPH_CHARS && own * 2 >= (stats.get(el)?.text ?? 0);
}

/**
 * Finds the elements holding the article: paragraphs vote for their ancestors, votes are discounted
 * by link density, and the winner's siblings that also read like prose join it.
 */
export function findMainContent(document: Document, stats: Map<Element, TextStats>): Element[] {
  const scores = new Map<Element, number>();
  for (const el of descendants(document)) {
    if (!isParagraph(el, stats)) continue;
    const s = stats.get(el)!;
    if (s.text < MIN_PARAGRAPH_CHARS) continue;
    const vote = 1 + s.commas + Math.min(Math.floor(s.text / 100), 3);
    let ancestor = el.parent;
    for (let level = 0; level < ANCESTOR_LEVELS && ancestor && isTag(ancestor); level++) {
      if (!scores.has(ancestor)) scores.set(ancestor, tagWeight(ancestor) + nameWeight(ancestor));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, scores.get(ancestor)! + vote / divider);
      ancestor = ancestor.parent;
    }
  }
  let top: Element | undefined;
  let topScore = -Infinity;
  const finalScores = new Map<Element, number>();
  for (const [el, score] of scores) {
    const final = score * (1 - linkDensity(stats.get(el)));
    finalScores.set(el, final);
    if (final > topScore) {
      top = el;
      topScore = final;
    }
  }
  if (!top) return [];
  top = climbToCommonAncestor(top, topScore, finalScores);
  const chosen = withProseSiblings(top, finalScores.get(top) ?? topScore, finalScores, stats);
  const roots = new Set([...chosen, ...repeatedChunks(document, top, chosen, finalScores)]);
  return inDocumentOrder(document, roots);
}

/** A split body reads in the order the page shows it. */
function inDocumentOrder(document: Document, elements: Set<Element>): Element[] {
  if (elements.size === 1) return [...elements];
  const ordered: Element[] = [];
  for (const el of descendants(document)) if (elements.has(el)) ordered.push(el);
  return ordered;
}

/**
 * Bodies split by ads or embeds come as several blocks with the winner's tag and class (`article__body`
 * chunks); the others join it.
 */
function repeatedChunks(document: Document, top: Element, chosen: Element[], scores: Map<Element, number>): Element[] {
  const cls = attr(top, 'class');
  if (!cls) return [];
  const chunks: Element[] = [];
  for (const el of descendants(document)) {
    if (el === top || el.name !== top.name || attr(el, 'class') !== cls) continue;
    if ((scores.get(el) ?? 0) <= 0) continue;
    // A chunk nested in (or holding) one already taken would repeat its text.
    if ([...chosen, ...chunks].some((c) => contains(c, el) || contains(el, c))) continue;
    chunks.push(el);
  }
  return chunks;
}

/** When several strong candidates sit under one ancestor, the article is that ancestor (split bodies). */
function climbToCommonAncestor(top: Element, topScore: number, scores: Map<Element, number>): Element {
  const strong = [...scores].filter(([el, s]) => el !== top && s >= topScore * 0.75).map(([el]) => el);
  if (strong.length < 2) return top;
  let ancestor = top.parent;
  while (ancestor && isTag(ancestor) && ancestor.name !== 'body') {
    const covered = strong.filter((el) => contains(ancestor as Element, el)).length;
    if (covered >= 2) return ancestor;
    ancestor = ancestor.parent;
  }
  return top;
}

function contains(ancestor: Element, node: Element): boolean {
  for (let n: Element | null = node; n; n = n.parent && isTag(n.parent) ? n.parent : null) {
    if (n === ancestor) return true;
  }
  return false;
}

function withProseSiblings(
  top: Element,
  topScore: number,
  scores: Map<Element, number>,
  stats: Map<Element, TextStats>,
): Element[] {
  const parent = top.parent;
  if (!parent || !isTag(parent)) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topNames = attr(top, 'class');
  const chosen: Element[] = [];
  for (const sibling of parent.children) {
    if (!isTag(sibling)) continue;
    if (sibling === top) {
      chosen.push(sibling);
      continue;
    }
    let bonus = 0;
    if (topNames && attr(sibling, 'class') === topNames) bonus += topScore * 0.2;
    const score = scores.get(sibling);
    if (score !== undefined && score + bonus >= threshold) {
      chosen.push(sibling);
      continue;
    }
    // A lone paragraph beside the body (a lead, a standfirst) reads as prose on its own.
    if (isParagraph(sibling, stats)) {
      const s = stats.get(sibling)!;
      const density = linkDensity(s);
      if ((s.text > 80 && density < 0.25) || (s.text > 40 && density === 0)) chosen.push(sibling);
    }
  }
  return chosen;
}
