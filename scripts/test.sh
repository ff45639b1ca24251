#!/usr/bin/env bash
# The one test command (`pnpm test`): type-check, lint, build, unit + server suites on every
# dialect, browser tests in Chromium, bundle budgets, Storybook build, end-to-end embed test.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }
started=$(date +%s)

step "browser: make sure Chromium is installed"
bash scripts/ensure-chromium.sh

step "type-check"
pnpm -r --workspace-concurrency=2 run typecheck

step "lint and format (biome)"
pnpm exec biome ci .

step "build packages, embed bundle and server"
pnpm run build

step "unit and server tests (SQLite, PGlite, PostgreSQL)"
pnpm exec vitest run

step "component tests in Chromium"
pnpm run test:browser

step "bundle budgets"
pnpm run size

step "Storybook build"
pnpm run build-storybook

step "examples build"
pnpm -r --filter './examples/*' run build

step "end-to-end: two lines of HTML on another origin"
pnpm run test:e2e

printf '\nAll checks passed in %ss.\n' "$(( $(date +%s) - started ))"
