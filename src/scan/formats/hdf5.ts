// HDF5: legacy Keras `.h5` models keep their architecture in the root group's `model_config`
// attribute and their losses, metrics and optimizer in `training_config` (JSON strings that
// Keras deserializes at load, Lambda bytecode included): both go through the Keras checks.
// Only metadata is read, never datasets. HDF5 the reader cannot follow is `scan/incomplete`:
// a Keras config there would go unseen. HDF5 without those attributes is `hdf5`, no finding.
import type { FormatResult, ScanContext } from '../context.js'
import { RULES } from '../findings.js'
import type { Source } from '../source.js'
import { checkKerasConfigText } from '../keras/config.js'
import { readRootStrings } from '../hdf5/attributes.js'
import { Hdf5Unsupported } from '../hdf5/object-header.js'

const KERAS_ATTRIBUTES = ['model_config', 'training_config'] as const

/** `base`: where the superblock is (0, or after a user block). */
export async function scanHdf5(source: Source, ctx: ScanContext, base: number): Promise<FormatResult> {
  const entry = ctx.entry !== undefined ? { entry: ctx.entry } : {}
  let values
  try {
    values = await readRootStrings(source, base, KERAS_ATTRIBUTES)
  } catch (err) {
    if (!(err instanceof Hdf5Unsupported)) throw err
    const message = `HDF5 metadata not fully read (${err.message}): a Keras model_config or training_config in the root group would not be analysed, so the file is not known to be safe. Inspect it with h5py, or re-save the model as .keras or safetensors.`
    return { format: 'hdf5', findings: [{ rule: RULES.incomplete, severity: 'high', message, location: { ...entry, offset: err.offset } }] }
  }
  if (values.size === 0) return { format: 'hdf5', findings: [] }
  const findings = [...values].flatMap(([key, texts]) => texts.flatMap((value) => checkKerasConfigText(value.text, { key, offset: value.offset, ...entry })))
  return { format: 'keras', findings, details: { kerasAttributes: [...values.keys()] } }
}
