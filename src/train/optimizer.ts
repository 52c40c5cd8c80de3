// Optimizers (Adam, SGD with momentum) and the learning-rate schedule, one epoch at a time.
import * as tf from '@tensorflow/tfjs-core';
import { integerIn, numberIn, oneOf } from '../validate.js';

export const optimizerNames = ['adam', 'sgd'] as const;
export type OptimizerName = (typeof optimizerNames)[number];
export const lrScheduleNames = ['constant', 'step', 'cosine'] as const;
export type LrScheduleName = (typeof lrScheduleNames)[number];

export interface OptimizerOptions {
  name?: OptimizerName;
  /** base learning rate (default 1e-3) */
  lr?: number;
  /** SGD momentum (default 0.9) */
  momentum?: number;
}

/**
 * Creates a tfjs optimizer.
 *
 * @example
 * const opt = createOptimizer({ name: 'sgd', lr: 0.05, momentum: 0.9 });
 */
export function createOptimizer(options: OptimizerOptions = {}): tf.Optimizer {
  const fn = 'createOptimizer';
  const name = oneOf(fn, 'options.name', options.name, optimizerNames, 'adam');
  const lr = numberIn(fn, 'options.lr', options.lr, Number.MIN_VALUE, 10, 1e-3);
  const momentum = numberIn(fn, 'options.momentum', options.momentum, 0, 1, 0.9);
  return name === 'adam' ? tf.train.adam(lr) : tf.train.momentum(lr, momentum);
}

export interface LrSchedule {
  kind?: LrScheduleName;
  /** 'step': multiply by gamma every stepEpochs epochs (defaults 0.1 and ⌈epochs/3⌉) */
  gamma?: number;
  stepEpochs?: number;
}

/**
 * The learning rate for a 0-based epoch: constant, step decay, or cosine annealing from base to 0
 * (evaluated at the epoch's start, so the last epoch still learns).
 *
 * @example
 * learningRateAt({ kind: 'cosine' }, 1e-3, 0, 10); // 1e-3
 * learningRateAt({ kind: 'cosine' }, 1e-3, 5, 10); // 5e-4
 */
export function learningRateAt(schedule: LrSchedule, base: number, epoch: number, epochs: number): number {
  const fn = 'learningRateAt';
  const kind = oneOf(fn, 'schedule.kind', schedule.kind, lrScheduleNames, 'constant');
  if (kind === 'constant') return base;
  if (kind === 'step') {
    const gamma = numberIn(fn, 'schedule.gamma', schedule.gamma, 0, 1, 0.1);
    const every = integerIn(
      fn,
      'schedule.stepEpochs',
      schedule.stepEpochs,
      1,
      1e6,
      Math.max(1, Math.ceil(epochs / 3)),
    );
    return base * gamma ** Math.floor(epoch / every);
  }
  return (base * (1 + Math.cos((Math.PI * epoch) / Math.max(1, epochs)))) / 2;
}

/**
 * Sets the learning rate of an Adam or momentum optimizer in place: Adam reads `learningRate`
 * every step; momentum (an SGD subclass) reads a kept scalar that `setLearningRate` replaces.
 */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (o.learningRate === lr) return;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
