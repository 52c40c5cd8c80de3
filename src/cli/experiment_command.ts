// `tauflow experiment --losses mse,kendall,joint,alternating,logRatio,softmaxKL --repeats 3`:
// the seed study in miniature. Every loss trains on the same data and split with the same seeds
// (seed, seed + 1, …); a table of mean ± sd of test tau, Spearman, Pearson and MSE is printed and
// experiment.json + experiment.html (bar chart with error bars) are written to --out.
import type { Command } from 'commander';
import { Option } from 'commander';
import { chooseBackend } from '../train/backend.js';
import { parseLossSchedule } from '../train/loss_schedule.js';
import {
  type ExperimentRun,
  formatExperimentTable,
  summarizeExperiment,
  writeExperimentReport,
} from '../train/report/index.js';
import { train } from '../train/trainer.js';
import { addTrainingOptions, MAIN_JOB, type TrainFlags, trainOptionsFromFlags } from './train_command.js';
import { addDataOptions, checkDataFlags, integerFlag, loadDataFromFlags } from './train_options.js';
import { UsageError } from './usage_error.js';

export const DEFAULT_EXPERIMENT_LOSSES = 'mse,kendall,joint,alternating,logRatio,softmaxKL';

interface ExperimentFlags extends TrainFlags {
  losses: string;
  repeats: number;
}

/**
 * Splits --losses at ';' when there is one (schedules with explicit phases contain commas:
 * "mse;alternating:kendall:2,mse:1"), else at ','. Each entry must be a loss or a schedule,
 * checked before any training.
 */
export function parseLossList(value: string): string[] {
  const list = value
    .split(value.includes(';') ? ';' : ',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.length) throw new UsageError('--losses needs at least one loss');
  for (const spec of list) parseLossSchedule(spec);
  return list;
}

export function registerExperimentCommand(program: Command): void {
  const command = program
    .command('experiment')
    .description('train each loss on the same split and seeds; print mean ± sd of test tau, Spearman, MSE');
  addDataOptions(command, { count: MAIN_JOB.count, imageSize: MAIN_JOB.imageSize });
  addTrainingOptions(command);
  command
    .option(
      '--losses <LIST>',
      'losses and schedules to compare, comma-separated (schedules with explicit phases: separate with ";")',
      DEFAULT_EXPERIMENT_LOSSES,
    )
    .addOption(
      new Option('--repeats <N>', 'runs per loss (seeds seed … seed + N − 1)')
        .default(3)
        .argParser(integerFlag('--repeats', 1, 1000)),
    );
  command.action(async (flags: ExperimentFlags) => {
    const write = (line: string) => process.stdout.write(`${line}\n`);
    const losses = parseLossList(flags.losses);
    if (flags.resume) throw new UsageError('--resume is not available for experiment');
    checkDataFlags(flags);
    const out = flags.out === 'runs/train' ? 'runs/experiment' : flags.out;
    const started = performance.now();
    const backend = await chooseBackend(flags.backend);
    write(`backend: ${backend.name} (${backend.reason})`);
    const data = await loadDataFromFlags(flags, MAIN_JOB.imageSize);
    write(
      `data: ${data.description}; train ${data.train.samples.length}, val ${data.val.samples.length}, test ${data.test.samples.length}` +
        `${data.ceilingTau !== undefined ? `; ceiling tau ${data.ceilingTau.toFixed(4)}` : ''}`,
    );
    const runs: ExperimentRun[] = [];
    for (const loss of losses)
      for (let repeat = 0; repeat < flags.repeats; repeat++) {
        const seed = flags.seed + repeat;
        const options = trainOptionsFromFlags(
          { ...flags, loss, schedule: undefined, seed, quiet: true },
          data,
          write,
        );
        const t0 = performance.now();
        const result = await train(data, { ...options, outDir: undefined, resume: false });
        const seconds = (performance.now() - t0) / 1000;
        const m = result.test.metrics;
        runs.push({
          loss,
          repeat,
          seed,
          test: { kendall: m.kendall, spearman: m.spearman, pearson: m.pearson, mse: m.mse, n: m.n },
          val: { ...result.val.metrics },
          epochs: result.history.length,
          seconds,
        });
        write(
          `${loss} seed ${seed}: test tau ${m.kendall.toFixed(4)}  spearman ${m.spearman.toFixed(4)}  mse ${m.mse.toFixed(4)}  (${seconds.toFixed(0)} s)`,
        );
        result.model.dispose();
      }
    const { json, html } = await writeExperimentReport(out, runs, {
      data: data.description,
      ...(data.ceilingTau !== undefined ? { ceilingTau: data.ceilingTau } : {}),
      config: {
        model: flags.model,
        epochs: flags.epochs,
        batch: flags.batch,
        lr: flags.lr,
        optimizer: flags.optimizer,
        lrSchedule: flags.lrSchedule,
        repeats: flags.repeats,
        seeds: Array.from({ length: flags.repeats }, (_, r) => flags.seed + r),
        backend: backend.name,
      },
      timings: { total: (performance.now() - started) / 1000 },
    });
    write('');
    write(formatExperimentTable(summarizeExperiment(runs)));
    if (data.ceilingTau !== undefined) write(`ceiling tau ${data.ceilingTau.toFixed(4)}`);
    write(`wrote ${json} and ${html}`);
  });
}
