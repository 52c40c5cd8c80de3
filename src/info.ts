// info(): what is installed and what it can use — the package and Node-API versions, whether CUDA
// was compiled in, the devices found, the threads used and which binary was loaded from where.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NativeDeviceInfo } from '../binding.js';
import { native, nativePath, packageRoot } from './native.js';

export interface TauflowInfo {
  version: string;
  napiVersion: number;
  nodeVersion: string;
  platform: string;
  threads: number;
  binary: { path: string; source: 'local-build' | 'prebuild' | 'other' };
  cuda: {
    compiled: boolean;
    runtimeVersion: string | null;
    driverVersion: string | null;
    devices: NativeDeviceInfo[];
    error: string | null;
  };
}

/** CUDA encodes 13.0 as 13000. */
function cudaVersionString(v: number | null): string | null {
  if (!v) return null;
  return `${Math.floor(v / 1000)}.${Math.floor((v % 1000) / 10)}`;
}

/**
 * Describe the installed tauflow and the native binary in use.
 * @example
 * import { info } from 'tauflow';
 * console.log(info().cuda.compiled, info().binary.path);
 */
export function info(): TauflowInfo {
  const b = native().buildInfo();
  const path = nativePath();
  const rel = relative(packageRoot, path);
  const source = rel.startsWith(join('build', ''))
    ? 'local-build'
    : rel.startsWith('prebuilds')
      ? 'prebuild'
      : 'other';
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return {
    version: pkg.version,
    napiVersion: b.napiVersion,
    nodeVersion: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    threads: b.threads,
    binary: { path, source },
    cuda: {
      compiled: b.cuda.compiled,
      runtimeVersion: cudaVersionString(b.cuda.runtimeVersion),
      driverVersion: cudaVersionString(b.cuda.driverVersion),
      devices: b.cuda.devices,
      error: b.cuda.error,
    },
  };
}
