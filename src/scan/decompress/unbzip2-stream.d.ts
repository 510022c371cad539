// The block decoder inside unbzip2-stream (the package's own streaming wrapper is a Node stream
// that buffers each block as an array of numbers; its decoder is used directly instead).
declare module 'unbzip2-stream/lib/bzip2.js' {
  type Bits = (n: number | null) => number
  const bzip2: {
    /** Reads "BZh" and the level digit; returns the level (1-9). */
    header(bits: Bits): number
    /** Decodes one block into `out` (one byte per call); returns the running stream CRC, or null after the end-of-stream record. */
    decompress(bits: Bits, out: (byte: number) => void, buf: Int32Array, bufsize: number, streamCRC: number): number | null
  }
  export default bzip2
}
