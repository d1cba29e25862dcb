#!/usr/bin/env bash
# Offline validation of the deployment files (no cluster, no Docker engine):
#   1. every k8s overlay renders with `kubectl kustomize`;
#   2. every rendered object validates strictly (unknown fields are errors) against the Kubernetes
#      OpenAPI schema and the CRDs of KEDA and the Percona Operator for MongoDB;
#   3. the manifests agree with libs/contracts (NATS permissions, KEDA consumers, grace periods);
#   4. docker-compose.yml validates against the Compose Specification schema;
#   5. nats-server accepts both NATS configurations (`nats-server -t`);
#   6. the YAML files pass the YAML lint (eslint-plugin-yml);
#   7. self-test: deliberately broken copies must fail steps 2 to 6.
# Schemas come from Go modules (k8s.io/kubernetes, KEDA, the Percona operator, compose-go) through the
# Go module proxy into the git-ignored .tools/deploy (DEPLOY_TOOLS_DIR), once; later runs are warm.
# Needs: node with `npm ci` and `npx tsc -b` done, go, kubectl, nats-server (scripts/ensure-infra.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)

K8S_MODULE=k8s.io/kubernetes@v1.34.2
KEDA_MODULE=github.com/kedacore/keda/v2@v2.21.0
PSMDB_MODULE=github.com/percona/percona-server-mongodb-operator@v1.21.1
# The checksum database does not list this module; its content hash is pinned here instead.
PSMDB_SUM='h1:ven97PFWl28Ot0pgFQ82x0nyjuuueFrQRbGI+cFb7E4='
COMPOSE_MODULE=github.com/compose-spec/compose-go/v2@v2.16.2

tools="${DEPLOY_TOOLS_DIR:-.tools/deploy}"
mkdir -p "$tools"
tools="$(cd "$tools" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step() { echo "== [$(( $(date +%s) - started )) s] $*"; }
need() { command -v "$1" >/dev/null || { echo "validate-deploy: $1 is required ($2)" >&2; exit 1; }; }
need go 'schemas are fetched as Go modules'
need kubectl 'kubectl kustomize renders the overlays'
need node 'the validators are Node scripts'

# Prints the extracted folder of module@version, downloading it into $tools/gomod once.
module_dir() {
  local json
  json=$(GOMODCACHE="$tools/gomod" GOFLAGS=-modcacherw GONOSUMDB=github.com/percona/percona-server-mongodb-operator \
    go mod download -json "$1")
  node -e '
    const m = JSON.parse(process.argv[1]);
    if (m.Error) { console.error(m.Error); process.exit(1); }
    if (process.argv[2] && m.Sum !== process.argv[2]) { console.error(`${m.Path}: checksum ${m.Sum}, expected ${process.argv[2]}`); process.exit(1); }
    console.log(m.Dir);' "$json" "${2:-}"
}

if [[ ! -f libs/contracts/dist/index.js || ! -f apps/trends/dist/trends.service.js ]]; then
  step 'build (tsc -b)'
  npx tsc -b
fi

step 'schemas (Go module proxy, cached in '"$tools"')'
swagger="$(module_dir "$K8S_MODULE")/api/openapi-spec/swagger.json"
keda_crds="$(module_dir "$KEDA_MODULE")/config/crd/bases"
psmdb_crd="$(module_dir "$PSMDB_MODULE" "$PSMDB_SUM")/deploy/crd.yaml"
compose_schema="$(module_dir "$COMPOSE_MODULE")/schema/compose-spec.json"
crd_args=(--crd "$keda_crds/keda.sh_scaledobjects.yaml" --crd "$keda_crds/keda.sh_triggerauthentications.yaml"
  --crd "$psmdb_crd")

nats_server="${NATS_SERVER_BIN:-$(pwd)/.tools/bin/nats-server}"
[[ -x "$nats_server" ]] || nats_server="$(command -v nats-server || true)"
[[ -n "$nats_server" ]] || { echo 'validate-deploy: nats-server not found: run scripts/ensure-infra.sh' >&2; exit 1; }

# Each check, given its inputs, so that the self-test can feed it broken ones.
render_overlays() { # <out-dir> <k8s-dir>
  local overlay
  for overlay in "$2"/overlays/*/; do
    kubectl kustomize "$overlay" >"$1/$(basename "$overlay").yaml"
    echo "rendered $(basename "$overlay"): $(grep -c '^kind:' "$1/$(basename "$overlay").yaml") objects"
  done
}
validate_manifests() { node scripts/deploy/validate-manifests.mjs --swagger "$swagger" "${crd_args[@]}" "$@"; }
validate_compose() { node scripts/deploy/validate-compose.mjs --schema "$compose_schema" "$@"; }
check_nats_config() { # <nats.conf>
  env POD_NAME=nats-0 NATS_INGEST_PASSWORD=x NATS_ENTITY_PASSWORD=x NATS_SENTIMENT_PASSWORD=x \
    NATS_TRENDS_PASSWORD=x NATS_ALERT_PASSWORD=x NATS_GATEWAY_PASSWORD=x NATS_OPS_PASSWORD=x NATS_SYS_PASSWORD=x \
    "$nats_server" -t -c "$1"
}
repo="$(pwd)"
lint_yaml() { "$repo/node_modules/.bin/eslint" --no-config-lookup -c "$repo/scripts/deploy/yaml-lint.config.mjs" "$@"; }

mkdir -p "$work/rendered"
step 'kubectl kustomize k8s/overlays/*'
render_overlays "$work/rendered" k8s
[[ -n "$(ls "$work/rendered")" ]] || { echo 'no overlays under k8s/overlays' >&2; exit 1; }

step 'strict schema validation (Kubernetes 1.34 OpenAPI, KEDA and Percona CRDs)'
validate_manifests "$work"/rendered/*.yaml

step 'manifests against libs/contracts'
node scripts/deploy/check-contracts.mjs "$work"/rendered/*.yaml

step 'docker-compose.yml (Compose Specification schema)'
validate_compose docker-compose.yml .env.example

step 'nats-server -t'
check_nats_config deploy/nats/nats.conf
check_nats_config k8s/base/nats/nats.conf

step 'YAML lint'
lint_yaml docker-compose.yml 'k8s/**/*.yaml'
echo 'YAML lint: clean'

step 'self-test: broken copies must fail'
broken="$work/broken"
mkdir -p "$broken"
sed 's/^  revisionHistoryLimit: 5$/  revisionHistoryLimit: 5\n  replicaz: 3/' "$work/rendered/prod.yaml" >"$broken/unknown-field.yaml"
sed 's/^  pollingInterval: 15$/  pollingInterval: fifteen/' "$work/rendered/prod.yaml" >"$broken/keda-type.yaml"
sed 's/^  crVersion: 1.21.1$/  crVersion: 1.21.1\n  replset: []/' "$work/rendered/prod.yaml" >"$broken/mongo-field.yaml"
sed 's/consumer: trends-analysis/consumer: trends-analyzed/' "$work/rendered/prod.yaml" >"$broken/keda-consumer.yaml"
sed 's/condition: service_healthy/condition: service_happy/' docker-compose.yml >"$broken/compose.yml"
printf 'a: 1\na: 2\n' >"$broken/duplicate-key.yaml"
cp k8s/base/nats/auth.conf "$broken/auth.conf"
sed 's/^  sync_interval: 10s$/  sync_interval: often/' k8s/base/nats/nats.conf >"$broken/nats.conf"
expect_failure() { # <what> <command...>
  local what=$1 output
  shift
  if output=$("$@" 2>&1); then
    echo "self-test: $what was accepted, the validation is broken" >&2
    echo "$output" >&2
    exit 1
  fi
  echo "rejected as expected: $what ($(grep -m1 -E 'FAIL|error|Error' <<<"$output" | cut -c1-140))"
}
# One run for the three broken manifests (loading the schemas dominates); each must be named.
if output=$(validate_manifests "$broken"/{unknown-field,keda-type,mongo-field}.yaml 2>&1); then
  echo 'self-test: broken manifests were accepted, the validation is broken' >&2
  exit 1
fi
for file in unknown-field keda-type mongo-field; do
  grep -m1 "^FAIL $file.yaml" <<<"$output" | sed 's/^/rejected as expected: /' | cut -c1-160 | grep . \
    || { echo "self-test: $file.yaml was accepted" >&2; exit 1; }
done
expect_failure 'keda-consumer.yaml' node scripts/deploy/check-contracts.mjs "$broken/keda-consumer.yaml"
expect_failure 'compose.yml' validate_compose "$broken/compose.yml" .env.example
expect_failure 'nats.conf' check_nats_config "$broken/nats.conf"
# ESLint skips files outside its working folder, so lint the broken file from its own.
expect_failure 'duplicate-key.yaml' bash -c 'cd "$1" && shift && "$@"' _ "$broken" \
  "$repo/node_modules/.bin/eslint" --no-config-lookup -c "$repo/scripts/deploy/yaml-lint.config.mjs" duplicate-key.yaml

echo "validate-deploy: all checks passed in $(( $(date +%s) - started )) s"
