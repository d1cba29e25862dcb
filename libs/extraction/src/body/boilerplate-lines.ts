/**
 * Short blocks that pages scatter through article bodies: ad labels, share and subscribe prompts,
 * "read also" teasers, script warnings, copyright lines, in English and Russian.
 */
/** End of a word in any script: JavaScript's `\b` only knows ASCII letters, even with the `u` flag. */
const END = String.raw`(?![\p{L}\p{N}_])`;

const BOILERPLATE_LINE = new RegExp(
  [
    String.raw`^(?:advert(?:isement)?|ad|sponsored(?: content)?|реклама|партн[её]рский материал)$`,
    String.raw`^(?:share|поделиться)(?:\s+(?:this|on)\b.*)?$`,
    String.raw`^(?:subscribe|sign up)\b|\bnewsletters?\b|подпис(?:ывайтесь|ывайся|итесь)${END}`,
    String.raw`^read\s+(?:more|also|next)\b|^see also\b|^(?:читайте|смотрите)\s+(?:также|тоже|ещ[её])${END}|^related(?:\s+\w+)?:`,
    String.raw`\b(?:requires|enable)\s+javascript\b`,
    String.raw`^click here\b|\bclick here (?:for|to)\b`,
    String.raw`^like this (?:story|article)\b`,
    String.raw`^\d*\s*(?:comments?|комментари\p{L}*)$`,
    String.raw`^follow (?:us|\w+) on\b|^следите за нами`,
    String.raw`^(?:filed under|posted (?:on|in|by)|tags?:|опубликовано в|рубрик[аи]:|теги:)`,
    String.raw`©|\ball rights reserved\b|все права защищены`,
  ].join('|'),
  'iu',
);

/** Longer blocks are prose even when they mention a newsletter. */
const MAX_BOILERPLATE_LINE_CHARS = 200;

export function isBoilerplateLine(block: string): boolean {
  return block.length <= MAX_BOILERPLATE_LINE_CHARS && BOILERPLATE_LINE.test(block);
}
