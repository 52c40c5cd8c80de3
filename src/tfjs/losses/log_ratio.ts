// losses.logRatio: mean |log(p / q)|, a scale-aware loss for positive scores (KL-inspired).
import { abs, log, maximum, mean, type Scalar, sub, tidy } from '@tensorflow/tfjs-core';
import { checkOptions, rangeError } from '../../validate.js';
import { finiteNumber } from '../options.js';
import { type LossFunction, lossInputs } from './loss_inputs.js';

export interface LogRatioOptions {
  /**
   * When given (> 0), predictions and targets are clamped to ≥ epsilon before the log, so
   * non-positive values are accepted (a clamped prediction gets zero gradient). When absent
   * (default), a non-positive value is a RangeError naming the argument and index.
   */
  epsilon?: number;
}

/** Index and value of the first entry ≤ 0, or undefined. Reads the tensor (one sync per step). */
function firstNonPositive(values: Float32Array | Int32Array | Uint8Array): number | undefined {
  for (let i = 0; i < values.length; i++) if (!(values[i] > 0)) return i;
  return undefined;
}

/**
 * `mean |log(yPred / yTrue)|` = mean |log p − log q| over the batch: relative error, symmetric in
 * over- and under-prediction, for positive scores (VSD scores are ≥ 2.4). yTrue, yPred: float32
 * [n] or [n, 1]. Non-positive values: a clear RangeError by default (so a model whose output can
 * go negative fails loudly, not with NaN), or a clamp to `epsilon` when one is given — then give
 * the model a positive output (softplus/exp) or start it in the positive range.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: losses.logRatio() });            // errors on p ≤ 0
 * model.compile({ optimizer: 'adam', loss: losses.logRatio({ epsilon: 1e-3 }) }); // clamps
 * ```
 */
export function logRatio(options?: LogRatioOptions): LossFunction {
  const fn = 'losses.logRatio';
  const o = checkOptions<LogRatioOptions>(fn, options, ['epsilon']);
  const epsilon =
    o.epsilon === undefined ? undefined : finiteNumber(fn, 'options.epsilon', o.epsilon, 'positive', 0);
  return (yTrue, yPred) =>
    tidy(() => {
      const { q, p } = lossInputs(fn, yTrue, yPred);
      if (epsilon === undefined) {
        for (const [arg, x] of [
          ['yTrue', q],
          ['yPred', p],
        ] as const) {
          const values = x.dataSync() as Float32Array;
          const i = firstNonPositive(values);
          if (i !== undefined)
            throw rangeError(
              fn,
              `${arg}[${i}]`,
              'a positive number (or pass { epsilon } to clamp)',
              values[i],
            );
        }
        return mean(abs(sub(log(p), log(q)))) as Scalar;
      }
      return mean(abs(sub(log(maximum(p, epsilon)), log(maximum(q, epsilon))))) as Scalar;
    });
}
