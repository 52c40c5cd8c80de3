import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeBuildInfo } from '../binding.js';
import { formatInfo } from '../src/cli/info_command.js';
import { info } from '../src/index.js';
import { cudaUnavailableReason } from '../src/info.js';
import { nativePath, packageRoot } from '../src/native.js';
import { runCli } from './helpers/run_cli.js';

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };

describe('info()', () => {
  it('reports the package version, Node-API versions and threads', () => {
    const i = info();
    expect(i.version).toBe(pkg.version);
    expect(i.napiVersion).toBe(8);
    expect(i.nodeNapiVersion).toBe(Number(process.versions.napi));
    expect(i.nodeNapiVersion).toBeGreaterThanOrEqual(i.napiVersion);
    expect(i.nodeVersion).toBe(process.versions.node);
    expect(i.platform).toBe(`${process.platform}-${process.arch}`);
    expect(Number.isInteger(i.threads) && i.threads >= 1).toBe(true);
  });

  it('says which binary was loaded, from where, built by what', () => {
    const i = info();
    expect(i.binary.path).toBe(nativePath());
    expect(existsSync(i.binary.path)).toBe(true);
    const expected = i.binary.path.includes(`${join(packageRoot, 'build')}`) ? 'local-build' : 'prebuild';
    expect(i.binary.source).toBe(expected);
    expect(i.binary.compiler).toMatch(/^(gcc|clang|msvc) ?/);
  });

  it('keeps the CUDA fields consistent: available exactly when a device was found', () => {
    const { cuda } = info();
    expect(cuda.available).toBe(cuda.devices.length > 0);
    expect(cuda.reason === null).toBe(cuda.available);
    if (cuda.compiled) expect(cuda.runtimeVersion).toMatch(/^\d+\.\d+$/);
    else expect(cuda.runtimeVersion).toBeNull();
    if (!cuda.available) expect(cuda.reason).toMatch(/\S/);
  });

  it('honours TAUFLOW_NUM_THREADS in a fresh process', () => {
    const r = spawnSync(
      process.execPath,
      ['-e', `console.log(require(${JSON.stringify(nativePath())}).buildInfo().threads)`],
      { env: { ...process.env, TAUFLOW_NUM_THREADS: '3' }, encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('3');
  });
});

describe('cudaUnavailableReason', () => {
  const base: NativeBuildInfo['cuda'] = {
    compiled: true,
    runtimeVersion: 13000,
    driverVersion: 0,
    error: 'CUDA driver version is insufficient for CUDA runtime version',
    devices: [],
  };
  const h200 = { index: 0, name: 'H200', computeCapability: '9.0', totalMemory: 1, multiprocessors: 132 };

  it('explains a binary without CUDA', () => {
    expect(cudaUnavailableReason({ ...base, compiled: false, runtimeVersion: null })).toMatch(
      /^this binary was built without CUDA/,
    );
  });
  it('explains a missing driver, with the driver CUDA 13 needs', () => {
    expect(cudaUnavailableReason(base)).toBe(
      'no NVIDIA driver found (libcuda.so.1 did not load); the CUDA 13.0 runtime needs driver >= 580',
    );
  });
  it('explains a driver too old for the runtime', () => {
    expect(cudaUnavailableReason({ ...base, driverVersion: 12040 })).toBe(
      'the NVIDIA driver supports CUDA 12.4, older than the CUDA 13.0 runtime in this binary; update the driver to >= 580',
    );
  });
  it('passes on the runtime error when the driver is fine but no device is found', () => {
    expect(
      cudaUnavailableReason({ ...base, driverVersion: 13000, error: 'no CUDA-capable device is detected' }),
    ).toBe('no CUDA device found (no CUDA-capable device is detected)');
  });
  it('is null when a device is there', () => {
    expect(cudaUnavailableReason({ ...base, driverVersion: 13000, error: null, devices: [h200] })).toBeNull();
  });
});

describe('tauflow info', () => {
  it('--json prints the same object info() returns', async () => {
    const { code, out } = await runCli('info', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(info())));
  });

  it('prints one fact per line, with the reason when CUDA is unavailable', async () => {
    const { code, out } = await runCli('info');
    expect(code).toBe(0);
    const i = info();
    expect(out).toBe(`${formatInfo(i)}\n`);
    expect(out).toContain(`tauflow ${pkg.version} on Node ${process.versions.node}`);
    expect(out).toContain(`binary:   ${i.binary.path}`);
    expect(out).toContain(`${i.binary.source}, Node-API 8, built with ${i.binary.compiler}`);
    expect(out).toContain(`threads:  ${i.threads}`);
    if (i.cuda.reason) expect(out).toContain(`CPU only: ${i.cuda.reason}`);
  });

  it('formats devices with their capability and memory', () => {
    const i = info();
    const withGpu = {
      ...i,
      cuda: {
        ...i.cuda,
        compiled: true,
        runtimeVersion: '13.0',
        driverVersion: '13.0',
        available: true,
        reason: null,
        devices: [
          {
            index: 0,
            name: 'NVIDIA H200',
            computeCapability: '9.0',
            totalMemory: 150 * 2 ** 30,
            multiprocessors: 132,
          },
        ],
      },
    };
    const text = formatInfo(withGpu);
    expect(text).toContain('devices:  #0 NVIDIA H200 (sm 9.0, 150.0 GiB)');
    expect(text).toContain('driver:   supports CUDA 13.0');
    expect(text).not.toContain('CPU only');
  });
});
