// One backend-agnostic kernelFunc for 'TauflowSoftKendall', registered for 'cpu', 'wasm' and
// 'tensorflow'. It reads its inputs from whichever backend runs it, makes one native fused call
// (value and d value / d yPred together) and writes both outputs back to that backend. No tf ops
// here: ops inside a kernelFunc re-enter the engine mid-kernel and break it.
import type { DataType, KernelBackend, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { native } from '../native.js';
import type { SoftKendallAttrs } from './kernel_names.js';
import { checkFiniteValues } from './options.js';

const FN = 'softKendall';

type Backend = KernelBackend & {
  makeTensorInfo?: (shape: number[], dtype: DataType, values: Float32Array) => TensorInfo;
};

/** float32 view of an input as the native call needs it (the cpu backend hands out its own array). */
function readFloat32(backend: KernelBackend, info: TensorInfo): Float32Array {
  const values = backend.readSync(info.dataId);
  if (values instanceof Float32Array) return values;
  return Float32Array.from(values as ArrayLike<number>);
}

/** A new output on `backend`: makeTensorInfo where it exists, else write() (tfjs-node has none). */
function output(backend: Backend, shape: number[], values: Float32Array): TensorInfo {
  if (typeof backend.makeTensorInfo === 'function') return backend.makeTensorInfo(shape, 'float32', values);
  return { dataId: backend.write(values, shape, 'float32'), shape, dtype: 'float32' };
}

export const softKendallKernelFunc: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = anyBackend as Backend;
  const { yPred, yTrue, weights } = inputs as { yPred: TensorInfo; yTrue: TensorInfo; weights?: TensorInfo };
  const a = attrs as unknown as SoftKendallAttrs;
  const rank = yPred.shape.length;
  const n = yPred.shape[rank - 1];
  const batch = rank === 2 ? yPred.shape[0] : 1;

  const pred = readFloat32(backend, yPred);
  const target = readFloat32(backend, yTrue);
  const w = weights === undefined ? null : readFloat32(backend, weights);
  // NaN/Inf would turn every pair it touches into NaN: refuse them here, where the values are read.
  checkFiniteValues(FN, 'yPred', pred, rank, n);
  checkFiniteValues(FN, 'yTrue', target, rank, n);
  if (w !== null) checkFiniteValues(FN, 'options.weights', w, rank, n, true);

  const result = native().surrogate(pred, target, w, batch, n, {
    surrogate: a.surrogate,
    alpha: a.alpha,
    margin: a.margin,
    weighting: a.weighting,
    normalization: a.normalization,
    device: a.device,
    wantGrad: a.wantGrad,
  });
  const grad = a.wantGrad ? result.grad : new Float32Array(batch * n);
  return [
    output(backend, rank === 2 ? [batch] : [], Float32Array.from(result.value)),
    output(backend, yPred.shape.slice(), grad),
  ];
};
