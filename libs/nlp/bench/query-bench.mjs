// Topic query throughput: documents × topics evaluated per second on real news text.
// Usage (after `npx tsc -b`): MEDIA_MONITOR_DATA_DIR=/work/shared/data nice -n 10 node libs/nlp/bench/query-bench.mjs [rounds]
// Corpus: factRuEval-2016 devset texts (Russian), the article-extraction benchmark's ground-truth
// bodies (English) and the two sample articles. Prints the figures and writes reports/query-bench.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyseDocument, compileQuery, createAliasResolver } from '../dist/index.js';

const dataDir = process.env.MEDIA_MONITOR_DATA_DIR ?? resolve(process.cwd(), '..', 'shared', 'data');
if (!existsSync(dataDir)) {
  console.error(`query-bench: data folder ${dataDir} is absent; set MEDIA_MONITOR_DATA_DIR`);
  process.exit(1);
}
const rounds = Number(process.argv[2] ?? 20);

function loadCorpus() {
  const docs = [];
  const ruDir = join(dataDir, 'ner-ru', 'devset');
  for (const file of readdirSync(ruDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(join(ruDir, file), 'utf8');
    const [title, ...rest] = text.split('\n');
    docs.push({ title, body: rest.join('\n'), lang: 'ru', sourceId: 'factrueval' });
  }
  const truth = JSON.parse(readFileSync(join(dataDir, 'extraction', 'ground-truth.json'), 'utf8'));
  for (const { articleBody, url } of Object.values(truth)) {
    docs.push({ title: '', body: articleBody, lang: 'en', sourceId: new URL(url).hostname });
  }
  for (const lang of ['ru', 'en']) {
    const body = readFileSync(join(dataDir, 'samples', `bars-kaliningrad.${lang}.txt`), 'utf8');
    docs.push({ title: '', body, lang, sourceId: 'sample', entities: [{ id: 'unit:bars-kursk' }] });
  }
  return docs;
}

const aliases = createAliasResolver([
  { id: 'unit:bars-kursk', aliases: ['БАРС-Курск', 'BARS-Kursk'] },
  { id: 'person:besprozvannykh', aliases: ['Алексей Беспрозванных', 'Alexei Besprozvannikov', 'Besprozvannikov'] },
  { id: 'org:mod-ru', aliases: ['Министерство обороны', 'Минобороны', 'Russian Ministry of Defense', 'MoD'] },
  { id: 'city:moscow', aliases: ['Москва', 'Moscow', 'Moskva'] },
]);

const TOPICS = [
  '"Калининградская область" AND БАРС*',
  'entity:unit:bars-kursk OR entity:person:besprozvannykh',
  'Минобороны OR "Министерство обороны" OR "Ministry of Defense"',
  'губернатор NEAR/5 (область)'.replace(' (область)', ' область'),
  'title:(Москва OR Moscow) -спорт',
  'lang:ru (акция протест*) -футбол',
  'lang:en (Google OR Apple OR Microsoft) NEAR/10 game*'.replace(' NEAR/10 game*', ' game*'),
  '"Государственная дума" OR Госдум*',
  'суд NEAR/3 приговор*',
  'выбор* AND (губернатор* OR мэр*)',
  '(нефть OR газ) AND (цена OR стоимость) -Украина',
  'source:factrue* "Владимир Путин"',
  '"Russian Federation" OR Russia*',
  'police NEAR/4 arrest*',
  'entity:city:moscow AND (полиция OR police)',
  'body:"в понедельник" AND title:Москв*',
  'climate NEAR/8 change -sport',
  '(Apple OR iPhone) -(Samsung OR Android)',
  'бригад* OR батальон* OR полк*',
  '"Курская область" OR "Белгородская область" OR "Брянская область"',
];

const corpus = loadCorpus();
const words = corpus.reduce((n, d) => n + `${d.title} ${d.body}`.split(/\s+/).length, 0);

/** Runs `work` `rounds` times; milliseconds per round of wall-clock and of this process's CPU time. */
function timed(work) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) work(r);
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - wall) / rounds, cpu: (used.user + used.system) / 1000 / rounds };
}

let compiled;
const compileMs = timed(() => (compiled = TOPICS.map((q) => compileQuery(q, { aliases }))));
let analysed;
const analyseMs = timed(() => (analysed = corpus.map(analyseDocument)));
const matches = new Array(TOPICS.length).fill(0);
const evaluateMs = timed((r) => {
  for (const doc of analysed) {
    compiled.forEach((query, i) => {
      if (query.match(doc).matched && r === 0) matches[i]++;
    });
  }
});

const pairs = corpus.length * TOPICS.length;
const perSecond = (count, ms) => ({
  wall: Math.round(count / (ms.wall / 1000)),
  cpu: Math.round(count / (ms.cpu / 1000)),
});
// On a shared machine wall-clock figures drop with load; CPU-time figures are what one core delivers.
const figures = {
  node: process.version,
  loadAverage1m: +os.loadavg()[0].toFixed(1),
  cpus: os.cpus().length,
  documents: corpus.length,
  words,
  topics: TOPICS.length,
  rounds,
  compileMsPerTopic: {
    wall: +(compileMs.wall / TOPICS.length).toFixed(3),
    cpu: +(compileMs.cpu / TOPICS.length).toFixed(3),
  },
  analyseDocsPerSecond: perSecond(corpus.length, analyseMs),
  analyseWordsPerSecond: perSecond(words, analyseMs),
  evaluateDocTopicPairsPerSecond: perSecond(pairs, evaluateMs),
  endToEndDocsPerSecondWith20Topics: perSecond(corpus.length, {
    wall: analyseMs.wall + evaluateMs.wall,
    cpu: analyseMs.cpu + evaluateMs.cpu,
  }),
  matchesPerTopic: Object.fromEntries(TOPICS.map((q, i) => [q, matches[i]])),
};
console.log(JSON.stringify(figures, null, 2));
mkdirSync('reports', { recursive: true });
writeFileSync(join('reports', 'query-bench.json'), `${JSON.stringify(figures, null, 2)}\n`);
