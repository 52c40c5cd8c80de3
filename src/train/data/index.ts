// The data side of the trainer: synthetic scenes, the VSD loader, splits and augmentation.
export { type FlipResult, flipImage, randomFlip } from './augment_flip.js';
export { type CacheStats, ImageCache } from './image_cache.js';
export { type MixupResult, mixup } from './mixup.js';
export { expectedCeilingTau } from './score_shape.js';
export {
  parseSplitLabel,
  SPLIT_NAMES,
  type SplitIndices,
  type SplitName,
  splitFromLabels,
  splitIndices,
} from './splits.js';
export {
  loadSynthetic,
  SYNTHETIC_DEFAULTS,
  SyntheticImages,
  type SyntheticOptions,
  sceneName,
  syntheticScenes,
} from './synthetic_loader.js';
export {
  HARDNESS_FACTORS,
  type Hardness,
  type HardnessFactor,
  renderScene,
  type SceneOptions,
  type SceneSpec,
  sceneSpec,
} from './synthetic_scenes.js';
export type { ImageBatch, LabeledImages, Sample, SkippedImage, SplitData } from './types.js';
export { binWeights, type UpsampleOptions, upsampleOrder } from './upsample.js';
export { DataFormatError, parseVsdCsv, readVsdCsv, type VsdCsv, type VsdRow } from './vsd_csv.js';
export { decodeImage, loadVsd, VsdImages, type VsdOptions } from './vsd_loader.js';
