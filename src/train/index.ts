// tauflow/train: the difficulty-regression trainer.
// Data side (synthetic scenes, VSD loader, splits, augmentation), reports, and the shared PRNG:

// Training side (backend and wasm kernels, models, loop, schedules, checkpoints):
export { type BackendChoice, type BackendName, backendNames, chooseBackend } from './backend.js';
export {
  type Checkpoint,
  modelWeights,
  optimizerState,
  readCheckpoint,
  restoreOptimizerState,
  type StoredTensor,
  setModelWeights,
  writeCheckpoint,
} from './checkpoint.js';
export * from './data/index.js';
export { registerWasmTrainingKernels } from './kernels/register_wasm_training_kernels.js';
export { type LossFunction, type LossOptions, makeLoss } from './loop/loss_functions.js';
export { type RegressionMetrics, regressionMetrics } from './loop/metrics.js';
export {
  defaultSchedules,
  describeSchedule,
  type LossName,
  type LossPhase,
  type LossSchedule,
  lossForEpoch,
  lossNames,
  parseLossSchedule,
} from './loss_schedule.js';
export { type BackboneLoad, loadBackboneWeights } from './models/load_backbone.js';
export { loadModelFiles, readModelArtifacts, saveModelFiles } from './models/model_files.js';
export {
  buildResNet,
  headLayerName,
  type ModelName,
  modelNames,
  type ResNetOptions,
} from './models/resnet.js';
export { loadTrainedModel, type TrainedModel } from './models/trained_model.js';
export {
  createOptimizer,
  type LrSchedule,
  type LrScheduleName,
  learningRateAt,
  lrScheduleNames,
  type OptimizerName,
  type OptimizerOptions,
  optimizerNames,
  setLearningRate,
} from './optimizer.js';
export * from './report/index.js';
export { createRng, deriveSeed, Rng } from './rng.js';
export {
  type EpochRecord as TrainEpochRecord,
  type Evaluation,
  predictSet,
  type ResolvedConfig,
  type TrainOptions,
  type TrainResult,
  train,
} from './trainer.js';
