// Evaluation metrics of a regressor: Kendall tau-b (the task's metric), Spearman, Pearson, MSE,
// from tauflow's exact native metrics (scipy semantics: constant input → NaN).
import { kendallTau } from '../../metrics/kendall.js';
import { pearson } from '../../metrics/pearson.js';
import { spearman } from '../../metrics/spearman.js';

export interface RegressionMetrics {
  kendall: number;
  spearman: number;
  pearson: number;
  mse: number;
  n: number;
}

/**
 * Kendall tau-b, Spearman, Pearson and MSE of predictions against targets.
 *
 * @example
 * regressionMetrics([1, 2, 3], [1.1, 1.9, 3.2]); // { kendall: 1, spearman: 1, pearson: 0.99…, mse: 0.02, n: 3 }
 */
export function regressionMetrics(
  targets: Float32Array | Float64Array,
  predictions: Float32Array | Float64Array,
): RegressionMetrics {
  const n = targets.length;
  if (predictions.length !== n)
    throw new RangeError(
      `regressionMetrics: expected targets and predictions of the same length but received ${n} and ${predictions.length}`,
    );
  let sq = 0;
  let finite = true;
  for (let i = 0; i < n; i++) {
    sq += (predictions[i] - targets[i]) ** 2;
    if (!Number.isFinite(predictions[i])) finite = false;
  }
  if (!finite || n < 2)
    return {
      kendall: Number.NaN,
      spearman: Number.NaN,
      pearson: Number.NaN,
      mse: n ? sq / n : Number.NaN,
      n,
    };
  return {
    kendall: kendallTau(targets, predictions).statistic,
    spearman: spearman(targets, predictions).statistic,
    pearson: pearson(targets, predictions).statistic,
    mse: sq / n,
    n,
  };
}
