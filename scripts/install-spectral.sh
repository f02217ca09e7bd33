#!/usr/bin/env bash
# Installs Spectral (the OpenAPI linter SpectralLintTests runs) under .tools/spectral (ignored by git), from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools/spectral
if [ ! -x .tools/spectral/node_modules/.bin/spectral ]; then
  npm install --prefix .tools/spectral --no-audit --no-fund --loglevel=error @stoplight/spectral-cli@6.16.3
fi
.tools/spectral/node_modules/.bin/spectral --version
