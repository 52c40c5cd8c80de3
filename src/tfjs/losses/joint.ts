// losses.joint: λ·kendall + (1 − λ)·mse, to learn the order and keep the scale of the scores.
import { add, mul, type Scalar, tidy } from '@tensorflow/tfjs-core';
import { numberIn, rangeError } from '../../validate.js';
import { resolveSoftKendallOptions } from '../options.js';
import { type KendallLossOptions, kendall } from './kendall.js';
import { type LossFunction, lossInputs } from './loss_inputs.js';
import { mse } from './mse.js';

/** Options of losses.joint: lambda plus those of losses.kendall. */
export interface JointLossOptions extends KendallLossOptions {
  /** weight of the Kendall term in [0, 1] (default 0.7, the seed study's best joint weight) */
  lambda?: number;
}

/** Default λ: 0.7 gave the best joint result in the study tauflow grows from (tau 0.425). */
export const DEFAULT_JOINT_LAMBDA = 0.7;

/**
 * `λ · kendall(options) + (1 − λ) · mse()`; yTrue, yPred: float32 [n] or [n, 1].
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: losses.joint({ lambda: 0.7 }) });
 * ```
 */
export function joint(options?: JointLossOptions): LossFunction {
  const fn = 'losses.joint';
  const { lambda: rawLambda, ...kendallOptions } = (options ?? {}) as JointLossOptions;
  // Check kind, keys and values here so messages name losses.joint rather than losses.kendall.
  if (options !== undefined && resolveSoftKendallOptions(fn, options, ['lambda']).weighting === 'user')
    throw rangeError(
      fn,
      'options.weighting',
      "'none' or 'target-diff' (a loss gets no per-sample weights)",
      'user',
    );
  const lambda = numberIn(fn, 'options.lambda', rawLambda, 0, 1, DEFAULT_JOINT_LAMBDA);
  const rank = kendall(kendallOptions);
  const square = mse();
  return (yTrue, yPred) =>
    tidy(() => {
      lossInputs(fn, yTrue, yPred);
      return add(mul(lambda, rank(yTrue, yPred)), mul(1 - lambda, square(yTrue, yPred))) as Scalar;
    });
}
