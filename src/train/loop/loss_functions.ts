// Loss names → (yTrue, yPred) => tf.Scalar. The losses themselves live in tauflow/tfjs.
import * as tf from '@tensorflow/tfjs-core';
import type { LossName } from '../loss_schedule.js';

export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

export interface LossOptions {
  /** weight of the rank term in 'joint' (default 0.7) */
  lambda?: number;
  /** options for losses.kendall (surrogate, alpha, margin, weighting, normalization, device) */
  kendall?: Record<string, unknown>;
}

/** Builds the loss function for a name. */
export function makeLoss(name: LossName, _options: LossOptions = {}): LossFunction {
  if (name === 'mse') return (yTrue, yPred) => tf.losses.meanSquaredError(yTrue, yPred) as tf.Scalar;
  throw new Error(`loss '${name}' needs tauflow/tfjs (branch tfjs), not merged into the trainer yet`);
}
