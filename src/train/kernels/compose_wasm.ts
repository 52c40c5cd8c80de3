// Helpers for kernels composed from the wasm backend's own kernels. Inside a kernelFunc tf ops
// must not be called (the engine is mid-kernel), so these call kernelFuncs directly and leave
// freeing temporaries (backend.disposeData) to the caller.
import { getKernel, type KernelBackend, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';

/** Runs a wasm kernel; the caller owns (and must dispose) the result. */
export function runWasmKernel(
  name: string,
  backend: KernelBackend,
  inputs: Record<string, TensorInfo>,
  attrs: Record<string, unknown>,
): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`tauflow wasm kernels: the wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as NamedAttrMap }) as TensorInfo;
}

/** Collects temporaries and frees them all at once. */
export class Temporaries {
  private readonly list: TensorInfo[] = [];
  constructor(private readonly backend: KernelBackend) {}

  keep(t: TensorInfo): TensorInfo {
    this.list.push(t);
    return t;
  }

  disposeAll(): void {
    for (const t of this.list) this.backend.disposeData(t.dataId);
    this.list.length = 0;
  }
}

/**
 * Pads (positive amounts) or crops (negative amounts) an NHWC tensor's rows and columns with
 * zeros: PadV2 for the positive parts, Slice for the negative ones.
 */
export function padOrCropHW(
  x: TensorInfo,
  backend: KernelBackend,
  temps: Temporaries,
  top: number,
  bottom: number,
  left: number,
  right: number,
): TensorInfo {
  let out = x;
  if (top < 0 || bottom < 0 || left < 0 || right < 0) {
    const [n, h, w, c] = out.shape;
    const begin = [0, Math.max(0, -top), Math.max(0, -left), 0];
    const size = [n, h - begin[1] - Math.max(0, -bottom), w - begin[2] - Math.max(0, -right), c];
    out = temps.keep(runWasmKernel('Slice', backend, { x: out }, { begin, size }));
  }
  const [pt, pb, pl, pr] = [top, bottom, left, right].map((p) => Math.max(0, p));
  if (pt || pb || pl || pr)
    out = temps.keep(
      runWasmKernel(
        'PadV2',
        backend,
        { x: out },
        {
          paddings: [
            [0, 0],
            [pt, pb],
            [pl, pr],
            [0, 0],
          ],
          constantValue: 0,
        },
      ),
    );
  return out;
}
