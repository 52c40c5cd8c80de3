// Argument checks for the tfjs side: options of softKendall and the losses, and the tensors they
// take. Messages follow src/validate.ts: "<fn>: expected <what> for <arg> but received <what>".
import { Tensor } from '@tensorflow/tfjs-core';
import { checkOptions, oneOf, rangeError, typeError } from '../validate.js';
import type { DeviceChoice, Normalization, PairWeighting, SurrogateKind } from './kernel_names.js';

export const SURROGATES: readonly SurrogateKind[] = ['tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge'];
export const WEIGHTINGS: readonly PairWeighting[] = ['none', 'target-diff', 'user'];
export const NORMALIZATIONS: readonly Normalization[] = ['tau-a', 'tau-b'];
export const DEVICES: readonly DeviceChoice[] = ['auto', 'cpu', 'cuda'];

/**
 * Default scale inside phi(alpha * (p_i - p_j)): 5. Pairs whose predictions differ by more than
 * about 2/alpha = 0.4 count as (almost) hard, where phi' — the gradient — has faded; closer pairs
 * are soft. The scale is set for predictions on the scale of VSD-like scores: the 11,540 VSD
 * scores (../shared/data/VSD_dataset.csv) have sd 0.49 and a median |y_i − y_j| of 0.27, so a
 * model that matches them keeps its median pair at alpha·Δ ≈ 1.4 (tanh' ≈ 0.24, still learning),
 * whereas alpha = 10 would saturate it (tanh' ≈ 0.02). Smaller alpha is the safe side: with the
 * default tau-b normalisation the value stays a correlation as alpha → 0 (soft tau-b tends to the
 * correlation of pair differences with pair signs), while a too large alpha flattens the
 * gradient. For predictions on another scale use alpha ≈ 2.5 / sd(yPred).
 */
export const DEFAULT_ALPHA = 5;
/** Default hinge margin m in max(0, m - t (p_i - p_j)). */
export const DEFAULT_MARGIN = 1;

/** Options of softKendall and losses.kendall. */
export interface SoftKendallOptions {
  /** pair function: 'tanh' (default), 'hardtanh', 'logistic' (2σ−1) correlations; 'ranknet', 'hinge' losses */
  surrogate?: SurrogateKind;
  /** scale inside the pair function (default 5, see DEFAULT_ALPHA); > 0 */
  alpha?: number;
  /** hinge margin (default 1); ≥ 0 */
  margin?: number;
  /** pair weights: 'none' (default), 'target-diff' |y_i − y_j|, 'user' w_i·w_j from options.weights */
  weighting?: PairWeighting;
  /** per-element weights, the shape of yPred, float32, ≥ 0; only with weighting 'user' */
  weights?: Tensor;
  /** 'tau-b' (default; exactly tau-b in the hard limit, target ties included) or 'tau-a' */
  normalization?: Normalization;
  /** 'auto' (default): CUDA when a device is usable and the work is large enough; 'cpu'; 'cuda' */
  device?: DeviceChoice;
}

export const SOFT_KENDALL_OPTION_NAMES = [
  'surrogate',
  'alpha',
  'margin',
  'weighting',
  'weights',
  'normalization',
  'device',
] as const;

export interface ResolvedSoftKendallOptions {
  surrogate: SurrogateKind;
  alpha: number;
  margin: number;
  weighting: PairWeighting;
  weights: Tensor | undefined;
  normalization: Normalization;
  device: DeviceChoice;
}

/** Validates the option object itself (not the tensors): unknown keys and values fail loudly. */
export function resolveSoftKendallOptions(
  fn: string,
  options: unknown,
  extraKeys: readonly string[] = [],
): ResolvedSoftKendallOptions {
  const o = checkOptions<SoftKendallOptions>(fn, options, [...SOFT_KENDALL_OPTION_NAMES, ...extraKeys]);
  const weighting = oneOf(fn, 'options.weighting', o.weighting, WEIGHTINGS, 'none');
  const weights = o.weights;
  if (weighting === 'user' && weights === undefined)
    throw typeError(fn, 'options.weights', "a float32 tensor (weighting is 'user')", weights);
  if (weighting !== 'user' && weights !== undefined)
    throw new TypeError(
      `${fn}: options.weights is only used with weighting 'user' but weighting is '${weighting}'`,
    );
  return {
    surrogate: oneOf(fn, 'options.surrogate', o.surrogate, SURROGATES, 'tanh'),
    alpha: finiteNumber(fn, 'options.alpha', o.alpha, 'positive', DEFAULT_ALPHA),
    margin: finiteNumber(fn, 'options.margin', o.margin, 'non-negative', DEFAULT_MARGIN),
    weighting,
    weights: weights as Tensor | undefined,
    normalization: oneOf(fn, 'options.normalization', o.normalization, NORMALIZATIONS, 'tau-b'),
    device: oneOf(fn, 'options.device', o.device, DEVICES, 'auto'),
  };
}

/** A finite number > 0 ('positive') or ≥ 0 ('non-negative'), or the default when undefined. */
export function finiteNumber(
  fn: string,
  arg: string,
  value: unknown,
  sign: 'positive' | 'non-negative',
  dflt: number,
): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number') throw typeError(fn, arg, 'a number', value);
  if (!Number.isFinite(value) || (sign === 'positive' ? !(value > 0) : !(value >= 0)))
    throw rangeError(fn, arg, sign === 'positive' ? 'a finite number > 0' : 'a finite number ≥ 0', value);
  return value;
}

/** "a float32 tensor of shape [2,3]", for messages about tensors. */
export function describeTensor(t: Tensor): string {
  return `a ${t.dtype} tensor of shape [${t.shape.join(',')}]`;
}

/** A tf.Tensor of dtype float32, else a TypeError naming the argument. */
export function checkFloatTensor(fn: string, arg: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) throw typeError(fn, arg, 'a float32 tf.Tensor', value);
  if (value.dtype !== 'float32')
    throw new TypeError(`${fn}: expected a float32 tensor for ${arg} but received ${describeTensor(value)}`);
  return value;
}

/**
 * yPred: float32 [n] or [B, n] with n ≥ 2 and B ≥ 1; yTrue (and weights) the same shape.
 * Returns B (1 for rank-1) and n.
 */
export function checkPairTensors(
  fn: string,
  yPred: unknown,
  yTrue: unknown,
  weights: unknown,
): { batch: number; n: number } {
  const p = checkFloatTensor(fn, 'yPred', yPred);
  const t = checkFloatTensor(fn, 'yTrue', yTrue);
  if (p.rank < 1 || p.rank > 2)
    throw new RangeError(
      `${fn}: expected a tensor of rank 1 ([n]) or 2 ([B, n]) for yPred but received ${describeTensor(p)}`,
    );
  const sameShape = (a: Tensor) => a.rank === p.rank && a.shape.every((d, i) => d === p.shape[i]);
  if (!sameShape(t))
    throw new RangeError(
      `${fn}: expected a tensor of shape [${p.shape.join(',')}] (the shape of yPred) for yTrue but received ${describeTensor(t)}`,
    );
  if (weights !== undefined) {
    const w = checkFloatTensor(fn, 'options.weights', weights);
    if (!sameShape(w))
      throw new RangeError(
        `${fn}: expected a tensor of shape [${p.shape.join(',')}] (the shape of yPred) for options.weights but received ${describeTensor(w)}`,
      );
  }
  const n = p.shape[p.rank - 1];
  const batch = p.rank === 2 ? p.shape[0] : 1;
  if (n < 2)
    throw new RangeError(
      `${fn}: expected at least 2 elements per list (n ≥ 2) for yPred but received ${describeTensor(p)}`,
    );
  if (batch < 1)
    throw new RangeError(
      `${fn}: expected at least one list (B ≥ 1) for yPred but received ${describeTensor(p)}`,
    );
  return { batch, n };
}

/**
 * Every value finite (and ≥ 0 when nonNegative), else a RangeError naming the argument and the
 * first bad index. O(length): the kernel runs it on what it read, before the native call.
 */
export function checkFiniteValues(
  fn: string,
  arg: string,
  values: ArrayLike<number>,
  rank: number,
  n: number,
  nonNegative = false,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || (nonNegative && v < 0)) {
      const at = rank === 2 ? `[${Math.floor(i / n)},${i % n}]` : `[${i}]`;
      throw rangeError(fn, `${arg}${at}`, nonNegative ? 'a finite number ≥ 0' : 'a finite number', v);
    }
  }
}
