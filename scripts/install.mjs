#!/usr/bin/env node
// npm "install" hook. Use the binary node-gyp-build would load (build/Release, then
// prebuilds/<platform>-<arch>/tauflow.node) when it loads here; build from source with cmake-js
// only when none does. Before building, check for the tools a build needs, so a machine without
// them gets one actionable message (what was tried, what is missing) instead of a wall of CMake
// output; a build that fails anyway prints its first error lines and where the full log is.
//
// This hook is a convenience, not a requirement: with `npm install --ignore-scripts` (or an npm
// whose allowScripts policy skips it) the loader in src/native.ts still finds the prebuild.
//
// Environment: TAUFLOW_BUILD_FROM_SOURCE=1 (or `npm install --build-from-source`) skips the
// binaries that exist and always builds; TAUFLOW_CUDA=OFF builds without CUDA.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tag = `${process.platform}-${process.arch}`;
const CMAKE_MINIMUM = [3, 18];
const forceSource =
  process.env.npm_config_build_from_source === 'true' || process.env.TAUFLOW_BUILD_FROM_SOURCE === '1';

const rel = (file) => (file.startsWith(root) ? relative(root, file) : file);
const firstLine = (text) => String(text).trim().split('\n')[0];

/** Absolute path of an executable found on PATH (or the path itself when absolute), else null. */
function findExecutable(cmd) {
  const exts = process.platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  const dirs = isAbsolute(cmd) ? [''] : (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs)
    for (const ext of exts) {
      const file = dir ? join(dir, cmd + ext) : cmd + ext;
      try {
        accessSync(file, constants.X_OK);
        if (statSync(file).isFile()) return file;
      } catch {}
    }
  return null;
}

/** null when the addon at `file` loads in this process, else the reason it does not. */
function loadError(file) {
  try {
    require(file).buildInfo();
    return null;
  } catch (err) {
    return firstLine(err.message);
  }
}

/**
 * The binary node-gyp-build resolves for this package (what src/native.ts will load), or null
 * with the reason. It prefers build/Release, so a local build that does not load must be rebuilt
 * rather than skipped in favour of the prebuild.
 */
function resolvedBinary() {
  try {
    return { file: require('node-gyp-build').path(root), error: null };
  } catch (err) {
    return { file: null, error: firstLine(err.message) };
  }
}

/** What a source build needs and is not here: cmake (>= 3.18), a C++17 compiler, make or ninja. */
function missingTools() {
  const missing = [];
  const cmake = findExecutable('cmake');
  if (!cmake) missing.push('cmake (>= 3.18)');
  else {
    const v = /cmake version (\d+)\.(\d+)/.exec(
      spawnSync(cmake, ['--version'], { encoding: 'utf8' }).stdout ?? '',
    );
    if (v && (+v[1] < CMAKE_MINIMUM[0] || (+v[1] === CMAKE_MINIMUM[0] && +v[2] < CMAKE_MINIMUM[1])))
      missing.push(`cmake >= 3.18 (found ${v[1]}.${v[2]})`);
  }
  if (process.platform !== 'win32') {
    const cxx = process.env.CXX
      ? findExecutable(process.env.CXX.split(' ')[0])
      : ['c++', 'g++', 'clang++'].map(findExecutable).find(Boolean);
    if (!cxx)
      missing.push(
        process.env.CXX ? `the C++ compiler CXX=${process.env.CXX}` : 'a C++17 compiler (g++ or clang++)',
      );
    if (!findExecutable('make') && !findExecutable('ninja')) missing.push('make or ninja');
  }
  return missing;
}

function fail(tried, detail) {
  console.error(
    [
      `tauflow: no native binary for ${tag} (Node-API 8) could be loaded or built.`,
      '  tried:',
      ...tried.map((t) => `    - ${t}`),
      ...detail,
      '  Prebuilt binaries cover linux-x64 (glibc >= 2.34); elsewhere install the tools above and run',
      '  "npm rebuild tauflow". A local nvcc (CUDA 13) adds the GPU kernels; without it the build is CPU-only.',
    ].join('\n'),
  );
  process.exit(1);
}

const tried = [];
if (forceSource) tried.push('existing binaries skipped (build from source requested)');
else {
  const { file, error } = resolvedBinary();
  const why = file ? loadError(file) : error;
  if (file && !why) {
    console.log(`tauflow: using ${rel(file)}`);
    process.exit(0);
  }
  tried.push(
    file
      ? `${rel(file)}: does not load here (${why})`
      : `build/Release/*.node and prebuilds/${tag}/*.node: none present`,
  );
}

const missing = missingTools();
let cmakeJs = null;
try {
  cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
} catch {
  missing.push('the cmake-js package (a dependency of tauflow: reinstall it)');
}
if (missing.length) {
  tried.push('build from source: not attempted');
  fail(tried, [`  missing: ${missing.join('; ')}`]);
}

const cudaNote =
  (process.env.TAUFLOW_CUDA ?? '').toUpperCase() === 'OFF'
    ? 'CPU-only: TAUFLOW_CUDA=OFF'
    : findExecutable('nvcc') || process.env.CUDACXX
      ? 'with the CUDA kernels: nvcc found'
      : 'CPU-only: no nvcc on PATH';
console.log(`tauflow: building the native addon from source (${cudaNote}); this takes a minute or two`);
const args = [cmakeJs, 'compile', '--log-level', 'warn'];
if (process.env.TAUFLOW_CUDA) args.push(`--CDTAUFLOW_CUDA=${process.env.TAUFLOW_CUDA}`);
const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim();
const built = join(root, 'build', 'Release', 'tauflow.node');
const builtError =
  result.status === 0 ? (existsSync(built) ? loadError(built) : 'no build/Release/tauflow.node') : null;
if (result.status === 0 && !builtError) {
  const cuda = require(built).buildInfo().cuda.compiled ? 'CUDA compiled in' : 'CPU only';
  console.log(`tauflow: built build/Release/tauflow.node from source (${cuda})`);
  process.exit(0);
}

const log = join(tmpdir(), `tauflow-build-${process.pid}.log`);
writeFileSync(log, `${output}\n`);
tried.push(
  builtError
    ? `build from source: built, but ${rel(built)} does not load (${builtError})`
    : `build from source (cmake-js compile): failed with exit code ${result.status}`,
);
// The first error and the lines under it say what broke (CMake's "CMake Error at" block, a
// compiler's "error:"); the last lines alone are often just the build tool giving up. cmake-js
// echoes some output twice, so repeated lines are shown once.
const lines = [...new Set(output.split('\n').filter((l) => l.trim() !== ''))];
const first = lines.findIndex((l) => /CMake Error|\berror:|fatal error/i.test(l));
const errors = first >= 0 ? lines.slice(first, first + 8) : [];
const shown = errors.length ? errors : lines.slice(-10);
fail(tried, [
  `  ${errors.length ? 'errors from' : 'last lines of'} the build:`,
  ...shown.map((l) => `    | ${l.trim()}`),
  `  full log: ${log}`,
]);
