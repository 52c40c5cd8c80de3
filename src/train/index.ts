// tauflow/train: the difficulty-regression trainer.
// Data side (synthetic scenes, VSD loader, splits, augmentation), reports, and the shared PRNG:
export * from './data/index.js';
export * from './report/index.js';
export { createRng, deriveSeed, Rng } from './rng.js';
