// File-name facts used as hints (never as the verdict: content decides).

/** Lower-case last extension including the dot (`.pt`), or '' when there is none. */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1)
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot).toLowerCase() : ''
}

/**
 * Extensions whose loaders unpickle (torch.load, pickle.load, joblib.load, numpy.load with
 * allow_pickle). Any of them may appear before a compression suffix (`model.pkl.gz`).
 */
const PICKLE_LOADER_EXTENSIONS = ['pkl', 'pickle', 'pck', 'joblib', 'jbl', 'dill', 'sav', 'pt', 'pth', 'bin', 'ckpt', 'tar', 'npy', 'npz', 'model', 'mar']
const PICKLE_LOADER_NAME = new RegExp(`\\.(${PICKLE_LOADER_EXTENSIONS.join('|')})(\\.|$)`, 'i')

export function suggestsPickleLoader(name: string): boolean {
  return PICKLE_LOADER_NAME.test(name.slice(name.lastIndexOf('/') + 1))
}

/** Model formats read by loaders other than pickle's (safetensors, GGUF, ONNX, Keras/HDF5, TF). */
const OTHER_MODEL_NAME = /\.(safetensors|gguf|ggml|onnx|ort|h5|hdf5|keras|pb|tflite|msgpack|mlmodel|pdparams|nemo)$/i

/** Names that claim a model file of any format. */
export function suggestsModel(name: string): boolean {
  return suggestsPickleLoader(name) || OTHER_MODEL_NAME.test(name.slice(name.lastIndexOf('/') + 1))
}
