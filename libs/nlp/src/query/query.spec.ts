import { describe, expect, it } from '@jest/globals';
import { createAliasResolver } from './aliases.js';
import { analyseDocument, type QueryDocument } from './document.js';
import { QueryParseError } from './errors.js';
import { MAX_HITS_PER_TERM } from './evaluator.js';
import { type CompileOptions, MAX_ALIASES_PER_ENTITY } from './compiler.js';
import { compileQuery, dryRunQuery } from './query.js';

const KALININGRAD: QueryDocument = {
  title: 'Губернатор Калининградской области наградил бойцов БАРСа',
  body: 'Бойцы добровольческого батальона БАРС-Калининград прошли подготовку. Бригадой командует опытный офицер.',
  lang: 'ru',
  sourceId: 'kaliningrad-ru',
};

function match(query: string, document: QueryDocument, options: CompileOptions = {}) {
  return compileQuery(query, options).match(analyseDocument(document));
}

const matches = (query: string, document: QueryDocument, options: CompileOptions = {}) =>
  match(query, document, options).matched;

const body = (text: string): QueryDocument => ({ body: text });

describe('compileQuery: boolean structure', () => {
  it('needs every operand of an implicit or explicit AND', () => {
    expect(matches('губернатор БАРС', KALININGRAD)).toBe(true);
    expect(matches('губернатор AND мэр', KALININGRAD)).toBe(false);
  });

  it('needs one operand of an OR', () => {
    expect(matches('мэр OR губернатор', KALININGRAD)).toBe(true);
    expect(matches('мэр OR префект', KALININGRAD)).toBe(false);
  });

  it('excludes with NOT and with -word', () => {
    expect(matches('губернатор NOT мэр', KALININGRAD)).toBe(true);
    expect(matches('губернатор -бригада', KALININGRAD)).toBe(false);
    expect(matches('губернатор -(мэр OR бригада)', KALININGRAD)).toBe(false);
  });

  it('applies AND before OR', () => {
    expect(matches('мэр AND префект OR губернатор', KALININGRAD)).toBe(true);
    expect(matches('мэр AND (префект OR губернатор)', KALININGRAD)).toBe(false);
  });
});

describe('compileQuery: Russian and English morphology', () => {
  it('matches inflected forms of a word, case-insensitively, with ё as е', () => {
    expect(matches('калининградская', KALININGRAD)).toBe(true);
    expect(matches('БРИГАДА', KALININGRAD)).toBe(true);
    expect(matches('Пётр', body('Петра Иванова наградили'))).toBe(true);
    expect(matches('Петр', body('Пётр Иванов'))).toBe(true);
  });

  it('matches inflected phrases word by word, in order and adjacent', () => {
    const result = match('"Калининградская область" AND БАРС*', KALININGRAD);
    expect(result.matched).toBe(true);
    expect(result.hits).toEqual([
      { field: 'title', term: '"Калининградская область"', matchedText: 'Калининградской области', start: 11, end: 34 },
      { field: 'title', term: 'БАРС*', matchedText: 'БАРСа', start: 51, end: 56 },
      { field: 'body', term: 'БАРС*', matchedText: 'БАРС', start: 33, end: 37 },
    ]);
    expect(matches('"Курская область"', body('жители Курской области'))).toBe(true);
    expect(matches('"область Калининградская"', KALININGRAD)).toBe(false);
    expect(matches('"губернатор области"', KALININGRAD)).toBe(false);
  });

  it('matches the cases of a first name and surname', () => {
    expect(matches('"Алексей Беспрозванных"', body('встреча с Алексеем Беспрозванных'))).toBe(true);
    expect(matches('"Алексей Беспрозванных"', body('у Алексея Беспрозванных'))).toBe(true);
    expect(matches('"Сергей Шойгу"', body('Сергея Шойгу'))).toBe(true);
  });

  it('keeps an English possessive on its word', () => {
    expect(matches('"Besprozvannikov blog"', body('According to Besprozvannikov’s blog'))).toBe(true);
    expect(match('Besprozvannikov', body("Besprozvannikov's blog")).hits[0]?.matchedText).toBe("Besprozvannikov's");
  });

  it('matches English plurals and verb forms', () => {
    expect(matches('company', body('Two companies merged'))).toBe(true);
    expect(matches('"regional governor"', body('Regional governors met'))).toBe(true);
  });

  it('does not match a different word sharing a prefix without a wildcard', () => {
    expect(matches('бриг', KALININGRAD)).toBe(false);
  });
});

describe('compileQuery: exact forms', () => {
  it('matches only the spelling written after =, case included', () => {
    const doc = body('Банк МИР и мир во всём мире');
    expect(match('=МИР', doc).hits.map((hit) => hit.matchedText)).toEqual(['МИР']);
    expect(match('МИР', doc).hits.map((hit) => hit.matchedText)).toEqual(['МИР', 'мир', 'мире']);
    expect(matches('=мира', doc)).toBe(false);
  });

  it('applies to every word of an exact phrase or compound', () => {
    expect(matches('="Курская область"', body('Курская область'))).toBe(true);
    expect(matches('="Курская область"', body('Курской области'))).toBe(false);
    expect(matches('=БАРС-Курск', body('БАРС-Курск'))).toBe(true);
    expect(matches('=БАРС-Курск', body('БАРСа-Курска'))).toBe(false);
  });

  it('does not expand an exact form through aliases', () => {
    const aliases = createAliasResolver([{ id: 'x', aliases: ['МИР', 'Mir'] }]);
    expect(matches('МИР', body('Mir'), { aliases })).toBe(true);
    expect(matches('=МИР', body('Mir'), { aliases })).toBe(false);
  });
});

describe('compileQuery: hyphenated compounds', () => {
  const doc = body('БАРС-Курск и BARS-Kursk; болельщики БАРСа-Курска и BARS Kursk');

  it('matches a compound in its own, inflected and spaced spellings', () => {
    const hits = match('БАРС-Курск', doc).hits.map((hit) => hit.matchedText);
    expect(hits).toEqual(['БАРС-Курск', 'БАРСа-Курска']);
    expect(match('BARS-Kursk', doc).hits.map((hit) => hit.matchedText)).toEqual(['BARS-Kursk', 'BARS Kursk']);
    expect(matches('БАРС-Курск', body('команда БАРС Курск'))).toBe(true);
  });

  it('matches one part of a compound on its own', () => {
    expect(match('Курск', doc).hits.map((hit) => hit.matchedText)).toEqual(['Курск', 'Курска']);
    expect(matches('БАРС', body('приехал БАРСа-Курска автобус'))).toBe(true);
  });
});

describe('compileQuery: prefix wildcards', () => {
  it('matches every word that starts with the prefix', () => {
    const result = match('бригад*', body('бригада, бригадир и бригадой; бриг и бригантина'));
    expect(result.hits.map((hit) => hit.matchedText)).toEqual(['бригада', 'бригадир', 'бригадой']);
  });

  it('ends a phrase-like compound with a prefix', () => {
    expect(matches('БАРС-Кал*', KALININGRAD)).toBe(true);
    expect(matches('БАРС-Кур*', KALININGRAD)).toBe(false);
  });
});

describe('compileQuery: NEAR/n', () => {
  const doc = body('губернатор один два три батальон');

  it('matches within n words in either order', () => {
    expect(matches('губернатор NEAR/4 батальон', doc)).toBe(true);
    expect(matches('батальон NEAR/4 губернатор', doc)).toBe(true);
  });

  it('counts adjacent words as distance 1 and fails one word short', () => {
    expect(matches('губернатор NEAR/3 батальон', doc)).toBe(false);
    expect(matches('один NEAR/1 два', doc)).toBe(true);
    expect(matches('два NEAR/1 один', doc)).toBe(true);
  });

  it('measures from the edge of a phrase and respects inflection', () => {
    expect(matches('"Калининградская область" NEAR/3 БАРС', KALININGRAD)).toBe(true);
    expect(matches('"Калининградская область" NEAR/2 БАРС', KALININGRAD)).toBe(false);
  });

  it('needs both operands in the same field and not overlapping', () => {
    expect(matches('губернатор NEAR/5 батальон', KALININGRAD)).toBe(false);
    expect(matches('два NEAR/3 два', doc)).toBe(false);
    expect(matches('два NEAR/3 два', body('два и два'))).toBe(true);
  });

  it('returns both sides as evidence', () => {
    expect(match('губернатор NEAR/4 батальон', doc).hits.map((hit) => [hit.term, hit.matchedText])).toEqual([
      ['губернатор', 'губернатор'],
      ['батальон', 'батальон'],
    ]);
  });
});

describe('compileQuery: field filters', () => {
  it('restricts title: and body: to that field', () => {
    expect(matches('title:губернатор', KALININGRAD)).toBe(true);
    expect(matches('body:губернатор', KALININGRAD)).toBe(false);
    expect(matches('title:(офицер OR наградил) body:офицер', KALININGRAD)).toBe(true);
    expect(matches('title:"Калининградская область"', KALININGRAD)).toBe(true);
    expect(matches('title:-бригада губернатор', KALININGRAD)).toBe(true);
  });

  it('filters by language, ignoring a region suffix', () => {
    expect(matches('lang:ru губернатор', KALININGRAD)).toBe(true);
    expect(matches('lang:en губернатор', KALININGRAD)).toBe(false);
    expect(matches('lang:ru', { ...KALININGRAD, lang: 'ru-RU' })).toBe(true);
    expect(matches('lang:ru', { body: 'x' })).toBe(false);
  });

  it('filters by source id, exactly or by prefix', () => {
    expect(matches('source:kaliningrad-ru', KALININGRAD)).toBe(true);
    expect(matches('source:Kaliningrad*', KALININGRAD)).toBe(true);
    expect(matches('source:kaliningrad', KALININGRAD)).toBe(false);
  });

  it('evaluates document filters before text and reports no text evidence for them', () => {
    expect(match('lang:ru OR source:x', KALININGRAD)).toEqual({ matched: true, hits: [] });
  });
});

describe('compileQuery: entities and aliases', () => {
  const aliases = createAliasResolver([
    { id: 'unit:bars-kursk', aliases: ['БАРС-Курск', 'BARS-Kursk', 'батальон «Курск»'] },
    { id: 'person:besprozvannykh', aliases: ['Беспрозванных', 'Besprozvannikov', 'Andrei Besprozvannykh'] },
  ]);
  const doc: QueryDocument = {
    title: 'Besprozvannikov visited BARS Kursk',
    body: 'Губернатор Беспрозванных встретился с бойцами батальона «Курск».',
    entities: [{ id: 'person:besprozvannykh', mentions: [{ field: 'body', start: 11, end: 24 }] }],
  };

  it('matches entity: by any alias in any script, by id or by name', () => {
    const result = match('entity:unit:bars-kursk', doc, { aliases });
    expect(result.hits).toEqual([
      {
        field: 'title',
        term: 'entity:unit:bars-kursk',
        matchedText: 'BARS Kursk',
        start: 24,
        end: 34,
        alias: 'BARS-Kursk',
        entityId: 'unit:bars-kursk',
      },
      {
        field: 'body',
        term: 'entity:unit:bars-kursk',
        matchedText: 'батальона «Курск',
        start: 46,
        end: 62,
        alias: 'батальон «Курск»',
        entityId: 'unit:bars-kursk',
      },
    ]);
    expect(matches('entity:"БАРСа-Курска"', doc, { aliases })).toBe(true);
  });

  it("matches entity: by the article's extracted mentions, with their offsets", () => {
    const result = match('entity:person:besprozvannykh', { body: doc.body, entities: doc.entities }, { aliases });
    expect(result.hits[0]).toEqual({
      field: 'body',
      term: 'entity:person:besprozvannykh',
      matchedText: 'Беспрозванных',
      start: 11,
      end: 24,
      entityId: 'person:besprozvannykh',
    });
    expect(
      matches('entity:person:besprozvannykh', { body: 'x', entities: [{ id: 'person:besprozvannykh' }] }, { aliases }),
    ).toBe(true);
  });

  it('restricts entity: to a field inside title:', () => {
    expect(matches('title:entity:person:besprozvannykh', { body: doc.body, entities: doc.entities }, { aliases })).toBe(
      false,
    );
    expect(matches('title:entity:person:besprozvannykh', doc, { aliases })).toBe(true);
  });

  it('reports an unknown entity at its position', () => {
    const compile = () => compileQuery('a OR entity:nobody', { aliases });
    expect(compile).toThrow(QueryParseError);
    expect(compile).toThrow("unknown entity 'nobody' at 5");
  });

  it('without a resolver, matches entity: by id and by its literal text', () => {
    expect(matches('entity:person:besprozvannykh', doc)).toBe(true);
    expect(matches('entity:"BARS Kursk"', doc)).toBe(true);
    expect(matches('entity:unit:bars-kursk', { body: 'nothing here' })).toBe(false);
  });

  it('expands a plain word or phrase that names an entity to its aliases', () => {
    const result = match('Беспрозванных AND title:BARS-Kursk', { title: doc.title }, { aliases });
    expect(result.hits).toEqual([
      {
        field: 'title',
        term: 'Беспрозванных',
        matchedText: 'Besprozvannikov',
        start: 0,
        end: 15,
        alias: 'Besprozvannikov',
        entityId: 'person:besprozvannykh',
      },
      {
        field: 'title',
        term: 'BARS-Kursk',
        matchedText: 'BARS Kursk',
        start: 24,
        end: 34,
        entityId: 'unit:bars-kursk',
      },
    ]);
    expect(matches('Беспрозванных', { title: doc.title }, { aliases, expandTermAliases: false })).toBe(false);
    expect(matches('Беспрозван*', { title: doc.title }, { aliases })).toBe(false);
  });

  it('caps the aliases taken from one entity', () => {
    const many = Array.from({ length: MAX_ALIASES_PER_ENTITY + 1 }, (_, i) => `alias${i}`);
    const resolver = createAliasResolver([{ id: 'e', aliases: many }]);
    expect(matches('entity:e', body(`alias${MAX_ALIASES_PER_ENTITY - 1}`), { aliases: resolver })).toBe(true);
    expect(matches('entity:e', body(`alias${MAX_ALIASES_PER_ENTITY}`), { aliases: resolver })).toBe(false);
  });
});

describe('compileQuery: transliteration', () => {
  it('matches Latin and Cyrillic spellings of a name when asked', () => {
    const options = { transliteration: true };
    expect(match('Шойгу', body('Sergei Shoigu said'), options).hits[0]?.matchedText).toBe('Shoigu');
    expect(matches('Besprozvannykh', body('губернатор Беспрозванного'), options)).toBe(true);
    expect(matches('"Alexey Zelensky"', body('Алексей Зеленский'), options)).toBe(true);
    expect(matches('Kursk NEAR/2 region', body('Kursk and the Курской region'), options)).toBe(true);
  });

  it('is off by default and never folds words of the same script', () => {
    expect(matches('Шойгу', body('Sergei Shoigu said'))).toBe(false);
    expect(matches('мыла', body('мила'), { transliteration: true })).toBe(false);
  });
});

describe('CompiledQuery.match: evidence', () => {
  it('keeps no evidence from excluded or failed branches', () => {
    const result = match('(губернатор AND мэр) OR бригада -префект', KALININGRAD);
    expect(result.hits.map((hit) => hit.term)).toEqual(['бригада']);
  });

  it('orders title hits before body hits, deduplicated', () => {
    const result = match('БАРС OR БАРС OR бригада', KALININGRAD);
    expect(result.hits.map((hit) => `${hit.field}:${hit.start}`)).toEqual(['title:51', 'body:33', 'body:69']);
  });

  it('returns no hits when the query does not match', () => {
    expect(match('бригада мэр', KALININGRAD)).toEqual({ matched: false, hits: [] });
  });

  it('caps the evidence kept per term on long articles', () => {
    const result = match('барс', body('барс '.repeat(500)));
    expect(result.matched).toBe(true);
    expect(result.hits).toHaveLength(MAX_HITS_PER_TERM);
  });

  it('handles a word repeated far more often than a call can take arguments', () => {
    const flood = body('барс '.repeat(200_000));
    expect(match('бар*', flood).hits).toHaveLength(MAX_HITS_PER_TERM);
    expect(match('барс NEAR/1 барсы', flood).hits).toHaveLength(2 * MAX_HITS_PER_TERM);
  });

  it('evaluates NEAR on a long repetitive article', () => {
    const long = body(`${'a b '.repeat(5000)}губернатор x батальон`);
    expect(matches('губернатор NEAR/2 батальон', long)).toBe(true);
    expect(matches('a NEAR/1 b', long)).toBe(true);
    expect(matches('a NEAR/100 батальон', long)).toBe(true);
  });

  it('evaluates one analysed document against many queries', () => {
    const analysed = analyseDocument(KALININGRAD);
    const queries = ['губернатор', 'мэр', 'title:БАРС*', 'lang:en'].map((q) => compileQuery(q));
    expect(queries.map((q) => q.match(analysed).matched)).toEqual([true, false, true, false]);
  });
});

describe('dryRunQuery', () => {
  it('counts matching articles and keeps the first samples with evidence', () => {
    const articles = [
      { id: 1, text: 'Губернатор Курской области' },
      { id: 2, text: 'Погода в Москве' },
      { id: 3, text: 'жители курской области' },
      { id: 4, text: 'Курская область готовится' },
    ];
    const result = dryRunQuery(compileQuery('"Курская область"'), articles, (a) => ({ body: a.text }), 2);
    expect(result.scanned).toBe(4);
    expect(result.matched).toBe(3);
    expect(result.samples.map((s) => [s.article.id, s.hits[0]?.matchedText])).toEqual([
      [1, 'Курской области'],
      [3, 'курской области'],
    ]);
  });
});
