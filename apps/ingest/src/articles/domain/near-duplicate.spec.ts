import { describe, expect, it } from '@jest/globals';
import { contentHashOf } from './article.js';
import { BANDS, estimatedSimilarity, nearDuplicateSignature, shingleHashes } from './near-duplicate.js';
import { decideStory, settle, verifiedCandidates } from './story-decision.js';
import { encodeSignature } from './near-duplicate.js';

const wire = `Kaliningrad region governor Alexei Besprozvannikov said on Tuesday that he had joined the BARS-Kaliningrad territorial defence battalion, a reserve unit formed under a Ministry of Defence programme. Members of the regional government signed contracts as well, the governor wrote on his Telegram channel. The battalion recruits volunteers from the region for short contracts and trains them at a range near the city. Officials said the first training cycle would last several weeks and that the volunteers would keep their civilian jobs. The programme began in several regions last year, including the Kursk and Belgorod regions, where similar battalions were formed.`;

/** A syndicated copy: another outlet's lead sentence, a changed word here and there, the last sentence cut. */
const copy = `MOSCOW (Fixture Wire). Kaliningrad region governor Alexei Besprozvannikov said on Tuesday that he had joined the BARS-Kaliningrad territorial defence battalion, a reserve unit created under a Ministry of Defence programme. Members of the regional government signed contracts too, the governor wrote on his Telegram channel. The battalion recruits volunteers from the region for short contracts and trains them at a range near the city. Officials said the first training cycle would last several weeks and that volunteers would keep their civilian jobs.`;

const other = `Heavy snow closed several roads in the Kursk region overnight, and road services worked until morning to clear the main highway. Schools in two districts opened later than usual, local authorities said. Forecasters expect the weather to improve by the weekend, when temperatures should rise above freezing for the first time this month.`;

describe('near-duplicate signatures', () => {
  it('find a light edit of a wire story similar, and an unrelated story not', () => {
    const a = nearDuplicateSignature(wire);
    const b = nearDuplicateSignature(copy);
    const c = nearDuplicateSignature(other);
    expect(estimatedSimilarity(a.values, b.values)).toBeGreaterThanOrEqual(0.5);
    expect(estimatedSimilarity(a.values, c.values)).toBeLessThan(0.1);
    expect(a.bandKeys).toHaveLength(BANDS);
    expect(a.bandKeys.filter((k) => b.bandKeys.includes(k)).length).toBeGreaterThan(0);
    expect(a.bandKeys.filter((k) => c.bandKeys.includes(k))).toEqual([]);
  });

  it('estimate the Jaccard similarity of the shingle sets within a few points', () => {
    const sa = shingleHashes(wire);
    const sb = shingleHashes(copy);
    const inter = [...sa].filter((h) => sb.has(h)).length;
    const jaccard = inter / (sa.size + sb.size - inter);
    const estimate = estimatedSimilarity(nearDuplicateSignature(wire).values, nearDuplicateSignature(copy).values);
    expect(Math.abs(estimate - jaccard)).toBeLessThan(0.15);
  });

  it('are deterministic, and texts too short to compare get no bands', () => {
    expect(nearDuplicateSignature(wire)).toEqual(nearDuplicateSignature(wire));
    expect(nearDuplicateSignature('Breaking: explosion reported').bandKeys).toEqual([]);
  });

  it('content hashes ignore case, punctuation and whitespace but not words', () => {
    expect(contentHashOf('Title', 'Body  text, “quoted”.')).toBe(contentHashOf('TITLE', 'body text "quoted"'));
    expect(contentHashOf('Title', 'Body text')).not.toBe(contentHashOf('Title', 'Body texts'));
  });
});

describe('story decisions', () => {
  const sig = (text: string) => encodeSignature(nearDuplicateSignature(text).values);
  const mine = nearDuplicateSignature(copy).values;

  it('joins the placed near-duplicate, ignores look-alikes below the threshold, else starts a story', () => {
    const candidates = [
      { articleId: 'b'.repeat(32), signature: sig(other), storyId: 's-other' },
      { articleId: 'a'.repeat(32), signature: sig(wire), storyId: 's-wire' },
    ];
    const verified = verifiedCandidates(mine, candidates);
    expect(verified.map((c) => c.articleId)).toEqual(['a'.repeat(32)]);
    expect(decideStory('c'.repeat(32), verified)).toEqual({ kind: 'decided', storyId: 's-wire' });
    expect(decideStory('c'.repeat(32), [])).toEqual({ kind: 'decided', storyId: 'c'.repeat(32) });
  });

  it('waits for near-duplicates still being placed, and settles on the smallest id', () => {
    const pending = [{ articleId: 'a'.repeat(32), signature: sig(wire) }];
    expect(decideStory('c'.repeat(32), verifiedCandidates(mine, pending))).toEqual({
      kind: 'waiting',
      pending: ['a'.repeat(32)],
    });
    // Both sides of a simultaneous pair settle on the same id.
    expect(settle('c'.repeat(32), ['a'.repeat(32)])).toBe(settle('a'.repeat(32), ['c'.repeat(32)]));
  });
});
