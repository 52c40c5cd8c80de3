// Training throughput on one model and batch, three ways in one run:
//   1. wasm with only the kernel it lacks (Conv2DBackpropFilter): the minimum to train at all
//   2. wasm with all of tauflow's training kernels (+ composed Conv2DBackpropInput, BN gradient
//      without Tile)
//   3. the pure-JS cpu backend (slow: STEPS_CPU steps, default 1)
// and the Kendall surrogate's share of a training step at batch 128 (loss value + gradient
// w.r.t. the predictions, timed alone, over the whole step with that loss).
//
//   npx tsx bench/train_throughput.bench.ts [model=resnet8] [size=32] [batch=32] [steps=5] [stepsCpu=1]
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerKernel } from '@tensorflow/tfjs-core';
import { losses } from '../src/tfjs/index.js';
import { conv2dBackpropFilterWasmConfig } from '../src/train/kernels/conv2d_backprop_filter_wasm.js';
import { registerWasmTrainingKernels } from '../src/train/kernels/register_wasm_training_kernels.js';
import { buildResNet, type ModelName } from '../src/train/models/resnet.js';

const [model = 'resnet8', sizeArg = '32', batchArg = '32', stepsArg = '5', stepsCpuArg = '1'] =
  process.argv.slice(2);
const size = Number(sizeArg);
const batch = Number(batchArg);
const steps = Number(stepsArg);
const stepsCpu = Number(stepsCpuArg);

type Loss = (y: tf.Tensor, p: tf.Tensor) => tf.Tensor;

/** Seconds per training step (after `warmup` untimed steps). */
function timeSteps(n: number, warmup: number, b: number, loss: Loss): number {
  const m = buildResNet(model as ModelName, { imageSize: size, seed: 1, headBias: 3 });
  const opt = tf.train.adam(1e-3);
  const vars = m.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const x = tf.randomUniform([b, size, size, 3], 0, 1, 'float32', 1);
  const y = tf.randomUniform([b], 2.5, 6, 'float32', 2);
  const step = () => {
    const cost = opt.minimize(
      () => loss(y, tf.reshape(m.apply(x, { training: true }) as tf.Tensor, [-1])) as tf.Scalar,
      true,
      vars,
    )!;
    cost.dataSync();
    cost.dispose();
  };
  for (let i = 0; i < warmup; i++) step();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) step();
  const seconds = (performance.now() - t0) / 1000 / n;
  tf.dispose([x, y]);
  opt.dispose();
  m.dispose();
  return seconds;
}

const mse: Loss = (y, p) => tf.losses.meanSquaredError(y, p);
const line = (label: string, s: number) =>
  console.log(
    `${label.padEnd(52)} ${s.toFixed(3).padStart(8)} s/step  ${(batch / s).toFixed(1).padStart(7)} img/s`,
  );
console.log(`${model}, ${size}×${size}×3, batch ${batch}, Adam, mse; ${new Date().toISOString()}`);

await tf.setBackend('wasm');
registerKernel(conv2dBackpropFilterWasmConfig); // the minimum: without it wasm cannot train
const minimal = timeSteps(steps, 2, batch, mse);
line('wasm + Conv2DBackpropFilter only', minimal);
registerWasmTrainingKernels(); // + Conv2DBackpropInput (XNNPACK), BN gradient without Tile
const full = timeSteps(steps, 2, batch, mse);
line("wasm + all of tauflow's training kernels", full);

// The surrogate's share of a step at batch 128 (kendall loss, default options).
const kendall = losses.kendall();
const stepKendall = timeSteps(Math.max(2, Math.ceil(steps / 2)), 1, 128, kendall);
const y128 = tf.randomUniform([128], 2.5, 6, 'float32', 3);
const p128 = tf.randomUniform([128], 2.5, 6, 'float32', 4);
const lossGrad = tf.valueAndGrad((p: tf.Tensor) => kendall(y128, p) as tf.Scalar);
for (let i = 0; i < 5; i++) tf.tidy(() => lossGrad(p128).grad.dataSync());
const reps = 200;
const t0 = performance.now();
for (let i = 0; i < reps; i++) tf.tidy(() => lossGrad(p128).grad.dataSync());
const lossSeconds = (performance.now() - t0) / 1000 / reps;
console.log(
  `kendall loss, batch 128: step ${stepKendall.toFixed(3)} s; loss value+gradient ${(lossSeconds * 1000).toFixed(3)} ms = ${((100 * lossSeconds) / stepKendall).toFixed(2)}% of the step`,
);

await tf.setBackend('cpu');
const cpu = timeSteps(stepsCpu, 0, batch, mse);
line(`cpu (pure JS), ${stepsCpu} step${stepsCpu > 1 ? 's' : ''}, no warm-up`, cpu);
console.log(`speed-up of wasm + tauflow kernels over cpu: ${(cpu / full).toFixed(1)}×`);
