// What the trainer hands the report writers. Everything the report shows comes from here; the
// writers compute only summaries (means, sds, ratios) and plots, never the metrics themselves.
import type { SkippedImage } from '../data/types.js';

/** Agreement of predictions with targets on one split (computed by the trainer: exact tau-b). */
export interface SplitMetrics {
  kendall: number;
  spearman: number;
  pearson: number;
  mse: number;
  /** number of images evaluated */
  n?: number;
}

/** One epoch of training. */
export interface EpochRecord {
  epoch: number;
  /** mean training loss over the epoch */
  loss: number;
  /** which loss was optimised this epoch (schedules switch between them) */
  lossName?: string;
  valLoss?: number;
  valKendall?: number;
  valSpearman?: number;
  valMse?: number;
  learningRate?: number;
  seconds?: number;
  imagesPerSecond?: number;
}

/** Targets and predictions of one split, for the plots (names optional). */
export interface PredictionSet {
  targets: ArrayLike<number>;
  predictions: ArrayLike<number>;
  names?: readonly string[];
}

export interface ReportInput {
  /** page title (default "tauflow training report") */
  title?: string;
  /** where the data came from (SplitData.description) */
  data: string;
  /** images per split */
  counts?: { train: number; val: number; test: number };
  /** synthetic data only: tau-b of noise-free vs noisy test scores */
  ceilingTau?: number;
  val: SplitMetrics;
  test: SplitMetrics;
  /** the run's settings (model, loss, schedule, optimiser, augmentation, seed, backend …) */
  config: Record<string, unknown>;
  history: readonly EpochRecord[];
  /** seconds spent per phase, e.g. { load: 1.2, train: 310, eval: 4.5, total: 316 } */
  timings: Record<string, number>;
  /** images skipped by the loader (SplitData.skipped) */
  skipped: readonly SkippedImage[];
  /** test (and optionally val) predictions, for the scatter and histogram plots */
  predictions?: { test?: PredictionSet; val?: PredictionSet };
  /** anything else worth keeping in report.json (e.g. the backend and why, the checkpoint path) */
  extra?: Record<string, unknown>;
}

/** report.json as written. */
export interface ReportJson {
  title: string;
  createdAt: string;
  data: string;
  counts?: { train: number; val: number; test: number };
  ceilingTau?: number;
  /** test Kendall tau / ceiling tau (synthetic data) */
  fractionOfCeiling?: number;
  val: SplitMetrics;
  test: SplitMetrics;
  config: Record<string, unknown>;
  history: EpochRecord[];
  /** the epoch with the best validation tau, if any epoch recorded one */
  bestEpoch?: number;
  timings: Record<string, number>;
  skipped: { count: number; images: SkippedImage[] };
  extra?: Record<string, unknown>;
}

/** One training run of `tauflow experiment`. */
export interface ExperimentRun {
  /** the loss or schedule as named on the command line (the group in the table) */
  loss: string;
  repeat: number;
  seed: number;
  test: SplitMetrics;
  val?: SplitMetrics;
  epochs?: number;
  seconds?: number;
}

export interface MeanSd {
  mean: number;
  /** sample standard deviation (n − 1); null for a single run */
  sd: number | null;
}

/** Per loss: mean ± sd over repeats. */
export interface ExperimentSummaryRow {
  loss: string;
  runs: number;
  kendall: MeanSd;
  spearman: MeanSd;
  pearson: MeanSd;
  mse: MeanSd;
  seconds?: MeanSd;
}

export interface ExperimentMeta {
  title?: string;
  data?: string;
  ceilingTau?: number;
  config?: Record<string, unknown>;
  timings?: Record<string, number>;
}

/** experiment.json as written. */
export interface ExperimentJson {
  title: string;
  createdAt: string;
  data?: string;
  ceilingTau?: number;
  config?: Record<string, unknown>;
  timings?: Record<string, number>;
  /** sorted by mean test Kendall tau, best first */
  summary: ExperimentSummaryRow[];
  runs: ExperimentRun[];
}
