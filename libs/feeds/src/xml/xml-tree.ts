import { type AnyNode, type Document, type Element, isCDATA, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * Parses XML forgivingly (unclosed tags, stray `&`, truncated documents all give a tree): feeds in
 * the wild are often not well-formed, and a strict parser would lose every item of such a feed.
 */
export function parseXml(text: string): Document {
  return parseDocument(text, { xmlMode: true, decodeEntities: true, recognizeCDATA: true });
}

/** The name without its namespace prefix, lower case (`content:encoded` -> `encoded`). */
export function localName(element: Element): string {
  const name = element.name;
  const colon = name.indexOf(':');
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

/** The namespace prefix of an element's name, lower case, or '' (`dc:date` -> `dc`). */
export function prefixOf(element: Element): string {
  const colon = element.name.indexOf(':');
  return colon >= 0 ? element.name.slice(0, colon).toLowerCase() : '';
}

export function childElements(node: { children: AnyNode[] }): Element[] {
  return node.children.filter(isTag);
}

/** The first child element with this local name (and prefix, when given). */
export function child(node: { children: AnyNode[] }, name: string, prefix?: string): Element | undefined {
  return childElements(node).find((el) => localName(el) === name && (prefix === undefined || prefixOf(el) === prefix));
}

export function children(node: { children: AnyNode[] }, name: string, prefix?: string): Element[] {
  return childElements(node).filter(
    (el) => localName(el) === name && (prefix === undefined || prefixOf(el) === prefix),
  );
}

/** The text of a node and its descendants, CDATA included, trimmed. */
export function textOf(node: AnyNode | undefined): string {
  if (!node) return '';
  return rawText(node).trim();
}

function rawText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (isTag(node) || isCDATA(node)) return node.children.map(rawText).join('');
  return '';
}

/** The first element of the document whose local name is one of `names`, searched breadth-first. */
export function rootElement(document: Document): Element | undefined {
  return childElements(document)[0];
}

/** An attribute by name, ignoring case and namespace prefix. */
export function attribute(element: Element, name: string): string | undefined {
  for (const [key, value] of Object.entries(element.attribs)) {
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    if (local.toLowerCase() === name) return value;
  }
  return undefined;
}

/** Serialises the children of an element back to markup (Atom `type="xhtml"` content). */
export function innerMarkup(element: Element): string {
  return element.children.map(serialise).join('');
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr', 'source', 'area', 'col', 'embed', 'track']);

function serialise(node: AnyNode): string {
  if (isText(node)) return escapeText(node.data);
  if (isCDATA(node)) return node.children.map(serialise).join('');
  if (!isTag(node)) return '';
  const name = localName(node);
  const attrs = Object.entries(node.attribs)
    .filter(([key]) => !key.startsWith('xmlns'))
    .map(([key, value]) => ` ${key}="${value.replace(/"/g, '&quot;')}"`)
    .join('');
  if (VOID.has(name)) return `<${name}${attrs}>`;
  return `<${name}${attrs}>${node.children.map(serialise).join('')}</${name}>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
