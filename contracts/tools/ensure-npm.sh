#!/usr/bin/env bash
# Installs the pinned npm tooling (solc-js, forge, anvil, OpenZeppelin) into <repo>/node_modules when it is
# missing or does not match package-lock.json. npm writes node_modules/.package-lock.json on install, so
# comparing the two lockfiles' package entries tells whether the install is current.
set -euo pipefail
root="${1:?usage: ensure-npm.sh <repo-root>}"
cd "$root"
current() {
  [ -f node_modules/.package-lock.json ] || return 1
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages || {};
    const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages || {};
    for (const [k, v] of Object.entries(want)) {
      // optional entries are per-platform binaries (forge-darwin-arm64, ...), installed only where they run
      if (k === "" || v.optional) continue;
      if (!have[k] || have[k].version !== v.version || have[k].integrity !== v.integrity) process.exit(1);
    }
    // the forge/anvil native binaries come from optional platform packages; make sure they are present
    if (!fs.existsSync("node_modules/.bin/forge") || !fs.existsSync("node_modules/.bin/anvil")) process.exit(1);
  '
}
if current; then
  echo "node_modules is current"
else
  echo "installing pinned npm tooling (npm ci)"
  # warnings (install-script notices and the like) would bury the one line that matters; errors still show
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "npm ci refused package-lock.json; installing the same pinned versions with npm install"
    npm install --no-save --no-audit --no-fund --loglevel=error
  fi
fi
