#!/usr/bin/env bash
# Prepare this machine (Debian 12) for development and for the stack profile:
#   1. Debian packages used by the stack and by documents-svc (only when something is missing);
#   2. the virtualenv .venv with every package of the repository installed in editable mode;
#   3. the test tools.
# Idempotent: the second run only checks (dpkg-query + one hash) and exits in well under a second.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# --- 1. Debian packages ------------------------------------------------------------------
PACKAGES=(postgresql rabbitmq-server libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
          fonts-dejavu-core fonts-noto-core poppler-utils openjdk-17-jre-headless maven
          wrk     # wrk: load generator of `make bench`
          nodejs  # identity's test runs the password rules' patterns as the browser's RegExp does
          chromium)  # the browser suites drive Debian's Chromium (Playwright's own download is not used)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
# `python3 -m venv` needs ensurepip, which Debian ships separately.
if [ ! -x .venv/bin/python ]; then
  command -v python3 >/dev/null || missing+=(python3)
  python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
fi
command -v unzip >/dev/null || missing+=(unzip)   # stack.sh unpacks the Keycloak zip

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q "${missing[@]}"
fi

# --- 2. virtualenv and editable installs --------------------------------------------------
# libs/platform first: every service depends on epimorfosi-platform.
ORDER=(libs/platform gateway identity resources-svc applications-svc enrollment-svc documents-svc web)
TEST_TOOLS=(pytest pytest-timeout hypothesis pypdf aiosmtpd python-keycloak playwright boto3 "moto[server]")

[ -x .venv/bin/python ] || python3 -m venv .venv

projects=()
for d in "${ORDER[@]}"; do
  if [ -f "$d/pyproject.toml" ]; then projects+=("$d"); else echo "setup: $d has no pyproject.toml yet, skipped"; fi
done
# Any other package folder (e.g. a new lib) is installed too, after the known ones.
while IFS= read -r f; do
  d="$(dirname "$f")"
  [[ " ${ORDER[*]} " == *" $d "* ]] || projects+=("$d")
done < <(find . -name pyproject.toml -not -path './.venv/*' -not -path './var/*' -not -path './node_modules/*' \
           -printf '%P\n' | sort)

# The stamp keys on this script, every pyproject.toml and the venv itself (recreating .venv
# changes the inode of pyvenv.cfg), so an unchanged tree skips pip entirely.
STAMP=var/setup.stamp
hash="$( { cat "$0"; stat -c %i .venv/pyvenv.cfg;
           for d in "${projects[@]}"; do echo "$d"; cat "$d/pyproject.toml"; done; } | sha256sum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$hash" ]; then
  echo "setup: up to date (${#projects[@]} packages installed, stamp $STAMP)"
  exit 0
fi

PIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
"${PIP[@]}" --upgrade pip
# Two calls: epimorfosi-platform is installed before the packages that depend on it, so pip
# never looks for it on PyPI.
rest=()
for d in "${projects[@]}"; do
  if [ "$d" = libs/platform ]; then echo "setup: pip install -e $d"; "${PIP[@]}" -e "$d"
  else rest+=(-e "$d"); fi
done
if [ "${#rest[@]}" -gt 0 ]; then echo "setup: pip install ${rest[*]}"; "${PIP[@]}" "${rest[@]}"; fi
echo "setup: test tools: ${TEST_TOOLS[*]}"
"${PIP[@]}" "${TEST_TOOLS[@]}"

mkdir -p var
echo "$hash" > "$STAMP"
echo "setup: done"
