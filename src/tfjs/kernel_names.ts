// Kernel names and attribute types of tauflow's tfjs ops, in one place (as tfjs-core's
// kernel_names.ts): the op, the kernel and the gradient all refer to these.
import type { NamedAttrMap } from '@tensorflow/tfjs-core';

/**
 * Fused pairwise Kendall surrogate. Inputs: yPred, yTrue and (weighting 'user') weights, all
 * float32 of shape [n] or [B, n]. Outputs, in this order:
 *   0. value: [] for rank-1 inputs, [B] for rank-2;
 *   1. grad: d value / d yPred, the shape of yPred (zeros when the kernel ran with wantGrad false).
 * The gradient function only scales output 1 by dy, so backprop needs no second pass over pairs.
 */
export const SoftKendall = 'TauflowSoftKendall';

export type SurrogateKind = 'tanh' | 'hardtanh' | 'logistic' | 'ranknet' | 'hinge';
export type PairWeighting = 'none' | 'target-diff' | 'user';
export type Normalization = 'tau-a' | 'tau-b';
export type DeviceChoice = 'auto' | 'cpu' | 'cuda';

export type SoftKendallInputs = { yPred: unknown; yTrue: unknown; weights?: unknown };

/** Attributes as the kernel receives them: every choice already resolved by the op. */
export interface SoftKendallAttrs extends NamedAttrMap {
  surrogate: SurrogateKind;
  alpha: number;
  margin: number;
  weighting: PairWeighting;
  normalization: Normalization;
  /** 'auto' is resolved by the op before the kernel runs */
  device: 'cpu' | 'cuda';
  /** false when no gradient tape is recording: the kernel then skips the backward half */
  wantGrad: boolean;
}
