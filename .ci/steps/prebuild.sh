#!/usr/bin/env bash
# CI: build the binary the package ships, the way a release does (`npm run prebuild`: prebuildify
# driving cmake-js in build-prebuild/, CUDA compiled in when nvcc is here), and fail when it does
# not load, needs libcudart.so, or lacks the SASS/PTX it should carry. test/packaging.test.ts then
# packs the package with this binary and installs it where no compiler is reachable.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run prebuild
node scripts/prebuild_inspect.mjs "prebuilds/$(node -p 'process.platform + "-" + process.arch')/tauflow.node"
