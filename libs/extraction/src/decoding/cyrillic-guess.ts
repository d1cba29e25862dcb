/**
 * Guesses the single-byte encoding of undeclared, non-UTF-8 bytes. Russian pages of that kind are
 * windows-1251 or KOI8-R (rarely IBM866); both put Cyrillic in the high half, with the cases swapped:
 * windows-1251 has lower case at 0xE0-0xFF, KOI8-R at 0xC0-0xDF. Running text is mostly lower case,
 * so the candidate that reads most high bytes as lower-case Cyrillic letters wins.
 */

const CANDIDATES = ['windows-1251', 'koi8-r', 'ibm866'] as const;

/** Share of high-half bytes needed before the text is taken for Cyrillic rather than Western European. */
const CYRILLIC_SHARE = 0.6;

export function guessSingleByteEncoding(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 65536);
  let high = 0;
  for (const b of sample) if (b >= 0x80) high++;
  if (high === 0) return 'windows-1252';
  let best: { encoding: string; lower: number } = { encoding: 'windows-1252', lower: 0 };
  for (const encoding of CANDIDATES) {
    const text = new TextDecoder(encoding).decode(sample);
    const lower = text.match(/[а-яё]/g)?.length ?? 0;
    if (lower > best.lower) best = { encoding, lower };
  }
  return best.lower >= high * CYRILLIC_SHARE ? best.encoding : 'windows-1252';
}
