// DEV ONLY (to be removed when branch `surrogate` is merged): installs the float64 reference as
// native().surrogate when the addon lacks it, so the tfjs plumbing can be tested meanwhile.
import type { NativeSurrogateOptions } from '../binding.js';
import { native } from '../src/native.js';
import { referenceGrad, referenceValue } from './tfjs_reference.js';

const binding = native() as any;
if (typeof binding.surrogate !== 'function') {
  binding.cudaDeviceCount = () => 0;
  binding.surrogate = (
    pred: Float32Array,
    target: Float32Array,
    weights: Float32Array | null,
    batch: number,
    n: number,
    o: NativeSurrogateOptions,
  ) => {
    const value = new Float64Array(batch);
    const grad = new Float32Array(o.wantGrad ? batch * n : 0);
    for (let b = 0; b < batch; b++) {
      const p = pred.subarray(b * n, (b + 1) * n);
      const y = target.subarray(b * n, (b + 1) * n);
      const w = weights?.subarray(b * n, (b + 1) * n) ?? null;
      value[b] = referenceValue(p, y, w, o);
      if (o.wantGrad) grad.set(referenceGrad(p, y, w, o), b * n);
    }
    return { value, grad };
  };
}
