// Training checkpoints: one file holding the model's weights (batch-norm statistics included),
// the optimizer's state, and the loop's state (epochs done, RNG state, history, early-stopping
// bookkeeping). Written atomically: a temp file in the same folder, fsync, then rename, so a
// crash leaves either the old checkpoint or the new one, never half of one.
//
// Layout: "TAUFLOW1" · u32 LE header length · header JSON (utf-8) · tensor bytes, each entry's
// offset and length given in the header.
import { open, readFile, rename, rm } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

const MAGIC = 'TAUFLOW1';

interface TensorEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  length: number;
}

export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

export interface Checkpoint<S> {
  state: S;
  model: StoredTensor[];
  optimizer: StoredTensor[];
  /** Adam's running β₁ᵗ, β₂ᵗ: restored exactly, so a resumed run matches an uninterrupted one bit for bit */
  optimizerScalars: Record<string, number>;
}

function entries(list: StoredTensor[], start: number): { header: TensorEntry[]; end: number } {
  let offset = start;
  const header = list.map((t) => {
    const e = { name: t.name, shape: t.shape, dtype: t.dtype, offset, length: t.values.byteLength };
    offset += t.values.byteLength;
    return e;
  });
  return { header, end: offset };
}

/** Writes a checkpoint atomically (temp file + fsync + rename). */
export async function writeCheckpoint<S>(path: string, checkpoint: Checkpoint<S>): Promise<void> {
  const m = entries(checkpoint.model, 0);
  const o = entries(checkpoint.optimizer, m.end);
  const header = Buffer.from(
    JSON.stringify({
      state: checkpoint.state,
      model: m.header,
      optimizer: o.header,
      optimizerScalars: checkpoint.optimizerScalars,
    }),
  );
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, MAGIC.length);
  const tmp = `${path}.tmp-${process.pid}`;
  const file = await open(tmp, 'w');
  try {
    await file.write(prefix);
    await file.write(header);
    for (const t of [...checkpoint.model, ...checkpoint.optimizer])
      await file.write(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength));
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Reads a checkpoint written by writeCheckpoint; a clear error for anything else. */
export async function readCheckpoint<S>(path: string): Promise<Checkpoint<S>> {
  const bytes = await readFile(path);
  if (bytes.length < MAGIC.length + 4 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new Error(`${path} is not a tauflow checkpoint`);
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const dataStart = MAGIC.length + 4 + headerLength;
  if (dataStart > bytes.length) throw new Error(`${path} is truncated`);
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, dataStart)) as {
    state: S;
    model: TensorEntry[];
    optimizer: TensorEntry[];
    optimizerScalars: Record<string, number>;
  };
  const read = (e: TensorEntry): StoredTensor => {
    const start = dataStart + e.offset;
    if (start + e.length > bytes.length) throw new Error(`${path} is truncated (tensor ${e.name})`);
    const copy = new Uint8Array(bytes.subarray(start, start + e.length)).buffer;
    const values = e.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy);
    return { name: e.name, shape: e.shape, dtype: e.dtype, values };
  };
  return {
    state: header.state,
    model: header.model.map(read),
    optimizer: header.optimizer.map(read),
    optimizerScalars: header.optimizerScalars ?? {},
  };
}

/** All of a model's weights (trainable and batch-norm statistics), by name, as typed arrays. */
export function modelWeights(model: tfl.LayersModel): StoredTensor[] {
  return model.weights.map((w) => {
    const value = w.read();
    return {
      name: w.originalName,
      shape: value.shape,
      dtype: 'float32',
      values: value.dataSync() as Float32Array,
    };
  });
}

/** Sets a model's weights from stored tensors; names and shapes must match one to one. */
export function setModelWeights(model: tfl.LayersModel, stored: StoredTensor[], source: string): void {
  const weights = model.weights;
  if (weights.length !== stored.length)
    throw new Error(
      `${source} holds ${stored.length} weights but model ${model.name} has ${weights.length}: not the same model`,
    );
  const tensors = weights.map((w, i) => {
    const s = stored[i];
    if (s.name !== w.originalName || s.shape.join(',') !== w.shape.join(','))
      throw new Error(
        `${source}: weight ${i} is ${s.name} [${s.shape}] but model ${model.name} expects ${w.originalName} [${w.shape}]`,
      );
    return tf.tensor(s.values, s.shape, s.dtype);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** The optimizer's slots (Adam m and v, momentum accumulators) and iteration count. */
export async function optimizerState(
  optimizer: tf.Optimizer,
): Promise<{ tensors: StoredTensor[]; scalars: Record<string, number> }> {
  const named = await optimizer.getWeights();
  const tensors = named.map(({ name, tensor }) => ({
    name,
    shape: tensor.shape,
    dtype: tensor.dtype === 'int32' ? ('int32' as const) : ('float32' as const),
    values: tensor.dataSync() as Float32Array | Int32Array,
  }));
  // getWeights wraps the iteration count in a fresh scalar: free it.
  for (const { name, tensor } of named) if (name === 'iter') tensor.dispose();
  const scalars: Record<string, number> = {};
  const o = optimizer as unknown as Record<string, tf.Variable | undefined>;
  for (const key of ['accBeta1', 'accBeta2'])
    if (o[key] instanceof tf.Tensor) scalars[key] = (o[key] as tf.Variable).dataSync()[0];
  return { tensors, scalars };
}

/** Restores what optimizerState saved into a fresh optimizer of the same kind and variables. */
export async function restoreOptimizerState(
  optimizer: tf.Optimizer,
  tensors: StoredTensor[],
  scalars: Record<string, number>,
): Promise<void> {
  // Optimizer.setWeights turns tensors into variables with the chained `tensor.variable()`, which
  // tfjs-core alone does not install (the tfjs union package does): add just that method.
  const proto = tf.Tensor.prototype as unknown as { variable?: unknown };
  if (typeof proto.variable !== 'function')
    proto.variable = function (this: tf.Tensor, trainable?: boolean, name?: string, dtype?: tf.DataType) {
      return tf.variable(this, trainable, name, dtype);
    };
  const named = tensors.map((t) => ({ name: t.name, tensor: tf.tensor(t.values, t.shape, t.dtype) }));
  await optimizer.setWeights(named);
  // setWeights copies into new variables; the iteration scalar is read and left to us.
  for (const { tensor } of named) tensor.dispose();
  const o = optimizer as unknown as Record<string, tf.Variable | undefined>;
  tf.tidy(() => {
    for (const [key, value] of Object.entries(scalars)) o[key]?.assign(tf.scalar(value));
  });
}
