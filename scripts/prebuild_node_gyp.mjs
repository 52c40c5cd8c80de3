#!/usr/bin/env node
// Stands in for node-gyp when prebuildify drives the build (`prebuildify --node-gyp THIS`):
// prebuildify has no cmake-js backend (its issue #49), so it runs
//   THIS rebuild --target=<node version> --devdir=<cache> --arch=<arch> --release
// in its cwd and then takes the first ./build/Release/*.node. We translate that into one cmake-js
// rebuild of this package's sources (--directory) into that cwd's build/ (--out), so the staging
// tree scripts/prebuild.mjs uses never touches the developer's own build/.
//
// The Node version does not matter for a Node-API addon (cmake-js compiles against the
// node-api-headers package, nothing is downloaded), so --target and --devdir are ignored.
// TAUFLOW_CUDA=OFF builds a CPU-only binary; TAUFLOW_CUDA_ARCHITECTURES overrides the SASS list.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('-')) ?? 'rebuild';
if (command !== 'rebuild' && command !== 'build') {
  console.error(`prebuild_node_gyp: only "rebuild" and "build" are supported, got "${command}"`);
  process.exit(2);
}
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const cmakeArgs = [
  cmakeJs,
  command,
  '--directory',
  root,
  '--out',
  join(process.cwd(), 'build'),
  '--log-level',
  'warn',
];
const arch = flag('arch');
if (arch) cmakeArgs.push('--arch', arch);
if (args.includes('--debug')) cmakeArgs.push('--debug');
if (process.env.TAUFLOW_CUDA) cmakeArgs.push(`--CDTAUFLOW_CUDA=${process.env.TAUFLOW_CUDA}`);
if (process.env.TAUFLOW_CUDA_ARCHITECTURES)
  cmakeArgs.push(`--CDTAUFLOW_CUDA_ARCHITECTURES=${process.env.TAUFLOW_CUDA_ARCHITECTURES}`);

console.error(`prebuild_node_gyp: node ${cmakeArgs.map((a) => (a === cmakeJs ? 'cmake-js' : a)).join(' ')}`);
const result = spawnSync(process.execPath, cmakeArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
