// A tiny learnable SplitData for trainer tests: each image is a bright square on a dark field
// whose side sets the score (bigger square → higher score), so a few epochs already rank it.
import type { ImageBatch, LabeledImages, Sample, SplitData } from '../../src/train/data/types.js';

function makeSet(prefix: string, count: number, size: number, seed: number): LabeledImages {
  const samples: Sample[] = [];
  const sides: number[] = [];
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < count; i++) {
    const side = 2 + Math.floor(rand() * (size - 4));
    sides.push(side);
    samples.push({ name: `${prefix}_${i}.png`, score: 2.5 + (6 * side) / size + 0.2 * rand() });
  }
  return {
    size,
    samples,
    async batch(indices: readonly number[]): Promise<ImageBatch> {
      const images = new Float32Array(indices.length * size * size * 3);
      indices.forEach((index, b) => {
        const side = sides[index];
        for (let y = 0; y < side; y++)
          for (let x = 0; x < side; x++)
            for (let c = 0; c < 3; c++) images[((b * size + y) * size + x) * 3 + c] = 0.9;
      });
      return {
        images,
        scores: Float32Array.from(indices, (i) => samples[i].score),
        names: indices.map((i) => samples[i].name),
        count: indices.length,
      };
    },
  };
}

/** train/val/test of the given sizes, 16×16 by default. */
export function tinySplit(train = 32, val = 16, test = 16, size = 16): SplitData {
  return {
    train: makeSet('train', train, size, 1),
    val: makeSet('val', val, size, 2),
    test: makeSet('test', test, size, 3),
    skipped: [],
    description: `tiny squares (${train}/${val}/${test}, ${size} px)`,
  };
}
