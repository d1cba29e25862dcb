import { type ChildNode, type Document, type Element, isTag, isText } from 'domhandler';

/** Text measures of one subtree, in characters of whitespace-collapsed text. */
export interface TextStats {
  text: number;
  /** Characters inside links. */
  linkText: number;
  commas: number;
  paragraphs: number;
}

/** Their text is code or data, never read by a visitor. */
const UNRENDERED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head']);

const COMMAS = /[,،、，]/g;

/** Measures every element bottom-up in one pass, so later density checks cost nothing. */
export function measureTree(document: Document): Map<Element, TextStats> {
  const stats = new Map<Element, TextStats>();
  const order: Element[] = [];
  const stack: ChildNode[] = [...document.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    order.push(node);
    for (const child of node.children) stack.push(child);
  }
  // Parents were pushed before their children: walking backwards visits children first.
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    const s: TextStats = { text: 0, linkText: 0, commas: 0, paragraphs: el.name === 'p' ? 1 : 0 };
    if (UNRENDERED_TAGS.has(el.name)) {
      stats.set(el, s);
      continue;
    }
    for (const child of el.children) {
      if (isText(child)) {
        const t = child.data.replace(/\s+/g, ' ');
        s.text += t.trim().length === 0 ? 0 : t.length;
        s.commas += t.match(COMMAS)?.length ?? 0;
      } else if (isTag(child)) {
        const c = stats.get(child)!;
        s.text += c.text;
        s.linkText += c.linkText;
        s.commas += c.commas;
        s.paragraphs += c.paragraphs;
      }
    }
    if (el.name === 'a') s.linkText = s.text;
    stats.set(el, s);
  }
  return stats;
}

export function linkDensity(s: TextStats | undefined): number {
  return s && s.text > 0 ? s.linkText / s.text : 0;
}
