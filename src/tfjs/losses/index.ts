// The losses namespace of tauflow/tfjs: each a (yTrue, yPred) => tf.Scalar for model.compile.

export { DEFAULT_JOINT_LAMBDA, type JointLossOptions, joint } from './joint.js';
export { type KendallLossOptions, kendall } from './kendall.js';
export { type LogRatioOptions, logRatio } from './log_ratio.js';
export type { LossFunction } from './loss_inputs.js';
export { mse } from './mse.js';
export { softmaxKL } from './softmax_kl.js';
