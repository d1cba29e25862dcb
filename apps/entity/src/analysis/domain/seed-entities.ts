import type { CanonicalEntity } from './gazetteer.js';

const cs = (text: string) => ({ text, caseSensitive: true });

/** The entities of the product's defining topic (regional defence units, "BARS"), both scripts. */
export const SEED_ENTITIES: readonly CanonicalEntity[] = [
  {
    entityId: 'unit:bars-kaliningrad',
    name: 'BARS-Kaliningrad',
    type: 'UNIT',
    aliases: ['BARS-Kaliningrad', 'BARS Kaliningrad', 'БАРС-Калининград', 'БАРС Калининград'],
  },
  {
    entityId: 'unit:bars-kursk',
    name: 'BARS-Kursk',
    type: 'UNIT',
    aliases: ['BARS-Kursk', 'BARS Kursk', 'БАРС-Курск'],
  },
  {
    entityId: 'unit:bars',
    name: 'BARS (Combat Army Reserve of the Country)',
    type: 'UNIT',
    aliases: [
      cs('BARS'),
      cs('БАРС'),
      'Battle Armored Reserve of the Army',
      'Combat Army Reserve of the Country',
      'Боевой армейский резерв страны',
    ],
  },
  {
    entityId: 'per:alexei-besprozvannikov',
    name: 'Alexei Besprozvannikov',
    type: 'PER',
    aliases: [
      'Alexei Besprozvannikov',
      'Alexey Besprozvannikov',
      'Besprozvannikov',
      'Алексей Беспрозванных',
      'Беспрозванных',
    ],
  },
  {
    entityId: 'per:dmitry-novikov',
    name: 'Dmitry Novikov',
    type: 'PER',
    aliases: ['Dmitry Novikov', 'Dmitri Novikov', 'Дмитрий Новиков'],
  },
  { entityId: 'per:ikonnikov', name: 'Ikonnikov', type: 'PER', aliases: [cs('Ikonnikov'), cs('Иконников')] },
  {
    entityId: 'org:russian-ministry-of-defense',
    name: 'Russian Ministry of Defense',
    type: 'ORG',
    aliases: [
      'Russian Ministry of Defense',
      'Russian Ministry of Defence',
      'Russian Defense Ministry',
      'Ministry of Defense of the Russian Federation',
      'Министерство обороны Российской Федерации',
      'Министерство обороны России',
      'Минобороны России',
      'Минобороны',
    ],
  },
  { entityId: 'org:telegram', name: 'Telegram', type: 'ORG', aliases: [cs('Telegram'), cs('Телеграм')] },
  {
    entityId: 'loc:russia',
    name: 'Russian Federation',
    type: 'LOC',
    aliases: ['Russian Federation', 'Russia', 'Российская Федерация', 'Россия'],
  },
  {
    entityId: 'loc:kaliningrad-oblast',
    name: 'Kaliningrad Oblast',
    type: 'LOC',
    aliases: ['Kaliningrad Oblast', 'Kaliningrad region', 'Калининградская область'],
  },
  { entityId: 'loc:kaliningrad', name: 'Kaliningrad', type: 'LOC', aliases: ['Kaliningrad', 'Калининград'] },
  {
    entityId: 'loc:kursk-oblast',
    name: 'Kursk Oblast',
    type: 'LOC',
    aliases: ['Kursk region', 'Kursk Oblast', 'Курская область'],
  },
  {
    entityId: 'loc:belgorod-oblast',
    name: 'Belgorod Oblast',
    type: 'LOC',
    aliases: ['Belgorod region', 'Belgorod Oblast', 'Белгородская область'],
  },
  {
    entityId: 'loc:konyshevsky-district',
    name: 'Konyshevsky District',
    type: 'LOC',
    aliases: ['Konyshevsky district', 'Конышевский район'],
  },
];
