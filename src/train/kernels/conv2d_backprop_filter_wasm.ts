// Conv2DBackpropFilter for the wasm backend, which ships no such kernel: tfjs-layers' conv layers
// use fused conv2d, whose gradient calls this kernel directly, so without it nothing trains on wasm.
//
// The filter gradient is itself a convolution. For a forward conv with stride s (dilation 1):
//   dW[a, b, ci, co] = Σ_{n,i,j} xpad[n, i·s + a, j·s + b, ci] · dy[n, i, j, co]
// Read xᵀ = x transposed to [Cin, H, W, N] as a batch of Cin single-"image" inputs with N
// channels, and dyᵀ = dy transposed to [OH, OW, N, Cout] as a filter: a 'valid' conv of xᵀ with
// dyᵀ at dilation s gives [Cin, kh, kw, Cout], one transpose away from dW. Everything is composed
// from wasm's own kernels (PadV2, Slice, Transpose, Conv2D), so it runs at XNNPACK speed.
// Inside a kernelFunc tf ops must not be called (the engine is mid-kernel): compose kernels and
// free temporaries with backend.disposeData.
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelBackend,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { padOrCropHW, runWasmKernel, Temporaries } from './compose_wasm.js';

/**
 * The kernelFunc (registered by registerWasmTrainingKernels, not called directly).
 *
 * @example
 * registerKernel(conv2dBackpropFilterWasmConfig); // then tf.grad through conv2d works on wasm
 */
export function conv2dBackpropFilterWasm(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: KernelBackend;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC')
    throw new Error(`Conv2DBackpropFilter (wasm): only NHWC data is supported, not ${dataFormat}`);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const [, h, w] = x.shape;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { outHeight: oh, outWidth: ow } = info;
  // The rows/columns of padded x that the forward conv actually read.
  const needH = (oh - 1) * sh + kh;
  const needW = (ow - 1) * sw + kw;
  const { top, left } = info.padInfo;

  const temps = new Temporaries(backend);
  try {
    // Pad with the forward conv's padding and crop to the rows/columns it read.
    const xs = padOrCropHW(x, backend, temps, top, needH - (top + h), left, needW - (left + w));
    const xT = temps.keep(runWasmKernel('Transpose', backend, { x: xs }, { perm: [3, 1, 2, 0] }));
    const dyT = temps.keep(runWasmKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
    const conv = temps.keep(
      runWasmKernel(
        'Conv2D',
        backend,
        { x: xT, filter: dyT },
        {
          strides: [1, 1],
          pad: 'valid',
          dataFormat: 'NHWC',
          dilations: [sh, sw],
          dimRoundingMode: undefined,
        },
      ),
    );
    return runWasmKernel('Transpose', backend, { x: conv }, { perm: [1, 2, 0, 3] });
  } finally {
    temps.disposeAll();
  }
}

export const conv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilterWasm as unknown as KernelConfig['kernelFunc'],
};
