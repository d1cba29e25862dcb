import { isUtf8 } from 'node:buffer';
import { guessSingleByteEncoding } from '@media-monitor/extraction';
import { FeedError } from '../feeds.errors.js';

export interface DecodedText {
  readonly text: string;
  /** WHATWG name of the encoding used, e.g. `utf-8`, `windows-1251`, `koi8-r`. */
  readonly encoding: string;
}

/**
 * Turns the bytes of an XML or JSON document into text: BOM, then the HTTP charset, then the XML
 * declaration's `encoding`, then UTF-8 when the bytes are valid UTF-8, else the likeliest
 * single-byte Cyrillic encoding (windows-1251, KOI8-R, IBM866).
 */
export function decodeXml(input: string | Uint8Array, contentType?: string): DecodedText {
  if (typeof input === 'string') return { text: stripBom(input), encoding: 'utf-16' };
  if (input.byteLength === 0) throw new FeedError('feed.empty', 'the document is empty');
  const bom = bomEncoding(input);
  if (!bom && input.subarray(0, 1024).includes(0)) {
    throw new FeedError('feed.binary', 'the content is binary, not a text document');
  }
  const encoding =
    bom ?? resolveLabel(charsetParameter(contentType)) ?? resolveLabel(xmlDeclaredEncoding(input)) ?? sniff(input);
  const bytes = bom === 'utf-8' ? input.subarray(3) : input;
  const text =
    encoding === 'utf-8'
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
      : new TextDecoder(encoding).decode(bytes);
  return { text: stripBom(text), encoding };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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

function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([-\w.:]+)["']/i.exec(head)?.[1];
}

function resolveLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    // A declaration readable as ASCII cannot really be UTF-16 (the WHATWG rule for pages).
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  } catch {
    return undefined;
  }
}

function sniff(bytes: Uint8Array): string {
  return isUtf8(bytes) ? 'utf-8' : guessSingleByteEncoding(bytes);
}
