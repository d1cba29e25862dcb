// Generates the NATS accounts file (users and least-privilege subject permissions) from the
// contracts and the services' launch options, so permissions cannot drift from the code.
//   node scripts/deploy/nats-auth.mjs          print it
//   node scripts/deploy/nats-auth.mjs --write  write every copy (compose and Kubernetes)
//   node scripts/deploy/nats-auth.mjs --check  fail when a committed copy differs
// Needs the build (`npx tsc -b`): it imports the compiled contracts and service definitions.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { CONSUMER_DEFINITIONS, STREAM_DEFINITIONS, SUBJECTS } = await import(join(root, 'libs/contracts/dist/index.js'));

/** Copies of the generated file: docker compose mounts one, kustomize packs the other into a Secret. */
export const AUTH_FILES = ['deploy/nats/auth.conf', 'k8s/base/nats/auth.conf'];

/** Events each service publishes (the launch options do not declare publishers). */
const PUBLISHES = {
  ingest: [SUBJECTS.articleIngestedV1, SUBJECTS.collectionStatusV1],
  entity: [SUBJECTS.articleEntitiesV1, SUBJECTS.articleTopicsMatchedV1, SUBJECTS.topicChangedV1],
  sentiment: [SUBJECTS.articleSentimentV1],
  trends: [SUBJECTS.articleAnalyzedV1],
  alert: [SUBJECTS.alertRaisedV1],
  gateway: [],
};
/** Queries each service sends (request-reply clients). */
const ASKS = {
  gateway: [
    SUBJECTS.seriesTrendQueryV1,
    SUBJECTS.topTermsQueryV1,
    SUBJECTS.shareOfVoiceQueryV1,
    SUBJECTS.alertRulesListQueryV1,
    SUBJECTS.alertRulesUpsertQueryV1,
    SUBJECTS.alertRulesDeleteQueryV1,
    SUBJECTS.alertDestinationsListQueryV1,
    SUBJECTS.alertDestinationsUpsertQueryV1,
    SUBJECTS.alertDestinationsDeleteQueryV1,
    SUBJECTS.alertTestSendQueryV1,
    SUBJECTS.alertListQueryV1,
    SUBJECTS.alertDeliveriesQueryV1,
    SUBJECTS.articleListQueryV1,
    SUBJECTS.articleGetQueryV1,
    SUBJECTS.entityGetQueryV1,
    SUBJECTS.topicListQueryV1,
    SUBJECTS.topicGetQueryV1,
    SUBJECTS.topicCreateQueryV1,
    SUBJECTS.topicUpdateQueryV1,
    SUBJECTS.topicDeleteQueryV1,
    SUBJECTS.topicDryRunQueryV1,
    SUBJECTS.topicBackfillQueryV1,
    SUBJECTS.entityRecordQueryV1,
    SUBJECTS.entityListQueryV1,
    SUBJECTS.entityUpsertQueryV1,
    SUBJECTS.entityDeleteQueryV1,
    SUBJECTS.entityAliasAddQueryV1,
    SUBJECTS.entityAliasRemoveQueryV1,
    SUBJECTS.sourcesListQueryV1,
    SUBJECTS.sourceGetQueryV1,
    SUBJECTS.sourcesUpsertQueryV1,
    SUBJECTS.sourcesDeleteQueryV1,
    SUBJECTS.sourceFetchNowQueryV1,
  ],
};
/**
 * Followed streams: ephemeral ordered consumers on these, with the stream info they start from (the
 * gateway's SSE streams; its trend answer cache follows analysed articles, collection gaps and topic
 * changes, ADR 0015).
 */
const FOLLOWS = {
  gateway: [
    STREAM_DEFINITIONS.analysis.name,
    STREAM_DEFINITIONS.alerts.name,
    STREAM_DEFINITIONS.collection.name,
    STREAM_DEFINITIONS.topics.name,
  ],
};
/** Consumers whose lag a service reads (trends: the pipeline backlog behind incomplete buckets). */
const WATCHES = {
  trends: [
    [STREAM_DEFINITIONS.articles.name, 'entity-articles'],
    [STREAM_DEFINITIONS.analysis.name, 'sentiment-entities'],
  ],
};

/** Permissions to follow a stream with ordered consumers (create, pull, delete; no acks). */
function followApi(stream) {
  return [
    '$JS.API.INFO',
    `$JS.API.STREAM.INFO.${stream}`,
    // Without a name in the subject too: nats.js creates some ordered consumers on the bare subject.
    `$JS.API.CONSUMER.CREATE.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.INFO.${stream}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
    `$JS.API.CONSUMER.DELETE.${stream}.>`,
  ];
}

/** JetStream key-value buckets each service uses (entity: per-topic locks and the backfill runner's lease). */
const KEY_VALUE = { entity: ['entity-locks', 'entity-leases'] };

/** Permissions to create, read and write one key-value bucket (the stream KV_<bucket> behind it). */
function keyValueApi(bucket) {
  const stream = `KV_${bucket}`;
  return [
    `$JS.API.STREAM.INFO.${stream}`,
    `$JS.API.STREAM.CREATE.${stream}`,
    `$JS.API.STREAM.UPDATE.${stream}`,
    `$JS.API.STREAM.MSG.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}.>`,
    `$KV.${bucket}.>`,
  ];
}

/** Durable consumers and answered queries, read from each service's own launch options. */
async function launchOptions(name) {
  const file = join(root, 'apps', name, 'dist', `${name}.service.js`);
  const module = await import(file);
  return module[`${name}Service`];
}

function jetStreamApi(stream, durable) {
  return [
    `$JS.API.CONSUMER.CREATE.${stream}.${durable}`,
    `$JS.API.CONSUMER.CREATE.${stream}.${durable}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${durable}`,
    `$JS.API.CONSUMER.INFO.${stream}.${durable}`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
    `$JS.ACK.${stream}.${durable}.>`,
  ];
}

/** Permissions of one service user. */
export async function servicePermissions(name) {
  const options = await launchOptions(name);
  const publish = new Set([...(PUBLISHES[name] ?? []), ...(ASKS[name] ?? [])]);
  const subscribe = new Set(['_INBOX.>']);
  const consumers = options.consumers ?? [];
  if (consumers.length > 0 || (options.queries ?? []).length > 0) {
    // A service with a transport provisions every stream at start (JetStreamTransport `provision`).
    publish.add('$JS.API.INFO');
    for (const { name: stream } of Object.values(STREAM_DEFINITIONS)) {
      for (const op of ['INFO', 'CREATE', 'UPDATE']) publish.add(`$JS.API.STREAM.${op}.${stream}`);
    }
  }
  for (const { definition } of consumers) {
    for (const subject of jetStreamApi(definition.stream, definition.durable)) publish.add(subject);
    publish.add(`${SUBJECTS.deadLetterPrefix}.${definition.durable}`);
  }
  for (const [stream, durable] of WATCHES[name] ?? []) {
    publish.add(`$JS.API.CONSUMER.INFO.${stream}.${durable}`);
    publish.add(`$JS.API.STREAM.MSG.GET.${stream}`);
  }
  for (const { definition } of consumers) publish.add(`$JS.API.STREAM.MSG.GET.${definition.stream}`);
  for (const bucket of KEY_VALUE[name] ?? []) for (const subject of keyValueApi(bucket)) publish.add(subject);
  for (const query of options.queries ?? []) subscribe.add(query.subject);
  return {
    publish: [...publish].sort(),
    subscribe: [...subscribe].sort(),
    respond: (options.queries ?? []).length > 0,
  };
}

const quote = (subject) => `"${subject}"`;
const list = (subjects, indent) =>
  subjects.length === 0 ? '[]' : `[\n${subjects.map((s) => `${indent}  ${quote(s)}`).join('\n')}\n${indent}]`;

export async function render() {
  const users = [];
  for (const name of ['ingest', 'entity', 'sentiment', 'trends', 'alert', 'gateway']) {
    const permissions = name === 'gateway' ? await fixedPermissions(name) : await servicePermissions(name);
    const envName = `NATS_${name.toUpperCase()}_PASSWORD`;
    users.push(
      [
        `      {`,
        `        user: ${name}`,
        `        password: $${envName}`,
        `        permissions: {`,
        `          publish: { allow: ${list(permissions.publish, '          ')} }`,
        `          subscribe: { allow: ${list(permissions.subscribe, '          ')} }`,
        ...(permissions.respond ? [`          allow_responses: true`] : []),
        `        }`,
        `      }`,
      ].join('\n'),
    );
  }
  return `# GENERATED by scripts/deploy/nats-auth.mjs from libs/contracts and apps/*/src/*.service.ts.
# Do not edit: change the contracts or the script, then run \`node scripts/deploy/nats-auth.mjs --write\`.
# Passwords come from the environment of nats-server (a Secret in Kubernetes, .env in compose).
accounts {
  APP {
    jetstream: enabled
    users: [
${users.join('\n')}
      # Operators (nats CLI: stream backup and restore, consumer reports): the whole account.
      { user: ops, password: $NATS_OPS_PASSWORD }
    ]
  }
  SYS {
    users: [{ user: sys, password: $NATS_SYS_PASSWORD }]
  }
}
system_account: SYS
`;
}

/**
 * Dead-letter administration (gateway): read and delete messages of the dead-letter stream, and
 * replay one to the subject it came from (any subject a durable consumer reads).
 */
const DEAD_LETTER_ADMIN = {
  gateway: [
    `$JS.API.STREAM.MSG.GET.${STREAM_DEFINITIONS.deadLetters.name}`,
    `$JS.API.STREAM.MSG.DELETE.${STREAM_DEFINITIONS.deadLetters.name}`,
    ...Object.values(CONSUMER_DEFINITIONS).flatMap((consumer) => consumer.filterSubjects),
  ],
};

/** The gateway has no transport: it asks, follows streams and administers dead letters. */
async function fixedPermissions(name) {
  return {
    publish: [
      ...new Set([
        ...(PUBLISHES[name] ?? []),
        ...(ASKS[name] ?? []),
        ...(FOLLOWS[name] ?? []).flatMap(followApi),
        ...(DEAD_LETTER_ADMIN[name] ?? []),
      ]),
    ].sort(),
    subscribe: ['_INBOX.>'],
    respond: false,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await render();
  const mode = process.argv[2];
  if (mode === '--write') {
    for (const file of AUTH_FILES) writeFileSync(join(root, file), text);
  } else if (mode === '--check') {
    const stale = AUTH_FILES.filter((file) => readFileSync(join(root, file), 'utf8') !== text);
    for (const file of stale) {
      process.stderr.write(
        `${relative(root, join(root, file))} disagrees with the contracts: run node scripts/deploy/nats-auth.mjs --write\n`,
      );
    }
    process.exitCode = stale.length > 0 ? 1 : 0;
  } else {
    process.stdout.write(text);
  }
}
