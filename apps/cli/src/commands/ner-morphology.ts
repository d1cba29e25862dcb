import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GAZETTEER_FLAGS, type GazetteerEntry } from '@media-monitor/nlp';

// The OpenCorpora dictionary that the `az` package (Az.Morph) ships, read at training time:
// every word form whose grammemes mark a proper name becomes a hashed gazetteer word of the
// model, so the runtime needs neither the package nor its 12 MB of dictionaries.
const require = createRequire(import.meta.url);

const NAME_GRAMMEMES: Record<string, number> = {
  Name: GAZETTEER_FLAGS.morphName,
  Surn: GAZETTEER_FLAGS.morphSurname,
  Patr: GAZETTEER_FLAGS.morphPatronymic,
  Geox: GAZETTEER_FLAGS.morphGeo,
  Orgn: GAZETTEER_FLAGS.morphOrg,
};

/** A DAWG (dawgdic layout, as pymorphy2 and Az.js write it): units and the guide of first children and siblings. */
interface Dawg {
  units: Uint32Array;
  guide: Uint8Array;
}

function readDawg(file: string): Dawg {
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const view = new DataView(buffer);
  const unitCount = view.getUint32(0, true);
  const guideCount = view.getUint32(unitCount * 4 + 4, true);
  return {
    units: new Uint32Array(buffer, 4, unitCount),
    guide: new Uint8Array(buffer, unitCount * 4 + 8, guideCount * 2),
  };
}

/**
 * Calls `visit` with every key of a DAWG (bytes, in a reused buffer, and its length), walking
 * first children and siblings as the guide lists them.
 */
function walkDawg({ units, guide }: Dawg, visit: (key: Uint8Array, length: number) => void): void {
  const offset = (base: number) => ((base >>> 10) << ((base & (1 << 9)) >>> 6)) >>> 0;
  const label = (base: number) => base & ((1 << 31) | 0xff);
  const follow = (c: number, index: number) => {
    const next = (index ^ offset(units[index]!) ^ c) >>> 0;
    return label(units[next]!) === c ? next : -1;
  };
  const key = new Uint8Array(256);
  const walk = (index: number, depth: number): void => {
    if (units[index]! & (1 << 8)) visit(key, depth);
    let c = guide[index << 1]!;
    while (c) {
      const child = follow(c, index);
      if (child < 0) return;
      key[depth] = c;
      walk(child, depth + 1);
      c = guide[(child << 1) + 1]!;
    }
  };
  walk(0, 0);
}

/**
 * Gazetteer words from the OpenCorpora morphology dictionary of `az`: each form with the
 * Name, Surn, Patr, Geox or Orgn grammeme in some reading, flagged with those grammemes and
 * with morphCommon when another reading is an ordinary word (Роман: a name and a novel).
 * Forms with ё also stand written with е, as news mostly writes them.
 */
export function morphologyEntries(): GazetteerEntry[] {
  const dicts = join(dirname(require.resolve('az/package.json')), 'dicts');
  const tags = (JSON.parse(readFileSync(join(dicts, 'gramtab-opencorpora-int.json'), 'utf8')) as string[]).map(
    (tag) => {
      let bits = 0;
      for (const grammeme of tag.split(/[ ,]/)) bits |= NAME_GRAMMEMES[grammeme] ?? 0;
      return bits || GAZETTEER_FLAGS.morphCommon;
    },
  );
  const raw = readFileSync(join(dicts, 'paradigms.array'));
  const list = new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const paradigms: Uint16Array[] = [];
  for (let i = 0, at = 1; i < list[0]!; i++) {
    const size = list[at++]!;
    paradigms.push(list.subarray(at, at + size));
    at += size;
  }
  // Keys: the form in CP1251, byte 1, then the paradigm and form numbers, two bytes each.
  const decoder = new TextDecoder('windows-1251');
  const flags = new Map<string, number>();
  walkDawg(readDawg(join(dicts, 'words.dawg')), (key, length) => {
    const separator = key.indexOf(1);
    if (separator < 0 || separator + 5 > length) return;
    const paradigm = paradigms[((key[separator + 1]! ^ 1) << 6) + (key[separator + 2]! >> 1)];
    if (!paradigm) return;
    const form = ((key[separator + 3]! ^ 1) << 6) + (key[separator + 4]! >> 1);
    const bits = tags[paradigm[paradigm.length / 3 + form]!] ?? 0;
    const word = decoder.decode(key.subarray(0, separator));
    flags.set(word, (flags.get(word) ?? 0) | bits);
  });
  const entries: GazetteerEntry[] = [];
  for (const [word, bits] of flags) {
    if (bits === GAZETTEER_FLAGS.morphCommon) continue;
    entries.push({ name: word, kind: 'morph', flags: bits });
    if (word.includes('ё')) entries.push({ name: word.replaceAll('ё', 'е'), kind: 'morph', flags: bits });
  }
  return entries;
}
