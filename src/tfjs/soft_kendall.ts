// The softKendall op: a differentiable Kendall correlation between predictions and targets,
// computed by one fused native pass over pairs (CPU threads or CUDA) that also yields the gradient.
import { engine, type NamedTensorMap, type Tensor } from '@tensorflow/tfjs-core';
import { resolveDevice } from './device_choice.js';
import { SoftKendall, type SoftKendallAttrs } from './kernel_names.js';
import { checkPairTensors, resolveSoftKendallOptions, type SoftKendallOptions } from './options.js';
import './register_all.js';

/**
 * Soft Kendall correlation between `yPred` and `yTrue`, differentiable in `yPred`.
 *
 * For each list (a row of a [B, n] input, or the one [n] list) with pair functions
 * s_ij = φ(α(p_i − p_j)) and target signs t_ij = sign(y_i − y_j) (0 on target ties):
 * - `normalization: 'tau-b'` (default): Σ s t / √(Σ s² · Σ t²), which is exactly Kendall's tau-b
 *   when s is hard (α → ∞), target ties included;
 * - `'tau-a'`: Σ w s t / Σ w over pairs i < j.
 * φ is tanh (default), hardtanh (clip to [−1, 1]) or logistic (2σ − 1), all in [−1, 1], so the
 * value is a correlation in [−1, 1] (higher is better). `surrogate: 'ranknet'` (mean pairwise
 * logistic loss log(1 + e^(−α t Δp))) and `'hinge'` (mean max(0, m − t Δp)) return a loss instead
 * (lower is better). Pair weights: `weighting: 'target-diff'` (|y_i − y_j|) or `'user'`
 * (w_i·w_j from `options.weights`, the shape of yPred).
 *
 * A list with no defined value is NaN: all targets tied (no ordered pair), or for tau-b all
 * predictions equal (Σ s² = 0), as scipy's kendalltau is NaN for constant input; its gradient
 * is zero. losses.kendall maps such batches to a constant loss.
 *
 * Memory is O(B·n): the n×n pair matrix is never formed. The gradient wrt yPred is computed in
 * the same pass (only when a gradient tape is recording); yTrue and weights get zero gradient.
 * `device: 'auto'` (default) uses CUDA when a device is usable and B·n(n−1)/2 ≥
 * AUTO_CUDA_MIN_PAIRS, else the CPU.
 *
 * @param yPred float32 predictions, [n] or [B, n], finite, n ≥ 2
 * @param yTrue float32 targets, the shape of yPred, finite
 * @returns a scalar for [n] input, a [B] tensor for [B, n]
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { softKendall } from 'tauflow/tfjs';
 *
 * const yTrue = tf.tensor1d([3.1, 2.5, 7.9, 4.0]);
 * const yPred = tf.tensor1d([0.2, 0.1, 0.9, 0.3]);
 * softKendall(yPred, yTrue).print();                     // 0.956 (soft; exact tau-b is 1)
 * softKendall(yPred, yTrue, { alpha: 1e4 }).print();     // 1: the hard limit is tau-b
 * const g = tf.grad((p: tf.Tensor) => softKendall(p, yTrue))(yPred); // d tau / d yPred
 * ```
 */
export function softKendall(yPred: Tensor, yTrue: Tensor, options?: SoftKendallOptions): Tensor {
  const fn = 'softKendall';
  const o = resolveSoftKendallOptions(fn, options);
  const { batch, n } = checkPairTensors(fn, yPred, yTrue, o.weights);
  const attrs: SoftKendallAttrs = {
    surrogate: o.surrogate,
    alpha: o.alpha,
    margin: o.margin,
    weighting: o.weighting,
    normalization: o.normalization,
    device: resolveDevice(fn, o.device, batch, n),
    // Outside a gradient tape (inference, evaluation) the backward half would be thrown away.
    wantGrad: engine().isTapeOn(),
  };
  const inputs: NamedTensorMap =
    o.weights === undefined ? { yPred, yTrue } : { yPred, yTrue, weights: o.weights };
  const [value, grad] = engine().runKernel<Tensor[]>(SoftKendall, inputs, attrs);
  // The gradient output lives on in the tape (saved by the gradient config) when one records;
  // the caller only ever sees the value.
  grad.dispose();
  return value;
}
