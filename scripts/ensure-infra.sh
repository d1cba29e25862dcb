#!/usr/bin/env bash
# Puts the infrastructure binaries the project runs locally into .tools/bin (git-ignored):
#   nats-server  (NATS with JetStream)      built with `go install`, Debian's nats-server as fallback
#   ferretdb     (MongoDB wire protocol)    built from the v1.24.2 module source
# and checks for PostgreSQL, FerretDB's backend in tests, the demo and the benchmarks (libs/local-infra
# starts a private cluster; ADR 0008): installed with apt-get when missing (sudo when not root),
# unless ENSURE_INFRA_NO_APT=1; without it FerretDB falls back to its much slower SQLite backend.
# Idempotent: returns at once when the right versions are present.
# Override with NATS_SERVER_BIN / FERRETDB_BIN to use binaries you already have.
set -euo pipefail

NATS_VERSION="${NATS_VERSION:-v2.12.15}"
FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"

say() { printf '[ensure-infra] %s\n' "$*" >&2; }
die() {
  say "ERROR: $*"
  say "Install Go (https://go.dev/dl/) so this script can build the binaries, or put them on PATH"
  say "(NATS_SERVER_BIN=/path/nats-server FERRETDB_BIN=/path/ferretdb), or run the whole stack"
  say "with 'docker compose up' where a Docker engine is available."
  exit 1
}
have_go() { command -v go >/dev/null 2>&1; }

ensure_nats() {
  local target="$bin/nats-server"
  if [[ -n "${NATS_SERVER_BIN:-}" ]]; then ln -sf "$NATS_SERVER_BIN" "$target"; return; fi
  if [[ -x "$target" ]] && "$target" --version 2>/dev/null | grep "${NATS_VERSION}" >/dev/null; then return; fi
  if have_go; then
    say "building nats-server ${NATS_VERSION} (go install)..."
    GOBIN="$bin" GOFLAGS=-mod=mod go install "github.com/nats-io/nats-server/v2@${NATS_VERSION}"
    return
  fi
  local system; system="$(command -v nats-server || true)"
  [[ -z "$system" && -x /usr/sbin/nats-server ]] && system=/usr/sbin/nats-server
  if [[ -n "$system" ]]; then
    say "Go not found: using $system ($("$system" --version)); it may lack 2.10+ features such as sync_interval"
    ln -sf "$system" "$target"
    return
  fi
  die "nats-server not found and Go is not installed (Debian: apt-get install nats-server)."
}

ensure_ferretdb() {
  local target="$bin/ferretdb"
  if [[ -n "${FERRETDB_BIN:-}" ]]; then ln -sf "$FERRETDB_BIN" "$target"; return; fi
  if [[ -x "$target" ]] && "$target" --version 2>/dev/null | grep "version: ${FERRETDB_VERSION}" >/dev/null; then return; fi
  have_go || die "ferretdb not found and Go is not installed."
  say "building ferretdb ${FERRETDB_VERSION} from its module source (about 2 minutes the first time)..."
  # `go install ...ferretdb@v1.24.2` builds a binary that panics at start, because the module
  # lacks the generated build/version/version.txt; so build from a copy with that file written.
  local src work
  src="$(cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@${FERRETDB_VERSION}" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$src" ]] || die "could not download the FerretDB ${FERRETDB_VERSION} module"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
  echo "${FERRETDB_VERSION}" > "$work/build/version/version.txt"
  (cd "$work" && go build -trimpath -o "$target.tmp" ./cmd/ferretdb)
  mv "$target.tmp" "$target"
}

postgres_bin_dir() {
  if [[ -n "${POSTGRES_BIN_DIR:-}" ]]; then echo "$POSTGRES_BIN_DIR"; return; fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    [[ -x "$dir/initdb" && -x "$dir/postgres" ]] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
  return 0
}

ensure_postgres() {
  [[ -n "$(postgres_bin_dir)" ]] && return
  if [[ "${ENSURE_INFRA_NO_APT:-0}" != "1" ]] && command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL not found: installing Debian's postgresql (FerretDB's backend, ADR 0008)..."
    local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    if $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql; then
      return
    fi
    say "WARNING: apt-get install postgresql failed"
  fi
  say "WARNING: no PostgreSQL: FerretDB will run on its SQLite backend (updates scan whole collections; see ADR 0008)"
}

ensure_nats
ensure_ferretdb
ensure_postgres
say "nats-server: $("$bin/nats-server" --version)"
say "ferretdb: $("$bin/ferretdb" --version | head -1)"
pg="$(postgres_bin_dir)"
if [[ -n "$pg" ]]; then say "postgresql: $("$pg/postgres" --version)"; fi
