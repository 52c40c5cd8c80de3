// tauflow: exact rank correlations (Kendall tau, Spearman, Pearson, Kendall matrices) with
// scipy.stats semantics, computed natively. The tfjs ops live in 'tauflow/tfjs', the trainer in
// 'tauflow/train'.
export { info, type TauflowInfo } from './info.js';
