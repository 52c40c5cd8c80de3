// The naive tfjs composition of the Kendall surrogate: the full [B, n, n] pair tensors built by
// broadcasting, gradient by tfjs autograd. It is the peer the fused op is benchmarked against
// and the independent oracle the tests compare it with (values and gradients). O(B·n²) memory.
import * as tf from '@tensorflow/tfjs-core';
import type { Normalization, PairWeighting, SurrogateKind } from '../src/tfjs/kernel_names.js';

export interface NaiveOptions {
  surrogate: SurrogateKind;
  alpha: number;
  margin: number;
  weighting: PairWeighting;
  normalization: Normalization;
  weights?: tf.Tensor;
}

/**
 * Same value as softKendall(yPred, yTrue, options) (a scalar for [n], [B] for [B, n]). Sums run
 * over the whole off-diagonal n×n matrix: every pair counted twice in numerator and denominator.
 */
export function naiveSoftKendall(yPred: tf.Tensor, yTrue: tf.Tensor, o: NaiveOptions): tf.Tensor {
  return tf.tidy(() => {
    const rank1 = yPred.rank === 1;
    const p = rank1 ? tf.expandDims(yPred, 0) : yPred;
    const y = rank1 ? tf.expandDims(yTrue, 0) : yTrue;
    const n = p.shape[1]!;
    const d = tf.sub(tf.expandDims(p, 2), tf.expandDims(p, 1)); // p_i − p_j
    const t = tf.sign(tf.sub(tf.expandDims(y, 2), tf.expandDims(y, 1)));
    const offDiagonal = tf.sub(tf.ones([n, n]), tf.eye(n));
    let w: tf.Tensor;
    if (o.weighting === 'none') w = tf.mul(offDiagonal, tf.onesLike(d));
    else if (o.weighting === 'target-diff') w = tf.abs(tf.sub(tf.expandDims(y, 2), tf.expandDims(y, 1)));
    else {
      const u = rank1 ? tf.expandDims(o.weights!, 0) : o.weights!;
      w = tf.mul(tf.mul(tf.expandDims(u, 2), tf.expandDims(u, 1)), offDiagonal);
    }
    const total = (x: tf.Tensor) => tf.sum(x, [1, 2]);
    let value: tf.Tensor;
    if (o.surrogate === 'ranknet' || o.surrogate === 'hinge') {
      const td = tf.mul(t, d);
      const loss =
        o.surrogate === 'ranknet' ? tf.softplus(tf.mul(-o.alpha, td)) : tf.relu(tf.sub(o.margin, td));
      // a mean over pairs with t ≠ 0 (target ties carry no order); weights scale the terms only
      const ordered = tf.abs(t);
      value = tf.div(total(tf.mul(tf.mul(w, ordered), loss)), total(ordered));
    } else {
      const z = tf.mul(o.alpha, d);
      const s =
        o.surrogate === 'tanh'
          ? tf.tanh(z)
          : o.surrogate === 'hardtanh'
            ? tf.clipByValue(z, -1, 1)
            : tf.sub(tf.mul(2, tf.sigmoid(z)), 1);
      const num = total(tf.mul(w, tf.mul(s, t)));
      value =
        o.normalization === 'tau-a'
          ? tf.div(num, total(w))
          : tf.div(num, tf.sqrt(tf.mul(total(tf.mul(w, tf.square(s))), total(tf.mul(w, tf.square(t))))));
    }
    return rank1 ? tf.reshape(value, []) : value;
  });
}
