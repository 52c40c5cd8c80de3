// `tauflow predict --checkpoint PATH [data flags] [--on test] [--out FILE.csv]`: scores images
// with a trained model and writes name,target,prediction.
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { backendNames, chooseBackend } from '../train/backend.js';
import type { LabeledImages, SplitData } from '../train/data/types.js';
import { loadTrainedModel } from '../train/models/trained_model.js';
import { type Evaluation, predictSet } from '../train/trainer.js';
import { writePredictionsCsv } from './train_command.js';
import {
  addDataOptions,
  checkDataFlags,
  choiceFlag,
  type DataFlags,
  loadDataFromFlags,
} from './train_options.js';
import { UsageError } from './usage_error.js';

export const splitChoices = ['train', 'val', 'test', 'all'] as const;
export type SplitChoice = (typeof splitChoices)[number];

export interface ModelDataFlags extends DataFlags {
  checkpoint: string;
  on: SplitChoice;
  backend: (typeof backendNames)[number];
}

/** --checkpoint, --on, --backend and the data flags, shared by predict and eval. */
export function addModelDataOptions(command: Command, on: SplitChoice): Command {
  command
    .requiredOption(
      '--checkpoint <PATH>',
      'a run folder (from tauflow train), a model.json or a .tfck checkpoint',
    )
    .addOption(
      new Option('--on <SPLIT>', 'train, val, test or all')
        .default(on)
        .argParser(choiceFlag('--on', splitChoices)),
    )
    .addOption(
      new Option('--backend <NAME>', 'tfjs backend')
        .default('auto')
        .argParser(choiceFlag('--backend', backendNames)),
    );
  return addDataOptions(command, { count: 2000, imageSize: 32 });
}

/** Loads the model and the data (at the model's image size) and predicts the chosen splits. */
export async function predictFromFlags(
  flags: ModelDataFlags,
): Promise<{ source: string; data: SplitData; results: Array<[string, Evaluation]> }> {
  checkDataFlags(flags);
  await chooseBackend(flags.backend);
  let trained: Awaited<ReturnType<typeof loadTrainedModel>>;
  try {
    trained = await loadTrainedModel(flags.checkpoint);
  } catch (err) {
    throw new UsageError(`--checkpoint: ${(err as Error).message}`);
  }
  if (flags.imageSize !== undefined && flags.imageSize !== trained.imageSize)
    throw new UsageError(
      `--image-size ${flags.imageSize} does not match the model's ${trained.imageSize} px input`,
    );
  const data = await loadDataFromFlags({ ...flags, imageSize: trained.imageSize }, trained.imageSize);
  const sets: Array<[string, LabeledImages]> =
    flags.on === 'all'
      ? [
          ['train', data.train],
          ['val', data.val],
          ['test', data.test],
        ]
      : [[flags.on, data[flags.on]]];
  const results: Array<[string, Evaluation]> = [];
  for (const [name, set] of sets) results.push([name, await predictSet(trained.model, set)]);
  trained.model.dispose();
  return { source: trained.source, data, results };
}

export function registerPredictCommand(program: Command): void {
  const command = program
    .command('predict')
    .description('score images with a trained model → name,target,prediction CSV');
  addModelDataOptions(command, 'test');
  command.option('--out <FILE>', 'the CSV to write', 'predictions.csv');
  command.action(async (flags: ModelDataFlags & { out: string }) => {
    const { source, results } = await predictFromFlags(flags);
    const merged: Evaluation = {
      metrics: results[0][1].metrics,
      names: results.flatMap(([, e]) => e.names),
      targets: Float32Array.from(results.flatMap(([, e]) => Array.from(e.targets))),
      predictions: Float32Array.from(results.flatMap(([, e]) => Array.from(e.predictions))),
    };
    await writePredictionsCsv(flags.out, merged);
    process.stdout.write(
      `wrote ${merged.names.length} predictions (${flags.on}) from ${source} to ${resolve(flags.out)}\n`,
    );
  });
}
