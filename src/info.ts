// info(): what is installed and what it can use — the package and Node-API versions, whether CUDA
// was compiled in, the devices found (and why none, when none), the threads used and which binary
// was loaded from where.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { NativeBuildInfo, NativeDeviceInfo } from '../binding.js';
import { native, nativePath, packageRoot } from './native.js';

/**
 * Where the loaded binary came from, in node-gyp-build's order of preference:
 * 'local-build' (build/Release, compiled on this machine), 'prebuild' (prebuilds/, shipped in the
 * package), 'override' (TAUFLOW_PREBUILD pointed elsewhere), 'other'.
 */
export type BinarySource = 'local-build' | 'prebuild' | 'override' | 'other';

export interface TauflowInfo {
  /** tauflow's package version */
  version: string;
  /** the Node-API version the binary was built for (it loads on any Node that provides it) */
  napiVersion: number;
  /** the Node-API version this Node provides */
  nodeNapiVersion: number;
  nodeVersion: string;
  platform: string;
  /** threads used by parallel native work (TAUFLOW_NUM_THREADS, else the hardware count) */
  threads: number;
  binary: { path: string; source: BinarySource; compiler: string };
  cuda: {
    /** whether the CUDA kernels are in the binary */
    compiled: boolean;
    /** CUDA runtime linked into the binary, e.g. "13.0" */
    runtimeVersion: string | null;
    /** highest CUDA version the installed driver supports, e.g. "13.0"; null without a driver */
    driverVersion: string | null;
    devices: NativeDeviceInfo[];
    /** true when at least one device can run the kernels (what `device: 'auto'` picks) */
    available: boolean;
    /** why CUDA is not available, in words; null when it is */
    reason: string | null;
    /** the CUDA runtime's own error string from the device query, if any */
    error: string | null;
  };
}

/** The minimum Linux driver branch of the CUDA 13 runtime (NVIDIA's minor-version compatibility table). */
export const CUDA13_MIN_DRIVER = '580';

/** CUDA encodes 13.0 as 13000. */
function cudaVersionString(v: number | null): string | null {
  if (!v) return null;
  return `${Math.floor(v / 1000)}.${Math.floor((v % 1000) / 10)}`;
}

/**
 * Why CUDA cannot be used with this binary on this machine, or null when a device is usable.
 * @example
 * cudaUnavailableReason({ compiled: true, runtimeVersion: 13000, driverVersion: 0, devices: [], error: null });
 * // 'no NVIDIA driver found (libcuda.so.1 did not load); the CUDA 13.0 runtime needs driver >= 580'
 */
export function cudaUnavailableReason(cuda: NativeBuildInfo['cuda']): string | null {
  if (!cuda.compiled)
    return 'this binary was built without CUDA (no nvcc at build time); rebuild from source with CUDA 13 to add it';
  if (cuda.devices.length > 0) return null;
  const runtime = cudaVersionString(cuda.runtimeVersion) ?? '13';
  if (!cuda.driverVersion)
    return `no NVIDIA driver found (libcuda.so.1 did not load); the CUDA ${runtime} runtime needs driver >= ${CUDA13_MIN_DRIVER}`;
  if (cuda.runtimeVersion && Math.floor(cuda.driverVersion / 1000) < Math.floor(cuda.runtimeVersion / 1000))
    return (
      `the NVIDIA driver supports CUDA ${cudaVersionString(cuda.driverVersion)}, older than the CUDA ${runtime} ` +
      `runtime in this binary; update the driver to >= ${CUDA13_MIN_DRIVER}`
    );
  return `no CUDA device found${cuda.error ? ` (${cuda.error})` : ''}`;
}

function binarySource(path: string): BinarySource {
  if (process.env.TAUFLOW_PREBUILD) return 'override';
  const rel = relative(packageRoot, path);
  if (rel.startsWith(`build${sep}`)) return 'local-build';
  if (rel.startsWith(`prebuilds${sep}`)) return 'prebuild';
  return 'other';
}

/**
 * Describe the installed tauflow and the native binary in use.
 * @example
 * import { info } from 'tauflow';
 * const i = info();
 * console.log(i.binary.source, i.binary.path); // 'prebuild' '/…/node_modules/tauflow/prebuilds/linux-x64/tauflow.node'
 * console.log(i.cuda.compiled, i.cuda.available, i.cuda.reason);
 */
export function info(): TauflowInfo {
  const b = native().buildInfo();
  const path = nativePath();
  const pkg = JSON.parse(readFileSync(`${packageRoot}/package.json`, 'utf8')) as { version: string };
  const reason = cudaUnavailableReason(b.cuda);
  return {
    version: pkg.version,
    napiVersion: b.napiVersion,
    nodeNapiVersion: Number(process.versions.napi),
    nodeVersion: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    threads: b.threads,
    binary: { path, source: binarySource(path), compiler: b.compiler },
    cuda: {
      compiled: b.cuda.compiled,
      runtimeVersion: cudaVersionString(b.cuda.runtimeVersion),
      driverVersion: cudaVersionString(b.cuda.driverVersion),
      devices: b.cuda.devices,
      available: reason === null,
      reason,
      error: b.cuda.error,
    },
  };
}
