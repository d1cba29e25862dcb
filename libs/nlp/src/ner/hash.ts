/** 32-bit FNV-1a over the UTF-16 code units of s[from, to); feature atoms are hashed, never interned. */
export function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of a whole string. */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** Mixes two hashes (murmur3 finaliser), so that template and atom combine without structure. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0xcc9e2d51) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
