// ResNet difficulty regressors: a convolutional backbone, global average pooling and one linear
// unit. Two families:
//  - ImageNet layout (He et al. 2016): 7×7/2 stem, 3×3/2 max-pool, four stages 64·128·256·512;
//    basic blocks for resnet18/34, bottleneck blocks (1×1, 3×3, 1×1 ×4) for resnet50. Layer names
//    follow Keras' `keras.applications.ResNet50` (conv1_conv, conv2_block1_1_conv, …, conv5_block3_out)
//    so a converted Keras backbone loads by name with --weights.
//  - CIFAR layout for small images: 3×3 stem with 16 filters, three stages 16·32·64 of n basic
//    blocks each (resnet{6n+2}: resnet8, resnet14, resnet20, resnet32), projection shortcuts.
// Every kernel initializer is seeded (seed + layer index), so the same seed builds the same model.
import * as tfl from '@tensorflow/tfjs-layers';
import { integerIn, oneOf } from '../../validate.js';

export const modelNames = [
  'resnet8',
  'resnet14',
  'resnet20',
  'resnet32',
  'resnet18',
  'resnet34',
  'resnet50',
] as const;
export type ModelName = (typeof modelNames)[number];

export interface ResNetOptions {
  /** side of the square RGB input in pixels (default 32) */
  imageSize?: number;
  /** seed for the weight initializers (default 1) */
  seed?: number;
  /** initial bias of the regression unit, e.g. the mean training score (default 0) */
  headBias?: number;
}

/** Name of the regression unit; it is never loaded from a backbone file. */
export const headLayerName = 'regression_head';

class Builder {
  private count = 0;
  constructor(
    private readonly seed: number,
    private readonly useBias: boolean,
  ) {}

  conv(
    x: tfl.SymbolicTensor,
    filters: number,
    kernel: number,
    strides: number,
    name: string,
    padding: 'same' | 'valid' = 'same',
  ) {
    return tfl.layers
      .conv2d({
        filters,
        kernelSize: kernel,
        strides,
        padding,
        useBias: this.useBias,
        kernelInitializer: tfl.initializers.heNormal({ seed: this.seed * 1000 + this.count++ }),
        name,
      })
      .apply(x) as tfl.SymbolicTensor;
  }

  bn(x: tfl.SymbolicTensor, name: string) {
    return tfl.layers
      .batchNormalization({ axis: 3, epsilon: 1.001e-5, momentum: 0.9, name })
      .apply(x) as tfl.SymbolicTensor;
  }

  relu(x: tfl.SymbolicTensor, name: string) {
    return tfl.layers.activation({ activation: 'relu', name }).apply(x) as tfl.SymbolicTensor;
  }

  add(a: tfl.SymbolicTensor, b: tfl.SymbolicTensor, name: string) {
    return tfl.layers.add({ name }).apply([a, b]) as tfl.SymbolicTensor;
  }

  /** conv → bn (→ relu) */
  unit(
    x: tfl.SymbolicTensor,
    filters: number,
    kernel: number,
    strides: number,
    prefix: string,
    relu: boolean,
  ) {
    let y = this.bn(this.conv(x, filters, kernel, strides, `${prefix}_conv`), `${prefix}_bn`);
    if (relu) y = this.relu(y, `${prefix}_relu`);
    return y;
  }

  /** Two 3×3 convs; a 1×1 projection shortcut when the shape changes. */
  basicBlock(x: tfl.SymbolicTensor, filters: number, strides: number, name: string) {
    const inChannels = x.shape[3];
    const shortcut =
      strides !== 1 || inChannels !== filters ? this.unit(x, filters, 1, strides, `${name}_0`, false) : x;
    let y = this.unit(x, filters, 3, strides, `${name}_1`, true);
    y = this.unit(y, filters, 3, 1, `${name}_2`, false);
    return this.relu(this.add(shortcut, y, `${name}_add`), `${name}_out`);
  }

  /** 1×1 (stride) → 3×3 → 1×1 ×4, as Keras' ResNet50 (v1). */
  bottleneckBlock(x: tfl.SymbolicTensor, filters: number, strides: number, name: string) {
    const inChannels = x.shape[3];
    const shortcut =
      strides !== 1 || inChannels !== 4 * filters
        ? this.unit(x, 4 * filters, 1, strides, `${name}_0`, false)
        : x;
    let y = this.unit(x, filters, 1, strides, `${name}_1`, true);
    y = this.unit(y, filters, 3, 1, `${name}_2`, true);
    y = this.unit(y, 4 * filters, 1, 1, `${name}_3`, false);
    return this.relu(this.add(shortcut, y, `${name}_add`), `${name}_out`);
  }
}

const imagenetBlocks: Record<string, { blocks: number[]; bottleneck: boolean }> = {
  resnet18: { blocks: [2, 2, 2, 2], bottleneck: false },
  resnet34: { blocks: [3, 4, 6, 3], bottleneck: false },
  resnet50: { blocks: [3, 4, 6, 3], bottleneck: true },
};

/**
 * Builds an untrained ResNet regressor: images [batch, size, size, 3] in [0, 1] → scores [batch, 1].
 *
 * @example
 * const model = buildResNet('resnet8', { imageSize: 32, seed: 1, headBias: 3.4 });
 * const scores = model.predict(tf.zeros([2, 32, 32, 3])) as tf.Tensor; // shape [2, 1]
 */
export function buildResNet(name: ModelName, options: ResNetOptions = {}): tfl.LayersModel {
  const fn = 'buildResNet';
  const model = oneOf(fn, 'name', name, modelNames, 'resnet8');
  const size = integerIn(fn, 'options.imageSize', options.imageSize, 8, 1024, 32);
  const seed = integerIn(fn, 'options.seed', options.seed, 0, 2 ** 31 - 1, 1);
  const headBias = options.headBias ?? 0;
  if (!Number.isFinite(headBias))
    throw new RangeError(`${fn}: expected a finite number for options.headBias but received ${headBias}`);

  const input = tfl.input({ shape: [size, size, 3], name: 'image' });
  let x: tfl.SymbolicTensor;
  const imagenet = imagenetBlocks[model];
  if (imagenet) {
    if (size < 32)
      throw new RangeError(`${fn}: expected options.imageSize ≥ 32 for ${model} but received ${size}`);
    const b = new Builder(seed, true);
    x = tfl.layers.zeroPadding2d({ padding: 3, name: 'conv1_pad' }).apply(input) as tfl.SymbolicTensor;
    x = b.bn(b.conv(x, 64, 7, 2, 'conv1_conv', 'valid'), 'conv1_bn');
    x = b.relu(x, 'conv1_relu');
    x = tfl.layers.zeroPadding2d({ padding: 1, name: 'pool1_pad' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers
      .maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' })
      .apply(x) as tfl.SymbolicTensor;
    imagenet.blocks.forEach((count, stage) => {
      const filters = 64 * 2 ** stage;
      for (let i = 0; i < count; i++) {
        const strides = i === 0 && stage > 0 ? 2 : 1;
        const blockName = `conv${stage + 2}_block${i + 1}`;
        x = imagenet.bottleneck
          ? b.bottleneckBlock(x, filters, strides, blockName)
          : b.basicBlock(x, filters, strides, blockName);
      }
    });
  } else {
    const n = (Number(model.slice(6)) - 2) / 6;
    const b = new Builder(seed, false);
    x = b.unit(input, 16, 3, 1, 'conv1', true);
    for (let stage = 0; stage < 3; stage++)
      for (let i = 0; i < n; i++)
        x = b.basicBlock(x, 16 * 2 ** stage, i === 0 && stage > 0 ? 2 : 1, `conv${stage + 2}_block${i + 1}`);
  }
  x = tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(x) as tfl.SymbolicTensor;
  const out = tfl.layers
    .dense({
      units: 1,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 1000 + 999 }),
      biasInitializer: tfl.initializers.constant({ value: headBias }),
      name: headLayerName,
    })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out, name: model });
}
