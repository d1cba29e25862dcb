import { describe, expect, it } from '@jest/globals';
import { ExtractionError } from '../extraction.errors.js';
import { decodeHtml } from './html-decoder.js';

/** Encodes text in a single-byte encoding by inverting its WHATWG decoder (tests only need Cyrillic). */
function encode(text: string, encoding: string): Buffer {
  const decoder = new TextDecoder(encoding);
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => byChar.get(ch) ?? 0x3f));
}

const RUSSIAN = 'Губернатор Калининградской области вступил в батальон "БАРС-Калининград", сообщили в правительстве.';
const page = (head: string): string =>
  `<html><head>${head}<title>Новости</title></head><body><p>${RUSSIAN}</p></body></html>`;

describe('decodeHtml', () => {
  it('reads windows-1251 declared by <meta charset>', () => {
    const decoded = decodeHtml(encode(page('<meta charset="windows-1251">'), 'windows-1251'));
    expect(decoded.encoding).toBe('windows-1251');
    expect(decoded.html).toContain(RUSSIAN);
  });

  it('reads KOI8-R declared by http-equiv, and by the HTTP header, which wins over the page', () => {
    const bytes = encode(page('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'), 'koi8-r');
    expect(decodeHtml(bytes).html).toContain(RUSSIAN);
    const mislabelled = encode(page('<meta charset="windows-1251">'), 'koi8-r');
    const decoded = decodeHtml(mislabelled, { contentType: 'text/html; charset=KOI8-R' });
    expect(decoded.encoding).toBe('koi8-r');
    expect(decoded.html).toContain(RUSSIAN);
  });

  it('guesses windows-1251 and KOI8-R for undeclared Cyrillic bytes', () => {
    expect(decodeHtml(encode(page(''), 'windows-1251'))).toEqual({ html: page(''), encoding: 'windows-1251' });
    expect(decodeHtml(encode(page(''), 'koi8-r'))).toEqual({ html: page(''), encoding: 'koi8-r' });
  });

  it('takes undeclared valid UTF-8 as UTF-8, and honours a byte order mark over a wrong declaration', () => {
    expect(decodeHtml(Buffer.from(page(''), 'utf8')).html).toContain(RUSSIAN);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="koi8-r">'))]);
    expect(decodeHtml(withBom)).toMatchObject({ encoding: 'utf-8' });
    expect(decodeHtml(withBom).html).toContain(RUSSIAN);
  });

  it('falls back to a guess when the declared charset is unknown', () => {
    const decoded = decodeHtml(encode(page('<meta charset="x-unknown-charset">'), 'windows-1251'));
    expect(decoded.html).toContain(RUSSIAN);
  });

  it('refuses binary content that carries NUL bytes', () => {
    const bytes = Buffer.concat([Buffer.from('<html>'), Buffer.alloc(20), Buffer.from('</html>')]);
    expect(() => decodeHtml(bytes)).toThrow(ExtractionError);
  });
});
