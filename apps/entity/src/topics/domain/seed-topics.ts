import type { Topic } from './topic.js';

/** The demo topic, created at first start when no topic with its id exists. */
export const SEED_TOPICS: readonly Topic[] = [
  {
    topicId: 'bars',
    name: 'Regional defence units (BARS)',
    description: "Russia's regional territorial-defence battalions: BARS-Kaliningrad, BARS-Kursk and the rest",
    query: {
      anyEntities: ['unit:bars', 'unit:bars-kaliningrad', 'unit:bars-kursk'],
      anyTerms: [
        { text: 'territorial defence battalion', caseSensitive: false },
        { text: 'territorial defense battalion', caseSensitive: false },
        { text: 'батальон территориальной обороны', caseSensitive: false },
      ],
    },
  },
];
