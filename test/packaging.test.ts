// End to end: the package as a user gets it. Build the prebuilt binary (or reuse the one CI just
// built), `npm pack` the package, install the tarball into a fresh project with no cmake, C/C++
// compiler, make or nvcc reachable, and use it there: info(), kendallTau, and a softKendall
// forward + backward step, with `device: 'cuda'` refused clearly and `'auto'` on the CPU when no
// GPU is usable; once more installed with --ignore-scripts; finally rebuilt from the shipped
// sources. Slow (two npm installs, about half a minute, then a CPU-only source build of one to two
// minutes), so it runs under CI=true or TAUFLOW_PACK_TEST=1 and is skipped, with that reason in
// its name, otherwise.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { inspectBinary } from '../scripts/prebuild_inspect.mjs';
import { packageRoot } from '../src/native.js';
import { noCompilerEnv, onPath } from './packaging_env.js';

const enabled = process.env.CI === 'true' || process.env.TAUFLOW_PACK_TEST === '1';
const hasNpm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
const reason = !enabled
  ? ' (skipped: slow; runs under CI=true or TAUFLOW_PACK_TEST=1)'
  : !hasNpm
    ? ' (skipped: npm is not on PATH, so the package cannot be packed)'
    : '';
const tag = `${process.platform}-${process.arch}`;
const canBuild = onPath('cmake', process.env) && (onPath('c++', process.env) || onPath('g++', process.env));
const prebuild = join(packageRoot, 'prebuilds', tag, 'tauflow.node');
/** What the source tree offers, so each end-to-end check runs once its feature has landed. */
const hasKendall = /\bkendallTau\b/.test(readFileSync(join(packageRoot, 'src', 'index.ts'), 'utf8'));
const hasTfjs = existsSync(join(packageRoot, 'src', 'tfjs', 'index.ts'));

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}
interface ConsumerReport {
  info: {
    version: string;
    binary: { path: string; source: string };
    cuda: { compiled: boolean; devices: unknown[]; available: boolean; reason: string | null };
  };
  kendall?: { statistic: number; pvalue: number };
  soft?: { value: number; naive: number; grad: number[]; naiveGrad: number[] };
  cudaError?: { name: string; message: string } | null;
}

let scratch: string;
let noCompiler: NodeJS.ProcessEnv;
let pack: PackResult;
let tarball: string;
let consumer: string;
let installOutput: string;

/**
 * The environment a user installing tauflow would have: without npm's own variables from an outer
 * `npm test` (they would steer npm), and without tauflow's build switches (.ci/run exports
 * TAUFLOW_BUILD_FROM_SOURCE=1 for its own npm ci, which would make the consumer's install build).
 */
function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env))
    if (!/^(npm_|TAUFLOW_(BUILD_FROM_SOURCE|CUDA|PREBUILD)$)/i.test(k) && k !== 'INIT_CWD') out[k] = v;
  return out;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`.slice(-4000));
  return r;
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(p).map((n) => join(p, n))));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** Reuse prebuilds/ when it is newer than every native source; otherwise build it (minutes with CUDA). */
function ensurePrebuild(env: NodeJS.ProcessEnv): void {
  const sources = ['native', 'CMakeLists.txt', 'scripts/prebuild.mjs', 'scripts/prebuild_node_gyp.mjs'];
  const stale =
    !existsSync(prebuild) ||
    statSync(prebuild).mtimeMs < newestMtime(sources.map((s) => join(packageRoot, s)));
  if (stale) run(process.execPath, [join(packageRoot, 'scripts', 'prebuild.mjs')], packageRoot, env);
}

/** dist/ is what the tarball ships: rebuild it only when a source is newer (CI's npm ci just built it). */
function ensureDist(env: NodeJS.ProcessEnv): void {
  const dist = join(packageRoot, 'dist', 'index.js');
  const stale =
    !existsSync(dist) ||
    statSync(dist).mtimeMs < newestMtime([join(packageRoot, 'src'), join(packageRoot, 'binding.d.ts')]);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  if (stale) run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], packageRoot, env);
}

const CHECK_SCRIPT = `
import * as tauflow from 'tauflow';
const out = { info: tauflow.info() };
if (process.argv.includes('--kendall')) {
  // Adjacent pairs swapped: 5 discordant of 45 pairs, no ties, so tau = (40 - 5) / 45.
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const y = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9];
  const r = tauflow.kendallTau(x, y);
  out.kendall = { statistic: r.statistic, pvalue: r.pvalue };
}
if (process.argv.includes('--tfjs')) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const { softKendall } = await import('tauflow/tfjs');
  const p = [0.1, 0.4, 0.2, 0.9, 0.5, 0.45];
  const y = [1, 3, 2, 5, 4, 3];
  const opts = { surrogate: 'tanh', alpha: 2, normalization: 'tau-b' };
  // Float64 reference: soft tau-b = sum s t / sqrt(sum s^2 * sum t^2) over i < j, s = tanh(alpha dp).
  const naive = (q) => {
    let st = 0, ss = 0, tt = 0;
    for (let i = 0; i < q.length; i++)
      for (let j = i + 1; j < q.length; j++) {
        const s = Math.tanh(opts.alpha * (q[i] - q[j]));
        const t = Math.sign(y[i] - y[j]);
        st += s * t; ss += s * s; tt += t * t;
      }
    return st / Math.sqrt(ss * tt);
  };
  const naiveGrad = p.map((_, k) => {
    const h = 1e-6, up = p.slice(), dn = p.slice();
    up[k] += h; dn[k] -= h;
    return (naive(up) - naive(dn)) / (2 * h);
  });
  const yt = tf.tensor1d(y);
  const { value, grad } = tf.valueAndGrad((q) => softKendall(q, yt, { ...opts, device: 'auto' }))(tf.tensor1d(p));
  out.soft = { value: value.dataSync()[0], naive: naive(p), grad: Array.from(grad.dataSync()), naiveGrad };
  try {
    softKendall(tf.tensor1d(p), yt, { ...opts, device: 'cuda' });
    out.cudaError = null;
  } catch (e) {
    out.cudaError = { name: e.name, message: e.message };
  }
}
console.log(JSON.stringify(out));
`;

describe.skipIf(reason !== '')(`the packed package in a project with no compiler${reason}`, () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'tauflow-pack-'));
    const env = cleanEnv(process.env);
    ensurePrebuild(env);
    ensureDist(env);
    const packed = run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch],
      packageRoot,
      env,
    );
    pack = (JSON.parse(packed.stdout) as PackResult[])[0];
    tarball = join(scratch, pack.filename);
    console.log(
      `packaging: ${pack.filename} ${pack.size} bytes packed, ${pack.unpackedSize} unpacked, ${pack.files.length} files`,
    );

    noCompiler = noCompilerEnv(join(scratch, 'bin'), env);
    consumer = join(scratch, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    writeFileSync(join(consumer, 'check.mjs'), CHECK_SCRIPT);
    const installed = run(
      'npm',
      ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--foreground-scripts'],
      consumer,
      noCompiler,
    );
    installOutput = `${installed.stdout}\n${installed.stderr}`;
  }, 600_000);
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('packs the prebuilt binary, dist/ and what a source build needs, and nothing else', () => {
    const paths = pack.files.map((f) => f.path);
    for (const needed of [
      `prebuilds/${tag}/tauflow.node`,
      'dist/index.js',
      'dist/index.d.ts',
      'bin/tauflow.js',
      'binding.d.ts',
      'CMakeLists.txt',
      'scripts/install.mjs',
      'native/addon/addon.cc',
      'package.json',
      'README.md',
    ])
      expect(paths, needed).toContain(needed);
    if (hasTfjs) expect(paths).toContain('dist/tfjs/index.js');
    const unwanted = paths.filter((p) =>
      /^(build|build-[^/]*|node_modules|test|bench|src|\.ci|runs)\/|^scripts\/prebuild|\.tgz$|CMakeCache|\/build\//.test(
        p,
      ),
    );
    expect(unwanted).toEqual([]);
    const prebuiltBytes = pack.files.find((f) => f.path === `prebuilds/${tag}/tauflow.node`)!.size;
    expect(prebuiltBytes).toBe(statSync(prebuild).size);
    // The binary dominates; anything else big (data, examples) should not ride along.
    const others = pack.unpackedSize - prebuiltBytes;
    expect(others).toBeLessThan(4 * 2 ** 20);
  });

  it('installs with no build tool reachable: the install hook takes the prebuild', () => {
    for (const tool of ['cmake', 'c++', 'g++', 'cc', 'nvcc', 'make'])
      expect(onPath(tool, noCompiler), tool).toBe(false);
    expect(installOutput).toContain(`tauflow: using prebuilds/${tag}/tauflow.node`);
    expect(installOutput).not.toMatch(/building the native addon from source/);
    const installedRoot = join(consumer, 'node_modules', 'tauflow');
    expect(existsSync(join(installedRoot, 'build'))).toBe(false);
    expect(readdirSync(join(installedRoot, 'prebuilds', tag))).toEqual(['tauflow.node']);
  });

  it('loads the prebuild there; info() reports CUDA compiled in (when built with nvcc) and no device', () => {
    const r = run(process.execPath, ['check.mjs'], consumer, noCompiler);
    const report = JSON.parse(r.stdout) as ConsumerReport;
    const installed = join(consumer, 'node_modules', 'tauflow', 'prebuilds', tag, 'tauflow.node');
    expect(report.info.binary.path).toBe(installed);
    expect(report.info.binary.source).toBe('prebuild');
    const builtWithCuda = (inspectBinary(prebuild) as { cuda: { sass: number[] } }).cuda.sass.length > 0;
    expect(report.info.cuda.compiled).toBe(builtWithCuda);
    if (onPath('nvcc', process.env)) expect(report.info.cuda.compiled).toBe(true);
    if (!existsSync('/dev/nvidia0')) {
      expect(report.info.cuda.devices).toEqual([]);
      expect(report.info.cuda.available).toBe(false);
      expect(report.info.cuda.reason).toMatch(/\S/);
    }
  });

  it('works without the install hook too (npm install --ignore-scripts, as an allowScripts deny does)', () => {
    const bare = join(scratch, 'consumer-no-scripts');
    mkdirSync(bare);
    writeFileSync(
      join(bare, 'package.json'),
      JSON.stringify({ name: 'bare', private: true, type: 'module' }),
    );
    writeFileSync(join(bare, 'check.mjs'), CHECK_SCRIPT);
    const installed = run(
      'npm',
      ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'],
      bare,
      noCompiler,
    );
    expect(`${installed.stdout}${installed.stderr}`).not.toContain('tauflow: using');
    const report = JSON.parse(
      run(process.execPath, ['check.mjs'], bare, noCompiler).stdout,
    ) as ConsumerReport;
    expect(report.info.binary.source).toBe('prebuild');
    expect(report.info.binary.path).toBe(
      join(bare, 'node_modules', 'tauflow', 'prebuilds', tag, 'tauflow.node'),
    );
  });

  it('the CLI runs there too (tauflow info --json)', () => {
    const r = run(
      join(consumer, 'node_modules', '.bin', 'tauflow'),
      ['info', '--json'],
      consumer,
      noCompiler,
    );
    const i = JSON.parse(r.stdout) as ConsumerReport['info'];
    expect(i.binary.source).toBe('prebuild');
    expect(relative(consumer, i.binary.path)).toBe(
      join('node_modules', 'tauflow', 'prebuilds', tag, 'tauflow.node'),
    );
  });

  it.skipIf(!hasKendall)(
    `kendallTau gives the exact tau there${hasKendall ? '' : ' (skipped: kendallTau is not in this tree yet)'}`,
    () => {
      const r = run(process.execPath, ['check.mjs', '--kendall'], consumer, noCompiler);
      const report = JSON.parse(r.stdout) as ConsumerReport;
      expect(report.kendall!.statistic).toBeCloseTo(35 / 45, 12);
      expect(report.kendall!.pvalue).toBeGreaterThan(0);
      expect(report.kendall!.pvalue).toBeLessThan(0.01);
    },
  );

  it.skipIf(!hasTfjs)(
    `softKendall forward + backward matches float64 there; 'cuda' is refused without a GPU${hasTfjs ? '' : ' (skipped: tauflow/tfjs is not in this tree yet)'}`,
    () => {
      const r = run(process.execPath, ['check.mjs', '--tfjs'], consumer, noCompiler);
      const report = JSON.parse(r.stdout) as ConsumerReport;
      const soft = report.soft!;
      expect(soft.value).toBeCloseTo(soft.naive, 5);
      expect(Math.abs(soft.value)).toBeLessThanOrEqual(1);
      soft.grad.forEach((g, k) => {
        expect(g, `grad[${k}]`).toBeCloseTo(soft.naiveGrad[k], 3);
      });
      // Shifting every prediction by the same amount changes nothing, so the gradient sums to 0.
      expect(Math.abs(soft.grad.reduce((a, b) => a + b, 0))).toBeLessThan(1e-5);
      if (!report.info.cuda.available) {
        expect(report.cudaError).not.toBeNull();
        expect(report.cudaError!.name).toBe('RangeError');
        expect(report.cudaError!.message).toMatch(/^softKendall: .*options\.device/);
        expect(report.cudaError!.message).toMatch(/CUDA/);
      }
    },
  );
  // Last: it replaces the binary the consumer loads. CPU-only: one to two minutes on 2 cores.
  it.skipIf(!canBuild)(
    `the shipped sources rebuild it: npm rebuild --build-from-source, and the local build takes over${canBuild ? '' : ' (skipped: no cmake or C++ compiler here)'}`,
    () => {
      const env = { ...cleanEnv(process.env), TAUFLOW_CUDA: 'OFF' };
      const rebuilt = run(
        'npm',
        ['rebuild', 'tauflow', '--build-from-source', '--foreground-scripts'],
        consumer,
        env,
      );
      expect(`${rebuilt.stdout}${rebuilt.stderr}`).toContain(
        'tauflow: built build/Release/tauflow.node from source (CPU only)',
      );
      const report = JSON.parse(
        run(process.execPath, ['check.mjs'], consumer, noCompiler).stdout,
      ) as ConsumerReport;
      expect(report.info.binary.source).toBe('local-build');
      expect(report.info.binary.path).toBe(
        join(consumer, 'node_modules', 'tauflow', 'build', 'Release', 'tauflow.node'),
      );
      expect(report.info.cuda.compiled).toBe(false);
      if (hasKendall) {
        const k = JSON.parse(run(process.execPath, ['check.mjs', '--kendall'], consumer, noCompiler).stdout);
        expect(k.kendall.statistic).toBeCloseTo(35 / 45, 12);
      }
    },
    400_000,
  );
});
