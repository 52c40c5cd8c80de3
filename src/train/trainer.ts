// The training loop: a ResNet regressor trained on SplitData with a loss schedule, an LR
// schedule, seeded shuffles, early stopping on validation Kendall tau, per-epoch atomic
// checkpoints and --resume. Runs on whichever tfjs backend is active (see backend.ts).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import cliProgress from 'cli-progress';
import { checkOptions, integerIn, numberIn, oneOf } from '../validate.js';
import {
  modelWeights,
  optimizerState,
  readCheckpoint,
  restoreOptimizerState,
  type StoredTensor,
  setModelWeights,
  writeCheckpoint,
} from './checkpoint.js';
import type { ImageBatch, LabeledImages, Sample, SplitData } from './data/types.js';
import { type LossFunction, type LossOptions, makeLoss } from './loop/loss_functions.js';
import { type RegressionMetrics, regressionMetrics } from './loop/metrics.js';
import { describeSchedule, type LossName, lossForEpoch, parseLossSchedule } from './loss_schedule.js';
import { loadBackboneWeights } from './models/load_backbone.js';
import { buildResNet, type ModelName, modelNames } from './models/resnet.js';
import {
  createOptimizer,
  type LrScheduleName,
  learningRateAt,
  lrScheduleNames,
  type OptimizerName,
  optimizerNames,
  setLearningRate,
} from './optimizer.js';
import { deriveSeed, Rng } from './rng.js';
import { probeWritable } from './write_probe.js';

export interface TrainOptions {
  /** architecture (default 'resnet8') */
  model?: ModelName;
  /** a loss name or schedule: 'mse', 'kendall', 'joint', 'logRatio', 'softmaxKL',
   * 'staged:kendall:3,mse', 'alternating:kendall:2,mse:1' (default 'mse') */
  loss?: string;
  lossOptions?: LossOptions;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer?: OptimizerName;
  momentum?: number;
  lrSchedule?: LrScheduleName;
  /** seed for weights, shuffles and augmentation (default 1) */
  seed?: number;
  /** stop after this many epochs without a better validation tau (0 = never; default 0) */
  patience?: number;
  /** folder for checkpoint.tfck and best.tfck (none: no checkpoints) */
  outDir?: string;
  /** continue from outDir/checkpoint.tfck when it exists */
  resume?: boolean;
  /** a tfjs LayersModel (model.json) whose layers initialise the backbone by name */
  weights?: string;
  /** the epoch's training order (up-sampling plugs in here); default a seeded shuffle */
  epochOrder?: (samples: readonly Sample[], rng: Rng) => number[];
  /** per-batch augmentation (flip, mixup); must draw randomness only from rng */
  augment?: (batch: ImageBatch, rng: Rng) => ImageBatch;
  /** progress bar on stderr (default: when stderr is a TTY) */
  progress?: boolean;
  /** one line per event (epoch summaries, resume, weights); default: nothing */
  log?: (line: string) => void;
  /** stop after this many epochs in this call (tests simulate an interrupted run) */
  stopAfterEpochs?: number;
}

export interface EpochRecord {
  epoch: number;
  loss: string;
  trainLoss: number;
  lr: number;
  valKendall: number;
  valMse: number;
  seconds: number;
  imagesPerSecond: number;
}

interface LoopState {
  version: 1;
  config: ResolvedConfig;
  epochsDone: number;
  /** seed of the next epoch's stream (shuffle, augmentation): deriveSeed(seed, epoch), so a
   * resumed run draws what the uninterrupted run would have */
  nextEpochSeed: number;
  history: EpochRecord[];
  bestValKendall: number;
  bestEpoch: number;
  epochsSinceBest: number;
  stoppedEarly: boolean;
}

export interface Evaluation {
  metrics: RegressionMetrics;
  names: string[];
  targets: Float32Array;
  predictions: Float32Array;
}

export interface TrainResult {
  model: tfl.LayersModel;
  config: ResolvedConfig;
  history: EpochRecord[];
  /** 1-based epoch whose weights were kept (best validation tau) */
  bestEpoch: number;
  stoppedEarly: boolean;
  resumedFromEpoch: number;
  val: Evaluation;
  test: Evaluation;
  /** training seconds (this call) and images per second over those epochs */
  trainSeconds: number;
  imagesPerSecond: number;
}

export type ResolvedConfig = ReturnType<typeof resolveOptions>;

function resolveOptions(options: TrainOptions, imageSize: number) {
  const fn = 'train';
  checkOptions(fn, options, [
    'model',
    'loss',
    'lossOptions',
    'epochs',
    'batchSize',
    'lr',
    'optimizer',
    'momentum',
    'lrSchedule',
    'seed',
    'patience',
    'outDir',
    'resume',
    'weights',
    'epochOrder',
    'augment',
    'progress',
    'log',
    'stopAfterEpochs',
  ]);
  const loss = options.loss ?? 'mse';
  return {
    model: oneOf(fn, 'options.model', options.model, modelNames, 'resnet8'),
    imageSize,
    loss: describeSchedule(parseLossSchedule(loss)),
    lossOptions: options.lossOptions ?? {},
    epochs: integerIn(fn, 'options.epochs', options.epochs, 1, 100000, 10),
    batchSize: integerIn(fn, 'options.batchSize', options.batchSize, 2, 65536, 32),
    lr: numberIn(fn, 'options.lr', options.lr, Number.MIN_VALUE, 10, 1e-3),
    optimizer: oneOf(fn, 'options.optimizer', options.optimizer, optimizerNames, 'adam'),
    momentum: numberIn(fn, 'options.momentum', options.momentum, 0, 1, 0.9),
    lrSchedule: oneOf(fn, 'options.lrSchedule', options.lrSchedule, lrScheduleNames, 'constant'),
    seed: integerIn(fn, 'options.seed', options.seed, 0, 2 ** 31 - 1, 1),
    patience: integerIn(fn, 'options.patience', options.patience, 0, 100000, 0),
    weights: options.weights ?? null,
  };
}

/** Predictions of a model over a whole set, in the set's order. */
export async function predictSet(
  model: tfl.LayersModel,
  set: LabeledImages,
  batchSize = 128,
): Promise<Evaluation> {
  const n = set.samples.length;
  const predictions = new Float32Array(n);
  const targets = new Float32Array(n);
  const names: string[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const batch = await set.batch(indices);
    const out = tf.tidy(() => {
      const x = tf.tensor4d(batch.images, [batch.count, set.size, set.size, 3]);
      return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    });
    predictions.set(out, start);
    targets.set(batch.scores, start);
    names.push(...batch.names);
  }
  return { metrics: regressionMetrics(targets, predictions), names, targets, predictions };
}

function defaultOrder(samples: readonly Sample[], rng: Rng): number[] {
  return rng.permutation(samples.length);
}

/** Batches of an epoch's order; a last batch of one sample is dropped (no pairs, no batch statistics). */
function chunk(order: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += size) out.push(order.slice(i, i + size));
  if (out.length > 1 && out[out.length - 1].length < 2) out.pop();
  return out;
}

const better = (a: number, b: number) => (Number.isNaN(a) ? false : Number.isNaN(b) || a > b);

/**
 * Trains a ResNet regressor and evaluates it on the validation and test splits.
 *
 * @example
 * await chooseBackend('auto');
 * const data = await loadSynthetic({ count: 2000, size: 32, seed: 1 });
 * const result = await train(data, { model: 'resnet8', loss: 'alternating:kendall:2,mse:1', epochs: 6 });
 * console.log(result.test.metrics.kendall);
 */
export async function train(data: SplitData, options: TrainOptions = {}): Promise<TrainResult> {
  const config = resolveOptions(options, data.train.size);
  const log = options.log ?? (() => {});
  if (data.train.samples.length < 2)
    throw new RangeError('train: the training split needs at least 2 images');
  if (data.val.samples.length < 2)
    throw new RangeError('train: the validation split needs at least 2 images');
  const schedule = parseLossSchedule(config.loss);
  const epochOrder = options.epochOrder ?? defaultOrder;

  const trainScores = data.train.samples.map((s) => s.score);
  const meanScore = trainScores.reduce((a, b) => a + b, 0) / trainScores.length;
  const model = buildResNet(config.model, {
    imageSize: config.imageSize,
    seed: config.seed,
    headBias: meanScore,
  });
  if (options.weights) {
    const loaded = await loadBackboneWeights(model, options.weights);
    log(
      `weights: ${loaded.layers.length} layers from ${options.weights} (${loaded.skipped.length} of its layers unused)`,
    );
  }
  const optimizer = createOptimizer({ name: config.optimizer, lr: config.lr, momentum: config.momentum });
  const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);

  const checkpointPath = options.outDir ? join(options.outDir, 'checkpoint.tfck') : undefined;
  const bestPath = options.outDir ? join(options.outDir, 'best.tfck') : undefined;
  if (options.outDir) {
    mkdirSync(options.outDir, { recursive: true });
    // An existing folder passes mkdir even when it cannot be written; find out now, not after
    // the first epoch when the first checkpoint is written.
    try {
      probeWritable(options.outDir);
    } catch (err) {
      throw new Error(
        `train: cannot write checkpoints to the output folder ${options.outDir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
  }

  let state: LoopState = {
    version: 1,
    config,
    epochsDone: 0,
    nextEpochSeed: deriveSeed(config.seed, 0),
    history: [],
    bestValKendall: Number.NaN,
    bestEpoch: 0,
    epochsSinceBest: 0,
    stoppedEarly: false,
  };
  let bestWeights: StoredTensor[] | undefined;
  if (options.resume && checkpointPath && existsSync(checkpointPath)) {
    const saved = await readCheckpoint<LoopState>(checkpointPath);
    const { epochs: _a, patience: _b, ...mustMatch } = config;
    const { epochs: _c, patience: _d, ...wasRun } = saved.state.config;
    if (JSON.stringify(mustMatch) !== JSON.stringify(wasRun))
      throw new Error(
        `--resume: ${checkpointPath} was trained with ${JSON.stringify(wasRun)}, not ${JSON.stringify(mustMatch)}; use another --out or the same settings`,
      );
    setModelWeights(model, saved.model, checkpointPath);
    await restoreOptimizerState(optimizer, saved.optimizer, saved.optimizerScalars);
    state = { ...saved.state, config };
    if (bestPath && existsSync(bestPath)) bestWeights = (await readCheckpoint(bestPath)).model;
    log(`resumed from ${checkpointPath} after epoch ${state.epochsDone} of ${config.epochs}`);
  } else if (options.resume) {
    // A run killed before its first checkpoint has nothing to resume: say so rather than
    // starting over silently.
    log(`--resume: no checkpoint${checkpointPath ? ` at ${checkpointPath}` : ''} yet; starting from epoch 1`);
  }
  const resumedFromEpoch = state.epochsDone;

  const lossCache = new Map<LossName, LossFunction>();
  const lossFor = (name: LossName) => {
    let fn = lossCache.get(name);
    if (!fn) {
      fn = makeLoss(name, config.lossOptions);
      lossCache.set(name, fn);
    }
    return fn;
  };

  const showBar = options.progress ?? Boolean(process.stderr.isTTY);
  const size = config.imageSize;
  let trainSeconds = 0;
  let trainImages = 0;
  let epochsThisCall = 0;
  for (let epoch = state.epochsDone; epoch < config.epochs && !state.stoppedEarly; epoch++) {
    if (options.stopAfterEpochs !== undefined && epochsThisCall >= options.stopAfterEpochs) break;
    const lr = learningRateAt({ kind: config.lrSchedule }, config.lr, epoch, config.epochs);
    setLearningRate(optimizer, lr);
    const lossName = lossForEpoch(schedule, epoch);
    const lossFn = lossFor(lossName);
    const rng = new Rng(deriveSeed(config.seed, epoch));
    const batches = chunk(epochOrder(data.train.samples, rng), config.batchSize);
    const bar = showBar
      ? new cliProgress.SingleBar(
          {
            format: `epoch ${epoch + 1}/${config.epochs} [{bar}] {value}/{total} | ${lossName} {loss} | {speed} img/s | val tau {tau}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(batches.length, 0, {
      loss: '-',
      speed: '-',
      tau: Number.isNaN(state.bestValKendall) ? '-' : state.bestValKendall.toFixed(3),
    });
    const start = performance.now();
    let lossSum = 0;
    let images = 0;
    let next = data.train.batch(batches[0]);
    for (let b = 0; b < batches.length; b++) {
      const raw = await next;
      if (b + 1 < batches.length) next = data.train.batch(batches[b + 1]); // decode while we compute
      const batch = options.augment ? options.augment(raw, rng) : raw;
      const cost = tf.tidy(() => {
        const x = tf.tensor4d(batch.images, [batch.count, size, size, 3]);
        const y = tf.tensor1d(batch.scores);
        return optimizer.minimize(
          () => lossFn(y, tf.reshape(model.apply(x, { training: true }) as tf.Tensor, [-1])) as tf.Scalar,
          true,
          vars,
        ) as tf.Scalar;
      });
      const value = cost.dataSync()[0];
      cost.dispose();
      if (!Number.isFinite(value))
        throw new Error(
          `train: the ${lossName} loss became ${value} in epoch ${epoch + 1}, batch ${b + 1}; lower --lr`,
        );
      lossSum += value * batch.count;
      images += batch.count;
      const seconds = (performance.now() - start) / 1000;
      bar?.update(b + 1, { loss: (lossSum / images).toFixed(4), speed: (images / seconds).toFixed(0) });
    }
    const seconds = (performance.now() - start) / 1000;
    bar?.stop();
    trainSeconds += seconds;
    trainImages += images;
    const val = await predictSet(model, data.val);
    const record: EpochRecord = {
      epoch: epoch + 1,
      loss: lossName,
      trainLoss: lossSum / images,
      lr,
      valKendall: val.metrics.kendall,
      valMse: val.metrics.mse,
      seconds,
      imagesPerSecond: images / seconds,
    };
    state.history.push(record);
    if (better(record.valKendall, state.bestValKendall)) {
      state.bestValKendall = record.valKendall;
      state.bestEpoch = record.epoch;
      state.epochsSinceBest = 0;
      bestWeights = modelWeights(model);
      if (bestPath)
        await writeCheckpoint(bestPath, { state, model: bestWeights, optimizer: [], optimizerScalars: {} });
    } else {
      state.epochsSinceBest++;
      if (config.patience > 0 && state.epochsSinceBest >= config.patience) state.stoppedEarly = true;
    }
    state.epochsDone = epoch + 1;
    state.nextEpochSeed = deriveSeed(config.seed, epoch + 1);
    epochsThisCall++;
    log(
      `epoch ${record.epoch}/${config.epochs}  ${lossName} ${record.trainLoss.toFixed(4)}  lr ${lr.toExponential(2)}  ` +
        `val tau ${record.valKendall.toFixed(4)}  val mse ${record.valMse.toFixed(4)}  ` +
        `${record.imagesPerSecond.toFixed(0)} img/s  ${seconds.toFixed(1)} s${state.stoppedEarly ? '  (early stop)' : ''}`,
    );
    if (checkpointPath) {
      const opt = await optimizerState(optimizer);
      await writeCheckpoint(checkpointPath, {
        state,
        model: modelWeights(model),
        optimizer: opt.tensors,
        optimizerScalars: opt.scalars,
      });
    }
  }
  if (bestWeights && state.bestEpoch !== state.epochsDone)
    setModelWeights(model, bestWeights, 'best weights');
  optimizer.dispose();
  const val = await predictSet(model, data.val);
  const test = await predictSet(model, data.test);
  return {
    model,
    config,
    history: state.history,
    bestEpoch: state.bestEpoch,
    stoppedEarly: state.stoppedEarly,
    resumedFromEpoch,
    val,
    test,
    trainSeconds,
    imagesPerSecond: trainSeconds > 0 ? trainImages / trainSeconds : 0,
  };
}
