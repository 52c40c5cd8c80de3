// losses.kendall: 1 − softKendall over the batch (or the pairwise loss itself for ranknet/hinge).
import { isNaN as isNaNTensor, mul, type Scalar, scalar, sub, sum, tidy, where } from '@tensorflow/tfjs-core';
import { rangeError } from '../../validate.js';
import { resolveSoftKendallOptions, type SoftKendallOptions } from '../options.js';
import { softKendall } from '../soft_kendall.js';
import { type LossFunction, lossInputs } from './loss_inputs.js';

/** Options of losses.kendall: those of softKendall except per-element weights. */
export type KendallLossOptions = Omit<SoftKendallOptions, 'weights'>;

/**
 * Kendall-surrogate loss over the samples of a batch: `1 − softKendall(yPred, yTrue, options)`
 * for the correlation surrogates (tanh, hardtanh, logistic; in [0, 2], 0 = same order), the
 * mean pairwise loss itself for 'ranknet' and 'hinge'. Options are checked when the loss is made.
 * yTrue, yPred: float32 [n] or [n, 1]. A batch of one sample has no pairs: its loss is 0 with a
 * zero gradient (so a short last batch does not stop model.fit); a batch where softKendall is
 * undefined (NaN: all targets tied, or for tau-b all predictions equal) gets the no-information
 * loss (1 for correlations, 0 for ranknet/hinge) with a zero gradient. weighting 'user' is not
 * available here (a loss receives no per-sample weights): call softKendall in a custom loop.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import '@tensorflow/tfjs-backend-wasm';
 * import { losses, metrics } from 'tauflow/tfjs';
 *
 * await tf.setBackend('wasm');
 * const model = tfl.sequential({
 *   layers: [
 *     tfl.layers.dense({ units: 16, activation: 'relu', inputShape: [8] }),
 *     tfl.layers.dense({ units: 1 }),
 *   ],
 * });
 * model.compile({
 *   optimizer: tf.train.adam(0.01),
 *   loss: losses.kendall(), // 1 − soft tau-b over each batch (α = 5)
 *   metrics: [metrics.kendallTau], // exact tau-b, for monitoring (no gradient)
 * });
 * await model.fit(features, scores, { epochs: 20, batchSize: 64 }); // [N, 8] and [N, 1] float32
 * ```
 */
export function kendall(options?: KendallLossOptions): LossFunction {
  const fn = 'losses.kendall';
  const o = resolveSoftKendallOptions(fn, options);
  if (o.weighting === 'user')
    throw rangeError(
      fn,
      'options.weighting',
      "'none' or 'target-diff' (a loss gets no per-sample weights)",
      'user',
    );
  const isCorrelation = o.surrogate !== 'ranknet' && o.surrogate !== 'hinge';
  const { weights: _unused, ...opts } = o;
  return (yTrue, yPred) =>
    tidy(() => {
      const { q, p, n } = lossInputs(fn, yTrue, yPred);
      if (n < 2) return mul(sum(p), 0) as Scalar; // no pairs; stays connected to yPred for fit
      const value = softKendall(p, q, opts);
      const loss = isCorrelation ? sub(scalar(1), value) : value;
      // softKendall is NaN when the batch carries no order (all targets tied; for tau-b also all
      // predictions equal): give the no-information loss (tau 0 → 1; no ordered pair → 0) with a
      // zero gradient, so one such batch does not turn the model's weights into NaN.
      return where(isNaNTensor(loss), scalar(isCorrelation ? 1 : 0), loss) as Scalar;
    });
}
