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
import type { Rng } from '../train/rng.js';
import { type Evaluation, type TrainOptions, type TrainResult, train } from '../train/trainer.js';
import {
  addDataOptions,
  choiceFlag,
  type DataFlags,
  integerFlag,
  loadDataFromFlags,
  numberFlag,
} from './train_options.js';
import { UsageError } from './usage_error.js';

/**
 * The main job's defaults (`npx tauflow train` with no flags). Chosen by measurement on the
 * 2-core machine this was built on: see bench/RESULTS.md (## Trainer) for time and test tau.
 */
export const MAIN_JOB = {
  count: 2000,
  imageSize: 32,
  model: 'resnet8',
  loss: 'mse',
  epochs: 6,
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
  flip?: boolean;
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
    .option('--flip', 'augment: random horizontal flips')
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

/** TrainOptions (for src/train/trainer.ts) from the flags. */
export function trainOptionsFromFlags(
  flags: TrainFlags,
  data: SplitData,
  log: (line: string) => void,
): TrainOptions {
  const loss = flags.schedule
    ? flags.schedule.startsWith('staged') || flags.schedule.startsWith('alternating')
      ? flags.schedule
      : `${flags.schedule.includes(':') && flags.schedule.split(',').every((p) => p.includes(':')) ? 'alternating' : 'staged'}:${flags.schedule}`
    : flags.loss;
  parseLossSchedule(loss); // a bad spec is a usage error before any work
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

/** The report.json object: settings, data, history, metrics on val and test, timings. */
export function reportObject(
  result: TrainResult,
  data: SplitData,
  backend: BackendChoice,
  wallSeconds: number,
): Record<string, unknown> {
  return {
    tool: 'tauflow train',
    data: {
      description: data.description,
      train: data.train.samples.length,
      val: data.val.samples.length,
      test: data.test.samples.length,
      imageSize: data.train.size,
      skipped: data.skipped,
    },
    ...(data.ceilingTau !== undefined ? { ceilingTau: data.ceilingTau } : {}),
    config: result.config,
    backend,
    history: result.history,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    resumedFromEpoch: result.resumedFromEpoch,
    val: metricsOf(result.val),
    test: metricsOf(result.test),
    ...(data.ceilingTau ? { testTauOverCeiling: result.test.metrics.kendall / data.ceilingTau } : {}),
    trainSeconds: result.trainSeconds,
    imagesPerSecond: result.imagesPerSecond,
    wallSeconds,
  };
}

export interface TrainRun {
  result: TrainResult;
  data: SplitData;
  backend: BackendChoice;
  report: Record<string, unknown>;
}

/** The whole `tauflow train` job; `write` prints a line. */
export async function runTrain(flags: TrainFlags, write: (line: string) => void): Promise<TrainRun> {
  const started = performance.now();
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
  const result = await train(data, options);
  const modelPath = await saveModelFiles(result.model, join(flags.out, 'model'), {
    tauflow: { model: flags.model, imageSize: data.train.size, loss: options.loss, data: data.description },
  });
  await writePredictionsCsv(join(flags.out, 'predictions_test.csv'), result.test);
  await writePredictionsCsv(join(flags.out, 'predictions_val.csv'), result.val);
  const wallSeconds = (performance.now() - started) / 1000;
  const report = reportObject(result, data, backend, wallSeconds);
  await writeFile(join(flags.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
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
    `wrote ${modelPath}, predictions_test.csv, predictions_val.csv, report.json in ${flags.out} (${wallSeconds.toFixed(0)} s)`,
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
