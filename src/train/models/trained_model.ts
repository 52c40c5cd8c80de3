// A trained model from what `tauflow train` leaves behind: a run folder (its model/model.json,
// else best.tfck, else checkpoint.tfck), a model.json, or a .tfck checkpoint.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { readCheckpoint, setModelWeights } from '../checkpoint.js';
import { loadModelFiles } from './model_files.js';
import { buildResNet, type ModelName } from './resnet.js';

export interface TrainedModel {
  model: tfl.LayersModel;
  /** side of the square images the model takes */
  imageSize: number;
  /** the file the weights came from */
  source: string;
}

/**
 * Loads a trained model for eval/predict.
 *
 * @example
 * const { model, imageSize } = await loadTrainedModel('runs/train'); // runs/train/model/model.json
 */
export async function loadTrainedModel(path: string): Promise<TrainedModel> {
  if (!existsSync(path)) throw new Error(`no such checkpoint or model: ${path}`);
  let file = path;
  if (statSync(path).isDirectory()) {
    const found = ['model/model.json', 'model.json', 'best.tfck', 'checkpoint.tfck']
      .map((p) => join(path, p))
      .find((p) => existsSync(p));
    if (!found) throw new Error(`${path} holds no model/model.json, best.tfck or checkpoint.tfck`);
    file = found;
  }
  if (file.endsWith('.json')) {
    const { model } = await loadModelFiles(file);
    const shape = model.inputs[0].shape;
    if (shape.length !== 4 || shape[1] !== shape[2] || shape[3] !== 3)
      throw new Error(
        `${file}: expected a model of square RGB images [batch, size, size, 3] but its input is [${shape}]`,
      );
    return { model, imageSize: shape[1] as number, source: file };
  }
  const saved = await readCheckpoint<{ config?: { model: ModelName; imageSize: number } }>(file);
  const config = saved.state.config;
  if (!config) throw new Error(`${file} has no training configuration`);
  const model = buildResNet(config.model, { imageSize: config.imageSize });
  setModelWeights(model, saved.model, file);
  return { model, imageSize: config.imageSize, source: file };
}
