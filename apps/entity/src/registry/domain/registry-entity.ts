import type { AliasScript, EntityType, RegistryEntityInputV1 } from '@media-monitor/contracts';
import { aliasKey, tokenize } from '@media-monitor/nlp';
import type { CanonicalEntity } from '../../analysis/domain/gazetteer.js';
import { RegistryError } from './registry.errors.js';

/** One spelling of an entity's name. */
export interface EntityAlias {
  text: string;
  lang?: string;
  caseSensitive: boolean;
}

/** A canonical entity of the alias registry: one real-world referent with every spelling the news uses. */
export interface RegistryEntity {
  entityId: string;
  type: EntityType;
  name: string;
  description?: string;
  aliases: EntityAlias[];
  origin: 'seed' | 'api';
  createdAt: Date;
  updatedAt: Date;
}

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/gu;

/** The writing system of a spelling, from its letters. */
export function aliasScript(text: string): AliasScript {
  const letters = text.match(LETTER) ?? [];
  const latin = letters.some((l) => LATIN.test(l));
  const cyrillic = letters.some((l) => CYRILLIC.test(l));
  const other = letters.some((l) => !LATIN.test(l) && !CYRILLIC.test(l));
  if ([latin, cyrillic, other].filter(Boolean).length > 1) return 'Mixed';
  if (latin) return 'Latin';
  if (cyrillic) return 'Cyrillic';
  return 'Other';
}

/**
 * Keys that no two entities of one type may share: the entity's name and every alias, compared
 * the way queries resolve them (case, hyphens and Russian or English inflection aside), so
 * «БАРСа-Курска» and «БАРС-Курск» are one key.
 */
export function conflictKeys(entity: Pick<RegistryEntity, 'type' | 'name' | 'aliases'>): string[] {
  const keys = [entity.name, ...entity.aliases.map((a) => a.text)].map((text) => aliasKey(text)).filter(Boolean);
  return [...new Set(keys)].map((key) => `${entity.type}|${key}`);
}

/** The alias text of a conflict key (for messages). */
export function keyText(key: string): string {
  return key.slice(key.indexOf('|') + 1);
}

/**
 * Checks and normalises an entity sent to the registry: the id's prefix is its type, every alias has
 * a word, and an alias repeated with the same spelling is kept once.
 * @throws RegistryError `entity.invalid`
 */
export function normaliseEntity(
  input: RegistryEntityInputV1,
): Omit<RegistryEntity, 'origin' | 'createdAt' | 'updatedAt'> {
  const prefix = input.entityId.slice(0, input.entityId.indexOf(':'));
  if (prefix !== input.type.toLowerCase()) {
    throw new RegistryError(
      'entity.invalid',
      `entity id "${input.entityId}" must start with "${input.type.toLowerCase()}:" for type ${input.type}`,
    );
  }
  if (!aliasKey(input.name)) throw new RegistryError('entity.invalid', `the name "${input.name}" has no word`);
  const seen = new Set<string>();
  const aliases: EntityAlias[] = [];
  for (const alias of input.aliases) {
    const text = alias.text.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (tokenize(text).length === 0 || !aliasKey(text)) {
      throw new RegistryError('entity.invalid', `the alias "${alias.text}" has no word to match`);
    }
    const spelling = alias.caseSensitive ? `=${text}` : text.toLowerCase();
    if (seen.has(spelling)) continue;
    seen.add(spelling);
    aliases.push({ text, caseSensitive: alias.caseSensitive, ...(alias.lang ? { lang: alias.lang } : {}) });
  }
  return {
    entityId: input.entityId,
    type: input.type,
    name: input.name.normalize('NFC').trim(),
    ...(input.description ? { description: input.description } : {}),
    aliases,
  };
}

/** The entity as the gazetteer matches it. */
export function toCanonical(entity: RegistryEntity): CanonicalEntity {
  return {
    entityId: entity.entityId,
    name: entity.name,
    type: entity.type,
    aliases: entity.aliases.map((a) => (a.caseSensitive ? { text: a.text, caseSensitive: true } : a.text)),
  };
}

/** The seed list's entities in registry form (languages from the script of each spelling). */
export function fromCanonical(entity: CanonicalEntity): Omit<RegistryEntity, 'origin' | 'createdAt' | 'updatedAt'> {
  return {
    entityId: entity.entityId,
    type: entity.type,
    name: entity.name,
    aliases: entity.aliases.map((alias) => {
      const { text, caseSensitive } = typeof alias === 'string' ? { text: alias, caseSensitive: false } : alias;
      const script = aliasScript(text);
      return {
        text,
        caseSensitive,
        ...(script === 'Cyrillic' ? { lang: 'ru' } : script === 'Latin' ? { lang: 'en' } : {}),
      };
    }),
  };
}

/** Words a registry search matches: the id's slug, the name and every alias, lower-cased with ё as е. */
export function searchTerms(entity: Pick<RegistryEntity, 'entityId' | 'name' | 'aliases'>): string[] {
  const slug = entity.entityId.slice(entity.entityId.indexOf(':') + 1).replace(/[-_.]+/g, ' ');
  const texts = [slug, entity.name, ...entity.aliases.map((a) => a.text)];
  return [...new Set(texts.flatMap((t) => [searchForm(t), aliasKey(t)]).filter(Boolean))];
}

/** A spelling as searches compare it: lower case, ё as е, hyphens and runs of spaces as one space. */
export function searchForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s\-‐‑–—]+/g, ' ')
    .trim();
}
