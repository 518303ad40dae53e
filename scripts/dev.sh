#!/usr/bin/env bash
# `make dev`: the API on 127.0.0.1:8000 in the background, Vite's dev server (hot reload) in front on
# 127.0.0.1:5173, proxying /graphql (HTTP and WebSocket) to the API. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/passerelle serve --host 127.0.0.1 --port 8000 &
api=$!
trap 'kill "$api" 2>/dev/null || true' EXIT INT TERM
cd web && npm run dev
