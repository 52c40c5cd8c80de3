// The contract between the data side of the trainer (synthetic scenes, the VSD loader, splits,
// augmentation) and the training side (models, loop, CLI). Images are square RGB, HWC, float32
// in [0, 1]; scores are the regression targets (VSD-like difficulty, ≈2.4–9.6).

/** One labelled image by name (file name for VSD data, a generated id for synthetic scenes). */
export interface Sample {
  name: string;
  score: number;
}

/** A batch ready for a model: images [count, size, size, 3] row-major, scores [count]. */
export interface ImageBatch {
  images: Float32Array;
  scores: Float32Array;
  names: string[];
  count: number;
}

/** A set of labelled images that can be read in batches (decoded lazily, with a bounded cache). */
export interface LabeledImages {
  /** side length in pixels of every image this set yields */
  readonly size: number;
  readonly samples: readonly Sample[];
  /** Decode (or generate) the images at these indices into one batch, in the order given. */
  batch(indices: readonly number[]): Promise<ImageBatch>;
}

export interface SkippedImage {
  name: string;
  reason: string;
}

export interface SplitData {
  train: LabeledImages;
  val: LabeledImages;
  test: LabeledImages;
  /** Synthetic data only: Kendall tau-b between noise-free and noisy scores on the test split. */
  ceilingTau?: number;
  /** Images listed in the CSV but missing or undecodable, skipped before training. */
  skipped: SkippedImage[];
  /** Where the data came from, for the report ("synthetic (seed 1, 2000 scenes, 32 px)" or a path). */
  description: string;
}
