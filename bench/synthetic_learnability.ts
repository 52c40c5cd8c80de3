// How learnable is the synthetic difficulty from pixels? A lower bound for a trained CNN: a fixed
// random two-layer conv net (random 3×3 filters, ReLU, pooling) whose global-pooled features feed a
// ridge regression fitted on the training split. Reports test tau-b against the noisy scores, the
// ceiling tau and their ratio, and per factor how well the features recover its hardness.
// Run: npx tsx bench/synthetic_learnability.ts [count=2000] [size=32]

import { ceilingTau as tauB } from '../src/train/data/ceiling_tau.js';
import { loadSynthetic, type SyntheticImages } from '../src/train/data/synthetic_loader.js';
import { HARDNESS_FACTORS } from '../src/train/data/synthetic_scenes.js';
import { createRng } from '../src/train/rng.js';

const count = Number(process.argv[2] ?? 2000);
const size = Number(process.argv[3] ?? 32);
const t0 = performance.now();
const data = loadSynthetic({ count, size, seed: 1 });
const rng = createRng(123);
const C1 = 24;
const C2 = 48;
const w1 = Float32Array.from({ length: C1 * 27 }, () => rng.normal() / Math.sqrt(27));
const b1 = Float32Array.from({ length: C1 }, () => 0.1 * rng.normal());
const w2 = Float32Array.from({ length: C2 * 9 * C1 }, () => rng.normal() / Math.sqrt(9 * C1));
const b2 = Float32Array.from({ length: C2 }, () => 0.1 * rng.normal());

function conv(x: Float32Array, s: number, cin: number, w: Float32Array, b: Float32Array, cout: number) {
  const y = new Float32Array(s * s * cout);
  for (let i = 0; i < s; i++)
    for (let j = 0; j < s; j++)
      for (let o = 0; o < cout; o++) {
        let acc = b[o];
        for (let di = -1; di <= 1; di++) {
          const ii = i + di;
          if (ii < 0 || ii >= s) continue;
          for (let dj = -1; dj <= 1; dj++) {
            const jj = j + dj;
            if (jj < 0 || jj >= s) continue;
            const wo = (o * 9 + (di + 1) * 3 + (dj + 1)) * cin;
            const xo = (ii * s + jj) * cin;
            for (let c = 0; c < cin; c++) acc += w[wo + c] * x[xo + c];
          }
        }
        y[(i * s + j) * cout + o] = Math.max(acc, 0);
      }
  return y;
}
function pool2(x: Float32Array, s: number, c: number) {
  const h = s / 2;
  const y = new Float32Array(h * h * c);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < h; j++)
      for (let k = 0; k < c; k++)
        y[(i * h + j) * c + k] =
          0.25 *
          (x[(2 * i * s + 2 * j) * c + k] +
            x[(2 * i * s + 2 * j + 1) * c + k] +
            x[((2 * i + 1) * s + 2 * j) * c + k] +
            x[((2 * i + 1) * s + 2 * j + 1) * c + k]);
  return y;
}
function globalPool(x: Float32Array, s: number, c: number, out: number[]) {
  for (let k = 0; k < c; k++) {
    let sum = 0;
    let mx = 0;
    let sq = 0;
    for (let p = 0; p < s * s; p++) {
      const v = x[p * c + k];
      sum += v;
      sq += v * v;
      if (v > mx) mx = v;
    }
    const m = sum / (s * s);
    out.push(m, mx, Math.sqrt(Math.max(0, sq / (s * s) - m * m)));
  }
}
function features(set: SyntheticImages): number[][] {
  const px = size * size * 3;
  const rows: number[][] = [];
  for (let start = 0; start < set.samples.length; start += 64) {
    const idx = Array.from({ length: Math.min(64, set.samples.length - start) }, (_, k) => start + k);
    const b = set.batchSync(idx);
    for (let k = 0; k < idx.length; k++) {
      const img = b.images.subarray(k * px, (k + 1) * px);
      const a1 = conv(img, size, 3, w1, b1, C1);
      const p1 = pool2(a1, size, C1);
      const a2 = conv(p1, size / 2, C1, w2, b2, C2);
      const f: number[] = [];
      globalPool(a1, size, C1, f);
      globalPool(a2, size / 2, C2, f);
      rows.push(f);
    }
  }
  return rows;
}
function ridge(X: number[][], y: number[], lambda: number) {
  const p = X[0].length;
  const mu = new Float64Array(p);
  const sd = new Float64Array(p);
  for (const r of X)
    r.forEach((v, j) => {
      mu[j] += v / X.length;
    });
  for (const r of X)
    r.forEach((v, j) => {
      sd[j] += (v - mu[j]) ** 2 / X.length;
    });
  for (let j = 0; j < p; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const Z = X.map((r) => r.map((v, j) => (v - mu[j]) / sd[j]));
  const ym = y.reduce((a, b) => a + b, 0) / y.length;
  const A = Array.from({ length: p }, () => new Float64Array(p));
  const rhs = new Float64Array(p);
  Z.forEach((r, i) => {
    for (let a = 0; a < p; a++) {
      rhs[a] += r[a] * (y[i] - ym);
      for (let b = 0; b <= a; b++) A[a][b] += r[a] * r[b];
    }
  });
  for (let a = 0; a < p; a++) {
    A[a][a] += lambda;
    for (let b = 0; b < a; b++) A[b][a] = A[a][b];
  }
  // Gaussian elimination (p is small)
  const w = Array.from(rhs);
  for (let c = 0; c < p; c++) {
    for (let r = c + 1; r < p; r++) {
      const f = A[r][c] / A[c][c];
      for (let k = c; k < p; k++) A[r][k] -= f * A[c][k];
      w[r] -= f * w[c];
    }
  }
  for (let c = p - 1; c >= 0; c--) {
    for (let k = c + 1; k < p; k++) w[c] -= A[c][k] * w[k];
    w[c] /= A[c][c];
  }
  return (x: number[]) => ym + x.reduce((acc, v, j) => acc + ((v - mu[j]) / sd[j]) * w[j], 0);
}
const pearson = (a: number[], b: number[]) => {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  a.forEach((v, i) => {
    sab += (v - ma) * (b[i] - mb);
    saa += (v - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
};

const Xtr = features(data.train);
const Xte = features(data.test);
const tFeat = performance.now();
// Fit on the latent (the model would fit the noisy score; the latent is its monotone image)
const yTrain = data.train.specs.map((s) => s.noisyLatent);
const model = ridge(Xtr, yTrain, 10);
const pred = Xte.map(model);
const noisy = data.test.samples.map((s) => s.score);
const tau = tauB(pred, noisy);
console.log(
  `synthetic ${count} scenes ${size}px: ${Xtr[0].length} random-conv features in ${((tFeat - t0) / 1000).toFixed(1)} s`,
);
console.log(
  `test tau-b vs noisy scores ${tau.toFixed(3)}, ceiling ${data.ceilingTau!.toFixed(3)}, ratio ${(tau / data.ceilingTau!).toFixed(3)}`,
);
console.log(`test tau-b vs noise-free ${tauB(pred, Array.from(data.test.noiseFreeScores)).toFixed(3)}`);
for (const f of HARDNESS_FACTORS) {
  const m = ridge(
    Xtr,
    data.train.specs.map((s) => s.hardness[f]),
    10,
  );
  console.log(
    `  factor ${f.padEnd(12)} test r = ${pearson(
      Xte.map(m),
      data.test.specs.map((s) => s.hardness[f]),
    ).toFixed(3)}`,
  );
}
