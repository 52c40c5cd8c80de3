// The metrics namespace of tauflow/tfjs: (yTrue, yPred) => tf.Scalar, for model.compile({ metrics }).
export { kendallTau } from './kendall_tau_metric.js';
