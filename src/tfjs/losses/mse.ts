// losses.mse: mean squared error over the batch, with the same input rules as the other losses.
import { mean, type Scalar, squaredDifference, tidy } from '@tensorflow/tfjs-core';
import { type LossFunction, lossInputs } from './loss_inputs.js';

/**
 * Mean squared error `mean((yPred − yTrue)²)`; yTrue, yPred: float32 [n] or [n, 1].
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: losses.mse() });
 * ```
 */
export function mse(): LossFunction {
  return (yTrue, yPred) =>
    tidy(() => {
      const { q, p } = lossInputs('losses.mse', yTrue, yPred);
      return mean(squaredDifference(p, q)) as Scalar;
    });
}
