// tauflow: exact rank correlations (Kendall tau, Spearman, Pearson, Kendall matrices) with
// scipy.stats semantics, computed natively. The tfjs ops live in 'tauflow/tfjs', the trainer in
// 'tauflow/train'.
export { info, type TauflowInfo } from './info.js';
export { averageRanks } from './metrics/average_ranks.js';
export type {
  Alternative,
  CorrelationOptions,
  CorrelationResult,
} from './metrics/correlation_options.js';
export {
  type KendallAlternative,
  type KendallMethod,
  type KendallTauOptions,
  type KendallTauResult,
  type KendallVariant,
  kendallTau,
  kendallTauAsync,
  type NanPolicy,
} from './metrics/kendall.js';
export {
  type KendallMatrixOptions,
  type KendallMatrixResult,
  kendallMatrix,
} from './metrics/kendall_matrix.js';
export { pearson } from './metrics/pearson.js';
export { spearman } from './metrics/spearman.js';
export {
  releaseScratch,
  type ScratchInfo,
  type ScratchPolicy,
  scratchInfo,
  setScratchPolicy,
} from './scratch.js';
