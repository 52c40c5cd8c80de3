// Gradient of 'TauflowSoftKendall'. The forward kernel already produced d value / d yPred as its
// second output, so backprop is dy (one per list, broadcast over n) times that saved output — no
// second pass over pairs. yTrue and the weights get no gradient (zeros): targets are data.
import { expandDims, type GradConfig, mul, type Tensor, zerosLike } from '@tensorflow/tfjs-core';
import { SoftKendall } from './kernel_names.js';

export const softKendallGradConfig: GradConfig = {
  kernelName: SoftKendall,
  inputsToSave: [],
  outputsToSave: [false, true],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
    // Two outputs, so dy is [dValue, dGrad]; dGrad is zeros unless someone differentiated the
    // internal gradient output, which softKendall never returns.
    const dValue = (dy as Tensor[])[0];
    const [grad] = saved;
    return {
      yPred: () => mul(grad.rank === 2 ? expandDims(dValue, 1) : dValue, grad),
      yTrue: () => zerosLike(grad),
      weights: () => zerosLike(grad),
    };
  },
};
