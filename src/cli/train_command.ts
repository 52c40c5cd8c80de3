// `tauflow train`: trains a ResNet difficulty regressor (synthetic scenes by default) and writes
// checkpoints, the final model, predictions CSVs and the report into --out.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { type BackendChoice, backendNames, chooseBackend } from '../train/backend.js';
import { randomFlip } from '../train/data/augment_flip.js';
import { mixup } from '../train/data/mixup.js';
import type { ImageBatch, SplitData } from '../train/data/types.js';
import { upsampleOrder } from '../train/data/upsample.js';
import { parseLossSchedule } from '../train/loss_schedule.js';
import { saveModelFiles } from '../train/models/model_files.js';
import { modelNames } from '../train/models/resnet.js';
import { lrScheduleNames, optimizerNames } from '../train/optimizer.js';
import { type ReportInput, type ReportJson, writeReport } from '../train/report/index.js';
import type { Rng } from '../train/rng.js';
import { type Evaluation, type TrainOptions, type TrainResult, train } from '../train/trainer.js';
import {
  addDataOptions,
  checkDataFlags,
  choiceFlag,
  type DataFlags,
  integerFlag,
  loadDataFromFlags,
  numberFlag,
} from './train_options.js';
import { UsageError } from './usage_error.js';

/**
 * The main job's defaults (`npx tauflow train` with no flags): 4000 synthetic 32×32 scenes
 * (2000 to train), resnet8, joint loss (λ 0.7), 4 epochs of Adam with a cosine learning rate,
 * random flips. Chosen by measurement on the shared 2-core machine: with mse instead of joint,
 * 5 epochs reached only 74% of the ceiling tau; joint passed 79% (validation) by epoch 4.
 * See bench/RESULTS.md (## Trainer) for the wall time and test tau of this exact default.
 */
export const MAIN_JOB = {
  count: 4000,
  imageSize: 32,
  model: 'resnet8',
  loss: 'joint',
  epochs: 4,
  batch: 32,
  lr: 3e-3,
  lrSchedule: 'cosine',
} as const;

export interface TrainFlags extends DataFlags {
  model: (typeof modelNames)[number];
  loss: string;
  schedule?: string;
  lambda?: number;
  alpha?: number;
  surrogate?: string;
  epochs: number;
  batch: number;
  lr: number;
  optimizer: (typeof optimizerNames)[number];
  momentum: number;
  lrSchedule: (typeof lrScheduleNames)[number];
  seed: number;
  patience: number;
  flip: boolean;
  mixup?: number;
  upsample?: boolean;
  out: string;
  backend: (typeof backendNames)[number];
  resume?: boolean;
  weights?: string;
  quiet?: boolean;
}

/** The training flags (model, loss, optimisation, augmentation, output, backend). */
export function addTrainingOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--model <NAME>', 'architecture')
        .default(MAIN_JOB.model)
        .argParser(choiceFlag('--model', modelNames)),
    )
    .option('--loss <NAME>', 'mse, kendall, joint, logRatio or softmaxKL (or a schedule)', MAIN_JOB.loss)
    .option(
      '--schedule <SPEC>',
      'loss schedule: staged[:kendall:3,mse] or alternating[:kendall:2,mse:1] (overrides --loss)',
    )
    .addOption(
      new Option('--lambda <L>', 'joint: weight of the rank term').argParser(numberFlag('--lambda', 0, 1)),
    )
    .addOption(
      new Option('--alpha <A>', 'kendall: scale inside the pair function').argParser(
        numberFlag('--alpha', 0, 1e6, true),
      ),
    )
    .addOption(
      new Option('--surrogate <KIND>', 'kendall: pair function').argParser(
        choiceFlag('--surrogate', ['tanh', 'hardtanh', 'logistic', 'ranknet', 'hinge'] as const),
      ),
    )
    .addOption(
      new Option('--epochs <N>', 'epochs').default(MAIN_JOB.epochs).argParser(integerFlag('--epochs', 1)),
    )
    .addOption(
      new Option('--batch <N>', 'batch size').default(MAIN_JOB.batch).argParser(integerFlag('--batch', 2)),
    )
    .addOption(
      new Option('--lr <LR>', 'learning rate')
        .default(MAIN_JOB.lr)
        .argParser(numberFlag('--lr', 0, 10, true)),
    )
    .addOption(
      new Option('--optimizer <NAME>', 'adam or sgd (with momentum)')
        .default('adam')
        .argParser(choiceFlag('--optimizer', optimizerNames)),
    )
    .addOption(
      new Option('--momentum <M>', 'SGD momentum').default(0.9).argParser(numberFlag('--momentum', 0, 1)),
    )
    .addOption(
      new Option('--lr-schedule <KIND>', 'constant, step or cosine')
        .default(MAIN_JOB.lrSchedule)
        .argParser(choiceFlag('--lr-schedule', lrScheduleNames)),
    )
    .addOption(
      new Option('--seed <N>', 'seed of weights, shuffles and augmentation')
        .default(1)
        .argParser(integerFlag('--seed', 0, 2 ** 31 - 1)),
    )
    .addOption(
      new Option('--patience <N>', 'early stop after N epochs without a better val tau (0: never)')
        .default(0)
        .argParser(integerFlag('--patience', 0)),
    )
    .option('--no-flip', 'no random horizontal flips (on by default: the scenes have no handedness)')
    .addOption(
      new Option('--mixup <ALPHA>', 'augment: mixup with Beta(α, α)').argParser(
        numberFlag('--mixup', 0, 100, true),
      ),
    )
    .option('--upsample', 'augment: up-sample rare score bins (inverse frequency)')
    .option('--out <DIR>', 'output folder (checkpoints, model, predictions, report)', 'runs/train')
    .addOption(
      new Option('--backend <NAME>', 'tfjs backend')
        .default('auto')
        .argParser(choiceFlag('--backend', backendNames)),
    )
    .option('--resume', 'continue from OUT/checkpoint.tfck')
    .option('--weights <MODEL_JSON>', 'initialise the backbone from a tfjs LayersModel, by layer name')
    .option('--quiet', 'no progress bar or epoch lines');
}

/**
 * The loss or schedule the flags ask for: --schedule wins over --loss; a --schedule without a
 * kind is staged when its last phase has no epoch count ("kendall:3,mse"), else alternating.
 * Parsed here, so a bad spec is a usage error before any work.
 */
export function lossSpecFromFlags(flags: Pick<TrainFlags, 'loss' | 'schedule'>): string {
  let spec = flags.loss;
  if (flags.schedule) {
    const s = flags.schedule.trim();
    const phases = s.split(',');
    const inferred = phases[phases.length - 1].includes(':') ? 'alternating' : 'staged';
    spec = /^(staged|alternating)(:|$)/.test(s) ? s : `${inferred}:${s}`;
  }
  parseLossSchedule(spec);
  return spec;
}

/** TrainOptions (for src/train/trainer.ts) from the flags. */
export function trainOptionsFromFlags(
  flags: TrainFlags,
  data: SplitData,
  log: (line: string) => void,
): TrainOptions {
  const loss = lossSpecFromFlags(flags);
  const kendall: Record<string, unknown> = {};
  if (flags.alpha !== undefined) kendall.alpha = flags.alpha;
  if (flags.surrogate !== undefined) kendall.surrogate = flags.surrogate;
  const augmenters: Array<(b: ImageBatch, rng: Rng) => ImageBatch> = [];
  const size = data.train.size;
  if (flags.flip) augmenters.push((b, rng) => randomFlip(b, size, rng));
  if (flags.mixup !== undefined) {
    const alpha = flags.mixup;
    augmenters.push((b, rng) => mixup(b, alpha, rng));
  }
  return {
    model: flags.model,
    loss,
    lossOptions: { ...(flags.lambda !== undefined ? { lambda: flags.lambda } : {}), kendall },
    epochs: flags.epochs,
    batchSize: flags.batch,
    lr: flags.lr,
    optimizer: flags.optimizer,
    momentum: flags.momentum,
    lrSchedule: flags.lrSchedule,
    seed: flags.seed,
    patience: flags.patience,
    outDir: flags.out,
    resume: Boolean(flags.resume),
    ...(flags.weights ? { weights: flags.weights } : {}),
    ...(flags.upsample
      ? {
          epochOrder: (samples, rng) =>
            upsampleOrder(
              samples.map((s) => s.score),
              rng,
            ),
        }
      : {}),
    ...(augmenters.length ? { augment: (b, rng) => augmenters.reduce((acc, f) => f(acc, rng), b) } : {}),
    progress: !flags.quiet && Boolean(process.stderr.isTTY),
    log: flags.quiet ? () => {} : log,
  };
}

/** name,target,prediction */
export async function writePredictionsCsv(path: string, evaluation: Evaluation): Promise<void> {
  const lines = ['name,target,prediction'];
  for (let i = 0; i < evaluation.names.length; i++) {
    const name = evaluation.names[i];
    const quoted = /[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
    lines.push(`${quoted},${evaluation.targets[i]},${evaluation.predictions[i]}`);
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}

const metricsOf = (e: Evaluation) => ({
  kendall: e.metrics.kendall,
  spearman: e.metrics.spearman,
  pearson: e.metrics.pearson,
  mse: e.metrics.mse,
  n: e.metrics.n,
});

/** What the report writers (src/train/report) get from a finished run. */
export function reportInput(
  result: TrainResult,
  data: SplitData,
  backend: BackendChoice,
  timings: Record<string, number>,
): ReportInput {
  return {
    data: data.description,
    counts: {
      train: data.train.samples.length,
      val: data.val.samples.length,
      test: data.test.samples.length,
    },
    ...(data.ceilingTau !== undefined ? { ceilingTau: data.ceilingTau } : {}),
    val: metricsOf(result.val),
    test: metricsOf(result.test),
    config: { ...result.config, backend: backend.name },
    history: result.history.map((h) => ({
      epoch: h.epoch,
      loss: h.trainLoss,
      lossName: h.loss,
      valKendall: h.valKendall,
      valMse: h.valMse,
      learningRate: h.lr,
      seconds: h.seconds,
      imagesPerSecond: h.imagesPerSecond,
    })),
    timings,
    skipped: data.skipped,
    predictions: {
      test: { targets: result.test.targets, predictions: result.test.predictions, names: result.test.names },
      val: { targets: result.val.targets, predictions: result.val.predictions, names: result.val.names },
    },
    extra: {
      backend,
      bestEpoch: result.bestEpoch,
      stoppedEarly: result.stoppedEarly,
      resumedFromEpoch: result.resumedFromEpoch,
      imagesPerSecond: result.imagesPerSecond,
    },
  };
}

export interface TrainRun {
  result: TrainResult;
  data: SplitData;
  backend: BackendChoice;
  report: ReportJson;
}

/** The whole `tauflow train` job; `write` prints a line. */
export async function runTrain(flags: TrainFlags, write: (line: string) => void): Promise<TrainRun> {
  const started = performance.now();
  lossSpecFromFlags(flags);
  checkDataFlags(flags);
  const backend = await chooseBackend(flags.backend);
  write(`backend: ${backend.name} (${backend.reason})`);
  const data = await loadDataFromFlags(flags, MAIN_JOB.imageSize);
  write(
    `data: ${data.description}; train ${data.train.samples.length}, val ${data.val.samples.length}, test ${data.test.samples.length}` +
      `${data.skipped.length ? `; skipped ${data.skipped.length} unreadable images` : ''}` +
      `${data.ceilingTau !== undefined ? `; ceiling tau ${data.ceilingTau.toFixed(4)}` : ''}`,
  );
  const options = trainOptionsFromFlags(flags, data, write);
  write(
    `model: ${flags.model} at ${data.train.size} px, loss ${options.loss}, ${flags.epochs} epochs, batch ${flags.batch}, ` +
      `${flags.optimizer} lr ${flags.lr} (${flags.lrSchedule}), seed ${flags.seed}`,
  );
  const loaded = performance.now();
  const result = await train(data, options);
  const trained = performance.now();
  const modelPath = await saveModelFiles(result.model, join(flags.out, 'model'), {
    tauflow: { model: flags.model, imageSize: data.train.size, loss: options.loss, data: data.description },
  });
  await writePredictionsCsv(join(flags.out, 'predictions_test.csv'), result.test);
  await writePredictionsCsv(join(flags.out, 'predictions_val.csv'), result.val);
  const wallSeconds = (performance.now() - started) / 1000;
  const { report } = await writeReport(
    flags.out,
    reportInput(result, data, backend, {
      load: (loaded - started) / 1000,
      train: (trained - loaded) / 1000,
      total: wallSeconds,
    }),
  );
  const t = result.test.metrics;
  const v = result.val.metrics;
  write(`best epoch ${result.bestEpoch}${result.stoppedEarly ? ' (stopped early)' : ''}`);
  write(
    `val:  tau ${v.kendall.toFixed(4)}  spearman ${v.spearman.toFixed(4)}  pearson ${v.pearson.toFixed(4)}  mse ${v.mse.toFixed(4)}`,
  );
  write(
    `test: tau ${t.kendall.toFixed(4)}  spearman ${t.spearman.toFixed(4)}  pearson ${t.pearson.toFixed(4)}  mse ${t.mse.toFixed(4)}`,
  );
  if (data.ceilingTau)
    write(
      `test tau / ceiling tau: ${(t.kendall / data.ceilingTau).toFixed(3)} (ceiling ${data.ceilingTau.toFixed(4)})`,
    );
  write(
    `wrote ${modelPath}, predictions_test.csv, predictions_val.csv, report.json, report.html in ${flags.out} (${wallSeconds.toFixed(0)} s)`,
  );
  result.model.dispose();
  return { result, data, backend, report };
}

export function registerTrainCommand(program: Command): void {
  const command = program
    .command('train')
    .description('train a ResNet difficulty regressor (synthetic visual-search scenes by default)');
  addDataOptions(command, { count: MAIN_JOB.count, imageSize: MAIN_JOB.imageSize });
  addTrainingOptions(command);
  command.action(async (flags: TrainFlags) => {
    if (flags.resume && flags.weights) throw new UsageError('--resume and --weights cannot be combined');
    await runTrain(flags, (line) => process.stdout.write(`${line}\n`));
  });
}
