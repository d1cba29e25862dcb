import type { TopicDefinition } from './topic.js';

export interface SeedTopic {
  topicId: string;
  name: string;
  description?: string;
  definition: TopicDefinition;
}

/** The demo topic, created (active at version 1) at first start when no topic with its id exists. */
export const SEED_TOPICS: readonly SeedTopic[] = [
  {
    topicId: 'bars',
    name: 'Regional defence units (BARS)',
    description: "Russia's regional territorial-defence battalions: BARS-Kaliningrad, BARS-Kursk and the rest",
    definition: {
      query: [
        'entity:unit:bars OR entity:unit:bars-kaliningrad OR entity:unit:bars-kursk',
        'OR "territorial defence battalion" OR "territorial defense battalion"',
        'OR "батальон территориальной обороны"',
      ].join(' '),
      languages: [],
      sourceIds: [],
    },
  },
];
