# Shared helpers for scripts/*: prerequisite checks with clear messages.
# shellcheck shell=bash

die() { echo "switchboard: $*" >&2; exit 1; }

need_java() {
  command -v java >/dev/null 2>&1 || die "Java 17+ is required (java not found on PATH). Install a JDK 17 or newer."
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "Java 17+ is required, found Java ${v:-unknown}."
}

need_maven() {
  command -v mvn >/dev/null 2>&1 || die "Apache Maven 3.8+ is required (mvn not found on PATH)."
}

need_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20+ is required to build the dashboard (node not found on PATH)."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] 2>/dev/null || die "Node.js 20+ is required, found $(node --version)."
  command -v npm >/dev/null 2>&1 || die "npm is required (comes with Node.js)."
}

# newest modification time (epoch seconds) of files under the given paths
newest() { find "$@" -type f -not -path '*/node_modules/*' -not -path '*/target/*' -not -path '*/dist/*' -printf '%T@\n' 2>/dev/null | sort -n | tail -1 | cut -d. -f1; }
mtime() { [ -e "$1" ] && stat -c %Y "$1" || echo 0; }

# Debian's chromium for the browser tests (never a downloaded browser build); installed with apt
# when missing and we are root
need_chromium() {
  command -v chromium >/dev/null 2>&1 && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "switchboard: installing Debian's chromium (apt-get)…"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    die "Chromium is required for the browser tests (Debian: apt-get install chromium)"
  fi
}
