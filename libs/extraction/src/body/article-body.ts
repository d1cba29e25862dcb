import { type Document } from 'domhandler';
import { removeBoilerplate } from './boilerplate.js';
import { findMainContent } from './main-content.js';
import { renderArticleText } from './render-text.js';

/** The article's text from the page tree, paragraphs separated by blank lines. Mutates the tree. */
export function extractBodyFromDom(document: Document): string {
  const stats = removeBoilerplate(document);
  const roots = findMainContent(document, stats);
  return roots.length === 0 ? '' : renderArticleText(roots, stats);
}
