// Where the fused surrogate runs: the caller's 'auto' | 'cpu' | 'cuda' becomes 'cpu' or 'cuda'.
import { native } from '../native.js';
import { rangeError } from '../validate.js';
import type { DeviceChoice } from './kernel_names.js';

/**
 * 'auto' sends a call to CUDA when a device is usable and the call has at least this many pairs
 * (B · n(n−1)/2); below it the host↔device copies and the launch cost more than the CPU pass.
 *
 * PROVISIONAL: no GPU was available when this was written, so the crossover has not been
 * measured. 2^22 pairs (n ≈ 2,900 for one list) is a placeholder on the safe side: the CPU pass
 * takes tens of milliseconds there, far more than copying O(B·n) floats. Measure it with
 * `npx tsx bench/soft_kendall_device.ts` on a machine with a GPU (bench/gpu.sh runs it) and put
 * the measured crossover here.
 */
export const AUTO_CUDA_MIN_PAIRS = 2 ** 22;

let cudaDevices: number | undefined;

/** Usable CUDA devices, asked once per process (0 when built without CUDA or with no GPU). */
export function cudaDeviceCount(): number {
  if (cudaDevices === undefined) cudaDevices = native().cudaDeviceCount();
  return cudaDevices;
}

/** Resolves the device for one call over B lists of n elements. */
export function resolveDevice(fn: string, device: DeviceChoice, batch: number, n: number): 'cpu' | 'cuda' {
  if (device === 'cpu') return 'cpu';
  if (device === 'cuda') {
    if (cudaDeviceCount() === 0)
      throw rangeError(
        fn,
        'options.device',
        "'auto' or 'cpu' (no CUDA device is usable: tauflow was built without CUDA, or no GPU/driver was found)",
        device,
      );
    return 'cuda';
  }
  const pairs = (batch * n * (n - 1)) / 2;
  return pairs >= AUTO_CUDA_MIN_PAIRS && cudaDeviceCount() > 0 ? 'cuda' : 'cpu';
}
