import type { Topic } from './topic.js';

/** The demo topic, created at first start when no topic with its id exists. */
export const SEED_TOPICS: readonly Topic[] = [
  {
    topicId: 'bars',
    name: 'Regional defence units (BARS)',
    description: "Russia's regional territorial-defence battalions: BARS-Kaliningrad, BARS-Kursk and the rest",
    query: [
      'entity:unit:bars OR entity:unit:bars-kaliningrad OR entity:unit:bars-kursk',
      'OR "territorial defence battalion" OR "territorial defense battalion"',
      'OR "батальон территориальной обороны"',
    ].join(' '),
  },
];
