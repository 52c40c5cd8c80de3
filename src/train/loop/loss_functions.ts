// Loss names → (yTrue, yPred) => tf.Scalar, from tauflow/tfjs.
import type * as tf from '@tensorflow/tfjs-core';
import { losses } from '../../tfjs/index.js';
import type { LossName } from '../loss_schedule.js';

/** (yTrue, yPred) => a scalar loss tensor */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export interface LossOptions {
  /** weight of the rank term in 'joint' (default 0.7) */
  lambda?: number;
  /** options for losses.kendall and the rank term of 'joint' (surrogate, alpha, margin, weighting, normalization, device) */
  kendall?: Record<string, unknown>;
}

/**
 * The loss function for a name. logRatio clamps at 1e-3 so an early negative prediction gives
 * a zero gradient on that sample rather than stopping the run (the head starts at the mean score).
 *
 * @example
 * const loss = makeLoss('joint', { lambda: 0.7, kendall: { alpha: 5 } });
 * const value = loss(tf.tensor1d([3, 4, 5]), tf.tensor1d([3.1, 3.9, 5.2])); // tf.Scalar
 */
export function makeLoss(name: LossName, options: LossOptions = {}): LossFunction {
  const kendall = options.kendall ?? {};
  switch (name) {
    case 'mse':
      return losses.mse();
    case 'kendall':
      return losses.kendall(kendall);
    case 'joint':
      return losses.joint({
        ...kendall,
        ...(options.lambda !== undefined ? { lambda: options.lambda } : {}),
      });
    case 'logRatio':
      return losses.logRatio({ epsilon: 1e-3 });
    case 'softmaxKL':
      return losses.softmaxKL();
  }
}
