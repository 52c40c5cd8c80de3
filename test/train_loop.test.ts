// The training loop end to end on wasm with tiny data: every loss and schedule, determinism,
// flat memory, checkpoints + resume, early stopping.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../src/train/backend.js';
import { readCheckpoint } from '../src/train/checkpoint.js';
import { lossNames } from '../src/train/loss_schedule.js';
import { train } from '../src/train/trainer.js';
import { tinySplit } from './helpers/tiny_split.js';

beforeAll(async () => {
  await chooseBackend('wasm');
});

const tiny = () => tinySplit(32, 12, 12);
const base = { epochs: 2, batchSize: 8, lr: 3e-3, seed: 3 } as const;
const weightsOf = (m: { getWeights(): tf.Tensor[] }) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('every loss and schedule trains end to end', () => {
  const specs = [...lossNames, 'staged:kendall:1,mse', 'alternating:kendall:1,mse:1'];
  for (const loss of specs) {
    it(loss, async () => {
      const r = await train(tiny(), { ...base, loss });
      expect(r.history.map((h) => h.epoch)).toEqual([1, 2]);
      for (const h of r.history) expect(Number.isFinite(h.trainLoss)).toBe(true);
      if (loss.startsWith('alternating')) expect(r.history.map((h) => h.loss)).toEqual(['kendall', 'mse']);
      expect(r.test.predictions.length).toBe(12);
      expect(r.test.metrics.n).toBe(12);
      expect(Number.isFinite(r.test.metrics.kendall)).toBe(true);
      r.model.dispose();
    });
  }
});

describe('the loop', () => {
  it('learns: test tau on the squares data rises well above 0 in a few epochs', async () => {
    const r = await train(tinySplit(64, 24, 24), { ...base, epochs: 4 });
    expect(r.test.metrics.kendall).toBeGreaterThan(0.5);
    r.model.dispose();
  });

  it('is deterministic for a seed on wasm, and the seed matters', async () => {
    const a = await train(tiny(), base);
    const b = await train(tiny(), base);
    const c = await train(tiny(), { ...base, seed: 4 });
    expect(weightsOf(a.model)).toEqual(weightsOf(b.model));
    expect(Array.from(a.test.predictions)).toEqual(Array.from(b.test.predictions));
    expect(Array.from(a.test.predictions)).not.toEqual(Array.from(c.test.predictions));
    for (const r of [a, b, c]) r.model.dispose();
  });

  it('keeps the tensor count flat across epochs', async () => {
    const counts: number[] = [];
    const r = await train(tiny(), { ...base, epochs: 4, log: () => counts.push(tf.memory().numTensors) });
    expect(counts.length).toBe(4);
    expect(new Set(counts.slice(1)).size).toBe(1);
    r.model.dispose();
  });

  it('--resume continues where a run stopped: same epochs, same weights as an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tauflow-resume-'));
    const options = { ...base, epochs: 3, loss: 'alternating:kendall:1,mse:1', optimizer: 'adam' as const };
    const full = await train(tiny(), { ...options, outDir: join(dir, 'full') });
    const first = await train(tiny(), { ...options, outDir: join(dir, 'cut'), stopAfterEpochs: 1 });
    first.model.dispose();
    const saved = await readCheckpoint<{ epochsDone: number }>(join(dir, 'cut', 'checkpoint.tfck'));
    expect(saved.state.epochsDone).toBe(1);
    expect(saved.optimizer.length).toBeGreaterThan(1); // iterations + Adam's m and v
    const lines: string[] = [];
    const resumed = await train(tiny(), {
      ...options,
      outDir: join(dir, 'cut'),
      resume: true,
      log: (l) => lines.push(l),
    });
    expect(lines[0]).toMatch(/resumed from .* after epoch 1 of 3/);
    expect(resumed.resumedFromEpoch).toBe(1);
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(resumed.history.map((h) => h.valKendall)).toEqual(full.history.map((h) => h.valKendall));
    expect(weightsOf(resumed.model)).toEqual(weightsOf(full.model));
    expect(existsSync(join(dir, 'cut', 'best.tfck'))).toBe(true);
    full.model.dispose();
    resumed.model.dispose();
  });

  it('--resume with other settings is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tauflow-resume2-'));
    (await train(tiny(), { ...base, epochs: 1, outDir: dir })).model.dispose();
    await expect(train(tiny(), { ...base, lr: 1e-2, outDir: dir, resume: true })).rejects.toThrow(
      /--resume: .* was trained with/,
    );
  });

  it('stops early after `patience` epochs without a better val tau, keeping the best weights', async () => {
    // lr 0 keeps the weights fixed (and the val tau constant) after the first epoch's BN stats settle
    const r = await train(tiny(), { ...base, epochs: 8, lr: 1e-12, patience: 2 });
    expect(r.stoppedEarly).toBe(true);
    expect(r.history.length).toBeLessThan(8);
    expect(r.history.length - r.bestEpoch).toBe(2);
    r.model.dispose();
  });

  it('sgd with momentum and a step schedule train too', async () => {
    const r = await train(tiny(), { ...base, optimizer: 'sgd', lr: 0.01, lrSchedule: 'step' });
    expect(r.history[1].lr).toBeLessThanOrEqual(r.history[0].lr);
    expect(Number.isFinite(r.history[1].trainLoss)).toBe(true);
    r.model.dispose();
  });

  it('rejects bad options with clear errors', async () => {
    await expect(train(tiny(), { epochs: 0 })).rejects.toThrow(
      'train: expected an integer in [1, 100000] for options.epochs but received the number 0',
    );
    await expect(train(tiny(), { batch: 8 } as never)).rejects.toThrow('train: unknown option "batch"');
    await expect(train(tiny(), { loss: 'hinge' })).rejects.toThrow('unknown loss "hinge"');
  });
});
