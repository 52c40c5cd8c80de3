// losses.softmaxKL: KL divergence between the softmax-normalised targets and predictions.
import { exp, logSoftmax, mul, type Scalar, sub, sum, tidy } from '@tensorflow/tfjs-core';
import { type LossFunction, lossInputs } from './loss_inputs.js';

/**
 * `KL(softmax(q) ‖ softmax(p)) = Σ_i Q_i (log Q_i − log P_i)` with Q = softmax(yTrue) and
 * P = softmax(yPred) taken over the samples of the batch: it compares the two score profiles
 * after normalisation, so it is invariant to adding a constant to all predictions and ≥ 0, 0 only
 * when p − q is constant. Computed with log-softmax (stable for large scores). yTrue, yPred:
 * float32 [n] or [n, 1].
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: losses.softmaxKL() });
 * ```
 */
export function softmaxKL(): LossFunction {
  return (yTrue, yPred) =>
    tidy(() => {
      const { q, p } = lossInputs('losses.softmaxKL', yTrue, yPred);
      const logQ = logSoftmax(q);
      return sum(mul(exp(logQ), sub(logQ, logSoftmax(p)))) as Scalar;
    });
}
