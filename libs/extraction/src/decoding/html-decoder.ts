import { isUtf8 } from 'node:buffer';
import { ExtractionError } from '../extraction.errors.js';
import { guessSingleByteEncoding } from './cyrillic-guess.js';

/** Pages above this are refused: no news article needs more, and parsing cost grows with size. */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** How far into the bytes a `<meta charset>` is looked for (WHATWG prescans 1024; pages put it later). */
const PRESCAN_BYTES = 4096;

export interface DecodeOptions {
  /** The HTTP Content-Type header, whose charset wins over the page's own declaration. */
  readonly contentType?: string;
  readonly maxBytes?: number;
}

export interface DecodedHtml {
  readonly html: string;
  /** WHATWG name of the encoding used, e.g. `utf-8`, `windows-1251`, `koi8-r`. */
  readonly encoding: string;
}

const HTML_MEDIA_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain', 'application/xml', 'text/xml']);

/** Signatures of formats that are often served where a page was expected. */
const BINARY_SIGNATURES: readonly [string, readonly number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['WebP/RIFF data', [0x52, 0x49, 0x46, 0x46]],
];

/** Turns page bytes (or an already decoded string) into text, refusing what is not an HTML page. */
export function decodeHtml(input: string | Uint8Array, options: DecodeOptions = {}): DecodedHtml {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  checkMediaType(options.contentType);
  if (typeof input === 'string') {
    if (input.length > maxBytes) throw tooLarge(input.length, maxBytes);
    const html = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    checkLooksLikeHtml(html);
    return { html, encoding: 'utf-16' };
  }
  if (input.byteLength > maxBytes) throw tooLarge(input.byteLength, maxBytes);
  if (input.byteLength === 0) throw new ExtractionError('extraction.empty', 'the page is empty');
  checkNotBinary(input);
  const encoding =
    bomEncoding(input) ??
    resolveLabel(charsetParameter(options.contentType)) ??
    resolveLabel(prescanMetaCharset(input)) ??
    sniffEncoding(input);
  const html = decodeBytes(input, encoding);
  checkLooksLikeHtml(html);
  return { html, encoding };
}

/** Node's own UTF-8 decoder is several times faster than TextDecoder's, with the same replacement rule. */
function decodeBytes(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return asBuffer(bytes).toString('utf8');
  return new TextDecoder(encoding).decode(bytes);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function tooLarge(size: number, maxBytes: number): ExtractionError {
  return new ExtractionError('extraction.too_large', `the page has ${size} bytes, more than the limit of ${maxBytes}`);
}

function checkMediaType(contentType: string | undefined): void {
  if (!contentType) return;
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType && !HTML_MEDIA_TYPES.has(mediaType)) {
    throw new ExtractionError('extraction.not_html', `content type ${mediaType} is not an HTML page`);
  }
}

function checkNotBinary(bytes: Uint8Array): void {
  for (const [name, signature] of BINARY_SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) {
      throw new ExtractionError('extraction.not_html', `the content is ${name}, not an HTML page`);
    }
  }
  // UTF-16 pages carry NUL bytes legitimately; they announce themselves with a BOM.
  if (bomEncoding(bytes)) return;
  const head = bytes.subarray(0, 1024);
  if (head.includes(0)) throw new ExtractionError('extraction.not_html', 'the content is binary, not an HTML page');
}

function checkLooksLikeHtml(html: string): void {
  const head = html.slice(0, 65536);
  if (head.trim() === '') throw new ExtractionError('extraction.empty', 'the page is empty');
  if (!/<(?:!doctype|html|head|body|meta|title|div|p|article|main|script|link|!--)[\s>/]/i.test(head)) {
    throw new ExtractionError('extraction.not_html', 'the content has no HTML markup');
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function charsetParameter(contentType: string | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i)?.[1];
}

/** `<meta charset=x>` or `<meta http-equiv="Content-Type" content="...; charset=x">` near the top. */
function prescanMetaCharset(bytes: Uint8Array): string | undefined {
  const head = asBuffer(bytes).toString('latin1', 0, PRESCAN_BYTES);
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = tag.match(/\bcharset\s*=\s*["']?\s*([-\w:.]+)/i);
    if (direct) return direct[1];
  }
  return undefined;
}

/** A WHATWG encoding name for a label, or undefined when the label is unknown. */
function resolveLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    // A page cannot really be UTF-16 once its declaration was readable as ASCII (WHATWG rule).
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return undefined;
  }
}

/** No declaration: UTF-8 when the bytes are valid UTF-8, else the likeliest single-byte encoding. */
function sniffEncoding(bytes: Uint8Array): string {
  return isUtf8(bytes) ? 'utf-8' : guessSingleByteEncoding(bytes);
}
