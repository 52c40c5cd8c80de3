// Conv2DBackpropInput for the wasm backend. wasm ships one, but it is a plain loop: at 32×32 it
// took 58% of a resnet8 training step here. The input gradient is a stride-1 convolution, so
// XNNPACK's Conv2D can do it:
//   dx[p] = Σ_a dyz[p + pt − a] · w[a]  (dyz: dy with s − 1 zeros after each element)
//         = valid correlation of dyz, padded by k − 1 − pt before, with w reversed in space and
//           its in/out channels swapped.
// Zero insertion is PadV2 on a reshaped view (rows, then columns), so only wasm kernels run.
import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { padOrCropHW, runWasmKernel, Temporaries } from './compose_wasm.js';

/** dy [N, OH, OW, C] → [N, OH·sh, OW·sw, C] with sh − 1 zero rows after each row (and columns). */
function insertZeros(
  dy: TensorInfo,
  sh: number,
  sw: number,
  backend: KernelBackend,
  temps: Temporaries,
): TensorInfo {
  const [n, oh, ow, c] = dy.shape;
  let out = dy;
  if (sh > 1) {
    const rows = temps.keep(runWasmKernel('Reshape', backend, { x: out }, { shape: [n * oh, 1, ow * c, 1] }));
    const padded = temps.keep(
      runWasmKernel(
        'PadV2',
        backend,
        { x: rows },
        {
          paddings: [
            [0, 0],
            [0, sh - 1],
            [0, 0],
            [0, 0],
          ],
          constantValue: 0,
        },
      ),
    );
    out = temps.keep(runWasmKernel('Reshape', backend, { x: padded }, { shape: [n, oh * sh, ow, c] }));
  }
  if (sw > 1) {
    const h = out.shape[1];
    const cols = temps.keep(runWasmKernel('Reshape', backend, { x: out }, { shape: [n * h * ow, 1, c, 1] }));
    const padded = temps.keep(
      runWasmKernel(
        'PadV2',
        backend,
        { x: cols },
        {
          paddings: [
            [0, 0],
            [0, sw - 1],
            [0, 0],
            [0, 0],
          ],
          constantValue: 0,
        },
      ),
    );
    out = temps.keep(runWasmKernel('Reshape', backend, { x: padded }, { shape: [n, h, ow * sw, c] }));
  }
  return out;
}

/**
 * The kernelFunc (registered by registerWasmTrainingKernels in place of wasm's own).
 *
 * @example
 * unregisterKernel('Conv2DBackpropInput', 'wasm');
 * registerKernel(conv2dBackpropInputWasmConfig);
 */
export function conv2dBackpropInputWasm(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: KernelBackend;
  attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC')
    throw new Error(`Conv2DBackpropInput (wasm): only NHWC data is supported, not ${dataFormat}`);
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const [, h, w] = inputShape;
  const temps = new Temporaries(backend);
  try {
    const dyz = insertZeros(dy, sh, sw, backend, temps);
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = h + kh - 1 - top - dyz.shape[1];
    const right = w + kw - 1 - left - dyz.shape[2];
    const padded = padOrCropHW(dyz, backend, temps, top, bottom, left, right);
    const reversed = temps.keep(runWasmKernel('Reverse', backend, { x: filter }, { dims: [0, 1] }));
    const swapped = temps.keep(runWasmKernel('Transpose', backend, { x: reversed }, { perm: [0, 1, 3, 2] }));
    return runWasmKernel(
      'Conv2D',
      backend,
      { x: padded, filter: swapped },
      {
        strides: [1, 1],
        pad: 'valid',
        dataFormat: 'NHWC',
        dilations: [1, 1],
        dimRoundingMode: undefined,
      },
    );
  } finally {
    temps.disposeAll();
  }
}

export const conv2dBackpropInputWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInputWasm as unknown as KernelConfig['kernelFunc'],
};
