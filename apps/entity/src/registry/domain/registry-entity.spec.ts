import { describe, expect, it } from '@jest/globals';
import { SEED_ENTITIES } from '../../analysis/domain/seed-entities.js';
import { aliasResolverFor } from '../../topics/domain/topic.js';
import {
  aliasScript,
  conflictKeys,
  fromCanonical,
  normaliseEntity,
  searchForm,
  searchTerms,
  toCanonical,
  type RegistryEntity,
} from './registry-entity.js';

const at = new Date('2026-12-01T00:00:00Z');
const registry = (input: ReturnType<typeof fromCanonical>): RegistryEntity => ({
  ...input,
  origin: 'seed',
  createdAt: at,
  updatedAt: at,
});

describe('registry entities', () => {
  it('share a conflict key when two spellings differ only in case, hyphens or inflection', () => {
    const kursk = { type: 'UNIT' as const, name: 'BARS-Kursk', aliases: [] };
    const [key] = conflictKeys(kursk);
    expect(conflictKeys({ ...kursk, name: 'БАРСа-Курска' })).not.toContain(key);
    expect(conflictKeys({ type: 'UNIT', name: 'БАРСа-Курска', aliases: [] })).toEqual(
      conflictKeys({ type: 'UNIT', name: 'БАРС Курск', aliases: [] }),
    );
    expect(conflictKeys({ type: 'UNIT', name: 'bars kursk', aliases: [] })).toEqual([key]);
    // Keys are per type: a place may be named like a unit.
    expect(conflictKeys({ type: 'LOC', name: 'BARS-Kursk', aliases: [] })[0]).not.toBe(key);
  });

  it('the seed list has no alias that names two entities of one type', () => {
    const owners = new Map<string, string>();
    for (const entity of SEED_ENTITIES.map((e) => registry(fromCanonical(e)))) {
      for (const key of conflictKeys(entity)) {
        expect({ key, owner: owners.get(key) ?? entity.entityId }).toEqual({ key, owner: entity.entityId });
        owners.set(key, entity.entityId);
      }
    }
  });

  it('keeps the seed entities as the gazetteer and the query resolver knew them, with scripts and languages', () => {
    for (const seed of SEED_ENTITIES) expect(toCanonical(registry(fromCanonical(seed)))).toEqual(seed);
    const kursk = fromCanonical(SEED_ENTITIES.find((e) => e.entityId === 'unit:bars-kursk')!);
    expect(kursk.aliases.map((a) => [a.text, a.lang])).toEqual([
      ['BARS-Kursk', 'en'],
      ['BARS Kursk', 'en'],
      ['БАРС-Курск', 'ru'],
    ]);
    const resolver = aliasResolverFor(SEED_ENTITIES.map((e) => toCanonical(registry(fromCanonical(e)))));
    expect(resolver.resolve('БАРСа-Курска')?.id).toBe('unit:bars-kursk');
    expect(resolver.resolve('Беспрозванных')?.id).toBe('per:alexei-besprozvannikov');
    expect(resolver.resolve('Besprozvannikov')?.id).toBe('per:alexei-besprozvannikov');
  });

  it('refuses an id whose prefix is not its type and an alias without a word, and drops repeated spellings', () => {
    const input = {
      entityId: 'unit:storm',
      type: 'UNIT' as const,
      name: ' Storm ',
      aliases: [
        { text: 'Storm  Brigade', caseSensitive: false },
        { text: 'storm brigade', caseSensitive: false },
        { text: 'STORM', caseSensitive: true },
        { text: 'Шторм', caseSensitive: false, lang: 'ru' },
      ],
    };
    expect(normaliseEntity(input)).toEqual({
      entityId: 'unit:storm',
      type: 'UNIT',
      name: 'Storm',
      aliases: [
        { text: 'Storm Brigade', caseSensitive: false },
        { text: 'STORM', caseSensitive: true },
        { text: 'Шторм', caseSensitive: false, lang: 'ru' },
      ],
    });
    expect(() => normaliseEntity({ ...input, type: 'ORG' })).toThrow(
      expect.objectContaining({ code: 'entity.invalid' }),
    );
    expect(() => normaliseEntity({ ...input, aliases: [{ text: '«»', caseSensitive: false }] })).toThrow(
      expect.objectContaining({ code: 'entity.invalid' }),
    );
  });

  it('names the script of a spelling', () => {
    expect([
      aliasScript('BARS-Kursk'),
      aliasScript('БАРС-Курск'),
      aliasScript('БАРС-Kursk'),
      aliasScript('12'),
    ]).toEqual(['Latin', 'Cyrillic', 'Mixed', 'Other']);
  });

  it('searches by word prefixes of the id, name and aliases, with and without inflection', () => {
    const terms = searchTerms({
      entityId: 'per:alexei-besprozvannikov',
      name: 'Alexei Besprozvannikov',
      aliases: [{ text: 'Алексей Беспрозванных', caseSensitive: false }],
    });
    expect(terms).toEqual(expect.arrayContaining(['alexei besprozvannikov', 'алексей беспрозванных']));
    expect(searchForm('  БАРС—Курск ')).toBe('барс курск');
  });
});
