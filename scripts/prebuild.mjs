#!/usr/bin/env node
// `npm run prebuild`: build the shipped binary prebuilds/<platform>-<arch>/tauflow.node with
// prebuildify (Node-API, so one file serves every Node >= 20.17; stripped), driving cmake-js
// through scripts/prebuild_node_gyp.mjs in a staging tree (build-prebuild/, a clean CMake build)
// so a developer's build/Release is left alone, then check what was built:
//  - it loads in a fresh Node process, and node-gyp-build resolves the package to it unless a
//    local build/Release shadows it (a note here; the packed tarball never contains build/);
//  - it does not need libcudart.so (the CUDA runtime is linked statically);
//  - when a CUDA compiler was found, it embeds SASS for every TAUFLOW_CUDA_ARCHITECTURES entry
//    (default 80;86;89;90) plus PTX for the last, and buildInfo() says CUDA is compiled in.
// Any failed check exits 1, so CI turns red when the packaging path breaks.
//
// Environment: TAUFLOW_CUDA=OFF builds CPU-only; TAUFLOW_CUDA_ARCHITECTURES="80;90" overrides the
// SASS list; TAUFLOW_PREBUILD_EXPECT_CUDA=0|1 overrides whether CUDA must be compiled in.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectBinary } from './prebuild_inspect.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const shim = join(root, 'scripts', 'prebuild_node_gyp.mjs');
const staging = join(root, 'build-prebuild');
const target = join(root, 'prebuilds', `${process.platform}-${process.arch}`, 'tauflow.node');

function onPath(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

const cudaWanted = (process.env.TAUFLOW_CUDA ?? 'ON').toUpperCase() !== 'OFF';
const expectCuda =
  process.env.TAUFLOW_PREBUILD_EXPECT_CUDA !== undefined
    ? process.env.TAUFLOW_PREBUILD_EXPECT_CUDA === '1'
    : cudaWanted && (Boolean(process.env.CUDACXX) || onPath('nvcc'));
const archs = (process.env.TAUFLOW_CUDA_ARCHITECTURES ?? '80;86;89;90')
  .split(';')
  .filter(Boolean)
  .map(Number);

const started = Date.now();
const prebuildify = require('prebuildify');
mkdirSync(staging, { recursive: true });
await new Promise((resolve, reject) => {
  prebuildify(
    {
      cwd: staging,
      out: root,
      name: 'tauflow',
      napi: true,
      strip: true,
      nodeGyp: shim,
      targets: [`node@${process.versions.node}`],
    },
    (err) => (err ? reject(err) : resolve()),
  );
}).catch((err) => {
  console.error(`prebuild: prebuildify failed: ${err.message}`);
  process.exit(1);
});
const seconds = ((Date.now() - started) / 1000).toFixed(0);

// Load in a fresh process (a broken binary must not take this script down with it) and ask
// node-gyp-build which file it would pick for the package now.
const probe = spawnSync(
  process.execPath,
  [
    '-e',
    `const b = require(${JSON.stringify(target)}).buildInfo();
     const picked = require('node-gyp-build').path(${JSON.stringify(root)});
     console.log(JSON.stringify({ cuda: b.cuda, napiVersion: b.napiVersion, picked }));`,
  ],
  { cwd: root, encoding: 'utf8' },
);
const failures = [];
let loaded = null;
if (probe.status !== 0) failures.push(`the binary does not load: ${probe.stderr.trim().split('\n')[0]}`);
else loaded = JSON.parse(probe.stdout);

const inspected = inspectBinary(target);
const cudart = inspected.needed.filter((lib) => /cudart/.test(lib));
if (cudart.length) failures.push(`it needs ${cudart.join(', ')}; the CUDA runtime must be linked statically`);
const shadowed = loaded && loaded.picked !== target;
if (shadowed && !relative(root, loaded.picked).startsWith('build'))
  failures.push(`node-gyp-build picks ${loaded.picked} instead of the prebuild`);
if (expectCuda) {
  if (loaded && !loaded.cuda.compiled)
    failures.push('a CUDA compiler is on PATH but the binary has no CUDA compiled in');
  const missing = archs.filter((a) => !inspected.cuda.sass.includes(a));
  if (missing.length) failures.push(`no SASS for ${missing.map((a) => `sm_${a}`).join(', ')}`);
  const last = archs[archs.length - 1];
  if (!inspected.cuda.ptx.includes(last)) failures.push(`no PTX for compute_${last}`);
} else if (loaded?.cuda.compiled) {
  console.log('prebuild: note: CUDA compiled in although none was expected');
}

const sm = (xs) => xs.map((x) => `sm_${x}`).join(' ') || 'none';
console.log(
  [
    `prebuild: ${relative(root, target)} in ${seconds} s`,
    `  size:      ${inspected.bytes} bytes (${(inspected.bytes / 2 ** 20).toFixed(2)} MiB)`,
    `  needs:     ${inspected.needed.join(' ')} (GLIBC >= ${inspected.requires.glibc}, GLIBCXX >= ${inspected.requires.glibcxx})`,
    `  CUDA:      ${loaded?.cuda.compiled ? `compiled in, runtime ${Math.floor(loaded.cuda.runtimeVersion / 1000)}.${(loaded.cuda.runtimeVersion % 1000) / 10}` : 'not compiled in'}; SASS ${sm(inspected.cuda.sass)}; PTX ${sm(inspected.cuda.ptx).replaceAll('sm_', 'compute_')}`,
    `  here:      ${loaded ? `${loaded.cuda.devices.length} device(s)${loaded.cuda.error ? ` (${loaded.cuda.error})` : ''}` : 'did not load'}`,
    shadowed
      ? `  note:      ${relative(root, loaded.picked)} shadows it in this checkout (node-gyp-build prefers a local build; the tarball ships none)`
      : '',
  ]
    .filter(Boolean)
    .join('\n'),
);
if (failures.length) {
  console.error(`prebuild: FAILED\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
