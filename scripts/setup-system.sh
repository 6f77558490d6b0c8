#!/usr/bin/env bash
# Installs the system packages Patron's tests need (Chromium, CJK fonts, PostgreSQL server), only
# those that are missing. Idempotent and non-interactive; safe to run on every CI start.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

log() { printf '[setup-system] %s\n' "$*"; }

missing=()

if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  log "chromium: present ($(command -v chromium || echo /usr/bin/chromium))"
else
  missing+=(chromium)
fi

if dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  log "fonts-noto-cjk: present"
else
  missing+=(fonts-noto-cjk)
fi

# Any PostgreSQL server version will do; the test cluster script picks the newest.
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  log "postgresql: present ($(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1))"
else
  missing+=(postgresql)
fi

# Only for the benchmarks (`bash scripts/setup-system.sh --bench`): the insights bench compares its
# learner with scikit-learn's. Tests never need it, so CI does not install it.
if [ "${1:-}" = "--bench" ]; then
  if /usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1; then log "python3-sklearn: present"; else missing+=(python3-sklearn); fi
fi

if [ "${#missing[@]}" -eq 0 ]; then
  log "nothing to install"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -E)
  else
    log "missing: ${missing[*]}; run as root (or install them yourself)" >&2
    exit 1
  fi
else
  SUDO=()
fi

log "installing: ${missing[*]}"
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

# The Debian package creates and starts a default cluster; tests use their own throwaway cluster,
# so the default one is left as it is (stopping it is not needed and may not be allowed in containers).
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  log "postgresql installed but no initdb found under /usr/lib/postgresql/*/bin" >&2
  exit 1
fi
log "installed: ${missing[*]}"
