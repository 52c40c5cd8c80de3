// The FusedBatchNorm gradient without its Tile. tfjs-core's gradient multiplies dy by
// tile(1/√(var + ε), [N, H, W, 1]), materialising a full-size copy only to multiply it
// elementwise: on wasm, Tile alone was 20% of a resnet8 training step at 32 px. Broadcasting the
// [C] vector gives the same products in the same order (bitwise-equal gradients) without it.
// Gradients are backend-independent: this one serves cpu, wasm and tensorflow alike.
import {
  add,
  FusedBatchNorm,
  type FusedBatchNormAttrs,
  type GradConfig,
  mul,
  type NamedAttrMap,
  reshape,
  rsqrt,
  scalar,
  sub,
  sum,
  type Tensor,
} from '@tensorflow/tfjs-core';

/** Axes of `x` over which a tensor of shape `meanShape` was broadcast (tfjs' getReductionAxes). */
function reductionAxes(meanShape: number[], xShape: number[]): number[] {
  const axes: number[] = [];
  for (let i = 0; i < xShape.length; i++) {
    const m = meanShape[meanShape.length - 1 - i];
    const a = xShape.length - 1 - i;
    if (m === undefined || (m === 1 && xShape[a] > 1)) axes.unshift(a);
  }
  return axes;
}

export const fusedBatchNormGradConfig: GradConfig = {
  kernelName: FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const dyT = dy as Tensor;
    const { varianceEpsilon } = attrs as unknown as FusedBatchNormAttrs;
    const [x, mean, variance, scale] = saved;
    const scaleValue = scale == null ? scalar(1) : scale;
    const axes = reductionAxes(mean.shape, x.shape);
    const perChannel = mean.rank === 1;
    const xMinusMean = sub(x, mean);
    const dyTimesScale = mul(dyT, scaleValue);
    const oneOverSqrtVariance = rsqrt(add(variance, scalar(varianceEpsilon)));
    const minusHalfRCube = mul(
      mul(mul(oneOverSqrtVariance, oneOverSqrtVariance), oneOverSqrtVariance),
      scalar(-0.5),
    );
    const reduce = (t: Tensor) => reshape(perChannel ? sum(t, axes) : t, mean.shape);
    return {
      x: () => reshape(mul(mul(dyT, oneOverSqrtVariance), scaleValue), x.shape),
      mean: () => reduce(mul(mul(oneOverSqrtVariance, scalar(-1)), dyTimesScale)),
      variance: () => reduce(mul(mul(minusHalfRCube, xMinusMean), dyTimesScale)),
      scale: () => reduce(mul(dyT, mul(xMinusMean, oneOverSqrtVariance))),
      offset: () => reduce(dyT),
    };
  },
};
