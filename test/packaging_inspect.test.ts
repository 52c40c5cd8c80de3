// scripts/prebuild_inspect.mjs reads an addon's ELF dependencies and embedded CUDA code without
// cuobjdump. It is checked against nvcc itself (a tiny kernel compiled for chosen architectures),
// then used on the binary this checkout loads: no libcudart.so, and with CUDA compiled in, SASS for
// every configured architecture plus PTX for the last.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { inspectBinary } from '../scripts/prebuild_inspect.mjs';
import { native, nativePath } from '../src/native.js';

interface Inspected {
  bytes: number;
  needed: string[];
  requires: { glibc: string | null; glibcxx: string | null };
  cuda: { sass: number[]; ptx: number[]; fatbinBytes: number };
}
const inspect = inspectBinary as (file: string) => Inspected;

const hasNvcc = spawnSync('nvcc', ['--version'], { encoding: 'utf8' }).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'tauflow-inspect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The SASS list the loaded binary was configured with: its CMake cache if it has one, else the default. */
function configuredArchitectures(binary: string): number[] {
  const cache = join(dirname(binary), '..', 'CMakeCache.txt');
  const m = existsSync(cache) && /^TAUFLOW_CUDA_ARCHITECTURES:\w+=(.*)$/m.exec(readFileSync(cache, 'utf8'));
  return (m ? m[1] : '80;86;89;90').split(';').filter(Boolean).map(Number);
}

describe('prebuild_inspect', () => {
  const nvccTitle = 'lists exactly the SASS and PTX nvcc was asked to embed';
  it.skipIf(!hasNvcc)(hasNvcc ? nvccTitle : `${nvccTitle} (skipped: nvcc not on PATH)`, () => {
    const cu = join(scratch, 'k.cu');
    const so = join(scratch, 'k.so');
    writeFileSync(cu, '__global__ void twice(float* x) { x[threadIdx.x] *= 2.0f; }\n');
    const r = spawnSync(
      'nvcc',
      [
        '-shared',
        '-Xcompiler',
        '-fPIC',
        '-cudart',
        'static',
        '-gencode',
        'arch=compute_75,code=sm_75',
        '-gencode',
        'arch=compute_86,code=sm_86',
        '-gencode',
        'arch=compute_87,code=compute_87',
        '-o',
        so,
        cu,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const info = inspect(so);
    expect(info.cuda.sass).toEqual([75, 86]);
    expect(info.cuda.ptx).toEqual([87]);
    expect(info.needed.some((l) => /cudart/.test(l))).toBe(false);
  });

  it('rejects a file that is not ELF', () => {
    const f = join(scratch, 'not.node');
    writeFileSync(f, 'MZ this is not an ELF file');
    expect(() => inspect(f)).toThrow('not an ELF file');
  });

  it.skipIf(process.platform !== 'linux')('the loaded binary needs no CUDA shared library', () => {
    const info = inspect(nativePath());
    expect(info.needed).toContain('libc.so.6');
    expect(info.needed.filter((l) => /cuda|cudart|nvrtc/.test(l))).toEqual([]);
    expect(info.requires.glibc).toMatch(/^2\.\d+$/);
  });

  it.skipIf(process.platform !== 'linux')(
    'the loaded binary carries SASS for each architecture plus PTX when CUDA is in',
    () => {
      const info = inspect(nativePath());
      if (!native().buildInfo().cuda.compiled) {
        expect(info.cuda.sass).toEqual([]);
        return;
      }
      const archs = configuredArchitectures(nativePath());
      expect(info.cuda.sass).toEqual(archs);
      expect(info.cuda.ptx).toEqual([archs[archs.length - 1]]);
    },
  );
});
