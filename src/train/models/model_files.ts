// tfjs LayersModel files (model.json + weights.bin) without tfjs-node's file:// handler:
// written when a run ends (so it can seed --weights or `tauflow predict`), read back here.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  userDefinedMetadata?: Record<string, unknown>;
}

/**
 * Saves a model as DIR/model.json + DIR/weights.bin (the tfjs 'layers-model' format).
 *
 * @example
 * await saveModelFiles(result.model, 'runs/a/model', { tauflow: { imageSize: 32 } });
 */
export async function saveModelFiles(
  model: tfl.LayersModel,
  dir: string,
  metadata: Record<string, unknown> = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const modelPath = join(dir, 'model.json');
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
      const bytes = Buffer.concat(buffers.map((b) => new Uint8Array(b)));
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: metadata,
      };
      // Atomic per file: temp + rename.
      await writeFile(join(dir, 'weights.bin.tmp'), bytes);
      await rename(join(dir, 'weights.bin.tmp'), join(dir, 'weights.bin'));
      await writeFile(`${modelPath}.tmp`, JSON.stringify(json));
      await rename(`${modelPath}.tmp`, modelPath);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return modelPath;
}

/** Reads model.json and its weight files into tfjs ModelArtifacts; clear errors for bad files. */
export async function readModelArtifacts(path: string): Promise<tf.io.ModelArtifacts & { json: ModelJson }> {
  const modelPath = resolve(path);
  let json: ModelJson;
  try {
    json = JSON.parse(await readFile(modelPath, 'utf8')) as ModelJson;
  } catch (err) {
    throw new Error(`cannot read tfjs model ${path}: ${(err as Error).message}`);
  }
  if (!json || typeof json !== 'object' || !Array.isArray(json.weightsManifest))
    throw new Error(`${path} is not a tfjs LayersModel model.json (no weightsManifest)`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const file = join(dirname(modelPath), p);
      try {
        buffers.push(new Uint8Array(await readFile(file)));
      } catch (err) {
        throw new Error(`${path}: cannot read weight file ${p}: ${(err as Error).message}`);
      }
    }
    specs.push(...group.weights);
  }
  const all = Buffer.concat(buffers);
  return {
    json,
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    format: json.format,
    weightSpecs: specs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
    userDefinedMetadata: json.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'],
  };
}

/** Loads a whole LayersModel (topology + weights) from model.json. */
export async function loadModelFiles(
  path: string,
): Promise<{ model: tfl.LayersModel; metadata: Record<string, unknown> }> {
  const artifacts = await readModelArtifacts(path);
  if (!artifacts.modelTopology) throw new Error(`${path} has no model topology`);
  const model = await tfl.loadLayersModel({ load: async () => artifacts });
  return { model, metadata: (artifacts.json.userDefinedMetadata ?? {}) as Record<string, unknown> };
}
