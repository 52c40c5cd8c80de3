// scripts/install.mjs (the npm "install" hook) in a scratch package root: it takes a prebuilt
// binary that loads without any build tool, and when none fits and no tools are there it fails
// with one short actionable message instead of running CMake.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativePath, packageRoot } from '../src/native.js';
import { noCompilerEnv, onPath } from './packaging_env.js';

const tag = `${process.platform}-${process.arch}`;
let scratch: string;
let env: NodeJS.ProcessEnv;

/** A package root holding only what the hook reads: package.json, the script, node_modules. */
function makeRoot(name: string, prebuild?: 'real' | 'garbage'): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'scripts'), { recursive: true });
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'tauflow', version: '0.0.0', binary: { napi_versions: [8] } }),
  );
  copyFileSync(join(packageRoot, 'scripts', 'install.mjs'), join(root, 'scripts', 'install.mjs'));
  symlinkSync(join(packageRoot, 'node_modules'), join(root, 'node_modules'));
  if (prebuild) {
    mkdirSync(join(root, 'prebuilds', tag), { recursive: true });
    const dest = join(root, 'prebuilds', tag, 'tauflow.node');
    if (prebuild === 'real') copyFileSync(nativePath(), dest);
    else writeFileSync(dest, 'not an ELF file');
  }
  return root;
}

/** Runs the hook under the no-compiler PATH; CXX and friends are unset unless `extra` sets them. */
function runHook(root: string, extra: NodeJS.ProcessEnv = {}) {
  const { CC, CXX, CUDACXX, ...plain } = env;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'install.mjs')], {
    cwd: root,
    env: { ...plain, ...extra },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tauflow-install-hook-'));
  const base = { ...process.env };
  delete base.TAUFLOW_BUILD_FROM_SOURCE;
  delete base.npm_config_build_from_source;
  env = noCompilerEnv(join(scratch, 'bin'), base);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('scripts/install.mjs with no build tools on PATH', () => {
  it('really has no cmake, compiler or nvcc on that PATH', () => {
    for (const tool of ['cmake', 'c++', 'g++', 'gcc', 'cc', 'clang++', 'nvcc', 'make', 'ninja'])
      expect(onPath(tool, env), tool).toBe(false);
    expect(onPath('node', env)).toBe(true);
  });

  it('uses a prebuilt binary that loads, and builds nothing', () => {
    const r = runHook(makeRoot('with-prebuild', 'real'));
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`tauflow: using prebuilds/${tag}/tauflow.node`);
    expect(r.status).toBe(0);
  });

  it('with no binary at all, names what it tried and what is missing, without running CMake', () => {
    const r = runHook(makeRoot('empty'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`tauflow: no native binary for ${tag} (Node-API 8) could be loaded or built.`);
    expect(r.stderr).toContain(`build/Release/*.node and prebuilds/${tag}/*.node: none present`);
    expect(r.stderr).toContain('build from source: not attempted');
    expect(r.stderr).toContain('missing: cmake (>= 3.18); a C++17 compiler (g++ or clang++); make or ninja');
    expect(r.stderr).toContain('npm rebuild tauflow');
    expect(r.stderr).not.toMatch(/CMake Error|-- /);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(10);
  });

  it('with a prebuild that does not load, says why before falling back to a source build', () => {
    const r = runHook(makeRoot('broken-prebuild', 'garbage'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `prebuilds/${tag}/tauflow\\.node: does not load here \\(.*(invalid ELF header|too short).*\\)`,
      ),
    );
    expect(r.stderr).toContain('missing: cmake (>= 3.18)');
  });

  it('skips existing binaries when a source build is requested', () => {
    const r = runHook(makeRoot('forced', 'real'), { TAUFLOW_BUILD_FROM_SOURCE: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('existing binaries skipped (build from source requested)');
  });

  it('names the CXX a user set when it does not exist', () => {
    const r = runHook(makeRoot('bad-cxx'), { CXX: '/nonexistent/g++-99' });
    expect(r.stderr).toContain('the C++ compiler CXX=/nonexistent/g++-99');
  });
});
