// Train/validation/test splits: a seeded 2:1:1 shuffle (the VSD protocol), or labels given per
// sample (a split CSV such as VSD_ideranknet_split.csv).
import { rangeError } from '../../validate.js';
import { createRng } from '../rng.js';

export type SplitName = 'train' | 'val' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'val', 'test'];

export interface SplitIndices {
  train: number[];
  val: number[];
  test: number[];
}

/**
 * A seeded 2:1:1 split of n items: half for training, a quarter each for validation and test
 * (train gets ⌈n/2⌉, val gets ⌈rest/2⌉). Same (n, seed) → same split.
 * @example splitIndices(8, 1) // { train: [4 indices], val: [2], test: [2] }
 */
export function splitIndices(n: number, seed: number): SplitIndices {
  if (!Number.isInteger(n) || n < 3) throw rangeError('splitIndices', 'n', 'an integer ≥ 3', n);
  const order = createRng(seed).permutation(n);
  const nTrain = Math.ceil(n / 2);
  const nVal = Math.ceil((n - nTrain) / 2);
  const byIndex = (a: number, b: number) => a - b;
  return {
    train: order.slice(0, nTrain).sort(byIndex),
    val: order.slice(nTrain, nTrain + nVal).sort(byIndex),
    test: order.slice(nTrain + nVal).sort(byIndex),
  };
}

/** Normalise a split label: train/training, val/valid/validation, test/testing (any case). */
export function parseSplitLabel(label: string): SplitName | null {
  const l = label.trim().toLowerCase();
  if (l === 'train' || l === 'training') return 'train';
  if (l === 'val' || l === 'valid' || l === 'validation') return 'val';
  if (l === 'test' || l === 'testing') return 'test';
  return null;
}

/**
 * Group item indices by a label per item ('train' | 'val' | 'test').
 * @example splitFromLabels(['train', 'test', 'val', 'train']) // { train: [0, 3], val: [2], test: [1] }
 */
export function splitFromLabels(labels: readonly SplitName[]): SplitIndices {
  const out: SplitIndices = { train: [], val: [], test: [] };
  labels.forEach((l, i) => {
    out[l].push(i);
  });
  return out;
}
