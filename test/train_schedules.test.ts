// Loss schedules (staged, alternating) and learning-rate schedules.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/usage_error.js';
import { describeSchedule, lossForEpoch, parseLossSchedule } from '../src/train/loss_schedule.js';
import { learningRateAt } from '../src/train/optimizer.js';

const epochs = (spec: string, n: number) => {
  const s = parseLossSchedule(spec);
  return Array.from({ length: n }, (_, e) => lossForEpoch(s, e));
};

describe('loss schedules', () => {
  it('a single loss is used for every epoch', () => {
    expect(epochs('kendall', 4)).toEqual(['kendall', 'kendall', 'kendall', 'kendall']);
    expect(describeSchedule(parseLossSchedule('softmaxKL'))).toBe('softmaxKL');
  });

  it('staged: loss A for k epochs, then B for the rest', () => {
    expect(epochs('staged:kendall:3,mse', 6)).toEqual(['kendall', 'kendall', 'kendall', 'mse', 'mse', 'mse']);
    expect(epochs('staged:mse:1,joint:2,kendall', 5)).toEqual([
      'mse',
      'joint',
      'joint',
      'kendall',
      'kendall',
    ]);
    // a counted last phase is kept past its count
    expect(epochs('staged:kendall:1,mse:1', 3)).toEqual(['kendall', 'mse', 'mse']);
  });

  it('alternating: the IDE RankNet recipe kendall:2,mse:1 repeats', () => {
    expect(epochs('alternating:kendall:2,mse:1', 7)).toEqual([
      'kendall',
      'kendall',
      'mse',
      'kendall',
      'kendall',
      'mse',
      'kendall',
    ]);
  });

  it('bare names take the default recipes', () => {
    expect(describeSchedule(parseLossSchedule('alternating'))).toBe('alternating:kendall:2,mse:1');
    expect(describeSchedule(parseLossSchedule('staged'))).toBe('staged:kendall:3,mse');
  });

  it('bad specs are usage errors naming the problem', () => {
    expect(() => parseLossSchedule('hinge')).toThrow(UsageError);
    expect(() => parseLossSchedule('hinge')).toThrow('unknown loss "hinge"');
    expect(() => parseLossSchedule('alternating:kendall:2,mse')).toThrow('needs an epoch count');
    expect(() => parseLossSchedule('staged:kendall:0,mse')).toThrow('whole number of epochs');
    expect(() => parseLossSchedule('staged:')).toThrow('empty phase');
    expect(() => parseLossSchedule('kendall:2,mse:1')).toThrow('not a loss or a schedule');
  });
});

describe('learning-rate schedules', () => {
  it('constant, step and cosine', () => {
    expect(learningRateAt({ kind: 'constant' }, 0.1, 7, 10)).toBe(0.1);
    expect(learningRateAt({ kind: 'step', stepEpochs: 2, gamma: 0.5 }, 0.1, 0, 10)).toBe(0.1);
    expect(learningRateAt({ kind: 'step', stepEpochs: 2, gamma: 0.5 }, 0.1, 3, 10)).toBeCloseTo(0.05, 12);
    expect(learningRateAt({ kind: 'step', stepEpochs: 2, gamma: 0.5 }, 0.1, 4, 10)).toBeCloseTo(0.025, 12);
    expect(learningRateAt({ kind: 'cosine' }, 1e-3, 0, 10)).toBe(1e-3);
    expect(learningRateAt({ kind: 'cosine' }, 1e-3, 5, 10)).toBeCloseTo(5e-4, 12);
    expect(learningRateAt({ kind: 'cosine' }, 1e-3, 9, 10)).toBeGreaterThan(0);
  });

  it('rejects an unknown kind', () => {
    expect(() => learningRateAt({ kind: 'linear' as never }, 0.1, 0, 1)).toThrow(
      "learningRateAt: expected one of 'constant', 'step', 'cosine' for schedule.kind but received the string \"linear\"",
    );
  });
});
