import { describe, expect, it } from '@jest/globals';
import { TopicId } from '@media-monitor/contracts';
import { topicIdFromName } from './topic-id.js';

describe('topicIdFromName', () => {
  it('makes a valid slug from Latin and Cyrillic names', () => {
    const cases: Array<[string, string]> = [
      ['Regional defence units (BARS)', 'regional-defence-units-bars'],
      ['Батальоны «БАРС» в Курской области', 'batalony-bars-v-kurskoy-oblasti'],
      ['Élections à Paris', 'elections-a-paris'],
    ];
    for (const [name, id] of cases) {
      expect(topicIdFromName(name)).toBe(id);
      expect(TopicId.safeParse(topicIdFromName(name)).success).toBe(true);
    }
  });

  it('never yields an empty or reserved id', () => {
    expect(topicIdFromName('???')).toBe('topic');
    expect(topicIdFromName('Dry run')).toBe('topic');
  });
});
