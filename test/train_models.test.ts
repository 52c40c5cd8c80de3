// ResNet regressors: shapes, sizes, seeded initialisation, model files and --weights loading.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../src/train/backend.js';
import { loadBackboneWeights } from '../src/train/models/load_backbone.js';
import { loadModelFiles, saveModelFiles } from '../src/train/models/model_files.js';
import { buildResNet } from '../src/train/models/resnet.js';

beforeAll(async () => {
  await chooseBackend('wasm');
});

const weightsOf = (m: { getWeights(): tf.Tensor[] }) => m.getWeights().map((w) => Array.from(w.dataSync()));

describe('buildResNet', () => {
  it('CIFAR-style resnet8/14/20 map [B, 16, 16, 3] to [B, 1] with 6n+2 conv layers', () => {
    for (const [name, convs] of [
      ['resnet8', 7 + 2],
      ['resnet14', 13 + 2],
      ['resnet20', 19 + 2],
    ] as const) {
      const m = buildResNet(name, { imageSize: 16 });
      // 6n+1 3×3 convs (+ head) plus two 1×1 projection shortcuts
      expect(m.layers.filter((l) => l.getClassName() === 'Conv2D').length).toBe(convs);
      const y = tf.tidy(() => (m.predict(tf.zeros([2, 16, 16, 3])) as tf.Tensor).shape);
      expect(y).toEqual([2, 1]);
      m.dispose();
    }
  });

  it("resnet50 has Keras ResNet50's 23,587,712 backbone parameters and its layer names", () => {
    const m = buildResNet('resnet50', { imageSize: 32 });
    // keras.applications.ResNet50(include_top=False).count_params() == 23,587,712; + dense(2048 → 1)
    expect(m.countParams()).toBe(23_587_712 + 2049);
    const names = m.layers.map((l) => l.name);
    for (const n of [
      'conv1_conv',
      'conv2_block1_0_conv',
      'conv2_block3_3_bn',
      'conv5_block3_out',
      'avg_pool',
    ])
      expect(names).toContain(n);
    m.dispose();
  });

  it('the same seed builds the same weights; another seed does not', () => {
    const a = buildResNet('resnet8', { imageSize: 16, seed: 3 });
    const b = buildResNet('resnet8', { imageSize: 16, seed: 3 });
    const c = buildResNet('resnet8', { imageSize: 16, seed: 4 });
    expect(weightsOf(a)).toEqual(weightsOf(b));
    expect(weightsOf(a)[0]).not.toEqual(weightsOf(c)[0]);
    for (const m of [a, b, c]) m.dispose();
  });

  it('head bias starts at the given mean score', () => {
    const m = buildResNet('resnet8', { imageSize: 16, headBias: 3.25 });
    expect(m.getLayer('regression_head').getWeights()[1].dataSync()[0]).toBeCloseTo(3.25, 6);
    m.dispose();
  });

  it('rejects bad names and sizes with clear errors', () => {
    expect(() => buildResNet('resnet9' as never)).toThrow(
      "buildResNet: expected one of 'resnet8', 'resnet14', 'resnet20', 'resnet32', 'resnet18', 'resnet34', 'resnet50' for name",
    );
    expect(() => buildResNet('resnet18', { imageSize: 16 })).toThrow('imageSize ≥ 32 for resnet18');
    expect(() => buildResNet('resnet8', { imageSize: 4 })).toThrow(RangeError);
  });
});

describe('model files and --weights', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tauflow-models-'));

  it('saveModelFiles → loadModelFiles round-trips the weights and metadata', async () => {
    const m = buildResNet('resnet8', { imageSize: 16, seed: 5 });
    const path = await saveModelFiles(m, join(dir, 'a'), { tauflow: { imageSize: 16 } });
    const { model, metadata } = await loadModelFiles(path);
    expect(metadata).toEqual({ tauflow: { imageSize: 16 } });
    expect(weightsOf(model)).toEqual(weightsOf(m));
    m.dispose();
    model.dispose();
  });

  it('loads a backbone by layer name into a deeper model, never the head', async () => {
    const source = buildResNet('resnet8', { imageSize: 16, seed: 6, headBias: 9 });
    const path = await saveModelFiles(source, join(dir, 'b'));
    const target = buildResNet('resnet14', { imageSize: 16, seed: 7, headBias: 1 });
    const loaded = await loadBackboneWeights(target, path);
    expect(loaded.layers).toContain('conv1_conv');
    expect(loaded.layers).toContain('conv4_block1_2_bn');
    expect(loaded.layers).not.toContain('regression_head');
    expect(target.getLayer('conv1_conv').getWeights()[0].dataSync()).toEqual(
      source.getLayer('conv1_conv').getWeights()[0].dataSync(),
    );
    // resnet14's second blocks are not in resnet8: left as initialised
    expect(loaded.layers).not.toContain('conv2_block2_1_conv');
    expect(target.getLayer('regression_head').getWeights()[1].dataSync()[0]).toBeCloseTo(1, 6);
    source.dispose();
    target.dispose();
  });

  it('a layer whose shapes differ is a clear error naming it', async () => {
    const bytes = new Float32Array(3 * 3 * 3 * 8);
    writeFileSync(join(dir, 'bad.bin'), new Uint8Array(bytes.buffer));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        format: 'layers-model',
        weightsManifest: [
          {
            paths: ['bad.bin'],
            weights: [{ name: 'conv1_conv/kernel', shape: [3, 3, 3, 8], dtype: 'float32' }],
          },
        ],
      }),
    );
    const target = buildResNet('resnet8', { imageSize: 16 });
    await expect(loadBackboneWeights(target, join(dir, 'bad.json'))).rejects.toThrow(
      'conv1_conv/kernel: file has [3,3,3,8], model resnet8 needs [3,3,3,16]',
    );
    target.dispose();
  });

  it('a file with no matching layer, or no model at all, is a clear error', async () => {
    const other = buildResNet('resnet18', { imageSize: 32 });
    const path = await saveModelFiles(other, join(dir, 'c'));
    other.dispose();
    const target = buildResNet('resnet8', { imageSize: 16 });
    await expect(loadBackboneWeights(target, path)).rejects.toThrow(/does not fit resnet8|no layer matches/);
    await expect(loadBackboneWeights(target, join(dir, 'missing.json'))).rejects.toThrow(
      'cannot read tfjs model',
    );
    target.dispose();
  });
});
