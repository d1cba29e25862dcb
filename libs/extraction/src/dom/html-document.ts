import { type ChildNode, type Document, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/** Parses forgiving HTML (any nesting, unclosed tags) into a domhandler tree. */
export function parseHtml(html: string): Document {
  return parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
}

/** Depth-first elements under a node, in document order, without recursion (deep pages exist). */
export function* descendants(root: { children: ChildNode[] }): Generator<Element> {
  const stack: ChildNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    yield node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** The first element with a tag name, in document order. */
export function firstByTag(root: { children: ChildNode[] }, name: string): Element | undefined {
  for (const el of descendants(root)) if (el.name === name) return el;
  return undefined;
}

/**
 * Text of a subtree with whitespace collapsed. With `maxChars`, stops reading soon after that many
 * characters of source text, so probing a large container costs little.
 */
export function collapsedText(node: ChildNode | Document, maxChars = Infinity): string {
  const parts: string[] = [];
  let read = 0;
  const stack: ChildNode[] = 'children' in node ? [...node.children].reverse() : [node as ChildNode];
  while (stack.length > 0 && read <= maxChars) {
    const n = stack.pop()!;
    if (isText(n)) {
      parts.push(n.data);
      read += n.data.length;
    } else if (isTag(n)) {
      if (n.name === 'script' || n.name === 'style') continue;
      if (!INLINE_TAGS.has(n.name)) parts.push(' ');
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return normaliseSpace(parts.join(''));
}

/** Tags that do not separate words: "Hel<b>lo</b>" is one word. */
const INLINE_TAGS = new Set('a b i em strong span small sup sub u abbr mark font time q cite code'.split(' '));

export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function attr(el: Element, name: string): string | undefined {
  const value = el.attribs[name];
  return value === undefined ? undefined : value.trim();
}
