#!/usr/bin/env node
// npm "install" hook: use a binary that already fits (build/Release, then prebuilds/<platform>-<arch>)
// and build from source with cmake-js only when none loads. A failed build prints one actionable
// message (what was tried, what is missing) instead of a wall of CMake output.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const forceSource =
  process.env.npm_config_build_from_source === 'true' || process.env.TAUFLOW_BUILD_FROM_SOURCE === '1';

function existingBinary() {
  try {
    const nodeGypBuild = require('node-gyp-build');
    const file = nodeGypBuild.path(root);
    require(file);
    return file;
  } catch {
    return null;
  }
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

const found = forceSource ? null : existingBinary();
if (found) {
  console.log(`tauflow: using ${found.startsWith(root) ? found.slice(root.length + 1) : found}`);
  process.exit(0);
}

const cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const result = spawnSync(process.execPath, [cmakeJs, 'compile', '--log-level', 'error'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
});
if (result.status === 0) {
  console.log('tauflow: built the native addon from source (build/Release/tauflow.node)');
  process.exit(0);
}

const missing = ['cmake', 'c++', 'make'].filter((t) => !which(t));
const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
console.error(
  [
    `tauflow: no prebuilt binary fits ${process.platform}-${process.arch} (Node-API 8), and building from source failed.`,
    `  tried: build/Release/tauflow.node, prebuilds/${process.platform}-${process.arch}/, then cmake-js compile`,
    missing.length
      ? `  missing on PATH: ${missing.join(', ')} — install cmake (>= 3.18) and a C++17 compiler, then run npm rebuild tauflow`
      : '  cmake and a compiler are on PATH; the last lines of the build follow:',
    tail
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n'),
  ].join('\n'),
);
process.exit(1);
