// gzip / zlib / raw deflate with fflate's push API (fflate already has the Codec shape).
import { Gunzip, Inflate, Unzlib } from 'fflate'
import type { CodecFactory } from './codec.js'

export const gunzip: CodecFactory = (emit) => new Gunzip(emit)
export const unzlib: CodecFactory = (emit) => new Unzlib(emit)
export const inflateRaw: CodecFactory = (emit) => new Inflate(emit)
