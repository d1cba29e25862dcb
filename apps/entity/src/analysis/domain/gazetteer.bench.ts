/**
 * What a larger alias registry costs: building the gazetteer and the query alias resolver (what a
 * replica does after a registry change, off the message path) and finding entities in one article,
 * for the seed registry and for 1,000 and 10,000 synthetic entities of four aliases each (Latin and
 * Cyrillic), and the longest the event loop is held while the catalog rebuilds them in slices. Run
 * after `npx tsc -b`:
 *   nice -n 10 node apps/entity/dist/analysis/domain/gazetteer.bench.js
 * Prints a table and writes reports/entity-gazetteer-bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { aliasResolverFor, buildAliasResolver } from '../../topics/domain/topic.js';
import { Gazetteer, type CanonicalEntity } from './gazetteer.js';
import { SEED_ENTITIES } from './seed-entities.js';

const LATIN = ['ka', 'lo', 'mir', 'sta', 'no', 'vi', 'ren', 'dor', 'sko', 'pa', 'tel', 'gra'];
const CYRILLIC = ['ка', 'ло', 'мир', 'ста', 'но', 'ви', 'рен', 'дор', 'ско', 'па', 'тел', 'гра'];

function word(i: number, syllables: readonly string[]): string {
  const parts = [syllables[i % 12], syllables[Math.floor(i / 12) % 12], syllables[Math.floor(i / 144) % 12]];
  const w = `${parts.join('')}${Math.floor(i / 1728) || ''}`;
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function syntheticEntities(count: number): CanonicalEntity[] {
  return Array.from({ length: count }, (_, i) => ({
    entityId: `org:synthetic-${i}`,
    name: `${word(i, LATIN)} Group`,
    type: 'ORG' as const,
    aliases: [`${word(i, LATIN)} Group`, word(i, LATIN), `Группа ${word(i, CYRILLIC)}`, word(i, CYRILLIC)],
  }));
}

const SENTENCES = [
  'The regional governor met reservists at the training ground on Tuesday.',
  'Officials said the new battalion would recruit volunteers on short contracts.',
  'Губернатор встретился с резервистами на полигоне во вторник.',
  'Власти сообщили, что батальон будет набирать добровольцев по краткосрочным контрактам.',
  'Volunteers of BARS-Kursk held an exercise near Belgorod.',
];

function article(i: number, entities: readonly CanonicalEntity[]): string {
  const sentences = Array.from({ length: 30 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length] as string);
  for (let k = 0; k < 3; k++) {
    const entity = entities[(i * 31 + k * 7) % entities.length] as CanonicalEntity;
    const alias = entity.aliases[k % entity.aliases.length];
    sentences[k * 9] = `${typeof alias === 'string' ? alias : alias?.text} said so.`;
  }
  return sentences.join(' ');
}

function timeMs(task: () => void, rounds = 1): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) task();
  return Number(process.hrtime.bigint() - started) / 1e6 / rounds;
}

/** Builds in the background as the catalog does, measuring the longest time the event loop was held. */
async function backgroundBuild(entities: readonly CanonicalEntity[]): Promise<{ ms: number; longestPauseMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await Gazetteer.build(entities);
  await buildAliasResolver(entities);
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(timer);
  return { ms: Math.round(ms), longestPauseMs: Math.round(longest) };
}

const rows = [];
for (const size of [0, 1_000, 10_000]) {
  const entities = [...SEED_ENTITIES, ...syntheticEntities(size)];
  let gazetteer = new Gazetteer(entities);
  const buildMs = timeMs(() => {
    gazetteer = new Gazetteer(entities);
    aliasResolverFor(entities);
  }, 3);
  const background = await backgroundBuild(entities);
  const texts = Array.from({ length: 200 }, (_, i) => article(i, entities));
  for (const text of texts) gazetteer.find(text); // warm-up
  let mentions = 0;
  const findMs =
    timeMs(() => {
      for (const text of texts) mentions += gazetteer.find(text).length;
    }) / texts.length;
  rows.push({
    entities: entities.length,
    aliases: gazetteer.size,
    buildMs: Math.round(buildMs),
    backgroundBuildMs: background.ms,
    longestEventLoopPauseMs: background.longestPauseMs,
    findMsPerArticle: Math.round(findMs * 100) / 100,
    entitiesFoundPerArticle: Math.round((mentions / texts.length) * 10) / 10,
  });
}

process.stdout.write(
  'entities  aliases  build (ms)  in slices (ms)  longest event-loop pause (ms)  find per 2.5 KB article (ms)  found\n',
);
for (const r of rows) {
  process.stdout.write(
    `${String(r.entities).padStart(8)} ${String(r.aliases).padStart(8)} ${String(r.buildMs).padStart(11)} ` +
      `${String(r.backgroundBuildMs).padStart(15)} ${String(r.longestEventLoopPauseMs).padStart(30)} ` +
      `${String(r.findMsPerArticle).padStart(29)} ${String(r.entitiesFoundPerArticle).padStart(6)}\n`,
  );
}
mkdirSync('reports', { recursive: true });
writeFileSync(
  'reports/entity-gazetteer-bench.json',
  `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`,
);
