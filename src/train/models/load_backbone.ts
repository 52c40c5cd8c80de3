// --weights: initialise a model's layers from a tfjs LayersModel (model.json, e.g. a converted
// Keras ResNet50 backbone) by layer name. Only weights are read, never the file's topology, so a
// backbone saved with other heads, input sizes or custom layers still loads.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { readModelArtifacts } from './model_files.js';
import { headLayerName } from './resnet.js';

export interface BackboneLoad {
  /** model layers whose weights all came from the file */
  layers: string[];
  /** layers in the file that the model does not have */
  skipped: string[];
}

/** "conv1_conv/kernel:0" (TF-style names) → "conv1_conv/kernel" */
function weightKey(name: string): string {
  return name.replace(/:\d+$/, '');
}

/**
 * Copies weights from a LayersModel file into `model`, matching layers by name and weights by
 * their names inside the layer (kernel, bias, gamma, beta, moving_mean, moving_variance). The
 * regression head is never loaded. Throws, listing them, when a matching layer's shapes differ,
 * and when no layer matches at all.
 *
 * @example
 * const model = buildResNet('resnet50', { imageSize: 224 });
 * const { layers } = await loadBackboneWeights(model, 'keras_resnet50/model.json');
 */
export async function loadBackboneWeights(model: tfl.LayersModel, path: string): Promise<BackboneLoad> {
  const artifacts = await readModelArtifacts(path);
  const named = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
  try {
    const byKey = new Map<string, tf.Tensor>();
    for (const [name, tensor] of Object.entries(named)) byKey.set(weightKey(name), tensor);
    const fileLayers = new Set([...byKey.keys()].map((k) => k.split('/')[0]));
    const loaded: string[] = [];
    const mismatches: string[] = [];
    const assignments: Array<[tfl.LayerVariable, tf.Tensor]> = [];
    for (const layer of model.layers) {
      if (layer.name === headLayerName || layer.weights.length === 0 || !fileLayers.has(layer.name)) continue;
      const pairs = layer.weights.map((w) => [w, byKey.get(w.originalName)] as const);
      const missing = pairs.filter(([, t]) => !t).map(([w]) => w.originalName);
      if (missing.length) {
        mismatches.push(`${layer.name}: the file lacks ${missing.join(', ')}`);
        continue;
      }
      const wrong = pairs.filter(([w, t]) => t!.shape.join(',') !== w.shape.join(','));
      if (wrong.length) {
        mismatches.push(
          ...wrong.map(
            ([w, t]) => `${w.originalName}: file has [${t!.shape}], model ${model.name} needs [${w.shape}]`,
          ),
        );
        continue;
      }
      for (const [w, t] of pairs) assignments.push([w, t!]);
      loaded.push(layer.name);
    }
    if (mismatches.length)
      throw new Error(
        `--weights ${path} does not fit ${model.name}: ${mismatches.slice(0, 5).join('; ')}${mismatches.length > 5 ? `; … (${mismatches.length} in all)` : ''}`,
      );
    if (!loaded.length)
      throw new Error(
        `--weights ${path}: no layer matches ${model.name} by name (file layers: ${[...fileLayers].slice(0, 6).join(', ')}…; model layers: ${model.layers
          .filter((l) => l.weights.length)
          .slice(0, 6)
          .map((l) => l.name)
          .join(', ')}…)`,
      );
    for (const [w, t] of assignments) w.write(t);
    const modelLayers = new Set(model.layers.map((l) => l.name));
    return { layers: loaded, skipped: [...fileLayers].filter((l) => !modelLayers.has(l)) };
  } finally {
    tf.dispose(Object.values(named));
  }
}
