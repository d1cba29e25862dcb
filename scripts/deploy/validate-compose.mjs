// Validates docker-compose.yml offline: against the Compose Specification's JSON Schema (shipped in
// the compose-go module, the library behind `docker compose`), then the checks `docker compose config`
// adds: depends_on names existing services, and every required variable (${VAR:?...}) is documented
// in .env.example.
//   node validate-compose.mjs --schema <compose-spec.json> [docker-compose.yml] [.env.example]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';

const { values, positionals } = parseArgs({ options: { schema: { type: 'string' } }, allowPositionals: true });
const [composeFile = 'docker-compose.yml', envExample = '.env.example'] = positionals;
const problems = [];

const text = readFileSync(composeFile, 'utf8');
const doc = parseDocument(text, { merge: true, uniqueKeys: true });
for (const error of doc.errors) problems.push(`YAML: ${error.message}`);
const compose = doc.toJS({ maxAliasCount: 1000 });

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(values.schema, 'utf8')));
if (!validate(compose)) {
  for (const error of validate.errors) {
    const property = error.params?.additionalProperty ?? error.params?.unevaluatedProperty;
    const extra = property ? ` "${property}"` : '';
    problems.push(`schema: ${error.instancePath || '/'} ${error.message}${extra}`);
  }
}

const services = compose?.services ?? {};
for (const [name, service] of Object.entries(services)) {
  const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
  for (const target of dependsOn) {
    if (!(target in services)) problems.push(`service ${name} depends on unknown service ${target}`);
  }
}

const documented = new Set(
  readFileSync(envExample, 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter(Boolean),
);
for (const [, variable] of text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::?[-?+][^}]*)?\}/g)) {
  if (!documented.has(variable)) problems.push(`variable ${variable} is used but not listed in ${envExample}`);
}

for (const problem of new Set(problems)) process.stdout.write(`FAIL ${composeFile}: ${problem}\n`);
process.stdout.write(
  `${composeFile}: ${Object.keys(services).length} services, ${new Set(problems).size} problem(s)\n`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
