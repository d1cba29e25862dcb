/**
 * Splits a batch into lanes that can run concurrently: items sharing any key (an article's id,
 * from its canonical URL, or its content hash) fall into one lane, in batch order, so a repeat
 * within one batch meets its original exactly as it would one request after the other. Lanes are
 * ordered by their first item; every index appears exactly once.
 */
export function batchLanes(keysOf: ReadonlyArray<readonly string[]>): number[][] {
  const parent = keysOf.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[i] !== r) [i, parent[i]] = [parent[i]!, r];
    return r;
  };
  const owner = new Map<string, number>();
  keysOf.forEach((keys, i) => {
    for (const key of keys) {
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, i);
      else {
        const [a, b] = [root(seen), root(i)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const lanes = new Map<number, number[]>();
  keysOf.forEach((_, i) => {
    const r = root(i);
    const lane = lanes.get(r);
    if (lane) lane.push(i);
    else lanes.set(r, [i]);
  });
  return [...lanes.values()];
}
