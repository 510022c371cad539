// How a SavedModel or keras_metadata.pb walk ends early: the time budget (reported by
// scanFile), wire data protobuf rejects, or a walk limit. Both of the last are `scan/incomplete`
// (high): what could not be read is not known to be safe.
import type { ScanContext } from '../context.js'
import { RULES, type Finding, type Location } from '../findings.js'
import { BudgetStop } from '../budget.js'
import { ProtoError } from '../protobuf/reader.js'
import { WalkLimit } from '../onnx/walk.js'
import type { Tick } from './proto.js'

/** The finding for a walk stopped by wire data protobuf rejects or by a limit; undefined for the time budget. */
export function incompleteFinding(err: unknown, what: string, at: (offset: number) => Location): Finding | undefined {
  if (err instanceof BudgetStop) return undefined
  if (err instanceof ProtoError) {
    return { rule: RULES.incomplete, severity: 'high', message: `protobuf wire data TensorFlow rejects: ${err.message} (byte ${err.offset}); the rest of the ${what} was not analysed, so it is not known to be safe.`, location: at(err.offset) }
  }
  if (err instanceof WalkLimit) {
    return { rule: RULES.incomplete, severity: 'high', message: `${err.message}: the rest of the ${what} was not analysed, so it is not known to be safe.`, location: at(err.offset) }
  }
  throw err
}

export function locate(ctx: ScanContext): (offset: number) => Location {
  return (offset) => (ctx.entry === undefined ? { offset } : { entry: ctx.entry, offset })
}

export function budgetTick(ctx: ScanContext): Tick {
  return () => {
    if (ctx.budget?.spent(ctx)) throw new BudgetStop()
  }
}

