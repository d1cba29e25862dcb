import { describe, expect, it } from '@jest/globals';
import { aliasKey, collectAliasRefs, createAliasResolver } from './aliases.js';
import { parseQuery } from './parser.js';

describe('createAliasResolver', () => {
  const resolver = createAliasResolver([
    { id: 'unit:bars-kursk', aliases: ['БАРС-Курск', 'BARS-Kursk'] },
    { id: 'region:kursk', aliases: ['Курская область', 'Kursk region'] },
    { id: 'unit:bars-kursk-2', aliases: ['БАРС-Курск'] },
  ]);

  it('finds an entity by id, ignoring case', () => {
    expect(resolver.resolve('UNIT:BARS-KURSK')?.id).toBe('unit:bars-kursk');
  });

  it('finds an entity by any alias in any case, spacing or inflection', () => {
    expect(resolver.resolve('bars kursk')?.id).toBe('unit:bars-kursk');
    expect(resolver.resolve('БАРСа-Курска')?.id).toBe('unit:bars-kursk');
    expect(resolver.resolve('Курской области')?.id).toBe('region:kursk');
  });

  it('gives a shared alias to the first entity that has it, and nothing for unknown names', () => {
    expect(resolver.resolve('БАРС Курск')?.id).toBe('unit:bars-kursk');
    expect(resolver.resolve('Белгород')).toBeUndefined();
    expect(resolver.resolve('')).toBeUndefined();
  });

  it('keys names by their stems', () => {
    expect(aliasKey('Курской  области')).toBe(aliasKey('курская область'));
    expect(aliasKey('—')).toBe('');
  });
});

describe('collectAliasRefs', () => {
  it('lists entity references and the words and phrases that may name an entity', () => {
    const ast = parseQuery('entity:a title:(b OR "c d") -e ff* g NEAR/2 "h i" entity:a =j ="k l"');
    expect(collectAliasRefs(ast)).toEqual({ entities: ['a'], terms: ['b', 'c d', 'e', 'g', 'h i'] });
  });
});
