// Validates rendered Kubernetes manifests offline and strictly (unknown fields are errors), against
//   - the Kubernetes OpenAPI definitions (api/openapi-spec/swagger.json of k8s.io/kubernetes), and
//   - the openAPIV3Schema of CustomResourceDefinitions (KEDA, the Percona MongoDB operator),
// the way the API server's strict field validation (kubectl apply's default) would.
//   node validate-manifests.mjs --swagger <swagger.json> --crd <crd.yaml>... <rendered.yaml>...
// Prints one line per object and exits 1 when any object is invalid or has no schema.
// Not checked offline: CEL rules (x-kubernetes-validations) and the API server's Go validation
// (e.g. label syntax); kubectl apply --dry-run=server covers those against a cluster.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';

const K8S = 'k8s.json';
const OBJECT_META = `${K8S}#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`;

/** Definitions whose wire form differs from what swagger.json says. */
const SPECIAL = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { anyOf: [{ type: 'string' }, { type: 'number' }] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: ['string', 'null'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: ['string', 'null'] },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': {},
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': {},
};

/** Keywords copied as they are; `format` is left out (Kubernetes formats are not JSON Schema's). */
const VALUE_KEYWORDS = [
  'type',
  'enum',
  'required',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
];

/** An OpenAPI (v2 definition or CRD v3) schema as strict JSON Schema. */
function strict(schema, refBase) {
  if (schema.$ref) return { $ref: schema.$ref.replace('#/definitions/', `${refBase}#/definitions/`) };
  const out = {};
  for (const key of VALUE_KEYWORDS) if (schema[key] !== undefined) out[key] = schema[key];
  if (schema['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'string' }, { type: 'integer' }];
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    if (schema[key]) out[key] = [...(out[key] ?? []), ...schema[key].map((s) => strict(s, refBase))];
  }
  if (schema.not) out.not = strict(schema.not, refBase);
  if (schema.items) out.items = strict(schema.items, refBase);
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, strict(v, refBase)]));
  }
  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = strict(schema.additionalProperties, refBase);
  } else if (schema.additionalProperties !== undefined) {
    out.additionalProperties = schema.additionalProperties;
  }
  if (schema['x-kubernetes-embedded-resource']) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: {}, ...out.properties };
  }
  const objectLike = schema.type === 'object' || (schema.properties && !schema.type);
  if (objectLike && out.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
    // The API server drops (strict validation: rejects) fields a structural schema does not list.
    out.additionalProperties = false;
  }
  if (schema.nullable && out.type) out.type = [].concat(out.type, 'null');
  return out;
}

function loadKubernetes(swaggerFile) {
  const swagger = JSON.parse(readFileSync(swaggerFile, 'utf8'));
  const definitions = {};
  const kinds = new Map();
  for (const [name, definition] of Object.entries(swagger.definitions)) {
    definitions[name] = SPECIAL[name] ?? strict(definition, K8S);
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      // List types and the like share GVKs with their items in a few places; the first match wins.
      if (!kinds.has(`${apiVersion}/${gvk.kind}`))
        kinds.set(`${apiVersion}/${gvk.kind}`, { $ref: `${K8S}#/definitions/${name}` });
    }
  }
  return { schema: { $id: K8S, definitions }, kinds };
}

function loadCustomResources(crdFiles, kinds) {
  for (const file of crdFiles) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        const root = version.schema?.openAPIV3Schema;
        if (!root || version.served === false) continue;
        const schema = strict(root, K8S);
        schema.properties = {
          ...schema.properties,
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: { $ref: OBJECT_META },
        };
        schema.additionalProperties = false;
        kinds.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, schema);
      }
    }
  }
}

function describe(object) {
  return `${object.kind}/${object.metadata?.name ?? '?'}`;
}

function main() {
  const { values, positionals } = parseArgs({
    options: { swagger: { type: 'string' }, crd: { type: 'string', multiple: true, default: [] } },
    allowPositionals: true,
  });
  if (!values.swagger || positionals.length === 0) {
    throw new Error('usage: validate-manifests.mjs --swagger <swagger.json> [--crd <file>]... <manifest.yaml>...');
  }
  const { schema, kinds } = loadKubernetes(values.swagger);
  loadCustomResources(values.crd, kinds);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(schema);
  const validators = new Map();
  let failures = 0;
  let objects = 0;
  for (const file of positionals) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true })) {
      if (doc.errors.length > 0) {
        failures++;
        process.stdout.write(`FAIL ${basename(file)}: ${doc.errors.map((e) => e.message).join('; ')}\n`);
        continue;
      }
      const object = doc.toJS();
      if (object === null) continue;
      objects++;
      const key = `${object.apiVersion}/${object.kind}`;
      const target = kinds.get(key);
      if (!target) {
        failures++;
        process.stdout.write(`FAIL ${basename(file)} ${describe(object)}: no schema for ${key}\n`);
        continue;
      }
      if (!validators.has(key)) validators.set(key, ajv.compile(target));
      const validate = validators.get(key);
      if (validate(object)) continue;
      failures++;
      for (const error of validate.errors.slice(0, 10)) {
        const extra = error.params?.additionalProperty ? ` "${error.params.additionalProperty}"` : '';
        process.stdout.write(
          `FAIL ${basename(file)} ${describe(object)}: ${error.instancePath || '/'} ${error.message}${extra}\n`,
        );
      }
    }
  }
  process.stdout.write(`${objects} objects in ${positionals.length} file(s), ${failures} invalid\n`);
  process.exitCode = failures > 0 || objects === 0 ? 1 : 0;
}

main();
