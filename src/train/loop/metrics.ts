// Evaluation metrics of a regressor: Kendall tau-b (the task's metric), Spearman, Pearson, MSE.
export interface RegressionMetrics {
  kendall: number;
  spearman: number;
  pearson: number;
  mse: number;
  n: number;
}

/** Exact tau-b by counting pairs, O(n²) (fine for evaluation splits of a few thousand). */
function tauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = Math.sign(x[i] - x[j]);
      const b = Math.sign(y[i] - y[j]);
      if (a === 0 && b === 0) continue;
      if (a === 0) tiesX++;
      else if (b === 0) tiesY++;
      else if (a === b) concordant++;
      else discordant++;
    }
  const denom = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denom > 0 ? (concordant - discordant) / denom : Number.NaN;
}

/** Average ranks (ties share the mean rank), 1-based. */
function ranks(x: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(x.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]] === x[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/**
 * Kendall tau-b, Spearman, Pearson and MSE of predictions against targets.
 *
 * @example
 * regressionMetrics([1, 2, 3], [1.1, 1.9, 3.2]); // { kendall: 1, spearman: 1, pearson: 0.99…, mse: 0.02, n: 3 }
 */
export function regressionMetrics(
  targets: ArrayLike<number>,
  predictions: ArrayLike<number>,
): RegressionMetrics {
  const n = targets.length;
  if (predictions.length !== n)
    throw new RangeError(
      `regressionMetrics: expected targets and predictions of the same length but received ${n} and ${predictions.length}`,
    );
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (predictions[i] - targets[i]) ** 2;
  return {
    kendall: tauB(targets, predictions),
    spearman: pearson(ranks(targets), ranks(predictions)),
    pearson: pearson(targets, predictions),
    mse: n ? sq / n : Number.NaN,
    n,
  };
}
