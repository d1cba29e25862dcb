import { ExtractionError } from '../extraction.errors.js';

/**
 * htmlparser2 slows down quadratically with nesting depth (tens of thousands of unclosed elements
 * take seconds to minutes), so pages that leave more than this many elements open are refused.
 * Real pages stay in the hundreds.
 */
export const MAX_UNCLOSED_ELEMENTS = 5000;

/** Elements that never take a closing tag, or whose closing tag the parser implies. */
const SELF_CLOSING = new Set(
  `
  area base br col embed hr img input link meta param source track wbr p li option td th tr dt
  dd optgroup tbody thead rp rt
  `
    .trim()
    .split(/\s+/),
);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(\/?)>/g;

/** Throws when the page opens far more elements than it closes. */
export function checkNesting(html: string): void {
  let open = 0;
  for (const [, closing, name, selfClosing] of html.matchAll(TAG)) {
    if (closing) open--;
    else if (!selfClosing && !SELF_CLOSING.has(name!.toLowerCase())) open++;
  }
  if (open > MAX_UNCLOSED_ELEMENTS) {
    throw new ExtractionError(
      'extraction.too_large',
      `the page leaves ${open} elements unclosed, more than the limit of ${MAX_UNCLOSED_ELEMENTS}`,
    );
  }
}
