#!/usr/bin/env bash
# One clear line when Node.js (≥ 20.19, needed by Vite to build the web client) is missing or too old.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js ≥ 20.19 (with npm) is required to build the web client: install it from https://nodejs.org or your package manager." >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "Node.js ≥ 20.19 is required to build the web client; found $(node --version)." >&2
  exit 1
fi
