// metrics.kendallTau: the exact Kendall tau-b of a batch, for model.compile({ metrics }) and
// evaluation. It reads the tensors and runs the native O(n log n) count; it has no gradient.
import { type Scalar, scalar, type Tensor, tidy } from '@tensorflow/tfjs-core';
import { kendallTau as exactKendallTau } from '../../metrics/kendall.js';
import { lossInputs } from '../losses/loss_inputs.js';

/**
 * Exact Kendall tau-b between the targets and the predictions of a batch (ties in either
 * included), as a scalar: the number softKendall approximates. NaN when undefined (n < 2, or
 * constant targets or predictions), as scipy.stats.kendalltau. yTrue, yPred: float32 [n] or
 * [n, 1]. Not differentiable: monitor with it, train with losses.kendall.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: losses.kendall(), metrics: [metrics.kendallTau] });
 * metrics.kendallTau(tf.tensor1d([1, 2, 3]), tf.tensor1d([0.1, 0.3, 0.2])).print(); // 0.333
 * ```
 */
export function kendallTau(yTrue: Tensor, yPred: Tensor): Scalar {
  return tidy(() => {
    const { q, p } = lossInputs('metrics.kendallTau', yTrue, yPred);
    // method 'asymptotic': only the statistic is used, so skip the exact null distribution.
    const { statistic } = exactKendallTau(q.dataSync() as Float32Array, p.dataSync() as Float32Array, {
      method: 'asymptotic',
    });
    return scalar(statistic);
  });
}
