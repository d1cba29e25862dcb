#!/usr/bin/env bash
# Puts the infrastructure binaries the project runs locally into .tools/bin (git-ignored):
#   nats-server  (NATS with JetStream)      built with `go install`, Debian's nats-server as fallback
#   ferretdb     (MongoDB wire protocol)    built from the v1.24.2 module source
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
  if [[ -x "$target" ]] && "$target" --version 2>/dev/null | grep -q "${NATS_VERSION}"; then return; fi
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
  if [[ -x "$target" ]] && "$target" --version 2>/dev/null | grep -q "version: ${FERRETDB_VERSION}"; then return; fi
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

ensure_nats
ensure_ferretdb
say "nats-server: $("$bin/nats-server" --version)"
say "ferretdb: $("$bin/ferretdb" --version | head -1)"
