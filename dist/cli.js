#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 226:
/***/ ((module) => {

/* 
  bzip2.js - a small bzip2 decompression implementation
  
  Copyright 2011 by antimatter15 (antimatter15@gmail.com)
  
  Based on micro-bunzip by Rob Landley (rob@landley.net).

  Copyright (c) 2011 by antimatter15 (antimatter15@gmail.com).

  Permission is hereby granted, free of charge, to any person obtaining a
  copy of this software and associated documentation files (the "Software"),
  to deal in the Software without restriction, including without limitation
  the rights to use, copy, modify, merge, publish, distribute, sublicense,
  and/or sell copies of the Software, and to permit persons to whom the
  Software is furnished to do so, subject to the following conditions:
  
  The above copyright notice and this permission notice shall be included
  in all copies or substantial portions of the Software.
  
  THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
  EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
  MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
  IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
  DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
  TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH
  THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
*/
function Bzip2Error(message) {
    this.name = 'Bzip2Error';
    this.message = message;
    this.stack = (new Error()).stack;
}
Bzip2Error.prototype = new Error;
 
var message = {
    Error: function(message) {throw new Bzip2Error(message);}
};

var bzip2 = {};
bzip2.Bzip2Error = Bzip2Error;

bzip2.crcTable =
[
   0x00000000, 0x04c11db7, 0x09823b6e, 0x0d4326d9,
   0x130476dc, 0x17c56b6b, 0x1a864db2, 0x1e475005,
   0x2608edb8, 0x22c9f00f, 0x2f8ad6d6, 0x2b4bcb61,
   0x350c9b64, 0x31cd86d3, 0x3c8ea00a, 0x384fbdbd,
   0x4c11db70, 0x48d0c6c7, 0x4593e01e, 0x4152fda9,
   0x5f15adac, 0x5bd4b01b, 0x569796c2, 0x52568b75,
   0x6a1936c8, 0x6ed82b7f, 0x639b0da6, 0x675a1011,
   0x791d4014, 0x7ddc5da3, 0x709f7b7a, 0x745e66cd,
   0x9823b6e0, 0x9ce2ab57, 0x91a18d8e, 0x95609039,
   0x8b27c03c, 0x8fe6dd8b, 0x82a5fb52, 0x8664e6e5,
   0xbe2b5b58, 0xbaea46ef, 0xb7a96036, 0xb3687d81,
   0xad2f2d84, 0xa9ee3033, 0xa4ad16ea, 0xa06c0b5d,
   0xd4326d90, 0xd0f37027, 0xddb056fe, 0xd9714b49,
   0xc7361b4c, 0xc3f706fb, 0xceb42022, 0xca753d95,
   0xf23a8028, 0xf6fb9d9f, 0xfbb8bb46, 0xff79a6f1,
   0xe13ef6f4, 0xe5ffeb43, 0xe8bccd9a, 0xec7dd02d,
   0x34867077, 0x30476dc0, 0x3d044b19, 0x39c556ae,
   0x278206ab, 0x23431b1c, 0x2e003dc5, 0x2ac12072,
   0x128e9dcf, 0x164f8078, 0x1b0ca6a1, 0x1fcdbb16,
   0x018aeb13, 0x054bf6a4, 0x0808d07d, 0x0cc9cdca,
   0x7897ab07, 0x7c56b6b0, 0x71159069, 0x75d48dde,
   0x6b93dddb, 0x6f52c06c, 0x6211e6b5, 0x66d0fb02,
   0x5e9f46bf, 0x5a5e5b08, 0x571d7dd1, 0x53dc6066,
   0x4d9b3063, 0x495a2dd4, 0x44190b0d, 0x40d816ba,
   0xaca5c697, 0xa864db20, 0xa527fdf9, 0xa1e6e04e,
   0xbfa1b04b, 0xbb60adfc, 0xb6238b25, 0xb2e29692,
   0x8aad2b2f, 0x8e6c3698, 0x832f1041, 0x87ee0df6,
   0x99a95df3, 0x9d684044, 0x902b669d, 0x94ea7b2a,
   0xe0b41de7, 0xe4750050, 0xe9362689, 0xedf73b3e,
   0xf3b06b3b, 0xf771768c, 0xfa325055, 0xfef34de2,
   0xc6bcf05f, 0xc27dede8, 0xcf3ecb31, 0xcbffd686,
   0xd5b88683, 0xd1799b34, 0xdc3abded, 0xd8fba05a,
   0x690ce0ee, 0x6dcdfd59, 0x608edb80, 0x644fc637,
   0x7a089632, 0x7ec98b85, 0x738aad5c, 0x774bb0eb,
   0x4f040d56, 0x4bc510e1, 0x46863638, 0x42472b8f,
   0x5c007b8a, 0x58c1663d, 0x558240e4, 0x51435d53,
   0x251d3b9e, 0x21dc2629, 0x2c9f00f0, 0x285e1d47,
   0x36194d42, 0x32d850f5, 0x3f9b762c, 0x3b5a6b9b,
   0x0315d626, 0x07d4cb91, 0x0a97ed48, 0x0e56f0ff,
   0x1011a0fa, 0x14d0bd4d, 0x19939b94, 0x1d528623,
   0xf12f560e, 0xf5ee4bb9, 0xf8ad6d60, 0xfc6c70d7,
   0xe22b20d2, 0xe6ea3d65, 0xeba91bbc, 0xef68060b,
   0xd727bbb6, 0xd3e6a601, 0xdea580d8, 0xda649d6f,
   0xc423cd6a, 0xc0e2d0dd, 0xcda1f604, 0xc960ebb3,
   0xbd3e8d7e, 0xb9ff90c9, 0xb4bcb610, 0xb07daba7,
   0xae3afba2, 0xaafbe615, 0xa7b8c0cc, 0xa379dd7b,
   0x9b3660c6, 0x9ff77d71, 0x92b45ba8, 0x9675461f,
   0x8832161a, 0x8cf30bad, 0x81b02d74, 0x857130c3,
   0x5d8a9099, 0x594b8d2e, 0x5408abf7, 0x50c9b640,
   0x4e8ee645, 0x4a4ffbf2, 0x470cdd2b, 0x43cdc09c,
   0x7b827d21, 0x7f436096, 0x7200464f, 0x76c15bf8,
   0x68860bfd, 0x6c47164a, 0x61043093, 0x65c52d24,
   0x119b4be9, 0x155a565e, 0x18197087, 0x1cd86d30,
   0x029f3d35, 0x065e2082, 0x0b1d065b, 0x0fdc1bec,
   0x3793a651, 0x3352bbe6, 0x3e119d3f, 0x3ad08088,
   0x2497d08d, 0x2056cd3a, 0x2d15ebe3, 0x29d4f654,
   0xc5a92679, 0xc1683bce, 0xcc2b1d17, 0xc8ea00a0,
   0xd6ad50a5, 0xd26c4d12, 0xdf2f6bcb, 0xdbee767c,
   0xe3a1cbc1, 0xe760d676, 0xea23f0af, 0xeee2ed18,
   0xf0a5bd1d, 0xf464a0aa, 0xf9278673, 0xfde69bc4,
   0x89b8fd09, 0x8d79e0be, 0x803ac667, 0x84fbdbd0,
   0x9abc8bd5, 0x9e7d9662, 0x933eb0bb, 0x97ffad0c,
   0xafb010b1, 0xab710d06, 0xa6322bdf, 0xa2f33668,
   0xbcb4666d, 0xb8757bda, 0xb5365d03, 0xb1f740b4
];

bzip2.array = function(bytes) {
    var bit = 0, byte = 0;
    var BITMASK = [0, 0x01, 0x03, 0x07, 0x0F, 0x1F, 0x3F, 0x7F, 0xFF ];
    return function(n) {
        var result = 0;
        while(n > 0) {
            var left = 8 - bit;
            if (n >= left) {
                result <<= left;
                result |= (BITMASK[left] & bytes[byte++]);
                bit = 0;
                n -= left;
            } else {
                result <<= n;
                result |= ((bytes[byte] & (BITMASK[n] << (8 - n - bit))) >> (8 - n - bit));
                bit += n;
                n = 0;
            }
        }
        return result;
    }
}

    
bzip2.simple = function(srcbuffer, stream) {
    var bits = bzip2.array(srcbuffer);
    var size = bzip2.header(bits);
    var ret = false;
    var bufsize = 100000 * size;
    var buf = new Int32Array(bufsize);
    
    do {
        ret = bzip2.decompress(bits, stream, buf, bufsize);        
    } while(!ret);
}

bzip2.header = function(bits) {
    this.byteCount = new Int32Array(256);
    this.symToByte = new Uint8Array(256);
    this.mtfSymbol = new Int32Array(256);
    this.selectors = new Uint8Array(0x8000);

    if (bits(8*3) != 4348520) message.Error("No magic number found");

    var i = bits(8) - 48;
    if (i < 1 || i > 9) message.Error("Not a BZIP archive");
    return i;
};


//takes a function for reading the block data (starting with 0x314159265359)
//a block size (0-9) (optional, defaults to 9)
//a length at which to stop decompressing and return the output
bzip2.decompress = function(bits, stream, buf, bufsize, streamCRC) {
    var MAX_HUFCODE_BITS = 20;
    var MAX_SYMBOLS = 258;
    var SYMBOL_RUNA = 0;
    var SYMBOL_RUNB = 1;
    var GROUP_SIZE = 50;
    var crc = 0 ^ (-1);
    
    for(var h = '', i = 0; i < 6; i++) h += bits(8).toString(16);
    if (h == "177245385090") {
      var finalCRC = bits(32)|0;
      if (finalCRC !== streamCRC) message.Error("Error in bzip2: crc32 do not match");
      // align stream to byte
      bits(null);
      return null; // reset streamCRC for next call
    }
    if (h != "314159265359") message.Error("eek not valid bzip data");
    var crcblock = bits(32)|0; // CRC code
    if (bits(1)) message.Error("unsupported obsolete version");
    var origPtr = bits(24);
    if (origPtr > bufsize) message.Error("Initial position larger than buffer size");
    var t = bits(16);
    var symTotal = 0;
    for (i = 0; i < 16; i++) {
        if (t & (1 << (15 - i))) {
            var k = bits(16);
            for(j = 0; j < 16; j++) {
                if (k & (1 << (15 - j))) {
                    this.symToByte[symTotal++] = (16 * i) + j;
                }
            }
        }
    }

    var groupCount = bits(3);
    if (groupCount < 2 || groupCount > 6) message.Error("another error");
    var nSelectors = bits(15);
    if (nSelectors == 0) message.Error("meh");
    for(var i = 0; i < groupCount; i++) this.mtfSymbol[i] = i;

    for(var i = 0; i < nSelectors; i++) {
        for(var j = 0; bits(1); j++) if (j >= groupCount) message.Error("whoops another error");
        var uc = this.mtfSymbol[j];
        for(var k = j-1; k>=0; k--) {
            this.mtfSymbol[k+1] = this.mtfSymbol[k];
        }
        this.mtfSymbol[0] = uc;
        this.selectors[i] = uc;
    }

    var symCount = symTotal + 2;
    var groups = [];
    var length = new Uint8Array(MAX_SYMBOLS),
    temp = new Uint16Array(MAX_HUFCODE_BITS+1);

    var hufGroup;

    for(var j = 0; j < groupCount; j++) {
        t = bits(5); //lengths
        for(var i = 0; i < symCount; i++) {
            while(true){
                if (t < 1 || t > MAX_HUFCODE_BITS) message.Error("I gave up a while ago on writing error messages");
                if (!bits(1)) break;
                if (!bits(1)) t++;
                else t--;
            }
            length[i] = t;
        }
        var  minLen,  maxLen;
        minLen = maxLen = length[0];
        for(var i = 1; i < symCount; i++) {
            if (length[i] > maxLen) maxLen = length[i];
            else if (length[i] < minLen) minLen = length[i];
        }
        hufGroup = groups[j] = {};
        hufGroup.permute = new Int32Array(MAX_SYMBOLS);
        hufGroup.limit = new Int32Array(MAX_HUFCODE_BITS + 1);
        hufGroup.base = new Int32Array(MAX_HUFCODE_BITS + 1);

        hufGroup.minLen = minLen;
        hufGroup.maxLen = maxLen;
        var base = hufGroup.base;
        var limit = hufGroup.limit;
        var pp = 0;
        for(var i = minLen; i <= maxLen; i++)
        for(var t = 0; t < symCount; t++)
        if (length[t] == i) hufGroup.permute[pp++] = t;
        for(i = minLen; i <= maxLen; i++) temp[i] = limit[i] = 0;
        for(i = 0; i < symCount; i++) temp[length[i]]++;
        pp = t = 0;
        for(i = minLen; i < maxLen; i++) {
            pp += temp[i];
            limit[i] = pp - 1;
            pp <<= 1;
            base[i+1] = pp - (t += temp[i]);
        }
        limit[maxLen] = pp + temp[maxLen] - 1;
        base[minLen] = 0;
    }

    for(var i = 0; i < 256; i++) { 
        this.mtfSymbol[i] = i;
        this.byteCount[i] = 0;
    }
    var runPos, count, symCount, selector;
    runPos = count = symCount = selector = 0;    
    while(true) {
        if (!(symCount--)) {
            symCount = GROUP_SIZE - 1;
            if (selector >= nSelectors) message.Error("meow i'm a kitty, that's an error");
            hufGroup = groups[this.selectors[selector++]];
            base = hufGroup.base;
            limit = hufGroup.limit;
        }
        i = hufGroup.minLen;
        j = bits(i);
        while(true) {
            if (i > hufGroup.maxLen) message.Error("rawr i'm a dinosaur");
            if (j <= limit[i]) break;
            i++;
            j = (j << 1) | bits(1);
        }
        j -= base[i];
        if (j < 0 || j >= MAX_SYMBOLS) message.Error("moo i'm a cow");
        var nextSym = hufGroup.permute[j];
        if (nextSym == SYMBOL_RUNA || nextSym == SYMBOL_RUNB) {
            if (!runPos){
                runPos = 1;
                t = 0;
            }
            if (nextSym == SYMBOL_RUNA) t += runPos;
            else t += 2 * runPos;
            runPos <<= 1;
            continue;
        }
        if (runPos) {
            runPos = 0;
            if (count + t > bufsize) message.Error("Boom.");
            uc = this.symToByte[this.mtfSymbol[0]];
            this.byteCount[uc] += t;
            while(t--) buf[count++] = uc;
        }
        if (nextSym > symTotal) break;
        if (count >= bufsize) message.Error("I can't think of anything. Error");
        i = nextSym - 1;
        uc = this.mtfSymbol[i];
        for(var k = i-1; k>=0; k--) {
            this.mtfSymbol[k+1] = this.mtfSymbol[k];
        }
        this.mtfSymbol[0] = uc
        uc = this.symToByte[uc];
        this.byteCount[uc]++;
        buf[count++] = uc;
    }
    if (origPtr < 0 || origPtr >= count) message.Error("I'm a monkey and I'm throwing something at someone, namely you");
    var j = 0;
    for(var i = 0; i < 256; i++) {
        k = j + this.byteCount[i];
        this.byteCount[i] = j;
        j = k;
    }
    for(var i = 0; i < count; i++) {
        uc = buf[i] & 0xff;
        buf[this.byteCount[uc]] |= (i << 8);
        this.byteCount[uc]++;
    }
    var pos = 0, current = 0, run = 0;
    if (count) {
        pos = buf[origPtr];
        current = (pos & 0xff);
        pos >>= 8;
        run = -1;
    }
    count = count;
    var copies, previous, outbyte;
    while(count) {
        count--;
        previous = current;
        pos = buf[pos];
        current = pos & 0xff;
        pos >>= 8;
        if (run++ == 3) {
            copies = current;
            outbyte = previous;
            current = -1;
        } else {
            copies = 1;
            outbyte = current;
        }
        while(copies--) {
            crc = ((crc << 8) ^ this.crcTable[((crc>>24) ^ outbyte) & 0xFF])&0xFFFFFFFF; // crc32
            stream(outbyte);
        }
        if (current != previous) run = 0;
    }

    crc = (crc ^ (-1)) >>> 0;
    if ((crc|0) != (crcblock|0)) message.Error("Error in bzip2: crc32 do not match");
    streamCRC = (crc ^ ((streamCRC << 1) | (streamCRC >>> 31))) & 0xFFFFFFFF;
    return streamCRC;
}

module.exports = bzip2;


/***/ }),

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(227);
// CLI entry (bundled to dist/cli.js).

const code = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true
});
process.exitCode = code;

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 227:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./src/scan/findings.ts
// The report model: the stable JSON contract of DESIGN.md.
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** Higher number = worse. */
function severityRank(severity) {
    return SEVERITIES.length - SEVERITIES.indexOf(severity);
}
function worstSeverity(severities) {
    let worst = null;
    for (const s of severities)
        if (worst === null || severityRank(s) > severityRank(worst))
            worst = s;
    return worst;
}
const FORMATS = (/* unused pure expression or super */ null && ([
    'pickle',
    'pytorch-zip',
    'pytorch-legacy',
    'torchscript',
    'torch-package',
    'numpy',
    'npz',
    'joblib',
    'zip',
    'safetensors',
    'lfs-pointer',
    'gguf',
    'hdf5',
    'keras',
    'onnx',
    'compressed',
    'other'
]));
/** Rule ids (`family/name`). Format scanners may add more of the same shape. */
const RULES = {
    dangerousGlobal: 'pickle/dangerous-global',
    dynamicGlobal: 'pickle/dynamic-global',
    unknownGlobal: 'pickle/unknown-global',
    pickleMalformed: 'pickle/malformed',
    frameDesync: 'pickle/frame-desync',
    pickleFormat: 'pickle/format',
    torchscriptCode: 'torchscript/code',
    zipAnomaly: 'zip/anomaly',
    incomplete: 'scan/incomplete',
    symlink: 'fs/symlink',
    symlinkOutside: 'fs/symlink-outside',
    skippedSpecial: 'scan/skipped-special',
    unrecognized: 'scan/unrecognized',
    empty: 'scan/empty',
    unreadable: 'scan/unreadable',
    lfsPointer: 'lfs/pointer',
    lfsObjectMissing: 'lfs/object-missing',
    remoteFetchFailed: 'remote/fetch-failed',
    torchAnomaly: 'torch/anomaly',
    torchLegacyFormat: 'torch/legacy-format',
    torchLegacyMagic: 'torch/legacy-magic',
    numpyInvalidHeader: 'numpy/invalid-header',
    numpyUnparsedHeader: 'numpy/unparsed-header',
    numpyUnknownDtype: 'numpy/unknown-dtype',
    numpyNonNpyMember: 'numpy/non-npy-member',
    joblibCompanionFile: 'joblib/companion-file',
    safetensorsNonCanonical: 'safetensors/non-canonical',
    ggufInvalidHeader: 'gguf/invalid-header',
    ggufTemplateInjection: 'gguf/template-injection',
    ggufTemplateUnusual: 'gguf/template-unusual',
    onnxInvalid: 'onnx/invalid',
    onnxExternalDataEscape: 'onnx/external-data-escape',
    onnxExternalDataMissing: 'onnx/external-data-missing',
    onnxExternalDataBounds: 'onnx/external-data-bounds',
    onnxCustomDomain: 'onnx/custom-domain'
};
function emptyCounts() {
    return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

;// CONCATENATED MODULE: ./src/scan/policy.ts
// Policy: what blocks, how pickle data is judged, which user globals are allowed.

const FAIL_ON_VALUES = [...SEVERITIES.filter((s) => s !== 'info'), 'never'];
const PICKLE_POLICIES = ['block', 'allow-safe'];
/**
 * Defaults: deep enough for every real layout (a torch zip in a zip, an object array's pickle
 * in an .npz, one nested `pickle.loads`), and large enough that a multi-GB checkpoint finishes
 * (its pickle streams run ~10^7 opcodes; members of real archives inflate to under 4 GiB),
 * while a crafted file costs at most about a minute of CPU and bounded memory.
 */
const DEFAULT_LIMITS = {
    maxDepth: 3,
    maxOpcodes: 50_000_000,
    maxDecompressedBytes: 4 * 1024 ** 3,
    timeBudgetMs: 60_000
};
function defaultScanOptions(overrides = {}) {
    return {
        failOn: 'medium',
        picklePolicy: 'block',
        allowGlobals: [],
        concurrency: 8,
        workspace: process.cwd(),
        ...overrides,
        limits: { ...DEFAULT_LIMITS, ...overrides.limits }
    };
}
/** True when a finding of `severity` reaches the fail-on threshold. */
function blocks(severity, failOn) {
    if (severity === null || failOn === 'never')
        return false;
    return severityRank(severity) >= severityRank(failOn);
}
const PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\.\*)?$/;
/** Throws a one-line reason when a user allow pattern is not `a.b.C` or `a.b.*`. */
function validateAllowPattern(pattern) {
    if (!PATTERN.test(pattern)) {
        throw new Error(`invalid allow-global pattern ${JSON.stringify(pattern)}: expected module.qualname or module.* (e.g. sklearn.*)`);
    }
    return pattern;
}
/** Does `global` (resolved `module.qualname`) match one of the user's allow patterns? */
function matchesAllowPattern(global, patterns) {
    return patterns.some((p) => (p.endsWith('.*') ? global.startsWith(p.slice(0, -1)) : global === p));
}

;// CONCATENATED MODULE: ./src/scan/limits.ts
/** Each level of nesting may buffer a member of up to 64 MiB for random access: 16 levels bound that to 1 GiB. */
const MAX_DEPTH_CEILING = 16;
/** A day: past that a budget is no bound at all. */
const MAX_SECONDS = 86_400;
const UNITS = { '': 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 };
function integer(text, min, max) {
    if (!/^\d{1,16}$/.test(text))
        return undefined;
    const n = Number(text);
    return n >= min && n <= max ? n : undefined;
}
function bytes(text) {
    const m = /^(\d{1,16})(KiB|MiB|GiB|TiB)?$/.exec(text);
    if (m === null)
        return undefined;
    const n = Number(m[1]) * UNITS[m[2] ?? ''];
    return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}
function showBytes(n) {
    for (const unit of ['TiB', 'GiB', 'MiB', 'KiB'])
        if (n % UNITS[unit] === 0)
            return `${n / UNITS[unit]}${unit}`;
    return String(n);
}
function seconds(text) {
    if (!/^\d{1,6}(\.\d{1,3})?$/.test(text))
        return undefined;
    const s = Number(text);
    return s > 0 && s <= MAX_SECONDS ? Math.round(s * 1000 * 1000) / 1000 : undefined;
}
const LIMIT_SETTINGS = [
    {
        name: 'max-depth',
        key: 'maxDepth',
        expected: `an integer from 0 to ${MAX_DEPTH_CEILING}`,
        parse: (t) => integer(t, 0, MAX_DEPTH_CEILING),
        show: String
    },
    {
        name: 'max-opcodes',
        key: 'maxOpcodes',
        expected: 'a positive integer',
        parse: (t) => integer(t, 1, Number.MAX_SAFE_INTEGER),
        show: String
    },
    {
        name: 'max-decompressed-bytes',
        key: 'maxDecompressedBytes',
        expected: 'a positive number of bytes, optionally with KiB, MiB, GiB or TiB (e.g. 512MiB)',
        parse: bytes,
        show: showBytes
    },
    {
        name: 'time-budget',
        key: 'timeBudgetMs',
        expected: `seconds, more than 0 and at most ${MAX_SECONDS} (e.g. 60 or 0.5)`,
        parse: seconds,
        show: (ms) => String(ms / 1000)
    }
];
function limitSetting(name) {
    return LIMIT_SETTINGS.find((s) => s.name === name);
}

;// CONCATENATED MODULE: ./src/cli/args.ts
// `modelgate scan [options] <path...>` argument parsing: strict, one-line errors.


const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'markdown'];
class UsageError extends Error {
}
function showLimit(key) {
    return LIMIT_SETTINGS.find((s) => s.key === key).show(DEFAULT_LIMITS[key]);
}
const HELP = `Usage: modelgate scan [options] <target...>

Statically scans model files (pickle, PyTorch, NumPy, joblib, safetensors, ...) without loading them.
A target is a path (directories are scanned recursively; symbolic links are followed only
inside the current directory), an http(s):// URL, or a Hugging Face repo:
hf://[datasets/|spaces/]org/name[@revision][/path]. Remote files are read by HTTP range
requests (headers and pickle streams only), never downloaded whole.

Options:
  --format text|json|sarif|markdown   output format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --fail-on critical|high|medium|low|never
                                      exit 1 when a finding is at or above this severity (default: medium)
  --pickle-policy block|allow-safe    pickle data with only allowlisted globals: medium (block, default) or info
  --allow-global PATTERN              also allow this pickle global (repeatable): module.Name or module.*
  --quiet                             text format: print only findings that block, and the summary
  --lfs                               scan the objects of Git LFS pointers, fetched by ranges through the
                                      repository's LFS batch API (endpoint from .lfsconfig or the origin remote)
  --lfs-url URL                       the LFS endpoint to use (implies --lfs)
  -h, --help                          show this help
  --version                           show the version

Limits per file (reaching one is a scan/incomplete finding, never a pass):
  --max-depth N                       archives in archives and nested deserializers (default: ${DEFAULT_LIMITS.maxDepth}, at most ${MAX_DEPTH_CEILING})
  --max-opcodes N                     pickle opcodes per stream (default: ${DEFAULT_LIMITS.maxOpcodes})
  --max-decompressed-bytes SIZE       bytes inflated per archive member or compressed stream,
                                      plain or with KiB, MiB, GiB, TiB (default: ${showLimit('maxDecompressedBytes')})
  --time-budget SECONDS               time per file (default: ${showLimit('timeBudgetMs')})

Environment:
  HF_TOKEN (or HUGGING_FACE_HUB_TOKEN)  token for gated or private hf:// repos, sent to HF_ENDPOINT only
  HF_ENDPOINT                          the hub (default https://huggingface.co)
  HF_HUB_OFFLINE=1                     refuse hf:// targets (no network)
  MODELGATE_LFS_TOKEN                  token for the LFS batch API (HTTP Basic x-access-token)

Exit status: 0 nothing at or above --fail-on, 1 blocked, 2 usage, network or internal error
(a remote listing or authentication that failed, before any verdict).
`;
function oneOf(flag, value, allowed) {
    if (!allowed.includes(value))
        throw new UsageError(`invalid value for ${flag}: ${JSON.stringify(value)} (expected ${allowed.join(', ')})`);
    return value;
}
function parseArgs(argv) {
    if (argv.length === 0)
        throw new UsageError('missing command (try: modelgate scan <path...>, or --help)');
    const [first, ...rest] = argv;
    if (first === '-h' || first === '--help' || first === 'help')
        return { command: 'help' };
    if (first === '--version')
        return { command: 'version' };
    if (first !== 'scan')
        throw new UsageError(`unknown command ${JSON.stringify(first)} (the command is: scan)`);
    const cmd = { command: 'scan', paths: [], format: 'text', failOn: 'medium', picklePolicy: 'block', allowGlobals: [], quiet: false, limits: {}, lfs: false };
    let onlyPaths = false;
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (onlyPaths || !arg.startsWith('-') || arg === '-') {
            cmd.paths.push(arg);
            continue;
        }
        if (arg === '--') {
            onlyPaths = true;
            continue;
        }
        const eq = arg.indexOf('=');
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const value = () => {
            if (eq > 0)
                return arg.slice(eq + 1);
            if (i + 1 >= rest.length)
                throw new UsageError(`${flag} needs a value`);
            return rest[++i];
        };
        switch (flag) {
            case '--format':
                cmd.format = oneOf(flag, value(), OUTPUT_FORMATS);
                break;
            case '--output': {
                const file = value();
                if (file === '')
                    throw new UsageError('--output needs a file name');
                cmd.output = file;
                break;
            }
            case '--fail-on':
                cmd.failOn = oneOf(flag, value(), FAIL_ON_VALUES);
                break;
            case '--pickle-policy':
                cmd.picklePolicy = oneOf(flag, value(), PICKLE_POLICIES);
                break;
            case '--allow-global':
                try {
                    cmd.allowGlobals.push(validateAllowPattern(value()));
                }
                catch (err) {
                    throw new UsageError(err.message);
                }
                break;
            case '--quiet':
            case '-q':
                if (eq > 0)
                    throw new UsageError(`${flag} takes no value`);
                cmd.quiet = true;
                break;
            case '--lfs':
                if (eq > 0)
                    throw new UsageError(`${flag} takes no value`);
                cmd.lfs = true;
                break;
            case '--lfs-url': {
                const url = value();
                if (!/^https?:\/\//i.test(url))
                    throw new UsageError(`invalid value for --lfs-url: ${JSON.stringify(url)} (expected an http:// or https:// URL)`);
                cmd.lfsUrl = url;
                cmd.lfs = true;
                break;
            }
            case '-h':
            case '--help':
                return { command: 'help' };
            case '--max-depth':
            case '--max-opcodes':
            case '--max-decompressed-bytes':
            case '--time-budget': {
                const setting = limitSetting(flag.slice(2));
                const text = value();
                const parsed = setting.parse(text);
                if (parsed === undefined)
                    throw new UsageError(`invalid value for ${flag}: ${JSON.stringify(text)} (expected ${setting.expected})`);
                cmd.limits[setting.key] = parsed;
                break;
            }
            default:
                throw new UsageError(`unknown option ${JSON.stringify(flag)} (see --help)`);
        }
    }
    if (cmd.paths.length === 0)
        throw new UsageError('no target to scan (usage: modelgate scan [options] <path|URL|hf://org/name...>)');
    return cmd;
}

;// CONCATENATED MODULE: ./src/report/describe.ts

/** "entry archive/data.pkl, offset 57" (empty when the finding has no location). */
function describeLocation(finding) {
    const parts = [];
    if (finding.location?.entry !== undefined)
        parts.push(`entry ${finding.location.entry}`);
    if (finding.location?.offset !== undefined)
        parts.push(`offset ${finding.location.offset}`);
    return parts.join(', ');
}
/** "1 critical, 2 medium" or "no findings". */
function describeCounts(report) {
    const parts = SEVERITIES.filter((s) => report.summary.findings[s] > 0).map((s) => `${report.summary.findings[s]} ${s}`);
    return parts.length > 0 ? parts.join(', ') : 'no findings';
}
function describeVerdict(report, failOn) {
    if (report.summary.blocked)
        return `blocked: ${report.summary.maxSeverity} finding(s) at or above fail-on ${failOn}`;
    return failOn === 'never' ? 'passed (fail-on never)' : `passed: nothing at or above fail-on ${failOn}`;
}
/** Findings worst first, stable within a severity. */
function bySeverity(findings) {
    return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}
const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
/** "512 B", "212 KiB", "14.2 GiB": three significant digits at most. */
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    let value = n;
    let unit = -1;
    while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ${BYTE_UNITS[unit]}`;
}
/** "read 212 KiB of 14.2 GiB in 31 requests" (empty when nothing was read over HTTP). */
function describeRemote(report) {
    const remote = report.summary.remote;
    if (remote === undefined)
        return '';
    return `read ${formatBytes(remote.bytes)} of ${formatBytes(remote.size)} in ${remote.requests} request${remote.requests === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./src/cli/progress.ts

const INTERVAL_MS = 100;
class Progress {
    write;
    files = 0;
    requests = 0;
    bytes = 0;
    last = 0;
    shown = false;
    constructor(write) {
        this.write = write;
    }
    /** Counts one finished file (bound: usable as a callback). */
    file = (file) => {
        this.files++;
        if (file.source !== undefined) {
            this.requests += file.source.requests;
            this.bytes += file.source.bytes;
        }
        const now = Date.now();
        if (now - this.last < INTERVAL_MS)
            return;
        this.last = now;
        const remote = this.requests > 0 ? `, read ${formatBytes(this.bytes)} in ${this.requests} requests` : '';
        this.write(`\r\x1b[Kmodelgate: ${this.files} file(s) scanned${remote}`);
        this.shown = true;
    };
    clear() {
        if (this.shown)
            this.write('\r\x1b[K');
    }
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/scan/errors.ts
// One wording for system errors in findings: Node's messages already start with the code
// ("EACCES: permission denied, open 'x'"), so the code is added only when it is missing.
function describeError(err) {
    const e = err;
    const message = err instanceof Error ? err.message : String(err);
    return e.code !== undefined && !message.startsWith(`${e.code}:`) ? `${e.code}: ${message}` : message;
}

;// CONCATENATED MODULE: ./src/scan/links.ts
// Symbolic links: resolved with realpath (the kernel bounds chains and loops: ELOOP) and
// followed only when the real target lies inside the workspace. Nothing outside it is opened.




/** Is `path` (absolute, no links) `root` or under it? */
function isWithin(path, root) {
    return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}
/** The target as named in findings: relative to the workspace, `.` for the workspace itself. */
function workspaceRelative(real, workspace) {
    return (0,external_node_path_namespaceObject.relative)(workspace, real) || '.';
}
const linkedFileFinding = (target) => ({
    rule: RULES.symlink,
    severity: 'info',
    message: `Symbolic link to ${target} (inside the workspace): scanned as its target.`
});
const linkedDirectoryFinding = (target, followed) => ({
    rule: RULES.symlink,
    severity: 'info',
    message: followed
        ? `Symbolic link to the directory ${target} (inside the workspace): followed, its files are listed under this path.`
        : `Symbolic link to the directory ${target} (inside the workspace): not followed here, its files are scanned where they lie in the tree.`
});
const unverifiedLinkFinding = (why) => ({
    rule: RULES.symlinkOutside,
    severity: 'medium',
    message: `Symbolic link ${why}: not followed and not scanned, so what a loader would read here is not known to be safe.`
});
function unresolvable(err) {
    switch (err.code) {
        case 'ENOENT':
        case 'ENOTDIR':
            return 'whose target does not exist (dangling)';
        case 'ELOOP':
            return 'that cannot be resolved (a loop, or too long a chain of links)';
        default:
            return `that cannot be resolved (${describeError(err)})`;
    }
}
/** Resolves the link at `path` against `workspace` (a real path). Never throws. */
async function resolveLink(path, workspace) {
    let real;
    try {
        real = await (0,promises_namespaceObject.realpath)(path);
    }
    catch (err) {
        return { kind: 'unverified', finding: unverifiedLinkFinding(unresolvable(err)) };
    }
    if (!isWithin(real, workspace))
        return { kind: 'unverified', finding: unverifiedLinkFinding(`leading outside the workspace (to ${real})`) };
    try {
        const stats = await (0,promises_namespaceObject.lstat)(real);
        // `real` has no links in it; one appearing now was swapped in after realpath.
        if (stats.isSymbolicLink())
            return { kind: 'unverified', finding: unverifiedLinkFinding('whose target changed while it was resolved') };
        return { kind: 'resolved', real, stats };
    }
    catch (err) {
        return { kind: 'unverified', finding: unverifiedLinkFinding(unresolvable(err)) };
    }
}

;// CONCATENATED MODULE: ./src/scan/select.ts
// Which files a scan covers: the given files, and every entry under the given directories.
// Symbolic links are followed only to targets inside the workspace (links.ts), and what they
// lead to is reported under the link's path; `.git/` is skipped; FIFOs, sockets and devices
// are listed, never opened.




/** A path given by the user that does not exist: a usage error, not a finding. */
class MissingPathError extends Error {
    path;
    constructor(path) {
        super(`no such file or directory: ${path}`);
        this.path = path;
    }
}
const SKIPPED_DIRECTORIES = new Set(['.git']);
function joinPath(dir, name) {
    return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
/**
 * Lists the entry `path`. `real`: its real path when `path` was reached through a link
 * (then everything is read at `real` and reported under `path`).
 */
async function add(walk, path, stats, real) {
    if (stats.isSymbolicLink())
        return addLink(walk, path, real ?? path);
    if (stats.isDirectory())
        return listDirectory(walk, path, real);
    if (!stats.isFile())
        walk.out.push({ path, kind: 'special' });
    else if (real === undefined)
        walk.out.push({ path, kind: 'file' });
    else {
        const target = { path: real, dev: stats.dev, ino: stats.ino };
        walk.out.push({ path, kind: 'file', via: { target, finding: linkedFileFinding(workspaceRelative(real, walk.workspace)) } });
    }
}
async function listDirectory(walk, path, real) {
    const at = real ?? path;
    let names;
    try {
        names = (await (0,promises_namespaceObject.readdir)(at)).sort();
    }
    catch (err) {
        walk.out.push({ path, kind: 'unreadable', error: describeError(err) });
        return;
    }
    for (const name of names) {
        const child = joinPath(path, name);
        const childReal = real === undefined ? undefined : joinPath(real, name);
        let stats;
        try {
            stats = await (0,promises_namespaceObject.lstat)(childReal ?? child);
        }
        catch (err) {
            walk.out.push({ path: child, kind: 'unreadable', error: describeError(err) });
            continue;
        }
        if (!(stats.isDirectory() && SKIPPED_DIRECTORIES.has(name)))
            await add(walk, child, stats, childReal);
    }
}
/** The link at `path` (read at `at`): its target if it lies inside the workspace, else a finding. */
async function addLink(walk, path, at) {
    const resolved = await resolveLink(at, walk.workspace);
    if (resolved.kind === 'unverified') {
        walk.out.push({ path, kind: 'link', finding: resolved.finding });
        return;
    }
    const { real, stats } = resolved;
    if (!stats.isDirectory())
        return add(walk, path, stats, real);
    // A directory already listed elsewhere is not listed again: this also bounds link cycles.
    const target = workspaceRelative(real, walk.workspace);
    const covered = walk.covered.some((root) => isWithin(real, root));
    walk.out.push({ path, kind: 'link', finding: linkedDirectoryFinding(target, !covered) });
    if (covered)
        return;
    walk.covered.push(real);
    await listDirectory(walk, path, real);
}
/**
 * A given path is treated as a link when it is one, or when it lies in the workspace but a
 * directory on it is a link (its real path differs). Other paths, even outside the workspace,
 * are the user's explicit choice and are read where they are.
 */
async function isLinked(path, stats, workspaces) {
    if (stats.isSymbolicLink())
        return true;
    const absolute = (0,external_node_path_namespaceObject.resolve)(path);
    if (!workspaces.some((w) => isWithin(absolute, w)))
        return false;
    try {
        return (await (0,promises_namespaceObject.realpath)(path)) !== absolute;
    }
    catch {
        return true; // resolved (and reported) as a link
    }
}
/**
 * Expands `paths` into candidates, in the order given (directories sorted by name), each path
 * once. Links are followed only to targets inside `workspace`.
 */
async function selectFiles(paths, workspace) {
    const walk = { workspace: await (0,promises_namespaceObject.realpath)(workspace), covered: [], out: [] };
    // Every given directory is in `covered` before anything is listed: links into them are not followed.
    const given = [];
    for (const path of paths) {
        try {
            const stats = await (0,promises_namespaceObject.lstat)(path);
            const linked = await isLinked(path, stats, [walk.workspace, (0,external_node_path_namespaceObject.resolve)(workspace)]);
            if (stats.isDirectory() && !linked)
                walk.covered.push(await (0,promises_namespaceObject.realpath)(path));
            given.push({ path, stats, linked });
        }
        catch (err) {
            if (err.code === 'ENOENT')
                throw new MissingPathError(path);
            given.push({ path, error: describeError(err) });
        }
    }
    for (const g of given) {
        if ('error' in g)
            walk.out.push({ path: g.path, kind: 'unreadable', error: g.error });
        else if (g.linked)
            await addLink(walk, g.path, g.path);
        else
            await add(walk, g.path, g.stats);
    }
    const seen = new Set();
    return walk.out.filter((c) => !seen.has(c.path) && seen.add(c.path));
}

;// CONCATENATED MODULE: ./src/version.ts
/** The tool version reported in every report; kept equal to package.json by a test. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/scan/summary.ts
// Builds the Report (counts, worst severity, verdict) from per-file results.



/** `{ remote }` when any file was read over HTTP (or shared requests were made), else `{}`. */
function remoteTotals(files, shared) {
    const remote = files.filter((f) => f.source !== undefined);
    if (remote.length === 0 && (shared === undefined || shared.requests === 0))
        return {};
    const totals = { files: remote.length, requests: shared?.requests ?? 0, bytes: shared?.bytes ?? 0, size: 0 };
    for (const f of remote) {
        totals.requests += f.source.requests;
        totals.bytes += f.source.bytes;
        totals.size += f.size;
    }
    return { remote: totals };
}
function summary_buildReport(files, options, shared) {
    const counts = emptyCounts();
    for (const file of files)
        for (const finding of file.findings)
            counts[finding.severity]++;
    const maxSeverity = worstSeverity(files.flatMap((f) => f.findings.map((x) => x.severity)));
    return {
        tool: { name: 'modelgate', version: VERSION },
        files,
        summary: { files: files.length, findings: counts, maxSeverity, blocked: blocks(maxSeverity, options.failOn), ...remoteTotals(files, shared) }
    };
}

;// CONCATENATED MODULE: ./src/remote/errors.ts
// A remote target that cannot be scanned at all (bad hf:// syntax, a listing or an
// authentication failure, offline mode): the run stops before any verdict, exit status 2.
// Failures reading one file's bytes are findings instead (remote/fetch-failed).
class RemoteError extends Error {
}

;// CONCATENATED MODULE: ./src/remote/http.ts
// HTTP requests for remote sources, on Node's own fetch. Redirects are followed here, one at a
// time, so credentials are sent only to the origin they belong to (a hub's resolve URL
// redirects to a CDN host with a signed URL that needs none). Idempotent failures (connection
// errors, timeouts, 429, 5xx) are retried with backoff, honouring Retry-After. Every message
// passes through `redact`: tokens and signed query strings never reach a log or a report.
const DEFAULT_HTTP = { timeoutMs: 30_000, retries: 3, maxRedirects: 5, retryBaseMs: 500, maxRetryAfterMs: 30_000 };
/** A request that failed for good: status (if any) and a redacted description. */
class HttpError extends Error {
    status;
    headers;
    constructor(message, status, 
    /** Response headers, when there was a response (X-Error-Code, Content-Range...). */
    headers) {
        super(message);
        this.status = status;
        this.headers = headers;
    }
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// --- redaction ---------------------------------------------------------------------------
const secrets = new Set();
/** Registers a value that must never appear in output (a token, a Basic credential). */
function addSecret(value) {
    if (value.length >= 4)
        secrets.add(value);
}
/** A URL for messages and reports: no user info, no query (signed URLs carry keys there), no fragment. */
function displayUrl(url) {
    try {
        const u = new URL(url);
        const query = u.search !== '' ? '?…' : '';
        u.username = '';
        u.password = '';
        u.search = '';
        u.hash = '';
        return redact(u.href + query);
    }
    catch {
        return '(invalid URL)';
    }
}
/** `text` with every registered secret (and its Basic-auth encoding) replaced. */
function redact(text) {
    let out = text;
    for (const secret of secrets)
        out = out.split(secret).join('***');
    return out;
}
function basicAuth(user, password) {
    const encoded = Buffer.from(`${user}:${password}`).toString('base64');
    addSecret(password);
    addSecret(encoded);
    return `Basic ${encoded}`;
}
// --- requests ----------------------------------------------------------------------------
const sleep = (ms, signal) => new Promise((resolve, reject) => {
    const abort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
});
/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
function retryAfterMs(value, now = Date.now()) {
    if (value === null)
        return undefined;
    if (/^\s*\d+\s*$/.test(value))
        return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
const retryable = (status) => status === 429 || status >= 500;
function networkReason(err) {
    const e = err;
    if (e.name === 'TimeoutError')
        return 'timed out';
    const cause = e.cause;
    if (cause?.code !== undefined)
        return `${cause.message ?? 'network error'} (${cause.code})`;
    return cause?.message ?? e.message ?? String(err);
}
/** Moves `user:password@` out of the URL (fetch refuses it) into Basic credentials. */
function splitUserInfo(url, credentials) {
    if (url.username === '' && url.password === '')
        return credentials;
    const auth = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password));
    url.username = '';
    url.password = '';
    return { authorization: auth, ...credentials };
}
class HttpClient {
    settings;
    /**
     * Per origin: does it answer a multi-range request with its parts? Learnt from the first
     * file that asks, so the other files of a scan do not ask a server that refuses (S3) again.
     */
    multiRange = new Map();
    constructor(settings = DEFAULT_HTTP) {
        this.settings = settings;
    }
    /**
     * Sends the request, following redirects and retrying, and returns the final response
     * (any status: the caller judges it). Throws HttpError when no response could be had.
     * The caller must consume or cancel the body.
     */
    async request(url, options = {}) {
        let current;
        try {
            current = new URL(url);
        }
        catch {
            throw new HttpError(`invalid URL ${JSON.stringify(redact(url))}`);
        }
        if (current.protocol !== 'http:' && current.protocol !== 'https:')
            throw new HttpError(`unsupported URL scheme ${JSON.stringify(current.protocol)}`);
        let credentials = splitUserInfo(current, options.credentials ?? {});
        const origin = current.origin;
        let method = options.method ?? 'GET';
        let body = options.body;
        for (let hop = 0;; hop++) {
            const response = await this.attempt(current, method, body, { ...options.headers, ...credentials }, options);
            if (!REDIRECTS.has(response.status))
                return { status: response.status, headers: response.headers, url: current.href, credentials, body: response.body };
            await response.body?.cancel().catch(() => { });
            const location = response.headers.get('location');
            if (location === null)
                throw new HttpError(`${method} ${displayUrl(current.href)}: HTTP ${response.status} without a Location`, response.status);
            if (hop >= this.settings.maxRedirects)
                throw new HttpError(`${method} ${displayUrl(url)}: more than ${this.settings.maxRedirects} redirects`, response.status);
            let next;
            try {
                next = new URL(location, current);
            }
            catch {
                throw new HttpError(`${method} ${displayUrl(current.href)}: redirect to an invalid URL`, response.status);
            }
            if (next.protocol !== 'http:' && next.protocol !== 'https:')
                throw new HttpError(`${method} ${displayUrl(current.href)}: redirect to a ${next.protocol} URL`, response.status);
            // Leaving the origin (host, port or scheme) drops the credentials for the rest of the way.
            if (next.origin !== origin)
                credentials = {};
            credentials = splitUserInfo(next, credentials);
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
                method = 'GET';
                body = undefined;
            }
            current = next;
        }
    }
    /** One hop, retried on connection errors, timeouts, 429 and 5xx. */
    async attempt(url, method, body, headers, options) {
        const { retries, retryBaseMs, maxRetryAfterMs, timeoutMs } = this.settings;
        for (let attempt = 0;; attempt++) {
            const timeout = AbortSignal.timeout(timeoutMs);
            const signal = options.signal !== undefined ? AbortSignal.any([options.signal, timeout]) : timeout;
            if (options.traffic !== undefined)
                options.traffic.requests++;
            let wait = retryBaseMs * 2 ** attempt;
            try {
                const response = await fetch(url, { method, headers, body, redirect: 'manual', signal });
                if (!retryable(response.status) || attempt >= retries)
                    return response;
                const after = retryAfterMs(response.headers.get('retry-after'));
                // A server asking for a longer pause than we wait gets its answer judged as it is.
                if (after !== undefined && after > maxRetryAfterMs)
                    return response;
                if (after !== undefined)
                    wait = after;
                await response.body?.cancel().catch(() => { });
            }
            catch (err) {
                if (options.signal?.aborted === true)
                    throw err;
                if (attempt >= retries)
                    throw new HttpError(`${method} ${displayUrl(url.href)}: ${networkReason(err)}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ''}`);
            }
            await sleep(wait, options.signal);
        }
    }
}
/**
 * Reads a whole body, up to `limit` bytes (more is an HttpError: a listing or batch answer
 * that large is not what the protocol sends). Counts the bytes into `traffic`.
 */
async function readBody(response, limit, traffic) {
    const parts = [];
    let total = 0;
    if (response.body === null)
        return new Uint8Array(0);
    const reader = response.body.getReader();
    for (;;) {
        const chunk = await reader.read().catch((err) => {
            throw new HttpError(`reading ${displayUrl(response.url)}: ${networkReason(err)}`);
        });
        if (chunk.done)
            break;
        total += chunk.value.length;
        if (traffic !== undefined)
            traffic.bytes += chunk.value.length;
        if (total > limit) {
            await reader.cancel().catch(() => { });
            throw new HttpError(`${displayUrl(response.url)}: answer larger than ${limit} bytes`);
        }
        parts.push(chunk.value);
    }
    return Buffer.concat(parts);
}
/** GET or POST expecting JSON: a non-2xx status is an HttpError carrying status and headers. */
async function requestJson(client, url, options = {}) {
    const response = await client.request(url, { ...options, headers: { accept: 'application/json', ...options.headers } });
    if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => { });
        throw new HttpError(`${options.method ?? 'GET'} ${displayUrl(response.url)}: HTTP ${response.status}`, response.status, response.headers);
    }
    const bytes = await readBody(response, options.limit ?? 64 * 1024 * 1024, options.traffic);
    try {
        return { json: JSON.parse(new TextDecoder().decode(bytes)), response };
    }
    catch {
        throw new HttpError(`${displayUrl(response.url)}: the answer is not JSON`, response.status, response.headers);
    }
}

;// CONCATENATED MODULE: ./src/remote/link.ts
// RFC 8288 `Link` header: the `rel="next"` target of a paginated answer (the Hugging Face
// tree API pages this way, as GitHub's API does). A small scanner rather than a regex:
// commas and semicolons may sit inside quoted parameter values and inside the <URI>.
/** Every link-value of a `Link` header; a malformed header is an Error naming the problem. */
function parseLinkHeader(header) {
    const links = [];
    let i = 0;
    const skipSpace = () => {
        while (i < header.length && (header[i] === ' ' || header[i] === '\t'))
            i++;
    };
    for (;;) {
        skipSpace();
        while (header[i] === ',') {
            i++;
            skipSpace();
        }
        if (i >= header.length)
            return links;
        if (header[i] !== '<')
            throw new Error(`expected "<" at offset ${i}`);
        const close = header.indexOf('>', i);
        if (close < 0)
            throw new Error('unterminated <URI>');
        const target = header.slice(i + 1, close).trim();
        i = close + 1;
        const rels = [];
        for (;;) {
            skipSpace();
            if (i >= header.length || header[i] === ',')
                break;
            if (header[i] !== ';')
                throw new Error(`expected ";" or "," at offset ${i}`);
            i++;
            skipSpace();
            const name = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(header.slice(i))?.[0];
            if (name === undefined)
                throw new Error(`expected a parameter name at offset ${i}`);
            i += name.length;
            skipSpace();
            let value = '';
            if (header[i] === '=') {
                i++;
                skipSpace();
                value = header[i] === '"' ? readQuoted() : readToken();
            }
            if (name.toLowerCase() === 'rel')
                rels.push(...value.toLowerCase().split(/[ \t]+/).filter((r) => r !== ''));
        }
        links.push({ target, rels });
    }
    function readQuoted() {
        let out = '';
        for (i++; i < header.length; i++) {
            const c = header[i];
            if (c === '"') {
                i++;
                return out;
            }
            if (c === '\\')
                i++;
            out += header[i] ?? '';
        }
        throw new Error('unterminated quoted string');
    }
    function readToken() {
        const start = i;
        while (i < header.length && !/[;, \t]/.test(header[i]))
            i++;
        return header.slice(start, i);
    }
}
/**
 * The first `rel="next"` target resolved against `base` (the URL that answered), or
 * undefined when there is none. Throws Error for a malformed header or target.
 */
function nextLink(header, base) {
    if (header === null)
        return undefined;
    const next = parseLinkHeader(header).find((link) => link.rels.includes('next'));
    if (next === undefined)
        return undefined;
    let url;
    try {
        url = new URL(next.target, base);
    }
    catch {
        throw new Error('the next-page link is not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error(`the next-page link is a ${url.protocol} URL`);
    return url.href;
}

;// CONCATENATED MODULE: ./src/remote/hf.ts
// Hugging Face Hub targets: `hf://[datasets/|spaces/]org/name[@revision][/path]` parsed as
// huggingface_hub's parse_hf_uri does, then turned into the list of files to read by ranges.
// The revision is resolved to its commit first and every URL names that commit, so one scan
// sees one immutable snapshot. Everything the hub answers is checked before use: the commit
// sha, each listed path (it becomes a report path and part of a URL), sizes, page links.



const PROTOCOL = 'hf://';
const DEFAULT_ENDPOINT = 'https://huggingface.co';
const DEFAULT_REVISION = 'main';
/** Plural prefixes as in huggingface_hub's HF_URI_TYPE_PREFIXES (`models/` is an alias). */
const TYPE_PREFIXES = { models: 'model', datasets: 'dataset', spaces: 'space' };
const URL_PREFIX = { model: '', dataset: 'datasets/', space: 'spaces/' };
/** huggingface_hub's _SPECIAL_REFS_REVISION_REGEX, ASCII, and only at a segment boundary. */
const SPECIAL_REF = /^refs\/(?:convert\/[A-Za-z0-9_.-]+|pr\/\d+)(?=\/|$)/;
/** One side of a repo id (validate_repo_id): word characters, '-' and '.', not at either end. */
const ID_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Listing bounds: past them the listing fails closed instead of growing without end. */
const HF_LIMITS = { maxEntries: 1_000_000, maxPages: 10_000, pageBytes: 32 * 1024 * 1024, infoBytes: 16 * 1024 * 1024 };
// --- target syntax -----------------------------------------------------------------------
const bad = (text, why) => new RemoteError(`invalid Hugging Face target ${JSON.stringify(redact(text))}: ${why}`);
/**
 * Parses `hf://[models/|datasets/|spaces/]org/name[@revision][/path]`. A revision with a '/'
 * is written percent-encoded (`@feature%2Fx`), except `refs/pr/N` and `refs/convert/NAME`
 * which are recognised as they are. The path is taken literally (not percent-decoded), as
 * huggingface_hub does. Single-segment ids (`hf://gpt2`) are refused as HfFileSystem refuses
 * them: the hub's canonical ids all have a namespace (`openai-community/gpt2`).
 */
function parseHfTarget(text) {
    if (!text.startsWith(PROTOCOL))
        throw bad(text, `it must start with ${PROTOCOL}`);
    let body = text.slice(PROTOCOL.length);
    if (CONTROL.test(body))
        throw bad(text, 'control characters');
    if (body.includes('\\'))
        throw bad(text, 'backslashes are not path separators');
    if (body.endsWith('/'))
        body = body.slice(0, -1); // `org/name/folder/` names the folder
    if (body === '')
        throw bad(text, 'no repository (expected org/name)');
    const segments = body.split('/');
    if (segments.includes(''))
        throw bad(text, 'empty path segment');
    let type = 'model';
    const prefixed = TYPE_PREFIXES[segments[0]];
    if (segments[0] === 'kernels' || segments[0] === 'buckets') {
        throw bad(text, `${segments[0]} are not supported`);
    }
    else if (['model', 'dataset', 'space', 'kernel', 'bucket'].includes(segments[0])) {
        throw bad(text, `the type prefix is plural: ${segments[0]}s/`);
    }
    else if (prefixed !== undefined) {
        if (segments.length === 1)
            throw bad(text, `no repository after ${segments[0]}/`);
        type = prefixed;
        segments.shift();
    }
    const location = segments.join('/');
    // '@' introduces the revision only right after org/name; deeper it is part of a file name.
    const at = location.indexOf('@');
    let repo;
    let revision;
    let path;
    if (at < 0 || location.slice(0, at).split('/').length > 2) {
        const parts = location.split('/');
        repo = parts.slice(0, 2).join('/');
        path = parts.slice(2).join('/');
    }
    else {
        repo = location.slice(0, at);
        const rest = location.slice(at + 1);
        const special = SPECIAL_REF.exec(rest)?.[0];
        const raw = special ?? rest.split('/')[0];
        path = rest.slice(raw.length + 1);
        if (raw === '')
            throw bad(text, 'empty revision after "@"');
        try {
            revision = decodeURIComponent(raw);
        }
        catch {
            throw bad(text, 'the revision is not valid percent-encoding');
        }
        if (CONTROL.test(revision))
            throw bad(text, 'control characters in the revision');
    }
    checkRepo(text, repo);
    if (path !== '')
        checkPath(text, path);
    return { type, repo, ...(revision !== undefined ? { revision } : {}), ...(path !== '' ? { path } : {}) };
}
function checkRepo(text, repo) {
    const parts = repo.split('/');
    if (parts.length !== 2 || parts[1] === '') {
        throw bad(text, `the repository must be org/name${parts.length === 1 && parts[0] !== '' ? ` (single-segment ids are not supported: use e.g. hf://openai-community/${parts[0]})` : ''}`);
    }
    const [org, name] = parts;
    if (!ID_PART.test(org) || !ID_PART.test(name) || name.length > 96) {
        throw bad(text, "a repository id uses letters, digits, '-', '_' and '.', not first or last, and a name of at most 96 characters");
    }
    if (repo.includes('--') || repo.includes('..'))
        throw bad(text, 'a repository id cannot contain "--" or ".."');
    if (repo.endsWith('.git'))
        throw bad(text, 'a repository id cannot end with ".git"');
}
function checkPath(text, path) {
    for (const segment of path.split('/')) {
        if (segment === '')
            throw bad(text, 'empty path segment');
        if (segment === '.' || segment === '..')
            throw bad(text, `"${segment}" path segment`);
    }
}
/** The target written back canonically (for messages): hf://[datasets/|spaces/]org/name[@rev][/path]. */
function formatHfTarget(target) {
    const rev = target.revision === undefined ? '' : `@${SPECIAL_REF.test(target.revision) ? target.revision : target.revision.replaceAll('%', '%25').replaceAll('/', '%2F')}`;
    return `${PROTOCOL}${URL_PREFIX[target.type]}${target.repo}${rev}${target.path !== undefined ? `/${target.path}` : ''}`;
}
// --- environment -------------------------------------------------------------------------
/** huggingface_hub's constants._is_true. */
const isTrue = (value) => value !== undefined && ['1', 'ON', 'YES', 'TRUE'].includes(value.toUpperCase());
/**
 * HF_ENDPOINT (default https://huggingface.co, trailing slashes removed); HF_TOKEN, then
 * HUGGING_FACE_HUB_TOKEN, cleaned as huggingface_hub does (newlines and surrounding spaces
 * dropped, empty = none) and registered as a secret; HF_HUB_OFFLINE, else TRANSFORMERS_OFFLINE.
 * The token file of `hf auth login` is not read: only the environment.
 */
function hfEnv(env) {
    const endpoint = (env.HF_ENDPOINT !== undefined && env.HF_ENDPOINT !== '' ? env.HF_ENDPOINT : DEFAULT_ENDPOINT).replace(/\/+$/, '');
    const rawToken = env.HF_TOKEN !== undefined && env.HF_TOKEN !== '' ? env.HF_TOKEN : env.HUGGING_FACE_HUB_TOKEN;
    const token = rawToken?.replace(/[\r\n]/g, '').trim();
    if (token !== undefined && token !== '')
        addSecret(token);
    const offline = isTrue(env.HF_HUB_OFFLINE !== undefined && env.HF_HUB_OFFLINE !== '' ? env.HF_HUB_OFFLINE : env.TRANSFORMERS_OFFLINE);
    return { endpoint, ...(token !== undefined && token !== '' ? { token } : {}), offline };
}
// --- listing -----------------------------------------------------------------------------
/** Python's urllib.parse.quote: every byte but letters, digits, `_.-~` and `safe` percent-encoded. */
function quote(text, safe = '/') {
    let out = '';
    for (const byte of Buffer.from(text, 'utf8')) {
        const c = String.fromCharCode(byte);
        out += /[A-Za-z0-9_.~-]/.test(c) || (byte < 0x80 && safe.includes(c)) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
/** Resolves the target's revision to a commit and lists the files to scan at that commit. */
async function listHfFiles(client, target, env) {
    if (env.offline)
        throw new RemoteError(`HF_HUB_OFFLINE is set: refusing network access for ${redact(formatHfTarget(target))}`);
    let origin;
    try {
        const url = new URL(env.endpoint);
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            throw new Error();
        origin = url.origin;
    }
    catch {
        throw new RemoteError(`HF_ENDPOINT ${JSON.stringify(redact(env.endpoint))} is not an http(s) URL`);
    }
    const ctx = {
        client,
        target,
        env,
        label: `${PROTOCOL}${URL_PREFIX[target.type]}${target.repo}`,
        revision: target.revision ?? DEFAULT_REVISION,
        origin,
        api: `${env.endpoint}/api/${target.type}s/${target.repo}`,
        credentials: env.token !== undefined ? { authorization: `Bearer ${env.token}` } : {},
        traffic: { requests: 0, bytes: 0 }
    };
    const commit = await resolveCommit(ctx);
    const files = target.path === undefined ? await listTree(ctx, commit, undefined) : await listPath(ctx, commit, target.path);
    return { commit, files, traffic: ctx.traffic };
}
/** GET …/revision/{revision}: the commit sha (only `sha` expanded: siblings can be huge). */
async function resolveCommit(ctx) {
    const { json } = await hubJson(ctx, `${ctx.api}/revision/${quote(ctx.revision, '')}?expand=sha`, {});
    const sha = json?.sha;
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha))
        throw new RemoteError(`${ctx.label}: the hub's answer for revision ${JSON.stringify(ctx.revision)} has no commit sha`);
    return sha;
}
/**
 * A path target: paths-info says whether it is a file (scanned alone) or a folder (listed);
 * the tree API only lists folders, and an unknown path comes back as an empty answer.
 */
async function listPath(ctx, commit, path) {
    const body = new URLSearchParams({ paths: path, expand: 'false' }).toString();
    const { json } = await hubJson(ctx, `${ctx.api}/paths-info/${commit}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' }
    });
    if (!Array.isArray(json))
        throw malformed(ctx, 'the paths-info answer is not a list');
    const entry = json.find((e) => e?.path === path);
    if (entry === undefined)
        throw new RemoteError(`${ctx.label}: path "${redact(path)}" not found in ${ctx.target.repo}@${redact(ctx.revision)}`);
    const file = toRemoteFile(ctx, commit, entry);
    return file !== undefined ? [file] : listTree(ctx, commit, path);
}
/** GET …/tree/{commit}[/{folder}]?recursive=true&expand=false, following `Link: rel="next"` pages. */
async function listTree(ctx, commit, folder) {
    const files = [];
    const seen = new Set();
    let entries = 0;
    let url = `${ctx.api}/tree/${commit}${folder !== undefined ? `/${quote(folder, '')}` : ''}?recursive=true&expand=false`;
    for (let page = 0; url !== undefined; page++) {
        if (page >= HF_LIMITS.maxPages)
            throw malformed(ctx, `more than ${HF_LIMITS.maxPages} pages`);
        // A next page on another origin is read without our token (as a redirect there would be).
        const credentials = new URL(url).origin === ctx.origin ? ctx.credentials : {};
        const { json, response } = await hubJson(ctx, url, { credentials, limit: HF_LIMITS.pageBytes });
        if (!Array.isArray(json))
            throw malformed(ctx, 'a tree page is not a list');
        entries += json.length;
        if (entries > HF_LIMITS.maxEntries)
            throw malformed(ctx, `more than ${HF_LIMITS.maxEntries} entries`);
        for (const entry of json) {
            const file = toRemoteFile(ctx, commit, entry);
            if (file === undefined)
                continue;
            const inRepo = file.path.slice(ctx.label.length + 1);
            if (folder !== undefined && !inRepo.startsWith(`${folder}/`))
                throw malformed(ctx, `"${redact(inRepo)}" is outside the folder listed`);
            if (seen.has(inRepo))
                throw malformed(ctx, `"${redact(inRepo)}" is listed twice`);
            seen.add(inRepo);
            files.push(file);
        }
        try {
            url = nextLink(response.headers.get('link'), response.url);
        }
        catch (err) {
            throw malformed(ctx, `bad Link header (${err.message})`);
        }
    }
    return files;
}
/** A listing entry checked as hostile input: a RemoteFile for a file, undefined for a folder. */
function toRemoteFile(ctx, commit, entry) {
    const e = entry;
    if (typeof e !== 'object' || e === null || typeof e.path !== 'string')
        throw malformed(ctx, 'an entry without a path');
    checkListedPath(ctx, e.path);
    if (e.type === 'directory')
        return undefined;
    if (e.type !== 'file')
        throw malformed(ctx, `"${redact(e.path)}" has type ${JSON.stringify(e.type)}`);
    const size = typeof e.lfs === 'object' && e.lfs !== null ? e.lfs.size : e.size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
        throw malformed(ctx, `"${redact(e.path)}" has no valid size`);
    const { endpoint } = ctx.env;
    return {
        path: `${ctx.label}/${e.path}`,
        url: `${endpoint}/${URL_PREFIX[ctx.target.type]}${ctx.target.repo}/resolve/${commit}/${quote(e.path)}`,
        credentials: { ...ctx.credentials },
        size,
        revision: commit
    };
}
function checkListedPath(ctx, path) {
    const why = path === '' ? 'an empty path'
        : path.startsWith('/') ? 'an absolute path'
            : CONTROL.test(path) ? 'a path with control characters'
                : path.split('/').some((s) => s === '' || s === '.' || s === '..') ? 'a path with an empty, "." or ".." segment'
                    : undefined;
    if (why !== undefined)
        throw malformed(ctx, `${why}: ${JSON.stringify(redact(path))}`);
}
const malformed = (ctx, why) => new RemoteError(`${ctx.label}: the hub's listing is malformed: ${why}`);
/** A hub API call; every failure becomes a one-line RemoteError naming what is missing. */
async function hubJson(ctx, url, request) {
    try {
        return await requestJson(ctx.client, url, { credentials: ctx.credentials, limit: HF_LIMITS.infoBytes, ...request, traffic: ctx.traffic });
    }
    catch (err) {
        if (err instanceof HttpError)
            throw hubError(ctx, err);
        throw err;
    }
}
function hubError(ctx, err) {
    const code = err.headers?.get('x-error-code');
    const token = ctx.env.token !== undefined;
    const where = `${ctx.target.repo}@${ctx.revision}`;
    let message;
    if (err.status === 401 || err.status === 403) {
        // The hub answers 401 for a missing repo too when no token is sent (X-Error-Code RepoNotFound).
        const missing = code === 'RepoNotFound' ? ', or does not exist' : '';
        message =
            err.headers?.get('x-error-message') === 'Invalid credentials in Authorization header' ? `HF_TOKEN was rejected (HTTP ${err.status}: invalid credentials)`
                : `the repository is gated or private${missing} (HTTP ${err.status}); ${token ? 'the token has no access' : 'set HF_TOKEN to a token with access'}`;
    }
    else if (err.status === 404 && code === 'RevisionNotFound') {
        message = `revision "${ctx.revision}" not found`;
    }
    else if (err.status === 404 && code === 'EntryNotFound') {
        message = `path "${ctx.target.path ?? ''}" not found in ${where}`;
    }
    else if (err.status === 404 && code === 'RepoNotFound') {
        message = `repository not found (or private: ${token ? 'the token has no access' : 'set HF_TOKEN to a token with access'})`;
    }
    else {
        message = err.message;
    }
    return new RemoteError(redact(`${ctx.label}: ${message}`));
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/remote/lfs-endpoint.ts
// The Git LFS endpoint of a local repository, derived as git-lfs derives it (lfsapi/
// endpoint_finder.go, lfshttp/endpoint.go, config.Remote()): `lfs.url`, then
// `remote.<remote>.lfsurl`, then the remote's URL + `.git/info/lfs`. Git configuration wins
// over `.lfsconfig` (only `lfs.url` and `remote.*.lfsurl` are read from that file, which comes
// with the repository and is therefore untrusted). ssh and scp-like URLs map to https on the
// same host, as git-lfs does when it falls back from `git-lfs-authenticate`.





const GIT_TIMEOUT_MS = 10_000;
const GIT_MAX_OUTPUT = 1024 * 1024;
const DEFAULT_REMOTE = 'origin';
/** Runs git without a shell, bounded in time and output. Only a missing git binary throws. */
function git(dir, args) {
    return new Promise((resolve, reject) => {
        (0,external_node_child_process_namespaceObject.execFile)('git', ['-C', dir, ...args], { timeout: GIT_TIMEOUT_MS, maxBuffer: GIT_MAX_OUTPUT, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout, stderr) => {
            if (err?.code === 'ENOENT')
                reject(new RemoteError('cannot derive the LFS endpoint: git is not installed (give --lfs-url)'));
            else
                resolve({ ok: err === null, stdout, reason: err?.killed === true ? 'git timed out' : (stderr.trim().split('\n')[0] ?? '') || 'git failed' });
        });
    });
}
/** `git config -z --list` output as key → values (git lowercases section and key names, not subsections). */
function parseConfigList(text) {
    const values = new Map();
    for (const entry of text.split('\0')) {
        if (entry === '')
            continue;
        const nl = entry.indexOf('\n');
        const key = nl < 0 ? entry : entry.slice(0, nl);
        const value = nl < 0 ? '' : entry.slice(nl + 1);
        values.set(key, [...(values.get(key) ?? []), value]);
    }
    return values;
}
/** Configuration lookup: git config first, then `.lfsconfig`; the last value of a key wins, as in git. */
class LfsConfig {
    gitConfig;
    lfsConfig;
    constructor(gitConfig, lfsConfig) {
        this.gitConfig = gitConfig;
        this.lfsConfig = lfsConfig;
    }
    get(key) {
        const fromGit = this.gitConfig.get(key)?.at(-1);
        if (fromGit !== undefined)
            return { value: fromGit, from: `git config ${key}` };
        const fromFile = this.lfsConfig.get(key)?.at(-1);
        return fromFile === undefined ? undefined : { value: fromFile, from: `.lfsconfig ${key}` };
    }
    /** Remote names that have a URL in git config. */
    remotes() {
        const names = [];
        for (const key of this.gitConfig.keys()) {
            const m = /^remote\.(.+)\.url$/.exec(key);
            if (m !== null)
                names.push(m[1]);
        }
        return names;
    }
    /** `url.<base>.insteadOf` rewrites: the longest matching prefix wins. */
    rewrite(url) {
        let best;
        for (const [key, prefixes] of this.gitConfig) {
            const m = /^url\.(.+)\.insteadof$/.exec(key);
            if (m === null)
                continue;
            for (const prefix of prefixes) {
                if (prefix !== '' && url.startsWith(prefix) && (best === undefined || prefix.length > best[0].length))
                    best = [prefix, m[1]];
            }
        }
        return best === undefined ? url : best[1] + url.slice(best[0].length);
    }
}
/** Only the keys git-lfs accepts from `.lfsconfig` that matter here. */
const lfsConfigKey = (key) => key === 'lfs.url' || /^remote\..+\.lfsurl$/.test(key);
async function readLfsConfig(root) {
    // As git-lfs: the working tree's file, else the index's, else HEAD's.
    const file = (0,external_node_path_namespaceObject.join)(root, '.lfsconfig');
    const sources = (0,external_node_fs_namespaceObject.existsSync)(file) ? [['--file', file]] : [['--blob', ':.lfsconfig'], ['--blob', 'HEAD:.lfsconfig']];
    for (const source of sources) {
        const result = await git(root, ['config', '-z', ...source, '--list']);
        if (result.ok)
            return new Map([...parseConfigList(result.stdout)].filter(([key]) => lfsConfigKey(key)));
    }
    return new Map();
}
async function loadConfig(dir) {
    const top = await git(dir, ['rev-parse', '--show-toplevel']);
    if (!top.ok) {
        throw new RemoteError(`cannot derive the LFS endpoint: ${dir} is not in a git work tree (${top.reason}); give --lfs-url`);
    }
    const root = top.stdout.replace(/\n$/, '');
    const [list, branch, lfsConfig] = await Promise.all([git(root, ['config', '-z', '--list']), git(root, ['symbolic-ref', '-q', '--short', 'HEAD']), readLfsConfig(root)]);
    if (!list.ok)
        throw new RemoteError(`cannot derive the LFS endpoint: git config failed in ${root}: ${list.reason}`);
    return { config: new LfsConfig(parseConfigList(list.stdout), lfsConfig), branch: branch.ok ? branch.stdout.trim() : undefined };
}
/** The remote git-lfs uses: the branch's tracking remote, remote.lfsdefault, the only remote, else origin. */
function currentRemote(config, branch) {
    const tracking = branch === undefined || branch === '' ? undefined : config.get(`branch.${branch}.remote`);
    if (tracking !== undefined)
        return tracking.value;
    const lfsDefault = config.get('remote.lfsdefault');
    if (lfsDefault !== undefined)
        return lfsDefault.value;
    const remotes = config.remotes();
    return remotes.length === 1 ? remotes[0] : DEFAULT_REMOTE;
}
/**
 * A configured URL as git-lfs reads it (NewEndpoint): http(s) as is; ssh://, git+ssh://,
 * ssh+git:// and scp-like `[user@]host:path` as https://host/path (the ssh port dropped);
 * git:// as https://. Anything else (file://, local paths, remote helpers) is refused.
 */
function lfsHttpUrl(raw) {
    const url = raw.trim();
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1].toLowerCase();
    if (scheme === 'http' || scheme === 'https')
        return url;
    if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git' || scheme === 'git') {
        let u;
        try {
            u = new URL(`https://${url.slice(scheme.length + 3)}`);
        }
        catch {
            return undefined;
        }
        if (scheme !== 'git')
            u.port = '';
        u.username = '';
        u.password = '';
        return u.href;
    }
    if (scheme !== undefined || url.startsWith('/') || url.startsWith('.'))
        return undefined;
    // scp-like: [user@]host:path or [user@host:port]:path (git-lfs EndpointFromBareSshUrl).
    const m = /^\[?(?:[^@/[\]]*@)?([^:/[\]]+)(?::\d+)?\]?:(.*)$/.exec(url);
    if (m === null || m[2] === '')
        return undefined;
    try {
        return new URL(`https://${m[1]}/${m[2].replace(/^\/+/, '')}`).href;
    }
    catch {
        return undefined;
    }
}
/** git-lfs NewEndpointFromCloneURL: no trailing slash, then `/info/lfs` after a `.git` suffix. */
function cloneUrlEndpoint(url) {
    const trimmed = url.endsWith('/') ? url.slice(0, -1) : url;
    return trimmed.endsWith('.git') ? `${trimmed}/info/lfs` : `${trimmed}.git/info/lfs`;
}
/** A configured value for a message: without user info or query when it parses as a URL. */
function shown(raw) {
    const display = displayUrl(raw);
    return display !== '(invalid URL)' ? display : redact(raw.replace(/[^\x20-\x7e]/g, '?').slice(0, 200));
}
/** The endpoint as an http(s) URL, or a RemoteError naming where the bad value came from. */
function checked(raw, from, derive = (u) => u) {
    const http = lfsHttpUrl(raw);
    let url;
    try {
        url = http === undefined ? undefined : new URL(derive(http));
    }
    catch {
        url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        throw new RemoteError(`the LFS endpoint from ${from} is not an http(s), ssh or scp-like URL: ${JSON.stringify(shown(raw))}`);
    }
    if (url.password !== '')
        addSecret(decodeURIComponent(url.password));
    return { url: url.href, from };
}
/** The configured endpoint setting git-lfs would use, in its order; `clone` for a remote's URL. */
function endpointSetting(config, remotes) {
    const lfsUrl = config.get('lfs.url');
    if (lfsUrl !== undefined)
        return { ...lfsUrl, clone: false };
    for (const name of remotes) {
        const lfsurl = config.get(`remote.${name}.lfsurl`);
        if (lfsurl !== undefined)
            return { ...lfsurl, clone: false };
        const url = config.get(`remote.${name}.url`);
        if (url !== undefined)
            return { ...url, clone: true };
    }
    return undefined;
}
/** The origin of the endpoint the remote's own URL gives, if any. */
function remoteOrigin(config, remotes) {
    const url = remotes.map((name) => config.get(`remote.${name}.url`)).find((u) => u !== undefined);
    if (url === undefined)
        return undefined;
    try {
        return new URL(checked(config.rewrite(url.value), url.from, cloneUrlEndpoint).url).origin;
    }
    catch {
        return undefined;
    }
}
/**
 * The LFS endpoint for the repository containing `dir`, as git-lfs derives it: `override`
 * (--lfs-url) first; then `lfs.url` (git config, then `.lfsconfig`); `remote.<remote>.lfsurl`;
 * else the remote's URL + `.git/info/lfs`. Throws RemoteError when there is none.
 * An endpoint named by `.lfsconfig` on another origin than the remote's is marked `untrusted`.
 */
async function findLfsEndpoint(dir, override) {
    if (override !== undefined && override !== '')
        return checked(override, '--lfs-url');
    const cwd = (0,external_node_fs_namespaceObject.existsSync)(dir) && !(0,external_node_fs_namespaceObject.statSync)(dir).isDirectory() ? (0,external_node_path_namespaceObject.dirname)(dir) : dir;
    const { config, branch } = await loadConfig(cwd);
    const remote = currentRemote(config, branch);
    // As git-lfs: a remote other than origin without any URL falls back to origin.
    const remotes = remote === DEFAULT_REMOTE ? [remote] : [remote, DEFAULT_REMOTE];
    const setting = endpointSetting(config, remotes);
    if (setting === undefined)
        throw new RemoteError(`cannot derive the LFS endpoint: the repository at ${cwd} has no remote "${remote}" and no lfs.url; give --lfs-url`);
    const endpoint = checked(config.rewrite(setting.value), setting.from, setting.clone ? cloneUrlEndpoint : undefined);
    // .lfsconfig comes with the repository's content: it must not steer our token to another host.
    if (setting.from.startsWith('.lfsconfig') && new URL(endpoint.url).origin !== remoteOrigin(config, remotes))
        endpoint.untrusted = true;
    return endpoint;
}
/** The endpoint of a GitHub repository: {serverUrl}/{owner}/{repo}.git/info/lfs */
function githubLfsEndpoint(serverUrl, owner, repo) {
    const base = serverUrl.replace(/\/+$/, '');
    return { url: `${base}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}.git/info/lfs`, from: `the GitHub repository ${owner}/${repo}` };
}

;// CONCATENATED MODULE: ./src/remote/lfs.ts
// Git LFS objects through the batch API (git-lfs docs/api/batch.md): one POST per 100 objects
// answers, per object, where to download it (href + header map) or why not. The answer comes
// from the network and is validated strictly: anything we cannot vouch for is a per-object
// failure (a finding) or, when the whole answer is unusable, a RemoteError.



const MEDIA_TYPE = 'application/vnd.git-lfs+json';
const BATCH_SIZE = 100;
/** 100 objects with long signed hrefs and header maps stay far below this. */
const ANSWER_LIMIT = 4 * 1024 * 1024;
const OID = /^[0-9a-f]{64}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Headers a download action may not set: they would break the request or our range reads. */
const SECRET_HEADER = /auth|token|secret|signature|key|cookie|credential|session/i;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect', 'range', 'if-range', 'accept-encoding']);
const lfs_short = (oid) => (OID.test(oid) ? oid.slice(0, 12) : JSON.stringify(oid.slice(0, 70)));
/** Text from the server for a message: printable, bounded, redacted. */
const serverText = (text) => (typeof text === 'string' ? redact(text.replace(/[^\x20-\x7e]/g, ' ').trim().slice(0, 200)) : '');
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLoopback = (host) => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
/** The batch URL and our credentials: the token, else user info in the endpoint URL. */
function target(endpoint, token) {
    let url;
    try {
        url = new URL(endpoint.url);
    }
    catch {
        throw new RemoteError(`the LFS endpoint from ${endpoint.from} is not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new RemoteError(`the LFS endpoint from ${endpoint.from} is not an http(s) URL: ${displayUrl(endpoint.url)}`);
    let auth;
    if (token !== undefined && token !== '' && endpoint.untrusted !== true)
        auth = basicAuth('x-access-token', token);
    else if (url.username !== '' || url.password !== '')
        auth = basicAuth(decodeURIComponent(url.username), decodeURIComponent(url.password));
    url.username = '';
    url.password = '';
    if (auth !== undefined && url.protocol === 'http:' && !isLoopback(url.hostname)) {
        throw new RemoteError(`refusing to send LFS credentials in clear text to ${displayUrl(url.href)} (from ${endpoint.from}): use an https endpoint`);
    }
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/objects/batch`;
    return { batchUrl: url.href, origin: url.origin, auth };
}
/** A download action's header map: string values, valid names, nothing reserved; else a reason. */
function headerMap(header) {
    if (header === undefined || header === null)
        return {};
    if (!isRecord(header))
        return 'a header map that is not an object';
    const out = {};
    for (const [name, value] of Object.entries(header)) {
        if (typeof value !== 'string')
            return `a header ${JSON.stringify(serverText(name))} whose value is not a string`;
        if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value))
            return `an invalid header ${JSON.stringify(serverText(name))}`;
        if (RESERVED_HEADERS.has(name.toLowerCase()))
            return `a reserved header ${JSON.stringify(name)}`;
        // Credentials for the download host: never to be printed.
        if (SECRET_HEADER.test(name))
            addSecret(value);
        out[name] = value;
    }
    return out;
}
/** One entry of the answer's `objects`, judged on its own. */
function parseEntry(entry) {
    const size = entry.size;
    const validSize = typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : undefined;
    if (entry.error !== undefined && entry.error !== null) {
        const error = entry.error;
        if (!isRecord(error) || typeof error.code !== 'number')
            return { kind: 'invalid', message: 'an error without a numeric code' };
        return { kind: 'error', size: validSize, code: error.code, message: serverText(error.message) };
    }
    if (validSize === undefined)
        return { kind: 'invalid', message: 'an invalid size' };
    const download = isRecord(entry.actions) ? entry.actions.download : undefined;
    if (!isRecord(download))
        return { kind: 'invalid', message: 'neither a download action nor an error' };
    let href;
    try {
        if (typeof download.href !== 'string')
            throw new TypeError();
        href = new URL(download.href);
    }
    catch {
        return { kind: 'invalid', message: 'a download action without a valid href' };
    }
    if (href.protocol !== 'http:' && href.protocol !== 'https:')
        return { kind: 'invalid', message: `a download href with scheme ${JSON.stringify(serverText(href.protocol))}` };
    const header = headerMap(download.header);
    if (typeof header === 'string')
        return { kind: 'invalid', message: `a download action with ${header}` };
    return { kind: 'download', size: validSize, href: href.href, header };
}
/** The batch answer: one Answer per oid asked (an oid answered twice is invalid; unasked ones are ignored). */
function parseAnswer(json, asked, where) {
    if (!isRecord(json) || !Array.isArray(json.objects))
        throw new RemoteError(`${where}: the answer is not a batch response (no "objects" array)`);
    if (json.transfer !== undefined && json.transfer !== null && json.transfer !== 'basic') {
        throw new RemoteError(`${where}: the server chose the transfer adapter ${JSON.stringify(serverText(json.transfer))}; only "basic" is supported`);
    }
    if (json.hash_algo !== undefined && json.hash_algo !== null && json.hash_algo !== 'sha256') {
        throw new RemoteError(`${where}: the server names objects by ${JSON.stringify(serverText(json.hash_algo))}; only sha256 is supported`);
    }
    const answers = new Map();
    for (const entry of json.objects) {
        if (!isRecord(entry) || typeof entry.oid !== 'string' || !asked.has(entry.oid))
            continue;
        answers.set(entry.oid, answers.has(entry.oid) ? { kind: 'invalid', message: 'more than one answer' } : parseEntry(entry));
    }
    return answers;
}
/** One POST for up to BATCH_SIZE distinct objects. */
async function batch(client, to, endpoint, objects, traffic) {
    const where = `LFS batch request to ${displayUrl(to.batchUrl)} (endpoint from ${endpoint.from})`;
    const body = JSON.stringify({ operation: 'download', transfers: ['basic'], objects: objects.map(({ oid, size }) => ({ oid, size })), hash_algo: 'sha256' });
    let json;
    try {
        ;
        ({ json } = await requestJson(client, to.batchUrl, {
            method: 'POST',
            headers: { accept: MEDIA_TYPE, 'content-type': MEDIA_TYPE },
            credentials: to.auth === undefined ? {} : { authorization: to.auth },
            body,
            traffic,
            limit: ANSWER_LIMIT
        }));
    }
    catch (err) {
        if (!(err instanceof HttpError))
            throw err;
        if ((err.status === 401 || err.status === 403) && endpoint.untrusted === true) {
            throw new RemoteError(`${where}: HTTP ${err.status}: the token is not sent to an endpoint named by the repository's .lfsconfig on another host than its remote; give it with --lfs-url to trust it`);
        }
        if (err.status === 401 || err.status === 403) {
            throw new RemoteError(`${where}: HTTP ${err.status}: the LFS server needs a token with read access to the repository: set MODELGATE_LFS_TOKEN (CLI) or the action's token input`);
        }
        if (err.status === 404) {
            const hint = to.auth === undefined ? ' (or the repository is private: set MODELGATE_LFS_TOKEN (CLI) or the action\'s token input)' : '';
            throw new RemoteError(`no LFS endpoint at ${displayUrl(endpoint.url)} (from ${endpoint.from}): HTTP 404${hint}`);
        }
        throw new RemoteError(`${where} failed: ${redact(err.message)}`);
    }
    return parseAnswer(json, new Set(objects.map((o) => o.oid)), where);
}
const hasAuthorization = (header) => Object.keys(header).some((name) => name.toLowerCase() === 'authorization');
/** The result for one request, from the server's answer for its oid. */
function judge(request, answer, to) {
    const { oid, size } = request;
    const id = `LFS object ${lfs_short(oid)}`;
    if (answer === undefined)
        return { oid, size, kind: 'failed', message: `the LFS server did not answer for ${id}` };
    if (answer.kind === 'invalid')
        return { oid, size, kind: 'failed', message: `the LFS server answered ${id} with ${answer.message}` };
    if (answer.kind === 'error') {
        const text = answer.message === '' ? '' : `: ${answer.message}`;
        if (answer.code === 404)
            return { oid, size, kind: 'missing', message: `the LFS server has no ${id} (error 404${text})` };
        return { oid, size, kind: 'failed', message: `the LFS server cannot serve ${id} (error ${answer.code}${text})` };
    }
    if (answer.size !== size)
        return { oid, size, kind: 'missing', message: `the LFS server has ${id} with ${answer.size} bytes, the pointer says ${size}` };
    const credentials = { ...answer.header };
    if (to.auth !== undefined && !hasAuthorization(credentials) && new URL(answer.href).origin === to.origin)
        credentials.authorization = to.auth;
    return { oid, size, kind: 'download', href: answer.href, credentials };
}
/**
 * POST {endpoint}/objects/batch for `objects` (100 distinct oids per call) and return one
 * LfsObject per request, in order. Our credentials (the token as Basic `x-access-token`,
 * else user info in the endpoint URL) go to the endpoint's origin only. Throws RemoteError
 * when a whole batch fails (authentication, no endpoint, HTTP or network error, malformed answer).
 */
async function resolveLfsObjects(client, endpoint, token, objects, traffic) {
    const to = target(endpoint, token);
    // Several pointers to one object: ask once (with the first size seen), judge each pointer.
    const distinct = new Map();
    for (const o of objects)
        if (OID.test(o.oid) && Number.isSafeInteger(o.size) && o.size >= 0 && !distinct.has(o.oid))
            distinct.set(o.oid, o);
    const unique = [...distinct.values()];
    const answers = new Map();
    for (let i = 0; i < unique.length; i += BATCH_SIZE) {
        for (const [oid, answer] of await batch(client, to, endpoint, unique.slice(i, i + BATCH_SIZE), traffic))
            answers.set(oid, answer);
    }
    return objects.map((o) => distinct.has(o.oid) && Number.isSafeInteger(o.size) && o.size >= 0
        ? judge(o, answers.get(o.oid), to)
        : { oid: o.oid, size: o.size, kind: 'failed', message: `LFS object ${lfs_short(o.oid)}: not a sha256 oid with a valid size` });
}

;// CONCATENATED MODULE: ./src/scan/source.ts
// Random-access byte sources. Everything above this module sees only `Source`
// (never a path or a descriptor), so the same scanners can later run over HTTP Range reads.


/** Raised when the path is no longer a regular file at open time (swapped after listing). */
class NotRegularFileError extends Error {
}
/** Raised when the file opened is not the one a link was resolved to (swapped in between). */
class ChangedFileError extends Error {
}
// O_NOFOLLOW: a path swapped for a symlink after listing is refused, not followed.
// O_NONBLOCK: a path swapped for a FIFO does not hang the open; fstat then rejects it.
const OPEN_FLAGS = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NOFOLLOW ?? 0) | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0);
/** Opens a regular file for positioned reads; with `expected`, only that very file (a link's resolved target). */
async function openFileSource(path, expected) {
    const handle = await (0,promises_namespaceObject.open)(path, OPEN_FLAGS);
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            throw new NotRegularFileError(`not a regular file: ${path}`);
        if (expected !== undefined && (stats.dev !== expected.dev || stats.ino !== expected.ino))
            throw new ChangedFileError(`changed since it was resolved: ${path}`);
        return new FileSource(handle, stats.size);
    }
    catch (err) {
        await handle.close();
        throw err;
    }
}
/**
 * The first bytes of a file are read once and kept: sniffing, format headers and, for small
 * files, everything else (zip end records and members, a whole small pickle) then cost no
 * further read.
 */
const HEAD_CACHE = 64 * 1024;
class FileSource {
    handle;
    size;
    head = null;
    constructor(handle, size) {
        this.handle = handle;
        this.size = size;
    }
    read(offset, length) {
        const n = Math.max(0, Math.min(length, this.size - offset));
        if (n === 0)
            return Promise.resolve(new Uint8Array(0));
        if (offset + n > Math.min(this.size, HEAD_CACHE))
            return this.readRange(offset, n);
        this.head ??= this.readRange(0, Math.min(this.size, HEAD_CACHE));
        // A file that shrank after fstat gives a shorter head: read what lies past it directly.
        return this.head.then((head) => (offset + n <= head.length ? head.subarray(offset, offset + n) : this.readRange(offset, n)));
    }
    async readRange(offset, n) {
        // Not zero-filled: every byte handed out was read (a short read returns the filled prefix only).
        const buf = Buffer.allocUnsafe(n);
        let done = 0;
        while (done < n) {
            const { bytesRead } = await this.handle.read(buf, done, n - done, offset + done);
            if (bytesRead === 0)
                break; // file shrank while we read it
            done += bytesRead;
        }
        return done === n ? buf : buf.subarray(0, done);
    }
    close() {
        return this.handle.close();
    }
}
/** An in-memory source (inflated archive members, tests). */
function bufferSource(bytes) {
    return {
        size: bytes.length,
        read: async (offset, length) => bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length))
    };
}
/** A window [start, start + size) of another source, addressed from 0. */
function sliceSource(source, start, size) {
    const length = Math.max(0, Math.min(size, source.size - start));
    const prefetch = source.prefetch?.bind(source);
    return {
        size: length,
        read: (offset, n) => source.read(start + offset, Math.max(0, Math.min(n, length - offset))),
        ...(prefetch !== undefined ? { prefetch: (ranges) => prefetch(ranges.map(([o, n]) => [start + o, Math.max(0, Math.min(n, length - o))])) } : {})
    };
}
const DEFAULT_CHUNK = 1 << 20;
const ignore = () => { };
/**
 * Chunks of `source` from `start` to its end, read with positioned reads. One chunk is
 * read ahead while the consumer works on the previous one (the read runs on libuv's
 * thread pool, so I/O overlaps analysis); a `skip` drops it.
 */
function sourceChunks(source, start = 0, chunkSize = DEFAULT_CHUNK) {
    let pos = start;
    let ahead = null;
    const readAhead = () => {
        if (pos >= source.size)
            return;
        ahead = source.read(pos, chunkSize);
        ahead.catch(ignore); // awaited by the next `next()`, which sees the error; a dropped read must not be unhandled
    };
    return {
        async next() {
            if (pos >= source.size)
                return null;
            const pending = ahead;
            ahead = null;
            const chunk = await (pending ?? source.read(pos, chunkSize));
            if (chunk.length === 0)
                return null;
            pos += chunk.length;
            readAhead();
            return chunk;
        },
        async skip(n) {
            const skipped = Math.max(0, Math.min(n, source.size - pos));
            if (skipped > 0)
                ahead = null;
            pos += skipped;
            return skipped;
        }
    };
}

;// CONCATENATED MODULE: ./src/scan/formats/lfs.ts
// Git LFS pointer files: the model bytes are not in the checkout.
// Parsing follows git-lfs `DecodeFrom`/`decodeKV` (lfs/pointer.go), including its leniency:
// surrounding whitespace trimmed, CRLF and blank lines accepted, ext lines before oid/size.

/** git-lfs `blobSizeCutoff`: larger blobs are never pointers. */
const LFS_MAX_POINTER_SIZE = 1024;
const VERSIONS = ['https://git-lfs.github.com/spec/v1', 'https://hawser.github.com/spec/v1', 'http://git-media.io/v/2'];
const KEYS = ['version', 'oid', 'size'];
const MATCHER = /git-media|hawser|git-lfs/;
const EXT_KEY = /^ext-\d-\w+/;
const lfs_OID = /^[0-9a-f]{64}$/;
const INT64_MAX = 2n ** 63n - 1n;
// Go's bytes.TrimSpace: ASCII whitespace plus U+0085 and U+00A0 (as decoded text).
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/g;
/** Parses `bytes` (the whole file) as a Git LFS pointer, or returns null. */
function parseLfsPointer(bytes) {
    if (bytes.length === 0 || bytes.length > LFS_MAX_POINTER_SIZE)
        return null;
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        return null;
    }
    const data = text.replace(GO_SPACE, '');
    if (!MATCHER.test(data))
        return null;
    const values = new Map();
    const extensions = [];
    let keyIndex = 0;
    for (const rawLine of data.split('\n')) {
        const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine; // bufio.ScanLines drops one CR
        if (line.length === 0)
            continue;
        const space = line.indexOf(' ');
        if (space < 0)
            return null;
        const key = line.slice(0, space);
        const value = line.slice(space + 1);
        if (keyIndex >= KEYS.length)
            return null; // "extra line"
        if (EXT_KEY.test(key)) {
            extensions.push(`${key} ${value}`);
            continue;
        }
        if (key !== KEYS[keyIndex])
            return null;
        keyIndex++;
        values.set(key, value);
    }
    const version = values.get('version');
    if (version === undefined || !VERSIONS.includes(version))
        return null;
    const oidValue = values.get('oid');
    if (oidValue === undefined)
        return null;
    const colon = oidValue.indexOf(':');
    if (colon < 0 || oidValue.slice(0, colon) !== 'sha256' || !lfs_OID.test(oidValue.slice(colon + 1)))
        return null;
    const size = parseGoInt64(values.get('size'));
    if (size === null || size < 0n)
        return null;
    const oid = oidValue.slice(colon + 1);
    const canonicalText = `version ${VERSIONS[0]}\n${extensions.map((e) => `${e}\n`).join('')}oid sha256:${oid}\nsize ${size}\n`;
    return { version, oid, size: size.toString(), extensions, canonical: text === canonicalText };
}
/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, in int64 range. */
function parseGoInt64(s) {
    if (s === undefined || !/^[+-]?\d+$/.test(s))
        return null;
    const n = BigInt(s);
    return n > INT64_MAX || n < -INT64_MAX - 1n ? null : n;
}
function lfsPointerFinding(pointer, entry) {
    return {
        rule: RULES.lfsPointer,
        severity: 'medium',
        message: `Git LFS pointer (oid sha256:${pointer.oid}, ${pointer.size} bytes): the model itself is not in the checkout and was not scanned. ` +
            'Scan the LFS objects with `--lfs` (the action: input `lfs`, on when its token is set), or fetch them before scanning (actions/checkout with `lfs: true`, or `git lfs pull`).',
        ...(entry !== undefined ? { location: { entry } } : {}),
        oid: `sha256:${pointer.oid}`,
        size: pointer.size,
        canonical: pointer.canonical
    };
}
const scanLfsPointer = async (source, ctx) => {
    const pointer = parseLfsPointer(await source.read(0, LFS_MAX_POINTER_SIZE + 1));
    if (pointer === null)
        return { format: 'other', findings: [] };
    return { format: 'lfs-pointer', findings: [lfsPointerFinding(pointer, ctx.entry)] };
};

;// CONCATENATED MODULE: ./src/scan/safetensors/dtypes.ts
// The `Dtype` enum of safetensors/src/tensor.rs: exact, case-sensitive variant names
// ("f32" is an unknown variant) and `Dtype::bitsize()`. `since` is the first
// safetensors release whose reader knows a variant added after the first releases:
// information for messages, never a reason to reject (the reference accepts the whole list).
const DTYPES = {
    BOOL: { bits: 8 },
    F4: { bits: 4, since: '0.6.0' },
    F6_E2M3: { bits: 6, since: '0.6.0' },
    F6_E3M2: { bits: 6, since: '0.6.0' },
    U8: { bits: 8 },
    I8: { bits: 8 },
    F8_E5M2: { bits: 8, since: '0.4.1' },
    F8_E4M3: { bits: 8, since: '0.4.1' },
    F8_E8M0: { bits: 8, since: '0.6.0' },
    F8_E4M3FNUZ: { bits: 8, since: '0.8.0' },
    F8_E5M2FNUZ: { bits: 8, since: '0.8.0' },
    I16: { bits: 16 },
    U16: { bits: 16 },
    F16: { bits: 16 },
    BF16: { bits: 16 },
    I32: { bits: 32 },
    U32: { bits: 32 },
    F32: { bits: 32 },
    C64: { bits: 64, since: '0.7.0' },
    F64: { bits: 64 },
    I64: { bits: 64 },
    U64: { bits: 64 }
};
/** `Object.hasOwn`, so that `"constructor"` or `"__proto__"` are unknown variants too. */
function dtypeInfo(name) {
    return Object.hasOwn(DTYPES, name) ? DTYPES[name] : undefined;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/errors.ts
// Rule ids of the safetensors scanner, and the reference error each one stands for.
//
// | SafeTensorError variant (tensor.rs)            | rule                              | when                                   |
// |------------------------------------------------|-----------------------------------|----------------------------------------|
// | HeaderTooSmall                                 | safetensors/header-too-small      | file shorter than the 8-byte length    |
// | HeaderTooLarge                                 | safetensors/header-too-large      | N > 100,000,000                        |
// | InvalidHeaderLength                            | safetensors/invalid-header-length | 8 + N > file size                      |
// | InvalidHeader(Utf8Error)                       | safetensors/invalid-utf8          | header bytes not strict UTF-8          |
// | InvalidHeaderDeserialization, unknown variant  | safetensors/unknown-dtype         | dtype not in the Dtype enum            |
// | InvalidHeaderDeserialization, anything else    | safetensors/invalid-json          | JSON syntax or schema (serde) error    |
// | InvalidOffset(name)                            | safetensors/invalid-offset        | hole, overlap, end < begin, not from 0 |
// | ValidationOverflow                             | safetensors/overflow              | shape product or × bits overflows u64  |
// | MisalignedSlice                                | safetensors/misaligned            | sub-byte dtype, bits % 8 ≠ 0           |
// | TensorInvalidInfo                              | safetensors/size-mismatch         | end − begin ≠ elements × bits / 8      |
// | MetadataIncompleteBuffer                       | safetensors/incomplete-buffer     | last end + 8 + N ≠ file size           |
//
// The other variants (TensorNotFound, InvalidTensorView, IoError, JsonError) come
// from tensor access and serialization, never from reading a header.
//
// Findings that are not reference errors (the header is accepted):
//
// | rule                             | severity | meaning                                                  |
// |----------------------------------|----------|----------------------------------------------------------|
// | safetensors/non-canonical        | low      | accepted, but other parsers may read it differently      |
// | safetensors/suspicious-metadata  | low      | `__metadata__` value that looks like code, a URL, or huge |
// | safetensors/large-header         | info     | header over the Hugging Face JS parser's 25 MB limit     |
// | safetensors/new-dtype            | info     | dtype unknown to older safetensors releases              |

const SAFETENSORS_RULES = {
    headerTooSmall: 'safetensors/header-too-small',
    headerTooLarge: 'safetensors/header-too-large',
    invalidHeaderLength: 'safetensors/invalid-header-length',
    invalidUtf8: 'safetensors/invalid-utf8',
    unknownDtype: 'safetensors/unknown-dtype',
    invalidJson: 'safetensors/invalid-json',
    invalidOffset: 'safetensors/invalid-offset',
    overflow: 'safetensors/overflow',
    misaligned: 'safetensors/misaligned',
    sizeMismatch: 'safetensors/size-mismatch',
    incompleteBuffer: 'safetensors/incomplete-buffer',
    nonCanonical: RULES.safetensorsNonCanonical,
    suspiciousMetadata: 'safetensors/suspicious-metadata',
    largeHeader: 'safetensors/large-header',
    newDtype: 'safetensors/new-dtype'
};
/** A reference-parser rejection: becomes one high finding. */
class HeaderRejected extends Error {
    rule;
    offset;
    tensor;
    constructor(rule, message, 
    /** Byte offset in the file. */
    offset, 
    /** Tensor the error is about, when there is one. */
    tensor) {
        super(message);
        this.rule = rule;
        this.offset = offset;
        this.tensor = tensor;
        this.name = 'HeaderRejected';
    }
}

;// CONCATENATED MODULE: ./src/scan/safetensors/json-tokenizer.ts
// A pull tokenizer for the safetensors header with serde_json's acceptance (the
// reference parser is `serde_json::from_str`), over bytes already checked to be UTF-8.
// Not `JSON.parse`: that one hides duplicate keys, turns big integers into lossy
// doubles and accepts numbers serde_json calls out of range.
//
// What it reproduces, byte for byte:
// - whitespace is exactly 20 09 0A 0D (a BOM or NBSP is an error);
// - strings: raw bytes < 0x20 rejected, escapes " \ / b f n r t uXXXX only, a
//   `\uD800`-`\uDBFF` escape must be followed by a `\uDC00`-`\uDFFF` escape and a lone
//   trailing surrogate is rejected; the decoder keeps a leading U+FEFF (ignoreBOM);
// - numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as source text,
//   and "number out of range" exactly where serde_json's default (not
//   `float_roundtrip`) f64 conversion overflows;
// - nesting: serde_json starts `remaining_depth` at 128 and fails when an opening
//   bracket brings it to 0, so 127 nested arrays/objects pass and 128 fail
//   (checked against safetensors 0.8.0);
// - nothing but whitespace may follow the top-level value ("trailing characters").
//
// Keys come back one by one so callers see every duplicate.
/** Deepest nesting of `[`/`{` that serde_json accepts. */
const MAX_NESTING = 127;
class JsonError extends Error {
    offset;
    constructor(message, 
    /** Byte offset in the tokenized buffer. */
    offset) {
        super(message);
        this.offset = offset;
        this.name = 'JsonError';
    }
}
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPES = {
    0x22: '"',
    0x5c: '\\',
    0x2f: '/',
    0x62: '\b',
    0x66: '\f',
    0x6e: '\n',
    0x72: '\r',
    0x74: '\t'
};
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/**
 * ASCII runs (nearly all names, dtypes and numbers) are copied as latin1, which is
 * far cheaper per call than TextDecoder; anything else goes through the strict decoder.
 */
function decodeSlice(bytes, start, end, ascii) {
    return ascii ? bytes.toString('latin1', start, end) : decoder.decode(bytes.subarray(start, end));
}
function isWhitespace(b) {
    return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}
function isDigit(b) {
    return b >= 0x30 && b <= 0x39;
}
function describeByte(b) {
    return b >= 0x20 && b < 0x7f ? `\`${String.fromCharCode(b)}\`` : `byte 0x${b.toString(16).padStart(2, '0')}`;
}
class JsonReader {
    bytes;
    outerDepth;
    pos;
    /** One entry per open container: has it produced an element yet? */
    open = [];
    /** The same bytes as a Buffer, for its fast latin1 slicing. */
    text;
    /** `start` and `outerDepth` as for `moveTo`. */
    constructor(bytes, start = 0, outerDepth = 0) {
        this.bytes = bytes;
        this.outerDepth = outerDepth;
        this.pos = start;
        this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    /**
     * Re-reads from `offset`, a value found by an earlier pass; `outerDepth` containers
     * are open around it and count toward MAX_NESTING. Only between top-level reads.
     */
    moveTo(offset, outerDepth) {
        if (this.open.length > 0)
            throw new Error('JsonReader.moveTo inside an open container');
        this.pos = offset;
        this.outerDepth = outerDepth;
    }
    get offset() {
        return this.pos;
    }
    /** Skips JSON whitespace; returns how many bytes were skipped. */
    skipWhitespace() {
        const from = this.pos;
        while (this.pos < this.bytes.length && isWhitespace(this.bytes[this.pos]))
            this.pos++;
        return this.pos - from;
    }
    /** Kind of the value at the cursor (after whitespace); fails where no value can start. */
    peek() {
        this.skipWhitespace();
        if (this.pos >= this.bytes.length)
            throw this.error('EOF while parsing a value');
        const b = this.bytes[this.pos];
        if (b === 0x7b)
            return 'object';
        if (b === 0x5b)
            return 'array';
        if (b === QUOTE)
            return 'string';
        if (b === 0x2d || isDigit(b))
            return 'number';
        if (b === 0x74)
            return 'true';
        if (b === 0x66)
            return 'false';
        if (b === 0x6e)
            return 'null';
        throw this.error(`expected value, found ${describeByte(b)}`);
    }
    enterObject() {
        this.enter('object', 0x7b);
    }
    /** Next key of the innermost object, with its `:` consumed; null once `}` is consumed. */
    nextKey() {
        return this.scanKey(true);
    }
    /** `nextKey`, optionally without building the key's string (name is then ''). */
    scanKey(decode) {
        if (!this.nextElement(0x7d, 'EOF while parsing an object'))
            return null;
        if (this.bytes[this.pos] !== QUOTE)
            throw this.error('key must be a string');
        const offset = this.pos;
        const { value, escaped } = this.scanString(decode);
        this.skipWhitespace();
        if (this.pos >= this.bytes.length)
            throw this.error('EOF while parsing an object');
        if (this.bytes[this.pos] !== 0x3a)
            throw this.error('expected `:`');
        this.pos++;
        return { name: value, offset, escaped };
    }
    enterArray() {
        this.enter('array', 0x5b);
    }
    /** True when the innermost array has another element at the cursor; false once `]` is consumed. */
    nextItem() {
        return this.nextElement(0x5d, 'EOF while parsing a list');
    }
    readString() {
        this.expectKind('string');
        return this.scanString(true);
    }
    /** The number's source text, after checking serde_json's grammar and f64 range. */
    readNumber() {
        this.expectKind('number');
        const start = this.pos;
        this.scanNumber();
        return decodeSlice(this.text, start, this.pos, true);
    }
    readLiteral() {
        const kind = this.peek();
        if (kind === 'true')
            return this.scanIdent('true', true);
        if (kind === 'false')
            return this.scanIdent('false', false);
        if (kind === 'null')
            return this.scanIdent('null', null);
        throw this.error(`expected true, false or null, found ${kind}`);
    }
    /** Checks and steps over one value; `onDuplicate` hears about repeated keys at any depth inside it. */
    skipValue(onDuplicate, path = []) {
        const kind = this.peek();
        switch (kind) {
            case 'object': {
                this.enterObject();
                const seen = new Set();
                const decode = onDuplicate !== undefined;
                for (let key = this.scanKey(decode); key !== null; key = this.scanKey(decode)) {
                    if (onDuplicate) {
                        if (seen.has(key.name))
                            onDuplicate(key, path);
                        else
                            seen.add(key.name);
                    }
                    this.skipValue(onDuplicate, onDuplicate ? [...path, key.name] : path);
                }
                return;
            }
            case 'array':
                this.enterArray();
                for (let i = 0; this.nextItem(); i++)
                    this.skipValue(onDuplicate, onDuplicate ? [...path, String(i)] : path);
                return;
            case 'string':
                this.scanString(false);
                return;
            case 'number':
                this.scanNumber();
                return;
            default:
                this.readLiteral();
        }
    }
    /** Only whitespace may follow the top-level value. */
    finish() {
        this.skipWhitespace();
        if (this.pos < this.bytes.length)
            throw this.error('trailing characters');
    }
    error(message, offset = this.pos) {
        return new JsonError(message, offset);
    }
    expectKind(kind) {
        const found = this.peek();
        if (found !== kind)
            throw this.error(`expected ${kind}, found ${found}`);
    }
    enter(kind, open) {
        this.skipWhitespace();
        if (this.bytes[this.pos] !== open)
            throw this.error(`expected ${kind}`);
        if (this.outerDepth + this.open.length + 1 > MAX_NESTING)
            throw this.error('recursion limit exceeded');
        this.pos++;
        this.open.push(false);
    }
    /** Handles the separator before an element: true at an element, false after consuming `close`. */
    nextElement(close, eofMessage) {
        const innermost = this.open.length - 1;
        this.skipWhitespace();
        if (this.pos >= this.bytes.length)
            throw this.error(eofMessage);
        const b = this.bytes[this.pos];
        if (b === close) {
            this.pos++;
            this.open.pop();
            return false;
        }
        if (this.open[innermost]) {
            if (b !== 0x2c)
                throw this.error(`expected \`,\` or \`${String.fromCharCode(close)}\``);
            this.pos++;
            this.skipWhitespace();
            if (this.pos >= this.bytes.length)
                throw this.error(eofMessage);
            if (this.bytes[this.pos] === close)
                throw this.error('trailing comma');
        }
        this.open[innermost] = true;
        return true;
    }
    scanIdent(word, value) {
        for (let i = 0; i < word.length; i++) {
            if (this.pos >= this.bytes.length)
                throw this.error('EOF while parsing a value');
            if (this.bytes[this.pos] !== word.charCodeAt(i))
                throw this.error('expected ident');
            this.pos++;
        }
        return value;
    }
    /** At the opening quote. Decodes only when asked (`skipValue` just validates). */
    scanString(decode) {
        const bytes = this.bytes;
        this.pos++;
        let start = this.pos;
        let escaped = false;
        let ascii = true;
        let out = '';
        for (;;) {
            if (this.pos >= bytes.length)
                throw this.error('EOF while parsing a string');
            const b = bytes[this.pos];
            if (b === QUOTE) {
                if (decode)
                    out += decodeSlice(this.text, start, this.pos, ascii);
                this.pos++;
                return { value: out, escaped };
            }
            if (b === BACKSLASH) {
                if (decode)
                    out += decodeSlice(this.text, start, this.pos, ascii);
                this.pos++;
                const text = this.scanEscape();
                if (decode)
                    out += text;
                escaped = true;
                ascii = true;
                start = this.pos;
                continue;
            }
            if (b < 0x20)
                throw this.error('control character (\\u0000-\\u001F) found while parsing a string');
            if (b >= 0x80)
                ascii = false;
            this.pos++;
        }
    }
    /** After the backslash. Returns the decoded text (the caller drops it when not decoding). */
    scanEscape() {
        if (this.pos >= this.bytes.length)
            throw this.error('EOF while parsing a string');
        const c = this.bytes[this.pos++];
        if (c !== 0x75) {
            const simple = ESCAPES[c];
            if (simple === undefined)
                throw this.error('invalid escape', this.pos - 1);
            return simple;
        }
        const unit = this.scanHex4();
        if (unit >= 0xdc00 && unit <= 0xdfff)
            throw this.error('lone trailing surrogate in hex escape');
        if (unit < 0xd800 || unit > 0xdbff)
            return String.fromCharCode(unit);
        if (this.bytes[this.pos] !== BACKSLASH || this.bytes[this.pos + 1] !== 0x75) {
            throw this.error('unexpected end of hex escape (a leading surrogate must be followed by a trailing one)');
        }
        this.pos += 2;
        const trail = this.scanHex4();
        if (trail < 0xdc00 || trail > 0xdfff)
            throw this.error('lone leading surrogate in hex escape');
        return String.fromCharCode(unit, trail);
    }
    scanHex4() {
        if (this.pos + 4 > this.bytes.length)
            throw this.error('EOF while parsing a string');
        let value = 0;
        for (let i = 0; i < 4; i++) {
            const b = this.bytes[this.pos + i];
            const digit = isDigit(b) ? b - 0x30 : b >= 0x61 && b <= 0x66 ? b - 0x57 : b >= 0x41 && b <= 0x46 ? b - 0x37 : -1;
            if (digit < 0)
                throw this.error('invalid escape', this.pos + i);
            value = value * 16 + digit;
        }
        this.pos += 4;
        return value;
    }
    scanNumber() {
        const bytes = this.bytes;
        const start = this.pos;
        if (bytes[this.pos] === 0x2d)
            this.pos++;
        const intStart = this.pos;
        if (this.pos >= bytes.length)
            throw this.error('EOF while parsing a value');
        if (bytes[this.pos] === 0x30) {
            this.pos++;
            if (isDigit(bytes[this.pos]))
                throw this.error('invalid number');
        }
        else if (isDigit(bytes[this.pos])) {
            while (isDigit(bytes[this.pos]))
                this.pos++;
        }
        else {
            throw this.error('invalid number');
        }
        const number = { intStart, intEnd: this.pos, fracStart: -1, fracEnd: -1, expNegative: false, expStart: -1, expEnd: -1 };
        if (bytes[this.pos] === 0x2e) {
            this.pos++;
            number.fracStart = this.pos;
            while (isDigit(bytes[this.pos]))
                this.pos++;
            if (this.pos === number.fracStart)
                throw this.error(this.pos >= bytes.length ? 'EOF while parsing a value' : 'invalid number');
            number.fracEnd = this.pos;
        }
        if (bytes[this.pos] === 0x65 || bytes[this.pos] === 0x45) {
            this.pos++;
            if (bytes[this.pos] === 0x2b || bytes[this.pos] === 0x2d)
                number.expNegative = bytes[this.pos++] === 0x2d;
            number.expStart = this.pos;
            while (isDigit(bytes[this.pos]))
                this.pos++;
            if (this.pos === number.expStart)
                throw this.error(this.pos >= bytes.length ? 'EOF while parsing a value' : 'invalid number');
            number.expEnd = this.pos;
        }
        if (!serdeNumberInRange(bytes, number))
            throw this.error('number out of range', start);
    }
}
const U64_MAX = (1n << 64n) - 1n;
const I32_MAX = 2 ** 31 - 1;
const I32_MIN = -(2 ** 31);
/** Would `value * 10 + digit` exceed `max`? (serde_json's `overflow!` test.) */
function overflowsU64(value, digit) {
    return value >= U64_MAX / 10n && (value > U64_MAX / 10n || digit > U64_MAX % 10n);
}
function overflowsI32(value, digit) {
    const tenth = Math.floor(I32_MAX / 10);
    return value >= tenth && (value > tenth || digit > I32_MAX % 10);
}
/**
 * Does serde_json (default features) turn this number into a finite value?
 * It accumulates at most a u64 significand: further integer digits only raise the
 * decimal exponent, further fraction digits are dropped. The exponent is an i32
 * (overflowing it is "out of range" unless the significand is 0 or the exponent
 * negative). The f64 is then `significand as f64` times `1e{exp}` (table 1e0..1e308),
 * overflowing exactly when that product is infinite or the exponent passes 308 with
 * a non-zero significand; negative exponents only divide and never overflow.
 */
function serdeNumberInRange(bytes, n) {
    const intDigits = n.intEnd - n.intStart;
    if (n.fracStart < 0 && n.expStart < 0 && intDigits <= 19)
        return true; // fits u64 (or i64 when negative)
    let significand = 0n;
    let exponent = 0;
    let integerOverflowed = false;
    for (let i = n.intStart; i < n.intEnd; i++) {
        if (!integerOverflowed) {
            const digit = BigInt(bytes[i] - 0x30);
            if (overflowsU64(significand, digit))
                integerOverflowed = true;
            else
                significand = significand * 10n + digit;
        }
        if (integerOverflowed)
            exponent++;
    }
    if (n.fracStart < 0 && n.expStart < 0 && !integerOverflowed)
        return true;
    for (let i = n.fracStart; i >= 0 && i < n.fracEnd; i++) {
        const digit = BigInt(bytes[i] - 0x30);
        if (overflowsU64(significand, digit))
            break;
        significand = significand * 10n + digit;
        exponent--;
    }
    if (n.expStart >= 0) {
        let exp = bytes[n.expStart] - 0x30;
        for (let i = n.expStart + 1; i < n.expEnd; i++) {
            const digit = bytes[i] - 0x30;
            if (overflowsI32(exp, digit))
                return significand === 0n || n.expNegative;
            exp = exp * 10 + digit;
        }
        exponent = Math.min(I32_MAX, Math.max(I32_MIN, n.expNegative ? exponent - exp : exponent + exp));
    }
    if (exponent < 0)
        return true;
    if (exponent > 308)
        return significand === 0n;
    return Number.isFinite(Number(significand) * Number(`1e${exponent}`));
}
/** A JSON number's text as an unsigned 64-bit integer (Rust `usize` on 64-bit), or null. */
function parseU64(text) {
    if (!/^(0|[1-9][0-9]*)$/.test(text))
        return null;
    // Up to 15 digits the double is exact, and BigInt(number) is much cheaper than parsing text.
    const value = text.length <= 15 ? BigInt(Number(text)) : BigInt(text);
    return value <= U64_MAX ? value : null;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/oddities.ts
// Accepted-but-unusual header constructs: the reference parser takes them, but
// other readers (Python `json`, `JSON.parse`, the Hugging Face JS parser, C++
// parsers) may read a different set of tensors or reject the file. Each kind
// becomes one `safetensors/non-canonical` finding with a count and examples.
const ODDITY_KINDS = {
    'leading-whitespace': 'the header starts with JSON whitespace; the format says it begins with `{` and strict readers reject it',
    'escaped-metadata-key': '`__metadata__` is spelled with escape sequences; readers that match raw bytes treat it as a tensor',
    'null-metadata': '`__metadata__` is null; writers omit it or write an object, and readers that iterate it may fail',
    'duplicate-tensor': 'a tensor name appears more than once; safetensors keeps the last definition, other JSON parsers may keep the first',
    'duplicate-key': 'a key appears more than once in the same object; parsers disagree on which value wins',
    'array-entry': 'a tensor entry is a list [dtype, shape, data_offsets] instead of an object; only serde accepts that form',
    'map-dtype': 'a dtype is written as {"NAME": null} instead of "NAME"; only serde accepts that form',
    'unknown-field': 'a tensor entry has fields besides dtype, shape and data_offsets; safetensors ignores them, other tools may not'
};
const EXAMPLES_KEPT = 5;
class Oddities {
    groups = new Map();
    /** `describe` runs only for the first few occurrences of a kind. */
    note(kind, describe, offset) {
        const group = this.groups.get(kind);
        if (group === undefined) {
            this.groups.set(kind, { kind, count: 1, examples: [describe()], offset });
            return;
        }
        group.count++;
        if (group.examples.length < EXAMPLES_KEPT)
            group.examples.push(describe());
    }
    /** Groups in the order of ODDITY_KINDS. */
    list() {
        return Object.keys(ODDITY_KINDS).flatMap((kind) => this.groups.get(kind) ?? []);
    }
}

;// CONCATENATED MODULE: ./src/scan/safetensors/text.ts
// How header-controlled text appears in finding messages: quoted, escaped and cut,
// because tensor names and keys may be megabytes long or hold control characters
// and messages end up in annotations and terminals.
const MAX_SHOWN = 120;
/** `"name"` as a JSON string literal, cut to MAX_SHOWN characters. */
function text_quote(text) {
    return text.length <= MAX_SHOWN ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, MAX_SHOWN))}…`;
}
/** `[2, 3]`, or the first dims then `… (N dims)` for long shapes. */
function formatShape(dims, rank) {
    const shown = dims.join(', ');
    return dims.length === rank ? `[${shown}]` : `[${shown}, … (${rank} dims)]`;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/header.ts
// The header schema as serde derives it for safetensors' `HashMetadata`:
//
//   HashMetadata { #[serde(rename = "__metadata__")] metadata: Option<HashMap<String, String>>,
//                  #[serde(flatten)] tensors: HashMap<String, TensorInfo> }
//   TensorInfo   { dtype: Dtype, shape: Vec<usize>, data_offsets: (usize, usize) }
//
// Error order follows serde. Because of `flatten`, every top-level entry except
// `__metadata__` is first buffered whole (serde's `Content`) and only typed as a
// TensorInfo after the closing `}`. So: syntax errors anywhere in the object and
// `__metadata__` errors come first, in document order (pass 1); then TensorInfo
// errors, in document order (pass 2); then "trailing characters". The order matters
// for the rule id: an unknown dtype is only reported when the JSON is otherwise sound.
//
// Accepted-but-unusual constructs are collected as oddities (non-canonical findings).





const header_U64_MAX = (1n << 64n) - 1n;
/** Dims kept per shape for messages; the element count covers all of them. */
const DIMS_KEPT = 8;
/** TensorInfo's fields in declaration order (also the order of the array form). */
const FIELDS = ['dtype', 'shape', 'data_offsets'];
function isField(name) {
    return FIELDS.includes(name);
}
/**
 * Parses header bytes (valid UTF-8) as the reference does.
 * `base` is the file offset of the first header byte (8), for finding locations.
 * Throws HeaderRejected (invalid-json or unknown-dtype). `tick` is called once per key and per
 * tensor (a header can hold millions): the time budget's check, which may throw to stop the parse.
 */
function parseHeader(bytes, base, tick = () => { }) {
    return new HeaderParser(bytes, base, tick).parse();
}
class HeaderParser {
    bytes;
    base;
    tick;
    oddities = new Oddities();
    constructor(bytes, base, tick) {
        this.bytes = bytes;
        this.base = base;
        this.tick = tick;
    }
    parse() {
        const reader = new JsonReader(this.bytes);
        try {
            if (reader.skipWhitespace() > 0) {
                this.oddities.note('leading-whitespace', () => 'the header starts with whitespace, not `{`', this.base);
            }
            const kind = reader.peek();
            if (kind !== 'object')
                throw this.reject(`the header is ${article(kind)}, not a JSON object`, reader.offset);
            reader.enterObject();
            const pending = [];
            let metadata = null;
            let metadataSeen = false;
            for (let key = reader.nextKey(); key !== null; key = reader.nextKey()) {
                this.tick();
                if (key.name === '__metadata__') {
                    if (metadataSeen)
                        throw this.reject('duplicate field `__metadata__`', key.offset);
                    metadataSeen = true;
                    if (key.escaped)
                        this.oddities.note('escaped-metadata-key', () => 'the `__metadata__` key is written with escapes', this.at(key.offset));
                    metadata = this.readMetadata(reader);
                }
                else {
                    reader.skipWhitespace();
                    pending.push({ key, valueOffset: reader.offset });
                    reader.skipValue();
                }
            }
            const tensors = this.readTensors(pending);
            reader.finish();
            return { tensors, metadata, oddities: this.oddities };
        }
        catch (err) {
            if (err instanceof JsonError)
                throw this.reject(err.message, err.offset);
            throw err;
        }
    }
    readMetadata(reader) {
        const kind = reader.peek();
        if (kind === 'null') {
            reader.readLiteral();
            this.oddities.note('null-metadata', () => '`__metadata__` is null', this.at(reader.offset));
            return null;
        }
        if (kind !== 'object')
            throw this.reject(`\`__metadata__\` is ${article(kind)}; it must be an object of strings`, reader.offset);
        reader.enterObject();
        const metadata = new Map();
        for (let key = reader.nextKey(); key !== null; key = reader.nextKey()) {
            const valueKind = reader.peek();
            if (valueKind !== 'string') {
                // serde_json parses a number before calling it the wrong type, so range errors win.
                if (valueKind === 'number')
                    reader.readNumber();
                throw this.reject(`\`__metadata__\` value of ${text_quote(key.name)} is ${article(valueKind)}; it must be a string`, key.offset);
            }
            if (metadata.has(key.name))
                this.oddities.note('duplicate-key', () => `\`__metadata__\` key ${text_quote(key.name)}`, this.at(key.offset));
            metadata.set(key.name, reader.readString().value);
        }
        return metadata;
    }
    readTensors(pending) {
        const tensors = [];
        const indexByName = new Map();
        const reader = new JsonReader(this.bytes);
        for (const { key, valueOffset } of pending) {
            this.tick();
            // One container (the header object) is already open around the value.
            reader.moveTo(valueOffset, 1);
            const tensor = this.readTensorInfo(reader, key);
            const index = indexByName.get(key.name);
            if (index === undefined) {
                indexByName.set(key.name, tensors.length);
                tensors.push(tensor);
            }
            else {
                this.oddities.note('duplicate-tensor', () => label(key.name), tensor.offset);
                tensors[index] = tensor;
            }
        }
        return tensors;
    }
    readTensorInfo(reader, key) {
        const name = key.name;
        const kind = reader.peek();
        const fields = {};
        if (kind === 'object') {
            reader.enterObject();
            const seen = new Set();
            for (let field = reader.nextKey(); field !== null; field = reader.nextKey()) {
                if (isField(field.name)) {
                    if (seen.has(field.name))
                        throw this.reject(`duplicate field \`${field.name}\` in ${label(name)}`, field.offset, name);
                    this.readField(reader, field.name, name, fields);
                }
                else {
                    const where = () => `${label(name)} field ${text_quote(field.name)}`;
                    this.oddities.note('unknown-field', where, this.at(field.offset));
                    if (seen.has(field.name))
                        this.oddities.note('duplicate-key', where, this.at(field.offset));
                    reader.skipValue((dup, path) => this.oddities.note('duplicate-key', () => [where(), ...path.map(text_quote), text_quote(dup.name)].join(' › '), this.at(dup.offset)));
                }
                seen.add(field.name);
            }
            // serde reports the first missing field in declaration order.
            const missing = FIELDS.find((field) => !seen.has(field));
            if (missing !== undefined)
                throw this.reject(`missing field \`${missing}\` in ${label(name)}`, reader.offset - 1, name);
        }
        else if (kind === 'array') {
            this.oddities.note('array-entry', () => label(name), this.at(key.offset));
            reader.enterArray();
            for (const [index, field] of FIELDS.entries()) {
                if (!reader.nextItem()) {
                    throw this.reject(`${label(name)} is a list of ${index} elements; expected 3 [dtype, shape, data_offsets]`, key.offset, name);
                }
                this.readField(reader, field, name, fields);
            }
            if (reader.nextItem()) {
                throw this.reject(`${label(name)} is a list of ${countRest(reader, FIELDS.length)} elements; expected 3 [dtype, shape, data_offsets]`, key.offset, name);
            }
        }
        else {
            throw this.reject(`${label(name)} is ${article(kind)}; expected an object with dtype, shape and data_offsets`, reader.offset, name);
        }
        const { dtype, bits, shape, begin, end } = fields;
        return { name, offset: this.at(key.offset), dtype, bits, shape, begin, end };
    }
    readField(reader, field, name, fields) {
        if (field === 'dtype') {
            const { dtype, bits } = this.readDtype(reader, name);
            fields.dtype = dtype;
            fields.bits = bits;
        }
        else if (field === 'shape') {
            fields.shape = this.readShape(reader, name);
        }
        else {
            const [begin, end] = this.readOffsets(reader, name);
            fields.begin = begin;
            fields.end = end;
        }
    }
    /** A variant name, or serde's externally tagged unit form `{"F32": null}`. */
    readDtype(reader, name) {
        const kind = reader.peek();
        const at = reader.offset;
        if (kind === 'string')
            return this.lookupDtype(reader.readString().value, name, at);
        if (kind !== 'object')
            throw this.reject(`dtype of ${label(name)} is ${article(kind)}; expected a string`, at, name);
        reader.enterObject();
        const variant = reader.nextKey();
        const valueKind = variant === null ? null : reader.peek();
        if (variant !== null)
            reader.skipValue();
        // serde checks "a map with a single key" before it looks at the variant or its value.
        if (variant === null || reader.nextKey() !== null) {
            throw this.reject(`dtype of ${label(name)} is a map without exactly one key; expected a dtype name`, at, name);
        }
        const found = this.lookupDtype(variant.name, name, variant.offset);
        if (valueKind !== 'null') {
            throw this.reject(`dtype of ${label(name)} maps ${text_quote(variant.name)} to ${article(valueKind ?? 'null')}; a unit variant takes null`, at, name);
        }
        this.oddities.note('map-dtype', () => label(name), this.at(at));
        return found;
    }
    lookupDtype(dtype, name, at) {
        const info = dtypeInfo(dtype);
        if (info === undefined) {
            throw this.reject(`unknown dtype ${text_quote(dtype)} for ${label(name)}`, at, name, SAFETENSORS_RULES.unknownDtype);
        }
        return { dtype, bits: info.bits };
    }
    readShape(reader, name) {
        const kind = reader.peek();
        if (kind !== 'array')
            throw this.reject(`shape of ${label(name)} is ${article(kind)}; expected a list of integers`, reader.offset, name);
        reader.enterArray();
        const shape = { rank: 0, dims: [], elements: 1n };
        while (reader.nextItem()) {
            const dim = this.readUsize(reader, 'shape', shape.rank, name);
            if (shape.dims.length < DIMS_KEPT)
                shape.dims.push(dim);
            if (shape.elements !== null) {
                const product = shape.elements * dim;
                shape.elements = product > header_U64_MAX ? null : product;
            }
            shape.rank++;
        }
        return shape;
    }
    readOffsets(reader, name) {
        const kind = reader.peek();
        const at = reader.offset;
        if (kind !== 'array')
            throw this.reject(`data_offsets of ${label(name)} is ${article(kind)}; expected [begin, end]`, at, name);
        reader.enterArray();
        const offsets = [];
        while (offsets.length < 2) {
            if (!reader.nextItem()) {
                throw this.reject(`data_offsets of ${label(name)} has ${offsets.length} elements; expected [begin, end]`, at, name);
            }
            offsets.push(this.readUsize(reader, 'data_offsets', offsets.length, name));
        }
        if (reader.nextItem()) {
            throw this.reject(`data_offsets of ${label(name)} has ${countRest(reader, 2)} elements; expected [begin, end]`, at, name);
        }
        return [offsets[0], offsets[1]];
    }
    /** Rust `usize` on 64-bit: only `0|[1-9][0-9]*` up to 2^64 − 1 (serde_json makes anything else i64 or f64). */
    readUsize(reader, field, index, name) {
        const kind = reader.peek();
        const at = reader.offset;
        if (kind !== 'number')
            throw this.reject(`${field}[${index}] of ${label(name)} is ${article(kind)}; expected a non-negative integer`, at, name);
        const text = reader.readNumber();
        const value = parseU64(text);
        if (value === null) {
            throw this.reject(`${field}[${index}] of ${label(name)} is ${text}; expected an integer from 0 to 2^64 − 1 written without sign, fraction or exponent`, at, name);
        }
        return value;
    }
    at(headerOffset) {
        return this.base + headerOffset;
    }
    reject(message, headerOffset, tensor, rule = SAFETENSORS_RULES.invalidJson) {
        const offset = this.at(headerOffset);
        return new HeaderRejected(rule, `${message} (header byte ${headerOffset}, file offset ${offset})`, offset, tensor);
    }
}
/** Counts the elements of the innermost list, `seen` of which were read and the next is at the cursor. */
function countRest(reader, seen) {
    let count = seen;
    do {
        reader.skipValue();
        count++;
    } while (reader.nextItem());
    return count;
}
/** `tensor "name"`, built only when a message needs it (headers can hold 100,000s of tensors). */
function label(name) {
    return `tensor ${text_quote(name)}`;
}
function article(kind) {
    return kind === 'true' || kind === 'false' || kind === 'null' ? kind : kind === 'array' ? 'a list' : kind === 'object' ? 'an object' : `a ${kind}`;
}

;// CONCATENATED MODULE: ./src/scan/budget.ts
// The per-file time budget (limits.timeBudgetMs): a deadline carried in the ScanContext.
//
// Two ways to stop. Loops that hold findings (the pickle opcode loop, each archive member, each
// piece of content dispatched, the tar header walk) ask `spent()` and stop where they are,
// without a finding of their own (every level above them stops too, and one file must get one
// finding). Reads are stopped hard: a timed stream (`timedChunks`) throws `BudgetStop` on the
// first chunk or skip past the deadline, whatever loop reads it (a skip over a long BINBYTES8,
// draining a member to buffer it or find its tail, a decompressor fed input that yields
// nothing), and the throw is caught by the nearest `scanContent` or pickle analysis, which
// return what they found so far (a throw caught any higher would lose findings that describe
// code a loader has already run). `scanFile` then adds the single `scan/incomplete` naming the
// limit and the first stop point, next to everything found before. `spent()` reads the clock
// only every POLL_STRIDE calls (a counter otherwise), so the pickle loop can ask once per
// opcode at no measurable cost; a timed stream reads it once per chunk (at most 1 MiB).
//
// A decompressor must therefore read its compressed input through `timedChunks` (its output
// is timed by the `scanContent` it is handed to) and hand out output in bounded chunks, so
// neither a stream that yields nothing nor one that yields without end runs unchecked.

/** Calls to `spent()` between clock reads: a power of two. */
const POLL_STRIDE = 128;
/** Thrown by a timed stream past the deadline; the stop point is already recorded. */
class BudgetStop extends Error {
    constructor() {
        super('time budget spent');
    }
}
class TimeBudget {
    ms;
    now;
    deadline;
    calls = 0;
    over = false;
    stop;
    constructor(ms, now = () => performance.now()) {
        this.ms = ms;
        this.now = now;
        this.deadline = now() + ms;
    }
    /** A loop or a read stopped for the budget (`finding()` is then defined). */
    get stopped() {
        return this.stop !== undefined;
    }
    /** Reads the clock: true once the deadline has passed (and from then on). */
    check() {
        if (!this.over && this.now() >= this.deadline)
            this.over = true;
        return this.over;
    }
    /**
     * True when the caller must stop because the deadline has passed; records the first place a
     * loop stopped. `offset` is within `at.entry` (or the file); nested deserializer bytes have
     * no entry of their own, so their offsets are not recorded.
     */
    spent(at, offset) {
        if (!this.over && ((++this.calls & (POLL_STRIDE - 1)) !== 0 || !this.check()))
            return false;
        this.record(at, offset);
        return true;
    }
    /** Throws `BudgetStop` (recording `at`, `offset` as for `spent`) once the deadline has passed; reads the clock. */
    halt(at, offset) {
        if (!this.check())
            return;
        this.record(at, offset);
        throw new BudgetStop();
    }
    record(at, offset) {
        if (this.stop !== undefined)
            return;
        const located = at.depth === 0 || at.entry !== undefined || at.decompressed !== undefined;
        this.stop = {
            ...(at.entry !== undefined ? { entry: at.entry } : {}),
            ...(located && offset !== undefined ? { offset, ...(at.decompressed !== undefined ? { decompressed: at.decompressed } : {}) } : {})
        };
    }
    /** The `scan/incomplete` finding when some loop stopped for the budget, else undefined. */
    finding() {
        if (this.stop === undefined)
            return undefined;
        const { entry, offset, decompressed } = this.stop;
        const at = offset === undefined ? '' : decompressed !== undefined ? `at offset ${offset} of the ${decompressed}-decompressed data` : `at offset ${offset}`;
        const where = [entry !== undefined ? `in ${JSON.stringify(entry.length > 200 ? `${entry.slice(0, 200)}…` : entry)}` : '', at]
            .filter(Boolean)
            .join(' ');
        return {
            rule: RULES.incomplete,
            severity: 'high',
            message: `The scan stopped${where ? ` ${where}` : ''}: the time budget (limits.timeBudgetMs = ${this.ms}) was used up, so the rest of the file was not analysed ` +
                'and it is not known to be safe. Findings made before the stop are kept. Raise --time-budget (action input time-budget) or review the file by hand.',
            ...(entry !== undefined || offset !== undefined ? { location: { ...(entry !== undefined ? { entry } : {}), ...(offset !== undefined ? { offset } : {}) } } : {}),
            ...(decompressed !== undefined ? { decompressed } : {})
        };
    }
}
/**
 * `stream` with the clock read before each chunk and skip: past the deadline it throws
 * `BudgetStop`, recording `at` and (when `located`) the offset reached in the stream.
 */
function timedChunks(stream, budget, at, located = true) {
    let offset = 0;
    const where = () => (located ? offset : undefined);
    const skip = stream.skip;
    return {
        next: async () => {
            budget.halt(at, where());
            const chunk = await stream.next();
            if (chunk !== null)
                offset += chunk.length;
            return chunk;
        },
        ...(skip !== undefined
            ? {
                skip: async (n) => {
                    budget.halt(at, where());
                    const k = await skip.call(stream, n);
                    offset += k;
                    return k;
                }
            }
            : {})
    };
}

;// CONCATENATED MODULE: ./src/scan/safetensors/layout.ts
// The file layout of safetensors/src/tensor.rs:
//   0      u64 LE  N   header length
//   8      N bytes     UTF-8 JSON header
//   8 + N  data buffer (data_offsets are relative to it)
/** `N_LEN`: bytes of the little-endian header length. */
const LENGTH_BYTES = 8;
/** `MAX_HEADER_SIZE`; the check is `N > MAX`, so exactly 100,000,000 is allowed. */
const MAX_HEADER_SIZE = 100_000_000;
/** The Hugging Face JS parser (`parseSafetensorsMetadata`) refuses headers above this. */
const HF_JS_HEADER_LIMIT = 25_000_000;
/** The header length N from the first 8 bytes. */
function headerLength(prefix) {
    return new DataView(prefix.buffer, prefix.byteOffset, LENGTH_BYTES).getBigUint64(0, true);
}

;// CONCATENATED MODULE: ./src/scan/safetensors/metadata.ts
// `__metadata__` is free text that no loader checks and that reaches user code and
// tooling (`safe_open(...).metadata()`). Values that look like code, point somewhere
// else, or are very large deserve a human look (formats.md §1.6); they do not make
// the file unreadable, so the finding is low.
/** Characters above which a metadata value is "huge" (thumbnails and training logs stay well below). */
const HUGE_METADATA_VALUE = 1 << 20;
const CODE_PATTERNS = [
    /\b__import__\s*\(/,
    /\b(?:eval|exec|compile|getattr)\s*\(/,
    /\bimport\s+(?:os|sys|subprocess|socket|builtins|importlib|pickle|marshal|ctypes)\b/,
    /\bos\.(?:system|popen|exec\w*|spawn\w*)\b/,
    /\bsubprocess\.\w+/,
    /<script\b/i,
    /\b(?:curl|wget)\s+\S/,
    /\b(?:bash|sh)\s+-c\b/
];
const URL_PATTERN = /\b(?:https?|ftp|file|s3|gs):\/\/\S/i;
/** One note per (value, concern) in key order. */
function inspectMetadata(metadata) {
    const notes = [];
    for (const [key, value] of metadata) {
        if (CODE_PATTERNS.some((pattern) => pattern.test(value)))
            notes.push({ concern: 'code', key });
        if (URL_PATTERN.test(value))
            notes.push({ concern: 'url', key });
        if (value.length > HUGE_METADATA_VALUE)
            notes.push({ concern: 'huge', key });
    }
    return notes;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/utf8.ts
// Strict UTF-8 validation with the acceptance of Rust's `core::str::from_utf8`
// (the safetensors header check): the well-formed sequences of Unicode table 3-7,
// so overlong forms, encoded surrogates (ED A0..BF) and code points above U+10FFFF
// are all rejected. A BOM is valid UTF-8 here; the JSON layer rejects it.
//
// Hand-written rather than `TextDecoder({fatal: true})` because the finding names
// the byte offset (Rust's `valid_up_to`) and a 100 MB header must not be turned into
// a 200 MB UTF-16 string just to be checked.
function leadOf(b) {
    if (b >= 0xc2 && b <= 0xdf)
        return { length: 2, low: 0x80, high: 0xbf };
    if (b === 0xe0)
        return { length: 3, low: 0xa0, high: 0xbf }; // no overlongs
    if (b === 0xed)
        return { length: 3, low: 0x80, high: 0x9f }; // no surrogates
    if (b >= 0xe1 && b <= 0xef)
        return { length: 3, low: 0x80, high: 0xbf };
    if (b === 0xf0)
        return { length: 4, low: 0x90, high: 0xbf }; // no overlongs
    if (b >= 0xf1 && b <= 0xf3)
        return { length: 4, low: 0x80, high: 0xbf };
    if (b === 0xf4)
        return { length: 4, low: 0x80, high: 0x8f }; // nothing above U+10FFFF
    return null; // 80..C1 (continuation or overlong lead) and F5..FF
}
/** Index of the first byte of the first ill-formed sequence, or -1 when `bytes` is valid UTF-8. */
function firstInvalidUtf8(bytes) {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
        if (bytes[i] < 0x80) {
            i++;
            continue;
        }
        const lead = leadOf(bytes[i]);
        if (lead === null || i + lead.length > n)
            return i;
        if (bytes[i + 1] < lead.low || bytes[i + 1] > lead.high)
            return i;
        for (let k = 2; k < lead.length; k++) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf)
                return i;
        }
        i += lead.length;
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/scan/safetensors/validate.ts
// `Metadata::validate()` of safetensors/src/tensor.rs, in its order: tensors sorted
// by (begin, end), then for each: offsets contiguous from 0, element count, bit
// count, byte alignment, byte size. All arithmetic is u64 with overflow checks, done
// with BigInt.
//
// The reference sorts a HashMap's entries (random order per process), so among
// tensors with equal offsets it checks them in an order that changes from run to run,
// and with it which error and name it reports. Accept-or-reject never depends on it:
// every tensor must pass every check. We break ties by document order.


const validate_U64_MAX = (1n << 64n) - 1n;
function validateLayout(tensors) {
    const sorted = [...tensors].sort((a, b) => compare(a.begin, b.begin) || compare(a.end, b.end));
    let start = 0n;
    let previous = null;
    let parameters = 0n;
    for (const t of sorted) {
        const name = `tensor ${text_quote(t.name)}`;
        const offsets = `data_offsets [${t.begin}, ${t.end}]`;
        if (t.end < t.begin) {
            throw reject(SAFETENSORS_RULES.invalidOffset, `${name} has ${offsets}: the end is before the begin`, t);
        }
        if (t.begin !== start) {
            const where = previous === null
                ? 'the first tensor in the data buffer must start at 0'
                : t.begin > start
                    ? `the previous tensor (${text_quote(previous.name)}) ends at ${start}, leaving ${t.begin - start} bytes no tensor covers`
                    : `that overlaps the previous tensor (${text_quote(previous.name)}, which ends at ${start})`;
            throw reject(SAFETENSORS_RULES.invalidOffset, `${name} has ${offsets}; ${where}`, t);
        }
        start = t.end;
        previous = t;
        const described = `${name} (${t.dtype}, shape ${formatShape(t.shape.dims, t.shape.rank)})`;
        const elements = t.shape.elements;
        if (elements === null) {
            throw reject(SAFETENSORS_RULES.overflow, `${described}: the element count overflows 2^64 − 1`, t);
        }
        const bits = elements * BigInt(t.bits);
        if (bits > validate_U64_MAX) {
            throw reject(SAFETENSORS_RULES.overflow, `${described}: ${elements} elements × ${t.bits} bits overflows 2^64 − 1`, t);
        }
        if (bits % 8n !== 0n) {
            throw reject(SAFETENSORS_RULES.misaligned, `${described}: ${elements} elements × ${t.bits} bits = ${bits} bits, not a whole number of bytes`, t);
        }
        if (t.end - t.begin !== bits / 8n) {
            throw reject(SAFETENSORS_RULES.sizeMismatch, `${described} needs ${bits / 8n} bytes but ${offsets} span ${t.end - t.begin}`, t);
        }
        parameters += elements;
    }
    return { dataEnd: start, parameters };
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function reject(rule, message, t) {
    return new HeaderRejected(rule, message, t.offset, t.name);
}

;// CONCATENATED MODULE: ./src/scan/safetensors/sniff.ts
// Content sniffing for safetensors, run before the pickle and zip checks: N is
// attacker-chosen, so a real safetensors file can start with `\x80\x02` (pickle
// protocol 2), `\x93` (STACK_GLOBAL) or `PK\x03\x04` (formats.md §0, §1.5 appendix F).

function isJsonWhitespace(b) {
    return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}
/**
 * True when the reference parser would get as far as parsing JSON (N ≤ 100,000,000)
 * and the header's first non-whitespace byte is `{`. Files whose header runs past
 * the end still qualify (the scanner reports `invalid-header-length`), so truncated
 * uploads are reported as safetensors rather than "other".
 *
 * `head` is the start of the file (at most a few KiB are needed), `size` the file size.
 */
function looksLikeSafetensors(head, size) {
    if (head.length < LENGTH_BYTES)
        return false;
    const n = headerLength(head);
    if (n > BigInt(MAX_HEADER_SIZE))
        return false;
    const headerEnd = LENGTH_BYTES + Number(n);
    const visibleEnd = Math.min(head.length, headerEnd);
    let i = LENGTH_BYTES;
    while (i < visibleEnd && isJsonWhitespace(head[i]))
        i++;
    if (i < visibleEnd)
        return head[i] === 0x7b;
    // Only whitespace so far: still a safetensors header if it goes on past `head`
    // into bytes the file really has (N = 0 or an all-blank header is not).
    return visibleEnd < headerEnd && head.length < size;
}

;// CONCATENATED MODULE: ./src/scan/formats/safetensors.ts











/** The summary is for people (job summary); a header with thousands of keys lists the first ones. */
const METADATA_KEYS_SHOWN = 100;
const REJECTED_ADVICE = 'safetensors refuses to load this file: re-export it with the safetensors library, or upload an intact copy';
const ODD_ADVICE = 'safetensors loads it, but other parsers may read different tensors; re-save it with the safetensors library';
const CONCERNS = {
    code: 'look like code',
    url: 'contain URLs',
    huge: 'are over 1 MiB'
};
const scanSafetensors = async (source, ctx) => {
    const notes = [];
    const at = (offset) => (ctx.entry === undefined ? { offset } : { entry: ctx.entry, offset });
    const budget = ctx.budget;
    // The header walk stops for the time budget (budget.ts): the notes so far are kept, scanFile reports the stop.
    const tick = () => {
        if (budget?.spent(ctx))
            throw new BudgetStop();
    };
    try {
        const details = await check(source, at, notes, tick);
        return { format: 'safetensors', findings: notes, details };
    }
    catch (err) {
        if (err instanceof BudgetStop)
            return { format: 'safetensors', findings: notes };
        if (!(err instanceof HeaderRejected))
            throw err;
        const finding = { rule: err.rule, severity: 'high', message: `${err.message}. ${REJECTED_ADVICE}.`, location: at(err.offset) };
        if (err.tensor !== undefined)
            finding.tensor = err.tensor;
        return { format: 'safetensors', findings: [finding, ...notes] };
    }
};
/** The reference's checks in its order; throws HeaderRejected, collects accepted-but-odd notes. */
async function check(source, at, notes, tick) {
    const prefix = await source.read(0, LENGTH_BYTES);
    if (prefix.length < LENGTH_BYTES) {
        throw new HeaderRejected(SAFETENSORS_RULES.headerTooSmall, `the file is ${prefix.length} bytes; a safetensors file starts with an 8-byte header length`, 0);
    }
    const n = headerLength(prefix);
    if (n > BigInt(MAX_HEADER_SIZE)) {
        const hex = Array.from(prefix, (b) => b.toString(16).padStart(2, '0')).join(' ');
        throw new HeaderRejected(SAFETENSORS_RULES.headerTooLarge, `the header length is ${n} bytes (first 8 bytes: ${hex}); the reference parser refuses more than ${MAX_HEADER_SIZE}`, 0);
    }
    const size = BigInt(source.size);
    const dataStart = BigInt(LENGTH_BYTES) + n;
    if (dataStart > size) {
        throw new HeaderRejected(SAFETENSORS_RULES.invalidHeaderLength, `the header length is ${n} bytes but only ${size - BigInt(LENGTH_BYTES)} bytes follow it: the file is truncated or not safetensors`, 0);
    }
    if (n > BigInt(HF_JS_HEADER_LIMIT)) {
        notes.push({
            rule: SAFETENSORS_RULES.largeHeader,
            severity: 'info',
            message: `the header is ${n} bytes; the Hugging Face JS parser refuses headers over ${HF_JS_HEADER_LIMIT} bytes`,
            location: at(LENGTH_BYTES)
        });
    }
    const bytes = await source.read(LENGTH_BYTES, Number(n));
    if (bytes.length < Number(n)) {
        throw new HeaderRejected(SAFETENSORS_RULES.invalidHeaderLength, `the file shrank to ${LENGTH_BYTES + bytes.length} bytes while its ${n}-byte header was read`, 0);
    }
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
        throw new HeaderRejected(SAFETENSORS_RULES.invalidUtf8, `header byte ${bad} (file offset ${LENGTH_BYTES + bad}, 0x${bytes[bad].toString(16).padStart(2, '0')}) starts an invalid UTF-8 sequence`, LENGTH_BYTES + bad);
    }
    const header = parseHeader(bytes, LENGTH_BYTES, tick);
    notes.push(...oddityFindings(header, at));
    const layout = validateLayout(header.tensors);
    const expected = dataStart + layout.dataEnd;
    if (expected !== size) {
        const gap = expected < size ? `${size - expected} bytes after the last tensor belong to no tensor` : `the file is ${expected - size} bytes short (truncated)`;
        throw new HeaderRejected(SAFETENSORS_RULES.incompleteBuffer, `the tensors end at data offset ${layout.dataEnd}, so the file should be 8 + ${n} + ${layout.dataEnd} = ${expected} bytes, but it is ${size}: ${gap}`, Number(dataStart));
    }
    notes.push(...metadataFindings(header, at), ...dtypeFindings(header, at));
    return summarize(header, layout.parameters);
}
function oddityFindings(header, at) {
    return header.oddities.list().map(({ kind, count, examples, offset }) => ({
        rule: SAFETENSORS_RULES.nonCanonical,
        severity: 'low',
        message: `${ODDITY_KINDS[kind]} (${count}×, e.g. ${examples.join('; ')}). ${ODD_ADVICE}.`,
        location: at(offset),
        kind,
        count,
        examples
    }));
}
function metadataFindings(header, at) {
    if (header.metadata === null)
        return [];
    const byConcern = new Map();
    for (const { concern, key } of inspectMetadata(header.metadata))
        byConcern.set(concern, [...(byConcern.get(concern) ?? []), key]);
    return [...byConcern].map(([concern, keys]) => ({
        rule: SAFETENSORS_RULES.suspiciousMetadata,
        severity: 'low',
        message: `\`__metadata__\` values ${CONCERNS[concern]}: ${keys.slice(0, 5).map(text_quote).join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}; review them before anything reads them`,
        location: at(LENGTH_BYTES),
        concern,
        keys: keys.slice(0, METADATA_KEYS_SHOWN)
    }));
}
/** Dtypes that older safetensors releases do not know: those loaders refuse the whole file. */
function dtypeFindings(header, at) {
    const recent = [...new Set(header.tensors.map((t) => t.dtype))].filter((dtype) => DTYPES[dtype].since !== undefined);
    if (recent.length === 0)
        return [];
    return [
        {
            rule: SAFETENSORS_RULES.newDtype,
            severity: 'info',
            message: `uses ${recent.map((dtype) => `${dtype} (safetensors ≥ ${DTYPES[dtype].since})`).join(', ')}; older safetensors releases refuse to load it`,
            location: at(LENGTH_BYTES),
            dtypes: recent
        }
    ];
}
function summarize(header, parameters) {
    const dtypes = {};
    for (const t of header.tensors)
        dtypes[t.dtype] = (dtypes[t.dtype] ?? 0) + 1;
    return {
        tensors: header.tensors.length,
        dtypes,
        parameters: parameters.toString(),
        metadataKeys: header.metadata === null ? [] : [...header.metadata.keys()].slice(0, METADATA_KEYS_SHOWN)
    };
}

;// CONCATENATED MODULE: ./src/scan/pickle/opcodes.ts
// The 68 opcodes of pickle protocols 0–5 as CPython's C unpickler reads them
// (reference/pickle.md §2). One table serves the decoder, the probe and messages.
/** How an opcode's argument is laid out after the opcode byte. */
const Arg = {
    None: 0,
    /** u8 / u16 / i32 / u32 little-endian. */
    U1: 1,
    U2: 2,
    I4: 3,
    U4: 4,
    /** u64 little-endian (FRAME). */
    U8: 5,
    /** 8-byte big-endian double (BINFLOAT). */
    F8: 6,
    /** One newline-terminated line. */
    Line: 7,
    /** Two newline-terminated lines (GLOBAL, INST). */
    Line2: 8,
    /** u8 length, then that many bytes. */
    Len1: 9,
    /** u32 length, then that many bytes. */
    Len4: 10,
    /** i32 length (negative is an error), then that many bytes. */
    Len4S: 11,
    /** u64 length (≥ 2^63 is an error), then that many bytes. */
    Len8: 12
};
const ch = (c) => c.charCodeAt(0);
// prettier-ignore
const ROWS = [
    [ch('('), 'MARK', 0, Arg.None, 0, 0, 1],
    [ch('.'), 'STOP', 0, Arg.None, 1, 0],
    [ch('0'), 'POP', 0, Arg.None, 0, 0], // pops an item, or the top mark when it sits at the top
    [ch('1'), 'POP_MARK', 0, Arg.None, 0, 0, 2],
    [ch('2'), 'DUP', 0, Arg.None, 1, 2],
    [ch('F'), 'FLOAT', 0, Arg.Line, 0, 1],
    [ch('I'), 'INT', 0, Arg.Line, 0, 1],
    [ch('J'), 'BININT', 1, Arg.I4, 0, 1],
    [ch('K'), 'BININT1', 1, Arg.U1, 0, 1],
    [ch('L'), 'LONG', 0, Arg.Line, 0, 1],
    [ch('M'), 'BININT2', 1, Arg.U2, 0, 1],
    [ch('N'), 'NONE', 0, Arg.None, 0, 1],
    [ch('P'), 'PERSID', 0, Arg.Line, 0, 1],
    [ch('Q'), 'BINPERSID', 1, Arg.None, 1, 1],
    [ch('R'), 'REDUCE', 0, Arg.None, 2, 1, 0, true],
    [ch('S'), 'STRING', 0, Arg.Line, 0, 1],
    [ch('T'), 'BINSTRING', 1, Arg.Len4S, 0, 1],
    [ch('U'), 'SHORT_BINSTRING', 1, Arg.Len1, 0, 1],
    [ch('V'), 'UNICODE', 0, Arg.Line, 0, 1],
    [ch('X'), 'BINUNICODE', 1, Arg.Len4, 0, 1],
    [ch('a'), 'APPEND', 0, Arg.None, 2, 1],
    [ch('b'), 'BUILD', 0, Arg.None, 2, 1, 0, true],
    [ch('c'), 'GLOBAL', 0, Arg.Line2, 0, 1, 0, true],
    [ch('d'), 'DICT', 0, Arg.None, 0, 1, 2],
    [ch('}'), 'EMPTY_DICT', 1, Arg.None, 0, 1],
    [ch('e'), 'APPENDS', 1, Arg.None, 0, 0, 3],
    [ch('g'), 'GET', 0, Arg.Line, 0, 1],
    [ch('h'), 'BINGET', 1, Arg.U1, 0, 1],
    [ch('i'), 'INST', 0, Arg.Line2, 0, 1, 2, true],
    [ch('j'), 'LONG_BINGET', 1, Arg.U4, 0, 1],
    [ch('l'), 'LIST', 0, Arg.None, 0, 1, 2],
    [ch(']'), 'EMPTY_LIST', 1, Arg.None, 0, 1],
    [ch('o'), 'OBJ', 1, Arg.None, 0, 1, 2, true],
    [ch('p'), 'PUT', 0, Arg.Line, 1, 1],
    [ch('q'), 'BINPUT', 1, Arg.U1, 1, 1],
    [ch('r'), 'LONG_BINPUT', 1, Arg.U4, 1, 1],
    [ch('s'), 'SETITEM', 0, Arg.None, 3, 1],
    [ch('t'), 'TUPLE', 0, Arg.None, 0, 1, 2],
    [ch(')'), 'EMPTY_TUPLE', 1, Arg.None, 0, 1],
    [ch('u'), 'SETITEMS', 1, Arg.None, 0, 0, 3],
    [ch('G'), 'BINFLOAT', 1, Arg.F8, 0, 1],
    [0x80, 'PROTO', 2, Arg.U1, 0, 0],
    [0x81, 'NEWOBJ', 2, Arg.None, 2, 1, 0, true],
    [0x82, 'EXT1', 2, Arg.U1, 0, 1, 0, true],
    [0x83, 'EXT2', 2, Arg.U2, 0, 1, 0, true],
    [0x84, 'EXT4', 2, Arg.I4, 0, 1, 0, true],
    [0x85, 'TUPLE1', 2, Arg.None, 1, 1],
    [0x86, 'TUPLE2', 2, Arg.None, 2, 1],
    [0x87, 'TUPLE3', 2, Arg.None, 3, 1],
    [0x88, 'NEWTRUE', 2, Arg.None, 0, 1],
    [0x89, 'NEWFALSE', 2, Arg.None, 0, 1],
    [0x8a, 'LONG1', 2, Arg.Len1, 0, 1],
    [0x8b, 'LONG4', 2, Arg.Len4S, 0, 1],
    [ch('B'), 'BINBYTES', 3, Arg.Len4, 0, 1],
    [ch('C'), 'SHORT_BINBYTES', 3, Arg.Len1, 0, 1],
    [0x8c, 'SHORT_BINUNICODE', 4, Arg.Len1, 0, 1],
    [0x8d, 'BINUNICODE8', 4, Arg.Len8, 0, 1],
    [0x8e, 'BINBYTES8', 4, Arg.Len8, 0, 1],
    [0x8f, 'EMPTY_SET', 4, Arg.None, 0, 1],
    [0x90, 'ADDITEMS', 4, Arg.None, 0, 0, 3],
    [0x91, 'FROZENSET', 4, Arg.None, 0, 1, 2],
    [0x92, 'NEWOBJ_EX', 4, Arg.None, 3, 1, 0, true],
    [0x93, 'STACK_GLOBAL', 4, Arg.None, 2, 1, 0, true],
    [0x94, 'MEMOIZE', 4, Arg.None, 1, 1],
    [0x95, 'FRAME', 4, Arg.U8, 0, 0],
    [0x96, 'BYTEARRAY8', 5, Arg.Len8, 0, 1],
    [0x97, 'NEXT_BUFFER', 5, Arg.None, 0, 1],
    [0x98, 'READONLY_BUFFER', 5, Arg.None, 1, 1]
];
/** Opcode byte values, named as in pickletools. */
const Op = {
    MARK: 0x28, STOP: 0x2e, POP: 0x30, POP_MARK: 0x31, DUP: 0x32, FLOAT: 0x46, INT: 0x49, BININT: 0x4a,
    BININT1: 0x4b, LONG: 0x4c, BININT2: 0x4d, NONE: 0x4e, PERSID: 0x50, BINPERSID: 0x51, REDUCE: 0x52,
    STRING: 0x53, BINSTRING: 0x54, SHORT_BINSTRING: 0x55, UNICODE: 0x56, BINUNICODE: 0x58, APPEND: 0x61,
    BUILD: 0x62, GLOBAL: 0x63, DICT: 0x64, EMPTY_DICT: 0x7d, APPENDS: 0x65, GET: 0x67, BINGET: 0x68,
    INST: 0x69, LONG_BINGET: 0x6a, LIST: 0x6c, EMPTY_LIST: 0x5d, OBJ: 0x6f, PUT: 0x70, BINPUT: 0x71,
    LONG_BINPUT: 0x72, SETITEM: 0x73, TUPLE: 0x74, EMPTY_TUPLE: 0x29, SETITEMS: 0x75, BINFLOAT: 0x47,
    PROTO: 0x80, NEWOBJ: 0x81, EXT1: 0x82, EXT2: 0x83, EXT4: 0x84, TUPLE1: 0x85, TUPLE2: 0x86, TUPLE3: 0x87,
    NEWTRUE: 0x88, NEWFALSE: 0x89, LONG1: 0x8a, LONG4: 0x8b, BINBYTES: 0x42, SHORT_BINBYTES: 0x43,
    SHORT_BINUNICODE: 0x8c, BINUNICODE8: 0x8d, BINBYTES8: 0x8e, EMPTY_SET: 0x8f, ADDITEMS: 0x90,
    FROZENSET: 0x91, NEWOBJ_EX: 0x92, STACK_GLOBAL: 0x93, MEMOIZE: 0x94, FRAME: 0x95, BYTEARRAY8: 0x96,
    NEXT_BUFFER: 0x97, READONLY_BUFFER: 0x98
};
/** Indexed by byte; `undefined` for bytes that are no opcode ("invalid load key"). */
const OPCODES = (() => {
    const table = new Array(256).fill(undefined);
    for (const [code, name, proto, arg, pop, push, mark = 0, acts = false] of ROWS) {
        table[code] = { code, name, proto, arg, pop, push, mark, acts };
    }
    return table;
})();
/** Argument layout by byte, 255 for invalid bytes: the decoder's hot-path lookup. */
const ARG_LAYOUT = (() => {
    const layout = new Uint8Array(256).fill(255);
    for (const info of OPCODES)
        if (info)
            layout[info.code] = info.arg;
    return layout;
})();
function opName(code) {
    return OPCODES[code]?.name ?? `0x${code.toString(16).padStart(2, '0')}`;
}
/** Highest protocol the C unpickler accepts in PROTO. */
const HIGHEST_PROTOCOL = 5;

;// CONCATENATED MODULE: ./src/scan/pickle/text.ts
// Argument text codecs exactly as the C unpickler applies them (reference/pickle.md §3).
// Each returns null where CPython raises, so the caller can report the loader error.
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
function isAscii(buf, start, end) {
    for (let i = start; i < end; i++)
        if (buf[i] >= 0x80)
            return false;
    return true;
}
/** Node's undocumented direct Latin-1 slice: `toString('latin1', ...)` without its argument checks (half the cost per string). */
const latin1Slice = Buffer.prototype.latin1Slice;
/** Node's direct UTF-8 slice (as `toString('utf8', ...)`): replaces what is not UTF-8 by U+FFFD. */
const utf8Slice = Buffer.prototype.utf8Slice;
/** Code points 0–255 one to one (also the Python `latin-1` codec). */
function latin1(buf, start, end) {
    return latin1Slice.call(buf, start, end);
}
/** Strict ASCII (INST lines, PERSID, the default codec of STRING/BINSTRING). */
function ascii(buf, start, end) {
    return isAscii(buf, start, end) ? latin1(buf, start, end) : null;
}
/**
 * Strict UTF-8 (GLOBAL lines), or with `surrogatepass` (BINUNICODE*, where
 * `ED A0 80`–`ED BF BF` decode to lone surrogates). Overlongs and > U+10FFFF are rejected.
 */
function utf8(buf, start, end, surrogatepass) {
    if (isAscii(buf, start, end))
        return latin1(buf, start, end);
    try {
        return fatalUtf8.decode(buf.subarray(start, end));
    }
    catch {
        return surrogatepass ? utf8WithSurrogates(buf, start, end) : null;
    }
}
/**
 * `utf8(..., true)` of bytes already known to pass it (the memo's and the data fast path's
 * strings), without its validation: Node's decoder is exact on valid UTF-8 and turns only
 * encoded surrogates into U+FFFD, so a U+FFFD in its result sends the bytes to the exact decoder.
 */
function validatedUtf8(buf, start, end) {
    const text = utf8Slice.call(buf, start, end);
    return text.includes('\ufffd') ? utf8(buf, start, end, true) : text;
}
/** Decodes a prefix cut at an arbitrary byte (for payloads too large to keep). */
function utf8Prefix(bytes) {
    return lenientUtf8.decode(bytes);
}
function utf8WithSurrogates(buf, start, end) {
    const units = [];
    let i = start;
    while (i < end) {
        const b = buf[i];
        let n;
        let cp;
        if (b < 0x80) {
            units.push(b);
            i++;
            continue;
        }
        else if (b >= 0xc2 && b <= 0xdf)
            [n, cp] = [1, b & 0x1f];
        else if (b >= 0xe0 && b <= 0xef)
            [n, cp] = [2, b & 0x0f];
        else if (b >= 0xf0 && b <= 0xf4)
            [n, cp] = [3, b & 0x07];
        else
            return null;
        if (i + n >= end)
            return null;
        for (let k = 1; k <= n; k++) {
            const c = buf[i + k];
            if ((c & 0xc0) !== 0x80)
                return null;
            cp = (cp << 6) | (c & 0x3f);
        }
        if ((n === 2 && cp < 0x800) || (n === 3 && (cp < 0x10000 || cp > 0x10ffff)))
            return null;
        if (cp >= 0x10000)
            units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else
            units.push(cp);
        i += n + 1;
    }
    return fromUnits(units);
}
function fromUnits(units) {
    let out = '';
    for (let i = 0; i < units.length; i += 8192)
        out += String.fromCharCode(...units.slice(i, i + 8192));
    return out;
}
const hexValue = (c) => c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
/**
 * `raw-unicode-escape` (UNICODE): bytes are Latin-1 code points; only `\uXXXX` and
 * `\UXXXXXXXX` are escapes; `\` before anything else keeps both bytes; a trailing `\`
 * is kept. A bad or truncated escape is an error.
 */
function rawUnicodeEscape(buf, start, end) {
    if (buf.indexOf(0x5c, start) === -1 || buf.indexOf(0x5c, start) >= end)
        return latin1(buf, start, end);
    const units = [];
    let i = start;
    while (i < end) {
        const c = buf[i++];
        if (c !== 0x5c || i >= end) {
            units.push(c);
            continue;
        }
        const kind = buf[i];
        const count = kind === 0x75 ? 4 : kind === 0x55 ? 8 : 0;
        if (count === 0) {
            units.push(0x5c, kind);
            i++;
            continue;
        }
        if (i + 1 + count > end)
            return null;
        let cp = 0;
        for (let k = 1; k <= count; k++) {
            const h = hexValue(buf[i + k]);
            if (h < 0)
                return null;
            cp = cp * 16 + h;
        }
        if (cp > 0x10ffff)
            return null;
        if (cp >= 0x10000)
            units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else
            units.push(cp);
        i += 1 + count;
    }
    return fromUnits(units);
}
const SIMPLE_ESCAPES = {
    0x5c: 0x5c, 0x27: 0x27, 0x22: 0x22, 0x61: 0x07, 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x76: 0x0b
};
/**
 * STRING: the line must be quoted with the same `'` or `"` at both ends, then
 * `PyBytes_DecodeEscape` runs on the inside (`\xHH` needs exactly two hex digits;
 * unknown escapes keep both bytes). Returns the bytes, or an error message.
 */
function quotedEscape(buf, start, end) {
    const q = buf[start];
    if (end - start < 2 || (q !== 0x27 && q !== 0x22) || buf[end - 1] !== q)
        return 'the STRING opcode argument must be quoted';
    const out = [];
    const stop = end - 1;
    let i = start + 1;
    while (i < stop) {
        const c = buf[i++];
        if (c !== 0x5c) {
            out.push(c);
            continue;
        }
        if (i >= stop)
            return 'Trailing \\ in string';
        const e = buf[i++];
        const simple = SIMPLE_ESCAPES[e];
        if (simple !== undefined)
            out.push(simple);
        else if (e >= 0x30 && e <= 0x37) {
            let v = e - 0x30;
            for (let k = 0; k < 2 && i < stop && buf[i] >= 0x30 && buf[i] <= 0x37; k++)
                v = v * 8 + (buf[i++] - 0x30);
            out.push(v & 0xff);
        }
        else if (e === 0x78) {
            const h1 = i < stop ? hexValue(buf[i]) : -1;
            const h2 = i + 1 < stop ? hexValue(buf[i + 1]) : -1;
            if (h1 < 0 || h2 < 0)
                return `invalid \\x escape at position ${i - 2 - start - 1}`;
            out.push(h1 * 16 + h2);
            i += 2;
        }
        else
            out.push(0x5c, e);
    }
    return Uint8Array.from(out);
}
const INT_LITERAL = /^[ \t\n\v\f\r]*[+-]?(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+|0(_?0)*|[1-9](_?[0-9])*)[ \t\n\v\f\r]*$/;
/** `PyLong_FromString(s, NULL, 0)`: Python int literal syntax with optional sign and surrounding whitespace. */
function pythonInt(text) {
    const m = INT_LITERAL.exec(text);
    if (m === null)
        return null;
    const negative = text.trimStart().startsWith('-');
    const body = m[1].replace(/_/g, '');
    const big = /^0[oO]/.test(body) ? BigInt('0o' + body.slice(2)) : BigInt(body);
    return fitInt(negative ? -big : big);
}
function fitInt(value) {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
const C_LONG = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/;
const LONG_MAX = 2n ** 63n - 1n;
/**
 * INT: `strtol(s, 0)` (base 0: `0x10` = 16, `010` = 8), retried with
 * `PyLong_FromString` on overflow or junk; a 3-byte line (newline included) worth 0 or 1 is a bool.
 */
function cInt(line) {
    const nul = line.indexOf('\0');
    const m = C_LONG.exec(line);
    if (m !== null && (m[0].length === line.length || m[0].length === nul)) {
        const digits = m[2];
        const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
        const value = m[1] === '-' ? -magnitude : magnitude;
        if (value <= LONG_MAX && value >= -LONG_MAX - 1n) {
            if (line.length + 1 === 3 && (value === 0n || value === 1n))
                return value === 1n;
            return fitInt(value);
        }
    }
    return pythonInt(nul >= 0 ? line.slice(0, nul) : line);
}
/** LONG: one trailing `L` dropped, then `PyLong_FromString(s, 0)`. */
function cLong(line) {
    return pythonInt(line.endsWith('L') ? line.slice(0, -1) : line);
}
const FLOAT_LITERAL = /^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf(inity)?|nan)$/i;
/** FLOAT: `PyOS_string_to_double`, which must stop at the newline or a NUL. */
function cFloat(line) {
    const nul = line.indexOf('\0');
    const text = nul >= 0 ? line.slice(0, nul) : line;
    if (!FLOAT_LITERAL.test(text))
        return null;
    const lower = text.toLowerCase();
    if (lower.endsWith('inf') || lower.endsWith('infinity'))
        return lower.startsWith('-') ? -Infinity : Infinity;
    if (lower.endsWith('nan'))
        return NaN;
    return Number(text);
}
/** GET / PUT: `PyLong_FromString(s, NULL, 10)`. */
function decimalIndex(line) {
    const m = /^[ \t\n\v\f\r]*([+-]?)[ \t\n\v\f\r]*([0-9](_?[0-9])*)[ \t\n\v\f\r]*$/.exec(line);
    if (m === null)
        return null;
    const value = Number(m[2].replace(/_/g, ''));
    return m[1] === '-' ? -value : value;
}

;// CONCATENATED MODULE: ./src/scan/pickle/values.ts
// Symbolic values of the pickle machine. Python constants map to JS primitives where
// the type is unambiguous (None → null, bool, int → number | bigint, str → string) so
// the hot path allocates nothing for them; everything else is a small class. Objects
// are tracked by identity, so memo aliases and in-place mutation behave as in CPython.
/** Items kept per container: enough for argument tuples and state dicts, bounded on huge lists. */
const CONTAINER_ITEMS = 256;
/** A Python float. Its value never matters to the analysis, so one shared instance stands for all (no allocation per float). */
class PyFloat {
    get kind() {
        return 'float';
    }
}
const FLOAT = new PyFloat();
/** bytes / bytearray. `data` may be a prefix of a payload too large to keep (`length` is the real size). */
class PyBytes {
    data;
    length;
    offset;
    mutable;
    get kind() {
        return 'bytes';
    }
    constructor(data, length, 
    /** Stream offset of the opcode that produced it. */
    offset, mutable = false) {
        this.data = data;
        this.length = length;
        this.offset = offset;
        this.mutable = mutable;
    }
    get truncated() {
        return this.data.length < this.length;
    }
}
/** A str too large to keep whole: its prefix and its length in UTF-8 bytes. */
class PyLongStr {
    prefix;
    byteLength;
    get kind() {
        return 'longstr';
    }
    constructor(prefix, byteLength) {
        this.prefix = prefix;
        this.byteLength = byteLength;
    }
}
/**
 * A literal container built by opcodes (exact builtin type). Dicts store keys and values
 * alternately. It keeps at most `CONTAINER_ITEMS` values, and fewer once the stream's
 * item budget is spent (the machine decides); `size` still counts every element.
 */
class PyContainer {
    type;
    size;
    get kind() {
        return 'container';
    }
    list;
    deferred = undefined;
    deferredFrom = 0;
    constructor(type, items = [], 
    /** Elements (pairs for dicts) ever added, including those not kept. */
    size = items.length) {
        this.type = type;
        this.size = size;
        this.list = items;
    }
    /** The kept values; strs left undecoded (see `defer`) are decoded on first use. */
    get items() {
        if (this.deferred !== undefined) {
            this.deferred.decode(this.list, this.deferredFrom);
            this.deferred = undefined;
        }
        return this.list;
    }
    set items(items) {
        this.list = items;
        this.deferred = undefined;
    }
    /** Its placeholder strs are decoded by `texts` (entries from `from` on) when first read. */
    defer(texts, from) {
        this.deferred = texts;
        this.deferredFrom = from;
    }
    /** Adds the elements `from[start..]`, keeping at most `budget` values; returns how many it kept. */
    addRange(from, start, budget) {
        const n = from.length - start;
        this.size += this.type === 'dict' ? n >> 1 : n;
        let room = Math.min(CONTAINER_ITEMS - this.items.length, n, budget);
        if (this.type === 'dict')
            room &= ~1;
        if (room <= 0)
            return 0;
        // A fresh container takes an exact-size copy (pushing would over-allocate its backing store).
        if (this.items.length === 0)
            this.items = from.slice(start, start + room);
        else
            for (let i = 0; i < room; i++)
                this.items.push(from[start + i]);
        return room;
    }
    /** Some elements were not kept. */
    get partial() {
        return this.list.length < (this.type === 'dict' ? this.size * 2 : this.size);
    }
}
/** What `find_class` returned: a resolved `module.qualname`, or an unresolvable callable. */
class PyGlobal {
    name;
    offset;
    allowed;
    dynamic;
    get kind() {
        return 'global';
    }
    constructor(
    /** Resolved name the policy judged (`posix.system`), or a description when dynamic. */
    name, 
    /** Stream offset of the importing opcode. */
    offset, allowed, 
    /** Not resolvable statically (EXT code, non-constant STACK_GLOBAL operand). */
    dynamic = false) {
        this.name = name;
        this.offset = offset;
        this.allowed = allowed;
        this.dynamic = dynamic;
    }
}
/** The result of a call (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST). */
class PyInstance {
    callee;
    args;
    offset;
    get kind() {
        return 'instance';
    }
    constructor(callee, args, 
    /** Stream offset of the calling opcode. */
    offset) {
        this.callee = callee;
        this.args = args;
        this.offset = offset;
    }
    /** The global that made this instance, when it was a resolved global. */
    get cls() {
        return this.callee instanceof PyGlobal ? this.callee : null;
    }
}
/**
 * A value the machine cannot know: a persistent-id object, an out-of-band buffer, a
 * huge number. `poisoned` marks placeholders pushed after a loader error, so later
 * operations on them report nothing the loader would never have reached.
 */
class PyOpaque {
    what;
    poisoned;
    get kind() {
        return 'opaque';
    }
    constructor(what, poisoned = false) {
        this.what = what;
        this.poisoned = poisoned;
    }
}
/** Short human description for messages. */
function describe(value) {
    if (value === null)
        return 'None';
    switch (typeof value) {
        case 'boolean':
            return value ? 'True' : 'False';
        case 'number':
        case 'bigint':
            return `int ${value}`;
        case 'string':
            return `str ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
    }
    switch (value.kind) {
        case 'float':
            return 'a float';
        case 'bytes':
            return `${value.mutable ? 'bytearray' : 'bytes'} of ${value.length} bytes`;
        case 'longstr':
            return `str of ${value.byteLength} bytes`;
        case 'container':
            return `${value.type} of ${value.size}`;
        case 'global':
            return value.dynamic ? value.name : `global ${value.name}`;
        case 'instance': {
            const cls = value.cls;
            return cls ? `result of ${cls.name} (offset ${value.offset})` : `result of a call at offset ${value.offset}`;
        }
        case 'opaque':
            return value.what;
    }
}

;// CONCATENATED MODULE: ./src/scan/pickle/decoder.ts
// Opcode decoder: turns bytes into opcodes and argument values exactly as the C
// unpickler reads them. `Decoder.decode` is synchronous over an in-memory buffer and
// reports when it needs more bytes, so the analyzer's hot loop never awaits per opcode;
// `Input` refills that buffer from a chunk stream, and streams oversized payloads
// through without keeping them.



const Step = {
    /** One opcode decoded; its fields are set. */
    Op: 0,
    /** The buffer holds too few bytes: refill to `need` bytes from the opcode, then decode again. */
    Need: 1,
    /** Clean end of input at an opcode boundary. */
    End: 2,
    /** The loader cannot go on: invalid opcode, truncated or impossible argument (`fault`). */
    Invalid: 3,
    /** A length-prefixed payload of `num` bytes too large to keep: `next` is its first byte. */
    Large: 4,
    /** A text argument longer than `LINE_MAX` with no newline yet. */
    LongLine: 5
};
/** Payloads up to this size are decoded whole; larger ones keep `PREFIX` bytes. */
const INLINE_MAX = 1 << 20;
/** Text arguments (one line) longer than this are streamed, keeping `PREFIX` bytes. */
const LINE_MAX = 1 << 20;
/** Bytes kept of an oversized payload: enough to name it and to sniff a nested pickle. */
const PREFIX = 4096;
/** Value of an argument the loader rejects (the opcode's extent is still known). */
const INVALID_ARGUMENT = new PyOpaque('an invalid argument', true);
const TWO_63 = 2 ** 63;
class Decoder {
    /** Opcode byte. */
    code = 0;
    /** Buffer index just after the opcode and its argument (after the length header for `Large`). */
    next = 0;
    /** Integer argument: u8/u16/i32/u32/u64 value, memo index, payload length for `Large`. */
    num = 0;
    /** Constant the opcode pushes (strings, numbers, bytes, ...). */
    value = null;
    /** GLOBAL / INST lines. */
    module = '';
    name = '';
    /** GLOBAL / INST names cut short (over `LINE_MAX`): not resolvable. */
    namesTruncated = false;
    /** The loader rejects the argument (message); set together with `INVALID_ARGUMENT`. */
    fault = null;
    /** For `Need`: bytes required from the opcode byte. */
    need = 0;
    /** Payloads above this size are returned as `Large` (lowered when the analyzer's retention budget is spent). */
    inlineMax = INLINE_MAX;
    /**
     * Decodes the opcode at `buf[pos]`. `end` is the end of valid data, `eof` whether
     * more can come, `offset` the stream offset of `buf[pos]` (stamped on bytes values).
     */
    decode(buf, pos, end, eof, offset) {
        if (pos >= end)
            return eof ? Step.End : this.short(1, eof);
        const code = buf[pos];
        this.code = code;
        this.fault = null;
        const avail = end - pos;
        switch (ARG_LAYOUT[code]) {
            case Arg.None:
                this.next = pos + 1;
                return Step.Op;
            case Arg.U1:
                if (avail < 2)
                    return this.short(2, eof);
                this.num = buf[pos + 1];
                this.next = pos + 2;
                return Step.Op;
            case Arg.U2:
                if (avail < 3)
                    return this.short(3, eof);
                this.num = buf.readUInt16LE(pos + 1);
                this.next = pos + 3;
                return Step.Op;
            case Arg.I4:
                if (avail < 5)
                    return this.short(5, eof);
                this.num = buf.readInt32LE(pos + 1);
                this.next = pos + 5;
                return Step.Op;
            case Arg.U4:
                if (avail < 5)
                    return this.short(5, eof);
                this.num = buf.readUInt32LE(pos + 1);
                this.next = pos + 5;
                return Step.Op;
            case Arg.U8:
                if (avail < 9)
                    return this.short(9, eof);
                this.num = u64(buf, pos + 1);
                this.next = pos + 9;
                return this.num >= TWO_63 ? this.invalid('FRAME length exceeds the maximum') : Step.Op;
            case Arg.F8:
                if (avail < 9)
                    return this.short(9, eof);
                this.value = FLOAT;
                this.next = pos + 9;
                return Step.Op;
            case Arg.Line: {
                const nl = buf.indexOf(10, pos + 1);
                if (nl < 0 || nl >= end)
                    return this.shortLine(avail, eof);
                this.next = nl + 1;
                this.lineValue(buf, pos + 1, nl);
                return Step.Op;
            }
            case Arg.Line2: {
                const nl1 = buf.indexOf(10, pos + 1);
                const nl2 = nl1 < 0 || nl1 >= end ? -1 : buf.indexOf(10, nl1 + 1);
                if (nl2 < 0 || nl2 >= end)
                    return this.shortLine(avail, eof);
                this.next = nl2 + 1;
                this.namesTruncated = false;
                this.names(buf, pos + 1, nl1, nl2);
                return Step.Op;
            }
            case Arg.Len1:
                if (avail < 2)
                    return this.short(2, eof);
                return this.payload(buf, pos, 2, buf[pos + 1], end, eof, offset);
            case Arg.Len4:
                if (avail < 5)
                    return this.short(5, eof);
                return this.payload(buf, pos, 5, buf.readUInt32LE(pos + 1), end, eof, offset);
            case Arg.Len4S: {
                if (avail < 5)
                    return this.short(5, eof);
                const length = buf.readInt32LE(pos + 1);
                if (length < 0)
                    return this.invalid(`${code === Op.LONG4 ? 'LONG pickle' : 'BINSTRING pickle'} has negative byte count`);
                return this.payload(buf, pos, 5, length, end, eof, offset);
            }
            case Arg.Len8: {
                if (avail < 9)
                    return this.short(9, eof);
                const length = u64(buf, pos + 1);
                if (length >= TWO_63)
                    return this.invalid('length exceeds the maximum (OverflowError)');
                return this.payload(buf, pos, 9, length, end, eof, offset);
            }
            default:
                return this.invalid(`invalid load key 0x${code.toString(16).padStart(2, '0')}`);
        }
    }
    /** Builds the value of a `Large` payload from its kept prefix. */
    fromLarge(prefix, length, offset) {
        const code = this.code;
        this.fault = null;
        if (code === Op.LONG4)
            this.value = new PyOpaque(`an int of ${length} bytes`);
        else if (code === Op.BINBYTES || code === Op.BINBYTES8 || code === Op.BYTEARRAY8)
            this.value = new PyBytes(prefix, length, offset, code === Op.BYTEARRAY8);
        else
            this.value = new PyLongStr(utf8Prefix(prefix), length);
    }
    /** Builds the value of a text argument longer than `LINE_MAX` from the kept prefix of each line. */
    fromLongLines(prefixes, lengths) {
        this.fault = null;
        switch (this.code) {
            case Op.GLOBAL:
            case Op.INST:
                this.module = latin1(prefixes[0], 0, prefixes[0].length);
                this.name = latin1(prefixes[1], 0, prefixes[1].length);
                this.namesTruncated = true;
                return;
            case Op.GET:
            case Op.PUT:
                this.setFault(`memo index of ${lengths[0]} digits`);
                return;
            case Op.INT:
            case Op.LONG:
            case Op.FLOAT:
                this.value = new PyOpaque(`a number of ${lengths[0]} characters`);
                return;
            default:
                this.value = new PyLongStr(latin1(prefixes[0], 0, prefixes[0].length), lengths[0]);
        }
    }
    short(need, eof) {
        if (eof)
            return this.invalid('pickle data was truncated');
        this.need = need;
        return Step.Need;
    }
    shortLine(avail, eof) {
        if (eof)
            return this.invalid('pickle data was truncated');
        if (avail > LINE_MAX)
            return Step.LongLine;
        this.need = avail + 1;
        return Step.Need;
    }
    invalid(message) {
        this.fault = message;
        return Step.Invalid;
    }
    setFault(message) {
        this.fault = message;
        this.value = INVALID_ARGUMENT;
    }
    payload(buf, pos, header, length, end, eof, offset) {
        if (length > this.inlineMax) {
            this.num = length;
            this.next = pos + header;
            return Step.Large;
        }
        const start = pos + header;
        if (end - start < length)
            return this.short(header + length, eof);
        const stop = start + length;
        this.next = stop;
        switch (this.code) {
            case Op.SHORT_BINUNICODE:
            case Op.BINUNICODE:
            case Op.BINUNICODE8: {
                const text = utf8(buf, start, stop, true);
                if (text === null)
                    this.setFault("'utf-8' codec can't decode the BINUNICODE argument");
                else
                    this.value = text;
                break;
            }
            case Op.SHORT_BINSTRING:
            case Op.BINSTRING:
                this.value = codecString(buf, start, stop);
                break;
            case Op.LONG1:
            case Op.LONG4:
                this.value = littleEndianInt(buf, start, stop);
                break;
            default: // BINBYTES, SHORT_BINBYTES, BINBYTES8, BYTEARRAY8: copied, the buffer is reused
                this.value = new PyBytes(buf.slice(start, stop), length, offset, this.code === Op.BYTEARRAY8);
        }
        return Step.Op;
    }
    lineValue(buf, start, stop) {
        switch (this.code) {
            case Op.INT: {
                const v = cInt(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('could not convert string to int');
                else
                    this.value = v;
                return;
            }
            case Op.LONG: {
                const v = cLong(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('could not convert string to int');
                else
                    this.value = v;
                return;
            }
            case Op.FLOAT: {
                const v = cFloat(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('could not convert string to float');
                else
                    this.value = FLOAT;
                return;
            }
            case Op.GET:
            case Op.PUT: {
                const v = decimalIndex(latin1(buf, start, stop));
                if (v === null)
                    this.setFault('invalid literal for int() with base 10');
                else if (v < 0 && this.code === Op.PUT)
                    this.setFault('negative PUT argument');
                else
                    this.num = v;
                return;
            }
            case Op.PERSID: {
                const v = ascii(buf, start, stop);
                if (v === null)
                    this.setFault('persistent IDs in protocol 0 must be ASCII strings');
                else
                    this.value = v;
                return;
            }
            case Op.STRING: {
                const v = quotedEscape(buf, start, stop);
                if (typeof v === 'string')
                    this.setFault(v);
                else
                    this.value = codecString(Buffer.from(v.buffer, v.byteOffset, v.length), 0, v.length);
                return;
            }
            default: {
                // UNICODE
                const v = rawUnicodeEscape(buf, start, stop);
                if (v === null)
                    this.setFault("'rawunicodeescape' codec can't decode the UNICODE argument");
                else
                    this.value = v;
            }
        }
    }
    /** GLOBAL lines are strict UTF-8, INST lines strict ASCII; both must be non-empty. */
    names(buf, start, nl1, nl2) {
        if (nl1 === start || nl2 === nl1 + 1) {
            this.fault = 'pickle data was truncated (empty GLOBAL/INST name)';
            return;
        }
        const decode = this.code === Op.GLOBAL ? (s, e) => utf8(buf, s, e, false) : (s, e) => ascii(buf, s, e);
        const module = decode(start, nl1);
        const name = decode(nl1 + 1, nl2);
        if (module === null || name === null) {
            this.fault = this.code === Op.GLOBAL ? "'utf-8' codec can't decode the GLOBAL name" : "'ascii' codec can't decode the INST name";
            return;
        }
        this.module = module;
        this.name = name;
    }
}
function u64(buf, at) {
    const high = buf.readUInt32LE(at + 4);
    // A small result stays a small integer (not a double): frame ends feed the machine's fast path.
    return high === 0 ? buf.readUInt32LE(at) : high * 2 ** 32 + buf.readUInt32LE(at);
}
/**
 * STRING / BINSTRING text. `pickle.load` decodes ASCII (and fails on other bytes),
 * `torch.load` UTF-8, NumPy's Python 2 compatibility Latin-1: the analyzer accepts
 * what any of them accepts, so a stream is never cut short where some loader goes on.
 */
function codecString(buf, start, stop) {
    return utf8(buf, start, stop, false) ?? latin1(buf, start, stop);
}
function littleEndianInt(buf, start, stop) {
    const n = stop - start;
    if (n <= 6) {
        // Fits a double exactly: the common case (LONG1 of a few bytes) without BigInt.
        let small = 0;
        for (let i = stop - 1; i >= start; i--)
            small = small * 256 + buf[i];
        return n > 0 && buf[stop - 1] & 0x80 ? small - 2 ** (8 * n) : small;
    }
    let value = 0n;
    for (let i = stop - 1; i >= start; i--)
        value = (value << 8n) | BigInt(buf[i]);
    if (buf[stop - 1] & 0x80)
        value -= 1n << BigInt(8 * n);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

;// CONCATENATED MODULE: ./src/scan/pickle/probe.ts


/** A name `__import__` could find: dotted identifiers. */
const IMPORTABLE = /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u;
/**
 * Bytes that settle most probes: tensor data and text fail on their first opcodes. A probe of
 * this many bytes that is not `short` gives the verdict a longer head would.
 */
const PROBE_FIRST = 4096;
/**
 * True when a loader would act on `head` as a pickle: it starts with PROTO (≤ 5); or
 * its opcodes decode validly from offset 0 (without stack underflow) until STOP or the
 * end of the head; or it reaches an import or call opcode before the first error.
 * `fileSize`: the size of the whole file `head` starts; running out of bytes within the
 * file is truncation, running out of the head is not.
 */
function probePickle(head, fileSize) {
    return whyNotPickle(head, fileSize) === null;
}
const underflow = (name) => `${name} needs more stack items than the data before it pushed`;
/** probePickle's verdict with its reason: null when a loader would act on `head`, else where it stops. */
function whyNotPickle(head, fileSize) {
    const isWholeFile = head.length >= fileSize;
    if (head.length >= 2 && head[0] === Op.PROTO && head[1] <= HIGHEST_PROTOCOL)
        return null;
    const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    const dec = new Decoder();
    const marks = [];
    let height = 0;
    let pos = 0;
    const stop = (reason) => ({ offset: pos, reason });
    for (let decoded = 0;; decoded++) {
        const step = dec.decode(buf, pos, buf.length, isWholeFile, pos);
        if (step === Step.Need || step === Step.Large || step === Step.LongLine) {
            if (isWholeFile)
                return stop(`pickle data was truncated inside ${opName(dec.code)}`);
            if (decoded > 0)
                return null; // ran off the head mid-stream after whole opcodes
            // The first opcode's argument runs past the head: plausible when its declared length
            // fits in the file (a loader reads it and goes on: a big BINBYTES can hide what
            // follows), not for text, whose "length" is four letters.
            const lengthPrefixed = step === Step.Need && OPCODES[dec.code].arg >= Arg.Len1;
            const extent = step === Step.Large ? dec.next + dec.num : lengthPrefixed ? pos + dec.need : Infinity;
            if (extent <= fileSize)
                return null;
            if (lengthPrefixed || step === Step.Large)
                return stop(`${opName(dec.code)} declares more bytes than the file holds`);
            return { ...stop(`the text argument of ${opName(dec.code)} has no newline within the first ${head.length} bytes`), short: true };
        }
        if (step === Step.End)
            return stop('the data ends without STOP');
        if (step !== Step.Op || dec.fault !== null)
            return stop(dec.fault ?? 'the loader rejects the opcode');
        const info = OPCODES[dec.code];
        const fence = marks.length > 0 ? marks[marks.length - 1] : 0;
        if (dec.code === Op.POP) {
            if (marks.length > 0 && fence === height)
                marks.pop();
            else if (height-- <= fence)
                return stop(underflow(info.name));
        }
        else if (info.mark === 1)
            marks.push(height);
        else if (info.mark > 0) {
            const mark = marks.pop();
            if (mark === undefined || (info.mark === 3 && mark === 0))
                return stop(`${info.name} without a MARK before it`);
            height = mark + info.push;
        }
        else {
            if (height - fence < info.pop)
                return stop(underflow(info.name));
            height += info.push - info.pop;
        }
        if (dec.code === Op.STOP)
            return null;
        if (info.acts) {
            if (dec.code !== Op.GLOBAL && dec.code !== Op.INST)
                return null;
            return IMPORTABLE.test(dec.module) && IMPORTABLE.test(dec.name) ? null : stop(`${info.name} names no importable module and attribute`);
        }
        pos = dec.next;
    }
}
/** How far past the head a first text argument is followed before it counts as a pickle anyway. */
const LONG_FIRST_LINE_MAX = 16 << 20;
/**
 * probePickle over a file whose first opcode may take a text line longer than `head`
 * (`V` + 100 KB + `\n` + payload loads fine): read on to the newline, bounded by
 * LONG_FIRST_LINE_MAX, and probe again. Past the bound it is a pickle (fail closed).
 * Null when it reads as a pickle, else why not.
 */
async function probePickleSource(source, head) {
    const verdict = whyNotPickle(head, source.size);
    if (verdict === null)
        return null;
    const first = OPCODES[head[0]];
    if (head.length >= source.size || first === undefined || (first.arg !== Arg.Line && first.arg !== Arg.Line2) || head.includes(0x0a))
        return verdict;
    const chunks = [head];
    let read = head.length;
    while (read < source.size) {
        if (read >= LONG_FIRST_LINE_MAX)
            return null;
        const chunk = await source.read(read, head.length);
        // Bytes past the head are not at hand (a streamed archive member): cannot rule it out.
        if (chunk.length === 0)
            return null;
        chunks.push(chunk);
        read += chunk.length;
        const newline = chunk.indexOf(0x0a);
        if (newline >= 0)
            return whyNotPickle(Buffer.concat([...chunks, await source.read(read, head.length)]), source.size);
    }
    return { offset: 0, reason: `the text argument of ${first.name} has no newline before the end of the file` };
}

;// CONCATENATED MODULE: ./src/scan/zip/records.ts
// Byte layouts of the ZIP records (APPNOTE 4.3) and the small decoders every view shares.
// Nothing here decides what a loader does with the values; the views do that.
const SIG = {
    local: 0x04034b50,
    central: 0x02014b50,
    eocd: 0x06054b50,
    zip64Eocd: 0x06064b50,
    zip64Locator: 0x07064b50,
    descriptor: 0x08074b50
};
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const EOCD_SIZE = 22;
const ZIP64_EOCD_SIZE = 56;
const ZIP64_LOCATOR_SIZE = 20;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const FLAG = {
    encrypted: 0x0001,
    descriptor: 0x0008,
    patched: 0x0020,
    strongEncryption: 0x0040,
    utf8: 0x0800,
    maskedLocal: 0x2000
};
const EXTRA_ZIP64 = 0x0001;
const EXTRA_UNICODE_PATH = 0x7075;
function u16(b, o) {
    return b[o] | (b[o + 1] << 8);
}
function u32(b, o) {
    return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
/** Exact below 2^53; above that the value is only "huge", which every bound check rejects anyway. */
function records_u64(b, o) {
    return u32(b, o) + u32(b, o + 4) * 0x100000000;
}
function hasSig(b, o, sig) {
    return o >= 0 && o + 4 <= b.length && u32(b, o) === sig;
}
function parseEnd(b, offset) {
    return {
        offset,
        disk: u16(b, 4),
        cdDisk: u16(b, 6),
        entriesOnDisk: u16(b, 8),
        entriesTotal: u16(b, 10),
        cdSize: u32(b, 12),
        cdOffset: u32(b, 16),
        commentLength: u16(b, 20)
    };
}
function parseZip64Locator(b, offset) {
    return { offset, disk: u32(b, 4), recordOffset: records_u64(b, 8), totalDisks: u32(b, 16) };
}
function parseZip64End(b, offset) {
    return {
        offset,
        recordSize: records_u64(b, 4),
        disk: u32(b, 16),
        cdDisk: u32(b, 20),
        entriesOnDisk: records_u64(b, 24),
        entriesTotal: records_u64(b, 32),
        cdSize: records_u64(b, 40),
        cdOffset: records_u64(b, 48)
    };
}
function parseCentralFixed(b) {
    const nameLength = u16(b, 28);
    const extraLength = u16(b, 30);
    const commentLength = u16(b, 32);
    return {
        length: CENTRAL_SIZE + nameLength + extraLength + commentLength,
        versionMadeBy: u16(b, 4),
        versionNeeded: u16(b, 6),
        flags: u16(b, 8),
        method: u16(b, 10),
        crc: u32(b, 16),
        compSize: u32(b, 20),
        uncompSize: u32(b, 24),
        diskStart: u16(b, 34),
        externalAttr: u32(b, 38),
        localOffset: u32(b, 42),
        nameLength,
        extraLength,
        commentLength
    };
}
/**
 * Splits an extra block the way Python's `_decodeExtra` walks it: 1-3 trailing bytes are
 * ignored, a field whose declared size runs past the block is corruption.
 */
function splitExtra(extra) {
    const fields = [];
    let pos = 0;
    while (extra.length - pos >= 4) {
        const id = u16(extra, pos);
        const size = u16(extra, pos + 2);
        if (pos + 4 + size > extra.length)
            return { fields, corrupt: { id, size } };
        fields.push({ id, data: extra.subarray(pos + 4, pos + 4 + size) });
        pos += 4 + size;
    }
    return { fields };
}
/** Local-header Zip64 extra: both sizes are present (uncompressed first) whenever either 32-bit field is saturated. */
function applyLocalZip64(header, extra) {
    if (header.compSize !== U32_MAX && header.uncompSize !== U32_MAX)
        return header;
    const field = splitExtra(extra).fields.find((f) => f.id === EXTRA_ZIP64);
    if (!field || field.data.length < 16)
        return header;
    return { ...header, uncompSize: records_u64(field.data, 0), compSize: records_u64(field.data, 8) };
}
const CRC_TABLE = (() => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        table[n] = c >>> 0;
    }
    return table;
})();
/** Incremental CRC-32 (zlib's): start with 0, feed chunks, the result is unsigned. */
function crc32(crc, bytes) {
    let c = ~crc;
    for (let i = 0; i < bytes.length; i++)
        c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return ~c >>> 0;
}
// Python decodes names without the UTF-8 flag as cp437; these are code points 0x80-0xFF.
const CP437_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
function decodeCp437(bytes) {
    let out = '';
    for (const b of bytes)
        out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
    return out;
}
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const UTF8_LOSSY = new TextDecoder('utf-8');
/** Python's name decoding: UTF-8 when flag bit 11 is set (invalid bytes are an error), else cp437. */
function decodePythonName(bytes, flags) {
    if (!(flags & FLAG.utf8))
        return decodeCp437(bytes);
    try {
        return UTF8_STRICT.decode(bytes);
    }
    catch {
        return null;
    }
}
/** A display form of raw name bytes (miniz compares bytes; people read text). */
function displayName(bytes) {
    return UTF8_LOSSY.decode(bytes);
}
function bytesEqual(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
/** miniz's MZ_TOLOWER: ASCII A-Z only, byte by byte. Returned as a binary string for use as a map key. */
function asciiLowerKey(bytes) {
    let out = '';
    for (const b of bytes)
        out += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 32 : b);
    return out;
}
const METHOD_NAMES = {
    0: 'stored',
    8: 'deflate',
    9: 'deflate64',
    12: 'bzip2',
    14: 'lzma',
    93: 'zstd',
    95: 'xz',
    99: 'AES-encrypted'
};
function methodName(method) {
    return METHOD_NAMES[method] ? `${method} (${METHOD_NAMES[method]})` : String(method);
}

;// CONCATENATED MODULE: ./src/scan/zip/eocd.ts

/** miniz scans 4 KiB blocks backwards (stepping 4093) until it has looked ~64 KiB + 22 back: at most this many bytes. */
const MINIZ_BLOCK = 4096;
const MINIZ_WINDOW = MINIZ_BLOCK + 16 * (MINIZ_BLOCK - 3);
/** Python searches the last 64 KiB + 22 bytes (maximum comment plus the record). */
const PYTHON_WINDOW = 0xffff + EOCD_SIZE;
const TAIL_WINDOW = Math.max(MINIZ_WINDOW, PYTHON_WINDOW);
async function readTail(source) {
    const start = Math.max(0, source.size - TAIL_WINDOW);
    const bytes = await source.read(start, source.size - start);
    const signatures = [];
    for (let i = 0; i + 4 <= bytes.length; i++)
        if (hasSig(bytes, i, SIG.eocd))
            signatures.push(start + i);
    return { start, bytes, signatures };
}
async function readAt(source, tail, offset, length) {
    if (offset >= tail.start && offset + length <= tail.start + tail.bytes.length) {
        return tail.bytes.subarray(offset - tail.start, offset - tail.start + length);
    }
    return source.read(offset, length);
}
/** `mz_zip_reader_locate_header_sig`: the last signature with >= 22 bytes after it, within miniz's window. */
function minizEndOffset(size, tail) {
    if (size < EOCD_SIZE)
        return null;
    let cur = Math.max(size - MINIZ_BLOCK, 0);
    for (;;) {
        const n = Math.min(MINIZ_BLOCK, size - cur);
        for (let i = n - 4; i >= 0; i--) {
            const at = cur + i;
            if (hasSig(tail.bytes, at - tail.start, SIG.eocd) && size - at >= EOCD_SIZE)
                return at;
        }
        if (cur === 0 || size - cur >= 0xffff + EOCD_SIZE)
            return null;
        cur = Math.max(cur - (MINIZ_BLOCK - 3), 0);
    }
}
/** `mz_zip_reader_read_central_dir` up to (not including) the per-entry checks. */
async function minizEnd(source, tail) {
    const at = minizEndOffset(source.size, tail);
    if (at === null)
        return { rejected: 'no end of central directory record within 64 KiB of the end' };
    const eocd = parseEnd(await readAt(source, tail, at, EOCD_SIZE), at);
    let locator;
    let zip64;
    if (at >= ZIP64_LOCATOR_SIZE + ZIP64_EOCD_SIZE) {
        const loc = await readAt(source, tail, at - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
        if (hasSig(loc, 0, SIG.zip64Locator)) {
            locator = parseZip64Locator(loc, at - ZIP64_LOCATOR_SIZE);
            // miniz trusts the locator's absolute offset.
            if (locator.recordOffset > source.size - ZIP64_EOCD_SIZE) {
                return { rejected: `the Zip64 locator points past the end of the file (${locator.recordOffset})` };
            }
            const rec = await readAt(source, tail, locator.recordOffset, ZIP64_EOCD_SIZE);
            if (rec.length === ZIP64_EOCD_SIZE && hasSig(rec, 0, SIG.zip64Eocd))
                zip64 = parseZip64End(rec, locator.recordOffset);
        }
    }
    let totalEntries = eocd.entriesTotal;
    let onDisk = eocd.entriesOnDisk;
    let cdSize = eocd.cdSize;
    let cdOffset = eocd.cdOffset;
    let disk = eocd.disk;
    let cdDisk = eocd.cdDisk;
    const base = { eocd, locator, zip64 };
    if (zip64 && locator) {
        if (zip64.recordSize < ZIP64_EOCD_SIZE - 12)
            return { rejected: 'the Zip64 end record is too small' };
        if (locator.totalDisks !== 1)
            return { rejected: 'the Zip64 locator declares more than one disk' };
        if (zip64.entriesTotal > U32_MAX || zip64.entriesOnDisk > U32_MAX)
            return { rejected: 'more than 2^32 entries' };
        if (zip64.cdSize > U32_MAX)
            return { rejected: 'a central directory larger than 4 GiB' };
        totalEntries = zip64.entriesTotal;
        onDisk = zip64.entriesOnDisk;
        cdSize = zip64.cdSize;
        cdOffset = zip64.cdOffset;
        disk = zip64.disk;
        cdDisk = zip64.cdDisk;
    }
    const location = { ...base, cdOffset, cdSize, totalEntries, disk };
    if (totalEntries !== onDisk)
        return { ...location, rejected: 'the entry counts for this disk and in total differ' };
    if ((disk | cdDisk) !== 0 && (disk !== 1 || cdDisk !== 1))
        return { ...location, rejected: 'multi-disk archive' };
    if (cdSize < totalEntries * 46)
        return { ...location, rejected: 'the central directory is smaller than its entry count needs' };
    if (cdOffset + cdSize > source.size)
        return { ...location, rejected: 'the central directory extends past the end of the file' };
    return location;
}
/** `_EndRecData` + `_EndRecData64` + the start of `_RealGetContents` (CPython's classic Zip64 handling). */
async function pythonEnd(source, tail) {
    const size = source.size;
    let at = null;
    // Fast path: a record in the last 22 bytes whose comment length is zero.
    if (size >= EOCD_SIZE) {
        const last = tail.bytes.subarray(tail.bytes.length - EOCD_SIZE);
        if (hasSig(last, 0, SIG.eocd) && last[20] === 0 && last[21] === 0)
            at = size - EOCD_SIZE;
    }
    if (at === null) {
        const windowStart = Math.max(size - PYTHON_WINDOW, 0);
        const hits = tail.signatures.filter((s) => s >= windowStart);
        if (hits.length === 0)
            return { rejected: 'no end of central directory record within 64 KiB of the end' };
        const last = hits[hits.length - 1];
        // rfind takes the last signature even when a full record does not fit after it.
        if (last + EOCD_SIZE > size) {
            return { rejected: `the last end-record signature (offset ${last}) has fewer than 22 bytes after it` };
        }
        at = last;
    }
    const eocd = parseEnd(await readAt(source, tail, at, EOCD_SIZE), at);
    let locator;
    let zip64;
    if (at >= ZIP64_LOCATOR_SIZE) {
        const loc = await readAt(source, tail, at - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
        if (hasSig(loc, 0, SIG.zip64Locator)) {
            locator = parseZip64Locator(loc, at - ZIP64_LOCATOR_SIZE);
            if (locator.disk !== 0 || locator.totalDisks > 1)
                return { rejected: 'zipfiles that span multiple disks are not supported' };
            // Python ignores the locator's offset and expects the record right before it.
            const fixed = at - ZIP64_LOCATOR_SIZE - ZIP64_EOCD_SIZE;
            if (fixed < 0)
                return { rejected: 'the Zip64 locator has no room for an end record before it' };
            const rec = await readAt(source, tail, fixed, ZIP64_EOCD_SIZE);
            if (rec.length === ZIP64_EOCD_SIZE && u32(rec, 0) === SIG.zip64Eocd)
                zip64 = parseZip64End(rec, fixed);
        }
    }
    const cdSize = zip64 ? zip64.cdSize : eocd.cdSize;
    const cdOffset = zip64 ? zip64.cdOffset : eocd.cdOffset;
    const concat = at - cdSize - cdOffset - (zip64 ? ZIP64_EOCD_SIZE + ZIP64_LOCATOR_SIZE : 0);
    const cdStart = cdOffset + concat;
    const location = { eocd, locator, zip64, cdOffset, cdSize, concat, cdStart };
    if (cdStart < 0)
        return { ...location, rejected: 'bad offset for central directory' };
    return location;
}
/**
 * A central directory that miniz or Python zipfile finds from the end of the file: the test
 * `zipfile.is_zipfile` + `ZipFile()` pass whatever precedes the archive (a self-extractor stub, a
 * script, another format). An empty directory holds nothing to load, so it does not count.
 * `knownFrom`: bytes before this offset are not at hand (streamed content known by its tail only);
 * a directory starting there cannot be ruled out, so it counts as found.
 */
async function directoryFromEnd(source, knownFrom = 0) {
    if (source.size < EOCD_SIZE)
        return false;
    const tail = await readTail(source);
    if (tail.signatures.length === 0)
        return false;
    for (const end of await Promise.all([minizEnd(source, tail), pythonEnd(source, tail)])) {
        if (!('eocd' in end) || end.rejected !== undefined || end.cdSize < CENTRAL_SIZE)
            continue;
        const start = 'cdStart' in end ? end.cdStart : end.cdOffset;
        if (start < knownFrom || hasSig(await readAt(source, tail, start, 4), 0, SIG.central))
            return true;
    }
    return false;
}
/** Content known only by its last bytes (a stream too large to buffer), for `directoryFromEnd`. */
function tailSource(tail, size) {
    const start = size - tail.length;
    return {
        size,
        read: async (offset, length) => {
            const from = Math.max(offset, start);
            const to = Math.min(offset + length, size);
            return from === offset && to > from ? tail.subarray(from - start, to - start) : new Uint8Array(0);
        }
    };
}

;// CONCATENATED MODULE: ./src/scan/sniff.ts




/** Bytes read from the start of every file to classify it. */
const SNIFF_HEAD = 64 * 1024;
const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar" (POSIX and GNU tar)
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const COMPRESSION_MAGIC = [
    ['gzip', [0x1f, 0x8b]],
    ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
    ['bz2', [0x42, 0x5a, 0x68]], // "BZh"
    ['lz4', [0x04, 0x22, 0x4d, 0x18]],
    ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
    ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
    ['lzma', [0x5d, 0x00, 0x00]], // lzma "alone": properties byte 0x5D, dictionary size LE
    ['joblib-zf', [0x5a, 0x46]] // "ZF": joblib < 0.10 compat format
];
function startsWith(head, magic, at = 0) {
    if (head.length < at + magic.length)
        return false;
    for (let i = 0; i < magic.length; i++)
        if (head[at + i] !== magic[i])
            return false;
    return true;
}
/** RFC 1950 header: deflate method, window ≤ 32 KiB, header checksum. */
function isZlibHeader(head) {
    if (head.length < 2)
        return false;
    const [cmf, flg] = [head[0], head[1]];
    return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (cmf * 256 + flg) % 31 === 0;
}
/** LZ4 and zstd skippable frames share one magic (0x184D2A5X): the frame after it tells which. */
function afterSkippable(head) {
    if (head.length < 8 || head[1] !== 0x2a || head[2] !== 0x4d || head[3] !== 0x18 || (head[0] & 0xf0) !== 0x50)
        return undefined;
    const next = 8 + (head[4] | (head[5] << 8) | (head[6] << 16)) + head[7] * 2 ** 24;
    return next < head.length ? sniffCompression(head.subarray(next)) : undefined;
}
function sniffCompression(head) {
    for (const [name, magic] of COMPRESSION_MAGIC)
        if (startsWith(head, magic))
            return name;
    const skipped = afterSkippable(head);
    if (skipped === 'lz4' || skipped === 'zstd')
        return skipped;
    return isZlibHeader(head) ? 'zlib' : undefined;
}
/** HDF5 superblock at 0 or at a user-block offset (512, 1024, 2048, ...). */
async function findHdf5(source, head) {
    if (startsWith(head, HDF5_SIGNATURE))
        return 0;
    const probes = [];
    for (let at = 512; at + HDF5_SIGNATURE.length <= source.size; at *= 2)
        if (at + HDF5_SIGNATURE.length > head.length)
            probes.push([at, HDF5_SIGNATURE.length]);
    // Over HTTP each probe past the head would be a request: fetch them together, with the end
    // records the caller reads next (content is also sniffed from its end).
    if (probes.length > 0)
        await source.prefetch?.([...probes, [source.size - TAIL_WINDOW, TAIL_WINDOW]]);
    for (let at = 512; at + HDF5_SIGNATURE.length <= source.size; at *= 2) {
        const probe = at + HDF5_SIGNATURE.length <= head.length ? head.subarray(at) : await source.read(at, HDF5_SIGNATURE.length);
        if (startsWith(probe, HDF5_SIGNATURE))
            return at;
    }
    return undefined;
}
/** Classifies `source`; `head` is its first SNIFF_HEAD bytes when the caller has read them already. */
async function sniff(source, head) {
    if (source.size === 0)
        return { kind: 'empty' };
    head ??= await source.read(0, SNIFF_HEAD);
    if (source.size <= LFS_MAX_POINTER_SIZE && parseLfsPointer(head) !== null)
        return { kind: 'lfs-pointer' };
    // Before pickle and zip: a safetensors length prefix can spell `\x80\x02` or `PK` (formats.md §0).
    if (looksLikeSafetensors(head, source.size))
        return { kind: 'safetensors' };
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]))
        return { kind: 'zip' };
    if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]))
        return { kind: 'numpy' }; // \x93NUMPY
    // Before the weaker signatures: "GGUF" starts with BINFLOAT and a zlib header can be `(S`,
    // so a pickle could pose as either; a real GGUF/zlib/HDF5 file fails the probe at once.
    const notPickle = await probePickleSource(source, head);
    if (notPickle === null)
        return { kind: 'pickle' };
    if (startsWith(head, [0x47, 0x47, 0x55, 0x46]))
        return { kind: 'gguf' }; // "GGUF"
    const hdf5Offset = await findHdf5(source, head);
    if (hdf5Offset !== undefined)
        return { kind: 'hdf5', hdf5Offset };
    if (startsWith(head, USTAR_MAGIC, 257))
        return { kind: 'tar' }; // torch < 0.4 checkpoints are tar files
    const compression = sniffCompression(head);
    if (compression !== undefined)
        return { kind: 'compressed', compression };
    return { kind: 'other', notPickle };
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/scan/gguf/rejection.ts
// A check of llama.cpp's GGUF reader that fails: the file is refused (one high finding).
class GgufRejected extends Error {
    check;
    offset;
    tensor;
    constructor(check, message, 
    /** Byte offset of the field that fails. */
    offset, tensor) {
        super(message);
        this.check = check;
        this.offset = offset;
        this.tensor = tensor;
        this.name = 'GgufRejected';
    }
}
/** Our own bound (memory) was reached where llama.cpp reads on: not analysed, fail closed. */
class GgufTooLarge extends Error {
    offset;
    constructor(message, offset) {
        super(message);
        this.offset = offset;
        this.name = 'GgufTooLarge';
    }
}

;// CONCATENATED MODULE: ./src/scan/gguf/reader.ts
// Sequential reads of a GGUF header on positioned reads, through one window of at most
// WINDOW bytes: a vocabulary of hundreds of thousands of strings costs a few window loads,
// skipped values (string bytes, numeric arrays, tensor data) cost nothing. Every read is
// bounded by the bytes left in the file, as gguf.cpp's reader bounds it by `nbytes_remain`.


const WINDOW = 1024 * 1024;
class HeaderReader {
    source;
    window;
    /** Offset of the next byte to read. */
    pos = 0;
    buf = new Uint8Array(0);
    view = new DataView(this.buf.buffer);
    start = 0;
    constructor(source, window = WINDOW) {
        this.source = source;
        this.window = window;
    }
    get size() {
        return this.source.size;
    }
    /** gguf.cpp's `nbytes_remain`: the bytes from the position to the end of the file. */
    get remain() {
        return this.source.size - this.pos;
    }
    // The window may move while a read awaits: take the view only after it.
    async u32(what) {
        const i = await this.fixed(4, what);
        return this.view.getUint32(i, true);
    }
    async i32(what) {
        const i = await this.fixed(4, what);
        return this.view.getInt32(i, true);
    }
    async u64(what) {
        const i = await this.fixed(8, what);
        return this.view.getBigUint64(i, true);
    }
    async i64(what) {
        const i = await this.fixed(8, what);
        return this.view.getBigInt64(i, true);
    }
    /** The next u64 when its 8 bytes are in the window (no await: the vocabulary loop), else undefined. */
    u64Now() {
        const i = this.pos - this.start;
        if (i < 0 || i + 8 > this.buf.length)
            return undefined;
        this.pos += 8;
        return this.view.getBigUint64(i, true);
    }
    /** Moves past `n` bytes without reading them (a read of `what` past the end is refused). */
    skip(n, what) {
        if (n > this.remain)
            this.truncated(n, what);
        this.pos += n;
    }
    /** The next `n` bytes (n is small: a key head, a template, a name), copied. */
    async bytes(n, what) {
        if (n > this.remain)
            this.truncated(n, what);
        const at = this.pos;
        const inWindow = at >= this.start && at + n <= this.start + this.buf.length;
        const out = inWindow ? this.buf.slice(at - this.start, at - this.start + n) : await this.source.read(at, n);
        if (out.length < n)
            this.truncated(n, what, at + out.length);
        this.pos += n;
        return inWindow ? out : out.slice();
    }
    /** SHA-256 of the next `n` bytes, read a window at a time (`tick` between windows). */
    async digest(n, what, tick) {
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
        const end = this.pos + n;
        for (let at = this.pos; at < end;) {
            tick(at);
            const part = await this.source.read(at, Math.min(this.window, end - at));
            if (part.length === 0)
                this.truncated(n, what, at);
            hash.update(part);
            at += part.length;
        }
        this.pos = end;
        return hash.digest('hex');
    }
    /** Index in the window of the next `n` (≤ 8) bytes, loading the window when needed. */
    async fixed(n, what) {
        if (n > this.remain)
            this.truncated(n, what);
        const at = this.pos;
        if (at < this.start || at + n > this.start + this.buf.length) {
            const buf = await this.source.read(at, Math.min(this.window, this.remain));
            if (buf.length < n)
                this.truncated(n, what, at + buf.length);
            this.buf = buf;
            this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
            this.start = at;
        }
        this.pos += n;
        return at - this.start;
    }
    /** gguf.cpp's reader returns false: the read needs bytes past the end of the file. */
    truncated(n, what, end = this.source.size) {
        throw new GgufRejected('truncated', `${what} at offset ${this.pos} needs ${n} bytes but the file ends at ${end}`, this.pos);
    }
}

;// CONCATENATED MODULE: ./src/scan/gguf/constants.ts
// Limits and value types of llama.cpp's GGUF reader (ggml/src/gguf.cpp, gguf.h).
const GGUF_MAGIC = [0x47, 0x47, 0x55, 0x46]; // "GGUF"
/** GGUF_VERSION: the newest version gguf.cpp reads. */
const GGUF_VERSION = 3;
const GGUF_DEFAULT_ALIGNMENT = 32;
const GGUF_MAX_STRING_LENGTH = 1024 * 1024 * 1024;
const GGUF_MAX_ARRAY_ELEMENTS = 1024 * 1024 * 1024;
const GGML_MAX_NAME = 64;
const GGML_MAX_DIMS = 4;
const SIZE_MAX = (1n << 64n) - 1n;
const constants_INT64_MAX = (1n << 63n) - 1n;
/**
 * sizeof(gguf_tensor_info) = sizeof(ggml_tensor) 336 + u64 offset, and sizeof(gguf_kv) = 88
 * (std::string 32 + bool + enum + two std::vector), on a 64-bit Linux build (libstdc++):
 * the counts are checked against SIZE_MAX divided by them.
 */
const MAX_TENSORS = SIZE_MAX / 344n;
const MAX_KVS = SIZE_MAX / 88n;
/** gguf_type codes; ARRAY is a container, STRING has no fixed size. */
const GGUF_ARRAY = 9;
const GGUF_STRING = 8;
const GGUF_UINT32 = 4;
/** Fixed element sizes by gguf_type (GGUF_TYPE_SIZE); STRING and ARRAY have none. */
const GGUF_TYPE_SIZE = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
/** GGUF_TYPE_NAME, for messages. */
const GGUF_TYPE_NAME = {
    0: 'u8',
    1: 'i8',
    2: 'u16',
    3: 'i16',
    4: 'u32',
    5: 'i32',
    6: 'f32',
    7: 'bool',
    8: 'str',
    9: 'arr',
    10: 'u64',
    11: 'i64',
    12: 'f64'
};
const ALIGNMENT_KEY = 'general.alignment';
const TEMPLATE_KEY = 'tokenizer.chat_template';

;// CONCATENATED MODULE: ./node_modules/@huggingface/jinja/dist/index.js
var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => {
  __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
  return value;
};

// src/lexer.ts
var TOKEN_TYPES = Object.freeze({
  Text: "Text",
  // The text between Jinja statements or expressions
  NumericLiteral: "NumericLiteral",
  // e.g., 123, 1.0
  StringLiteral: "StringLiteral",
  // 'string'
  Identifier: "Identifier",
  // Variables, functions, statements, booleans, etc.
  Equals: "Equals",
  // =
  OpenParen: "OpenParen",
  // (
  CloseParen: "CloseParen",
  // )
  OpenStatement: "OpenStatement",
  // {%
  CloseStatement: "CloseStatement",
  // %}
  OpenExpression: "OpenExpression",
  // {{
  CloseExpression: "CloseExpression",
  // }}
  OpenSquareBracket: "OpenSquareBracket",
  // [
  CloseSquareBracket: "CloseSquareBracket",
  // ]
  OpenCurlyBracket: "OpenCurlyBracket",
  // {
  CloseCurlyBracket: "CloseCurlyBracket",
  // }
  Comma: "Comma",
  // ,
  Dot: "Dot",
  // .
  Colon: "Colon",
  // :
  Pipe: "Pipe",
  // |
  CallOperator: "CallOperator",
  // ()
  AdditiveBinaryOperator: "AdditiveBinaryOperator",
  // + - ~
  MultiplicativeBinaryOperator: "MultiplicativeBinaryOperator",
  // * / // %
  ExponentiationBinaryOperator: "ExponentiationBinaryOperator",
  // **
  ComparisonBinaryOperator: "ComparisonBinaryOperator",
  // < > <= >= == !=
  UnaryOperator: "UnaryOperator",
  // ! - +
  Comment: "Comment"
  // {# ... #}
});
var Token = class {
  /**
   * Constructs a new Token.
   * @param {string} value The raw value as seen inside the source code.
   * @param {TokenType} type The type of token.
   */
  constructor(value, type) {
    this.value = value;
    this.type = type;
  }
};
function isWord(code) {
  return code >= 97 && code <= 122 || // a-z
  code >= 65 && code <= 90 || // A-Z
  code >= 48 && code <= 57 || // 0-9
  code === 95;
}
function isInteger(code) {
  return code >= 48 && code <= 57;
}
function dist_isWhitespace(code) {
  if (code <= 32) {
    return code === 32 || code >= 9 && code <= 13;
  }
  return code > 127 && (code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288 || code === 65279);
}
var ORDERED_MAPPING_TABLE = [
  // Control sequences
  ["{%", TOKEN_TYPES.OpenStatement],
  ["%}", TOKEN_TYPES.CloseStatement],
  ["{{", TOKEN_TYPES.OpenExpression],
  ["}}", TOKEN_TYPES.CloseExpression],
  // Single character tokens
  ["(", TOKEN_TYPES.OpenParen],
  [")", TOKEN_TYPES.CloseParen],
  ["{", TOKEN_TYPES.OpenCurlyBracket],
  ["}", TOKEN_TYPES.CloseCurlyBracket],
  ["[", TOKEN_TYPES.OpenSquareBracket],
  ["]", TOKEN_TYPES.CloseSquareBracket],
  [",", TOKEN_TYPES.Comma],
  [".", TOKEN_TYPES.Dot],
  [":", TOKEN_TYPES.Colon],
  ["|", TOKEN_TYPES.Pipe],
  // Comparison operators
  ["<=", TOKEN_TYPES.ComparisonBinaryOperator],
  [">=", TOKEN_TYPES.ComparisonBinaryOperator],
  ["==", TOKEN_TYPES.ComparisonBinaryOperator],
  ["!=", TOKEN_TYPES.ComparisonBinaryOperator],
  ["<", TOKEN_TYPES.ComparisonBinaryOperator],
  [">", TOKEN_TYPES.ComparisonBinaryOperator],
  // Arithmetic operators
  ["+", TOKEN_TYPES.AdditiveBinaryOperator],
  ["-", TOKEN_TYPES.AdditiveBinaryOperator],
  ["~", TOKEN_TYPES.AdditiveBinaryOperator],
  ["**", TOKEN_TYPES.ExponentiationBinaryOperator],
  // NOTE: must come before "*" so that "**" is matched first
  ["*", TOKEN_TYPES.MultiplicativeBinaryOperator],
  ["//", TOKEN_TYPES.MultiplicativeBinaryOperator],
  // NOTE: must come before "/" so that "//" is matched first
  ["/", TOKEN_TYPES.MultiplicativeBinaryOperator],
  ["%", TOKEN_TYPES.MultiplicativeBinaryOperator],
  // Assignment operator
  ["=", TOKEN_TYPES.Equals]
];
var RULES_BY_FIRST_CHAR_CODE = [];
for (const rule of ORDERED_MAPPING_TABLE) {
  (RULES_BY_FIRST_CHAR_CODE[rule[0].charCodeAt(0)] ??= []).push(rule);
}
var ESCAPE_CHARACTERS = /* @__PURE__ */ new Map([
  ["n", "\n"],
  // New line
  ["t", "	"],
  // Horizontal tab
  ["r", "\r"],
  // Carriage return
  ["b", "\b"],
  // Backspace
  ["f", "\f"],
  // Form feed
  ["v", "\v"],
  // Vertical tab
  ["'", "'"],
  // Single quote
  ['"', '"'],
  // Double quote
  ["\\", "\\"]
  // Backslash
]);
function preprocess(template, options = {}) {
  if (template.endsWith("\n")) {
    template = template.slice(0, -1);
  }
  if (options.lstrip_blocks) {
    template = template.replace(/^[ \t]*({[#%-])/gm, "$1");
  }
  if (options.trim_blocks) {
    template = template.replace(/([#%-]})\n/g, "$1");
  }
  let result = "";
  let lastIndex = 0;
  for (const match of template.matchAll(/{%(-?)\s*(?:end)?generation\s*(-?)%}(\s*)/gs)) {
    const [fullMatch, lstrip, rstrip, after] = match;
    let endIndex = match.index;
    while (lstrip && endIndex > lastIndex && dist_isWhitespace(template.charCodeAt(endIndex - 1))) {
      --endIndex;
    }
    result += template.slice(lastIndex, endIndex) + (rstrip ? "" : after);
    lastIndex = match.index + fullMatch.length;
  }
  return result + template.slice(lastIndex);
}
function tokenize(source, options = {}) {
  const tokens = [];
  const src = preprocess(source, options);
  const length = src.length;
  let cursorPosition = 0;
  let curlyBracketDepth = 0;
  const names = /* @__PURE__ */ new Map();
  const consumeWhile = (predicate) => {
    const start = cursorPosition;
    while (predicate(src.charCodeAt(cursorPosition))) {
      if (++cursorPosition >= length) {
        throw new SyntaxError("Unexpected end of input");
      }
    }
    return src.slice(start, cursorPosition);
  };
  const consumeString = (quote) => {
    let str = "";
    let start = cursorPosition;
    while (true) {
      if (cursorPosition >= length) {
        throw new SyntaxError("Unexpected end of input");
      }
      const char = src[cursorPosition];
      if (char === quote) {
        break;
      }
      ++cursorPosition;
      if (char !== "\\") {
        continue;
      }
      str += src.slice(start, cursorPosition - 1);
      if (cursorPosition >= length) {
        throw new SyntaxError("Unexpected end of input");
      }
      const escaped = src[cursorPosition++];
      if (escaped === "x" || escaped === "u") {
        const hexLength = escaped === "x" ? 2 : 4;
        const hex = src.slice(cursorPosition, cursorPosition + hexLength);
        if (hex.length !== hexLength || /[^0-9a-f]/i.test(hex)) {
          throw new SyntaxError(`Invalid hexadecimal escape sequence: \\${escaped}${hex}`);
        }
        str += String.fromCharCode(parseInt(hex, 16));
        cursorPosition += hexLength;
      } else {
        const unescaped = ESCAPE_CHARACTERS.get(escaped);
        if (unescaped === void 0) {
          throw new SyntaxError(`Unexpected escaped character: ${escaped}`);
        }
        str += unescaped;
      }
      start = cursorPosition;
    }
    return str + src.slice(start, cursorPosition);
  };
  const stripTrailingWhitespace = () => {
    const lastToken = tokens.at(-1);
    if (lastToken && lastToken.type === TOKEN_TYPES.Text) {
      lastToken.value = lastToken.value.trimEnd();
      if (lastToken.value === "") {
        tokens.pop();
      }
    }
  };
  const skipLeadingWhitespace = () => {
    while (cursorPosition < length && dist_isWhitespace(src.charCodeAt(cursorPosition))) {
      ++cursorPosition;
    }
  };
  main:
    while (cursorPosition < length) {
      const lastTokenType = tokens.at(-1)?.type;
      if (lastTokenType === void 0 || lastTokenType === TOKEN_TYPES.CloseStatement || lastTokenType === TOKEN_TYPES.CloseExpression || lastTokenType === TOKEN_TYPES.Comment) {
        let end = cursorPosition;
        while (true) {
          end = src.indexOf("{", end);
          if (end === -1) {
            end = length;
            break;
          }
          const next = src[end + 1];
          if (next === "%" || next === "{" || next === "#") {
            break;
          }
          ++end;
        }
        if (end > cursorPosition) {
          tokens.push(new Token(src.slice(cursorPosition, end), TOKEN_TYPES.Text));
          cursorPosition = end;
          continue;
        }
      }
      if (src[cursorPosition] === "{") {
        const nextChar = src[cursorPosition + 1];
        if (nextChar === "#") {
          cursorPosition += 2;
          const stripBefore = src[cursorPosition] === "-";
          if (stripBefore) {
            ++cursorPosition;
          }
          const end = src.indexOf("#}", cursorPosition);
          if (end === -1) {
            throw new SyntaxError("Missing end of comment tag");
          }
          let comment = src.slice(cursorPosition, end);
          const stripAfter = comment.endsWith("-");
          if (stripAfter) {
            comment = comment.slice(0, -1);
          }
          if (stripBefore) {
            stripTrailingWhitespace();
          }
          tokens.push(new Token(comment, TOKEN_TYPES.Comment));
          cursorPosition = end + 2;
          if (stripAfter) {
            skipLeadingWhitespace();
          }
          continue;
        }
        if (src[cursorPosition + 2] === "-") {
          if (nextChar === "%") {
            stripTrailingWhitespace();
            tokens.push(new Token("{%", TOKEN_TYPES.OpenStatement));
            cursorPosition += 3;
            continue;
          }
          if (nextChar === "{") {
            stripTrailingWhitespace();
            tokens.push(new Token("{{", TOKEN_TYPES.OpenExpression));
            curlyBracketDepth = 0;
            cursorPosition += 3;
            continue;
          }
        }
      }
      consumeWhile(dist_isWhitespace);
      const char = src[cursorPosition];
      if (char === "-" && src[cursorPosition + 2] === "}") {
        const nextChar = src[cursorPosition + 1];
        if (nextChar === "%") {
          tokens.push(new Token("%}", TOKEN_TYPES.CloseStatement));
          cursorPosition += 3;
          skipLeadingWhitespace();
          continue;
        }
        if (nextChar === "}") {
          tokens.push(new Token("}}", TOKEN_TYPES.CloseExpression));
          cursorPosition += 3;
          skipLeadingWhitespace();
          continue;
        }
      }
      if (char === "-" || char === "+") {
        if (lastTokenType === TOKEN_TYPES.Text || lastTokenType === void 0) {
          throw new SyntaxError(`Unexpected character: ${char}`);
        }
        switch (lastTokenType) {
          case TOKEN_TYPES.Identifier:
          case TOKEN_TYPES.NumericLiteral:
          case TOKEN_TYPES.StringLiteral:
          case TOKEN_TYPES.CloseParen:
          case TOKEN_TYPES.CloseSquareBracket:
            break;
          default: {
            ++cursorPosition;
            let num = consumeWhile(isInteger);
            if (num.length > 0 && src[cursorPosition] === "." && isInteger(src.charCodeAt(cursorPosition + 1))) {
              ++cursorPosition;
              const frac = consumeWhile(isInteger);
              num = `${num}.${frac}`;
            }
            tokens.push(
              new Token(`${char}${num}`, num.length > 0 ? TOKEN_TYPES.NumericLiteral : TOKEN_TYPES.UnaryOperator)
            );
            continue;
          }
        }
      }
      const code = src.charCodeAt(cursorPosition);
      const rules = RULES_BY_FIRST_CHAR_CODE[code];
      if (rules !== void 0) {
        for (const [seq, type] of rules) {
          if (seq === "}}" && curlyBracketDepth > 0) {
            continue;
          }
          if (src.startsWith(seq, cursorPosition)) {
            tokens.push(new Token(seq, type));
            if (type === TOKEN_TYPES.OpenExpression) {
              curlyBracketDepth = 0;
            } else if (type === TOKEN_TYPES.OpenCurlyBracket) {
              ++curlyBracketDepth;
            } else if (type === TOKEN_TYPES.CloseCurlyBracket) {
              --curlyBracketDepth;
            }
            cursorPosition += seq.length;
            continue main;
          }
        }
      }
      if (char === "'" || char === '"') {
        ++cursorPosition;
        const str = consumeString(char);
        tokens.push(new Token(str, TOKEN_TYPES.StringLiteral));
        ++cursorPosition;
        continue;
      }
      if (isInteger(code)) {
        let num = consumeWhile(isInteger);
        if (lastTokenType !== TOKEN_TYPES.Dot && src[cursorPosition] === "." && isInteger(src.charCodeAt(cursorPosition + 1))) {
          ++cursorPosition;
          const frac = consumeWhile(isInteger);
          num = `${num}.${frac}`;
        }
        tokens.push(new Token(num, TOKEN_TYPES.NumericLiteral));
        continue;
      }
      if (isWord(code)) {
        let word = consumeWhile(isWord);
        const name = names.get(word);
        if (name === void 0) {
          names.set(word, word);
        } else {
          word = name;
        }
        tokens.push(new Token(word, TOKEN_TYPES.Identifier));
        continue;
      }
      throw new SyntaxError(`Unexpected character: ${char}`);
    }
  return tokens;
}

// src/ast.ts
var Statement = class {
  type = "Statement";
};
var Program = class extends Statement {
  constructor(body) {
    super();
    this.body = body;
  }
  type = "Program";
};
var If = class extends Statement {
  constructor(test, body, alternate) {
    super();
    this.test = test;
    this.body = body;
    this.alternate = alternate;
  }
  type = "If";
};
var For = class extends Statement {
  constructor(loopvar, iterable, body, defaultBlock) {
    super();
    this.loopvar = loopvar;
    this.iterable = iterable;
    this.body = body;
    this.defaultBlock = defaultBlock;
  }
  type = "For";
};
var Break = class extends Statement {
  type = "Break";
};
var Continue = class extends Statement {
  type = "Continue";
};
var SetStatement = class extends Statement {
  constructor(assignee, value, body) {
    super();
    this.assignee = assignee;
    this.value = value;
    this.body = body;
  }
  type = "Set";
};
var Macro = class extends Statement {
  constructor(name, args, body) {
    super();
    this.name = name;
    this.args = args;
    this.body = body;
  }
  type = "Macro";
};
var Comment = class extends Statement {
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Comment";
};
var Expression = class extends Statement {
  type = "Expression";
};
var MemberExpression = class extends Expression {
  constructor(object, property, computed) {
    super();
    this.object = object;
    this.property = property;
    this.computed = computed;
  }
  type = "MemberExpression";
};
var CallExpression = class extends Expression {
  constructor(callee, args) {
    super();
    this.callee = callee;
    this.args = args;
  }
  type = "CallExpression";
};
var Identifier = class extends Expression {
  /**
   * @param {string} value The name of the identifier
   */
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Identifier";
};
var Literal = class extends Expression {
  constructor(value) {
    super();
    this.value = value;
  }
  type = "Literal";
};
var IntegerLiteral = class extends Literal {
  type = "IntegerLiteral";
};
var FloatLiteral = class extends Literal {
  type = "FloatLiteral";
};
var StringLiteral = class extends Literal {
  type = "StringLiteral";
};
var ArrayLiteral = class extends Literal {
  type = "ArrayLiteral";
};
var TupleLiteral = class extends Literal {
  type = "TupleLiteral";
};
var ObjectLiteral = class extends Literal {
  type = "ObjectLiteral";
};
var BinaryExpression = class extends Expression {
  constructor(operator, left, right) {
    super();
    this.operator = operator;
    this.left = left;
    this.right = right;
  }
  type = "BinaryExpression";
};
var FilterExpression = class extends Expression {
  constructor(operand, filter) {
    super();
    this.operand = operand;
    this.filter = filter;
  }
  type = "FilterExpression";
};
var FilterStatement = class extends Statement {
  constructor(filter, body) {
    super();
    this.filter = filter;
    this.body = body;
  }
  type = "FilterStatement";
};
var SelectExpression = class extends Expression {
  constructor(lhs, test) {
    super();
    this.lhs = lhs;
    this.test = test;
  }
  type = "SelectExpression";
};
var TestExpression = class extends Expression {
  constructor(operand, negate, test) {
    super();
    this.operand = operand;
    this.negate = negate;
    this.test = test;
  }
  type = "TestExpression";
};
var UnaryExpression = class extends Expression {
  constructor(operator, argument) {
    super();
    this.operator = operator;
    this.argument = argument;
  }
  type = "UnaryExpression";
};
var SliceExpression = class extends Expression {
  constructor(start = void 0, stop = void 0, step = void 0) {
    super();
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
  type = "SliceExpression";
};
var KeywordArgumentExpression = class extends Expression {
  constructor(key, value) {
    super();
    this.key = key;
    this.value = value;
  }
  type = "KeywordArgumentExpression";
};
var SpreadExpression = class extends Expression {
  constructor(argument) {
    super();
    this.argument = argument;
  }
  type = "SpreadExpression";
};
var KeywordSpreadExpression = class extends Expression {
  constructor(argument) {
    super();
    this.argument = argument;
  }
  type = "KeywordSpreadExpression";
};
var CallStatement = class extends Statement {
  constructor(call, callerArgs, body) {
    super();
    this.call = call;
    this.callerArgs = callerArgs;
    this.body = body;
  }
  type = "CallStatement";
};
var Ternary = class extends Expression {
  constructor(condition, trueExpr, falseExpr) {
    super();
    this.condition = condition;
    this.trueExpr = trueExpr;
    this.falseExpr = falseExpr;
  }
  type = "Ternary";
};

// src/parser.ts
function parse(tokens) {
  const program = new Program([]);
  let current = 0;
  function expect(type, error) {
    const prev = tokens[current++];
    if (!prev || prev.type !== type) {
      throw new Error(`Parser Error: ${error}. ${prev.type} !== ${type}.`);
    }
    return prev;
  }
  function expectIdentifier(name) {
    if (!isIdentifier(name)) {
      throw new SyntaxError(`Expected ${name}`);
    }
    ++current;
  }
  function parseAny() {
    switch (tokens[current].type) {
      case TOKEN_TYPES.Comment:
        return new Comment(tokens[current++].value);
      case TOKEN_TYPES.Text:
        return parseText();
      case TOKEN_TYPES.OpenStatement:
        return parseJinjaStatement();
      case TOKEN_TYPES.OpenExpression:
        return parseJinjaExpression();
      default:
        throw new SyntaxError(`Unexpected token type: ${tokens[current].type}`);
    }
  }
  function is(...types) {
    return current + types.length <= tokens.length && types.every((type, i) => type === tokens[current + i].type);
  }
  function isStatement(...names) {
    return tokens[current]?.type === TOKEN_TYPES.OpenStatement && tokens[current + 1]?.type === TOKEN_TYPES.Identifier && names.includes(tokens[current + 1]?.value);
  }
  function isIdentifier(...names) {
    return current + names.length <= tokens.length && names.every((name, i) => tokens[current + i].type === "Identifier" && name === tokens[current + i].value);
  }
  function parseText() {
    return new StringLiteral(expect(TOKEN_TYPES.Text, "Expected text token").value);
  }
  function parseJinjaStatement() {
    expect(TOKEN_TYPES.OpenStatement, "Expected opening statement token");
    if (tokens[current].type !== TOKEN_TYPES.Identifier) {
      throw new SyntaxError(`Unknown statement, got ${tokens[current].type}`);
    }
    const name = tokens[current].value;
    let result;
    switch (name) {
      case "set":
        ++current;
        result = parseSetStatement();
        break;
      case "if":
        ++current;
        result = parseIfStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endif");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "macro":
        ++current;
        result = parseMacroStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endmacro");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "for":
        ++current;
        result = parseForStatement();
        expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
        expectIdentifier("endfor");
        expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
        break;
      case "call": {
        ++current;
        let callerArgs = null;
        if (is(TOKEN_TYPES.OpenParen)) {
          callerArgs = parseArgs("parameters");
        }
        const callee = parsePrimaryExpression();
        if (callee.type !== "Identifier") {
          throw new SyntaxError(`Expected identifier following call statement`);
        }
        const callArgs = parseArgs("call");
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const body = [];
        while (!isStatement("endcall")) {
          body.push(parseAny());
        }
        expect(TOKEN_TYPES.OpenStatement, "Expected '{%'");
        expectIdentifier("endcall");
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const callExpr = new CallExpression(callee, callArgs);
        result = new CallStatement(callExpr, callerArgs, body);
        break;
      }
      case "break":
        ++current;
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        result = new Break();
        break;
      case "continue":
        ++current;
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        result = new Continue();
        break;
      case "filter": {
        ++current;
        let filterNode = parsePrimaryExpression();
        if (filterNode instanceof Identifier && is(TOKEN_TYPES.OpenParen)) {
          filterNode = parseCallExpression(filterNode);
        }
        expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
        const filterBody = [];
        while (!isStatement("endfilter")) {
          filterBody.push(parseAny());
        }
        expect(TOKEN_TYPES.OpenStatement, "Expected '{%'");
        expectIdentifier("endfilter");
        expect(TOKEN_TYPES.CloseStatement, "Expected '%}'");
        result = new FilterStatement(filterNode, filterBody);
        break;
      }
      default:
        throw new SyntaxError(`Unknown statement type: ${name}`);
    }
    return result;
  }
  function parseJinjaExpression() {
    expect(TOKEN_TYPES.OpenExpression, "Expected opening expression token");
    const result = parseExpression();
    expect(TOKEN_TYPES.CloseExpression, "Expected closing expression token");
    return result;
  }
  function parseSetStatement() {
    const left = parseExpressionSequence();
    let value = null;
    const body = [];
    if (is(TOKEN_TYPES.Equals)) {
      ++current;
      value = parseExpressionSequence();
    } else {
      expect(TOKEN_TYPES.CloseStatement, "Expected %} token");
      while (!isStatement("endset")) {
        body.push(parseAny());
      }
      expect(TOKEN_TYPES.OpenStatement, "Expected {% token");
      expectIdentifier("endset");
    }
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    return new SetStatement(left, value, body);
  }
  function parseIfStatement() {
    const test = parseExpression();
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    const alternate = [];
    while (!isStatement("elif", "else", "endif")) {
      body.push(parseAny());
    }
    if (isStatement("elif")) {
      ++current;
      ++current;
      const result = parseIfStatement();
      alternate.push(result);
    } else if (isStatement("else")) {
      ++current;
      ++current;
      expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
      while (!isStatement("endif")) {
        alternate.push(parseAny());
      }
    }
    return new If(test, body, alternate);
  }
  function parseMacroStatement() {
    const name = parsePrimaryExpression();
    if (name.type !== "Identifier") {
      throw new SyntaxError(`Expected identifier following macro statement`);
    }
    const args = parseArgs("parameters");
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    while (!isStatement("endmacro")) {
      body.push(parseAny());
    }
    return new Macro(name, args, body);
  }
  function parseExpressionSequence(primary = false) {
    const fn = primary ? parsePrimaryExpression : parseExpression;
    const expressions = [fn()];
    const isTuple = is(TOKEN_TYPES.Comma);
    while (isTuple) {
      ++current;
      expressions.push(fn());
      if (!is(TOKEN_TYPES.Comma)) {
        break;
      }
    }
    return isTuple ? new TupleLiteral(expressions) : expressions[0];
  }
  function parseForStatement() {
    const loopVariable = parseExpressionSequence(true);
    if (!(loopVariable instanceof Identifier || loopVariable instanceof TupleLiteral)) {
      throw new SyntaxError(`Expected identifier/tuple for the loop variable, got ${loopVariable.type} instead`);
    }
    if (!isIdentifier("in")) {
      throw new SyntaxError("Expected `in` keyword following loop variable");
    }
    ++current;
    const iterable = parseExpression();
    expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
    const body = [];
    while (!isStatement("endfor", "else")) {
      body.push(parseAny());
    }
    const alternative = [];
    if (isStatement("else")) {
      ++current;
      ++current;
      expect(TOKEN_TYPES.CloseStatement, "Expected closing statement token");
      while (!isStatement("endfor")) {
        alternative.push(parseAny());
      }
    }
    return new For(loopVariable, iterable, body, alternative);
  }
  function parseExpression() {
    return parseIfExpression();
  }
  function parseIfExpression() {
    const a = parseLogicalOrExpression();
    if (isIdentifier("if")) {
      ++current;
      const test = parseLogicalOrExpression();
      if (isIdentifier("else")) {
        ++current;
        const falseExpr = parseIfExpression();
        return new Ternary(test, a, falseExpr);
      } else {
        return new SelectExpression(a, test);
      }
    }
    return a;
  }
  function parseLogicalOrExpression() {
    let left = parseLogicalAndExpression();
    while (isIdentifier("or")) {
      const operator = tokens[current];
      ++current;
      const right = parseLogicalAndExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseLogicalAndExpression() {
    let left = parseLogicalNegationExpression();
    while (isIdentifier("and")) {
      const operator = tokens[current];
      ++current;
      const right = parseLogicalNegationExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseLogicalNegationExpression() {
    let right;
    while (isIdentifier("not")) {
      const operator = tokens[current];
      ++current;
      const arg = parseLogicalNegationExpression();
      right = new UnaryExpression(operator, arg);
    }
    return right ?? parseComparisonExpression();
  }
  function parseComparisonExpression() {
    let left = parseAdditiveExpression();
    while (true) {
      let operator;
      if (isIdentifier("not", "in")) {
        operator = new Token("not in", TOKEN_TYPES.Identifier);
        current += 2;
      } else if (isIdentifier("in")) {
        operator = tokens[current++];
      } else if (is(TOKEN_TYPES.ComparisonBinaryOperator)) {
        operator = tokens[current++];
      } else {
        break;
      }
      const right = parseAdditiveExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseAdditiveExpression() {
    let left = parseMultiplicativeExpression();
    while (is(TOKEN_TYPES.AdditiveBinaryOperator)) {
      const operator = tokens[current];
      ++current;
      const right = parseMultiplicativeExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseCallMemberExpression() {
    const member = parseMemberExpression(parsePrimaryExpression());
    if (is(TOKEN_TYPES.OpenParen)) {
      return parseCallExpression(member);
    }
    return member;
  }
  function parseCallExpression(callee) {
    let expression = new CallExpression(callee, parseArgs("call"));
    expression = parseMemberExpression(expression);
    if (is(TOKEN_TYPES.OpenParen)) {
      expression = parseCallExpression(expression);
    }
    return expression;
  }
  function parseArgs(mode) {
    expect(TOKEN_TYPES.OpenParen, "Expected opening parenthesis for arguments list");
    const args = parseArgumentsList(mode);
    expect(TOKEN_TYPES.CloseParen, "Expected closing parenthesis for arguments list");
    return args;
  }
  function parseArgumentsList(mode) {
    const args = [];
    const parameterNames = /* @__PURE__ */ new Set();
    let sawKeywordOrDefault = false;
    let sawSpreadArgument = false;
    while (!is(TOKEN_TYPES.CloseParen)) {
      const isKeywordSpread = is(TOKEN_TYPES.ExponentiationBinaryOperator);
      const isPositionalSpread = is(TOKEN_TYPES.MultiplicativeBinaryOperator) && tokens[current].value === "*";
      if (mode === "parameters" && (isKeywordSpread || isPositionalSpread)) {
        throw new SyntaxError("Argument unpacking is not allowed in parameter declarations");
      }
      if (isKeywordSpread) {
        ++current;
        args.push(new KeywordSpreadExpression(parseExpression()));
        if (is(TOKEN_TYPES.Comma)) {
          ++current;
        }
        if (!is(TOKEN_TYPES.CloseParen)) {
          throw new SyntaxError("Expected closing parenthesis: `**` must be applied to the final argument");
        }
        break;
      }
      let argument;
      if (isPositionalSpread) {
        if (sawSpreadArgument) {
          throw new SyntaxError("Only one `*` argument unpacking is allowed");
        }
        sawSpreadArgument = true;
        ++current;
        const expr = parseExpression();
        argument = new SpreadExpression(expr);
      } else {
        argument = parseExpression();
        if (is(TOKEN_TYPES.Equals)) {
          ++current;
          if (!(argument instanceof Identifier)) {
            throw new SyntaxError(
              mode === "parameters" ? "Expected identifier for parameter declaration" : "Expected identifier for keyword argument"
            );
          }
          const value = parseExpression();
          argument = new KeywordArgumentExpression(argument, value);
        }
        if (mode === "parameters") {
          if (!(argument instanceof Identifier || argument instanceof KeywordArgumentExpression)) {
            throw new SyntaxError("Expected identifier for parameter declaration");
          }
          const parameterName = argument instanceof Identifier ? argument.value : argument.key.value;
          if (parameterNames.has(parameterName)) {
            throw new SyntaxError(`Duplicate parameter name: ${parameterName}`);
          }
          parameterNames.add(parameterName);
        }
        if (argument instanceof KeywordArgumentExpression) {
          sawKeywordOrDefault = true;
        } else if (sawKeywordOrDefault) {
          throw new SyntaxError(
            mode === "call" ? "Positional arguments must come before keyword arguments" : "Non-default argument follows default argument"
          );
        } else if (sawSpreadArgument) {
          throw new SyntaxError("Positional arguments must not follow `*` argument unpacking");
        }
      }
      args.push(argument);
      if (is(TOKEN_TYPES.Comma)) {
        ++current;
      }
    }
    return args;
  }
  function parseMemberExpressionArgumentsList() {
    const slices = [];
    let isSlice = false;
    while (!is(TOKEN_TYPES.CloseSquareBracket)) {
      if (is(TOKEN_TYPES.Colon)) {
        slices.push(void 0);
        ++current;
        isSlice = true;
      } else {
        slices.push(parseExpression());
        if (is(TOKEN_TYPES.Colon)) {
          ++current;
          isSlice = true;
        }
      }
    }
    if (slices.length === 0) {
      throw new SyntaxError(`Expected at least one argument for member/slice expression`);
    }
    if (isSlice) {
      if (slices.length > 3) {
        throw new SyntaxError(`Expected 0-3 arguments for slice expression`);
      }
      return new SliceExpression(...slices);
    }
    return slices[0];
  }
  function parseMemberExpression(object) {
    while (is(TOKEN_TYPES.Dot) || is(TOKEN_TYPES.OpenSquareBracket)) {
      const operator = tokens[current];
      ++current;
      let property;
      const computed = operator.type === TOKEN_TYPES.OpenSquareBracket;
      if (computed) {
        property = parseMemberExpressionArgumentsList();
        expect(TOKEN_TYPES.CloseSquareBracket, "Expected closing square bracket");
      } else {
        property = parsePrimaryExpression();
        if (property.type !== "Identifier" && property.type !== "IntegerLiteral") {
          throw new SyntaxError(`Expected identifier or integer following dot operator`);
        }
      }
      object = new MemberExpression(object, property, computed);
    }
    return object;
  }
  function parseMultiplicativeExpression() {
    let left = parsePowerExpression();
    while (is(TOKEN_TYPES.MultiplicativeBinaryOperator)) {
      const operator = tokens[current++];
      const right = parsePowerExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parsePowerExpression() {
    let left = parseTestExpression();
    while (is(TOKEN_TYPES.ExponentiationBinaryOperator)) {
      const operator = tokens[current++];
      const right = parseTestExpression();
      left = new BinaryExpression(operator, left, right);
    }
    return left;
  }
  function parseTestExpression() {
    let operand = parseFilterExpression();
    while (isIdentifier("is")) {
      ++current;
      const negate = isIdentifier("not");
      if (negate) {
        ++current;
      }
      const filter = parsePrimaryExpression();
      if (!(filter instanceof Identifier)) {
        throw new SyntaxError(`Expected identifier for the test`);
      }
      operand = new TestExpression(operand, negate, filter);
    }
    return operand;
  }
  function parseFilterExpression() {
    let operand = parseUnarySignExpression();
    while (is(TOKEN_TYPES.Pipe)) {
      ++current;
      let filter = parsePrimaryExpression();
      if (!(filter instanceof Identifier)) {
        throw new SyntaxError(`Expected identifier for the filter`);
      }
      if (is(TOKEN_TYPES.OpenParen)) {
        filter = parseCallExpression(filter);
      }
      operand = new FilterExpression(operand, filter);
    }
    return operand;
  }
  function parseUnarySignExpression() {
    const token = tokens[current];
    if (token && (token.type === TOKEN_TYPES.UnaryOperator || token.type === TOKEN_TYPES.AdditiveBinaryOperator) && (token.value === "-" || token.value === "+")) {
      const operator = tokens[current++];
      const argument = parseUnarySignExpression();
      return new UnaryExpression(operator, argument);
    }
    return parseCallMemberExpression();
  }
  function parsePrimaryExpression() {
    const token = tokens[current++];
    switch (token.type) {
      case TOKEN_TYPES.NumericLiteral: {
        const num = token.value;
        return num.includes(".") ? new FloatLiteral(Number(num)) : new IntegerLiteral(Number(num));
      }
      case TOKEN_TYPES.StringLiteral: {
        let value = token.value;
        while (is(TOKEN_TYPES.StringLiteral)) {
          value += tokens[current++].value;
        }
        return new StringLiteral(value);
      }
      case TOKEN_TYPES.Identifier:
        return new Identifier(token.value);
      case TOKEN_TYPES.OpenParen: {
        const expression = parseExpressionSequence();
        expect(TOKEN_TYPES.CloseParen, "Expected closing parenthesis, got ${tokens[current].type} instead.");
        return expression;
      }
      case TOKEN_TYPES.OpenSquareBracket: {
        const values = [];
        while (!is(TOKEN_TYPES.CloseSquareBracket)) {
          values.push(parseExpression());
          if (is(TOKEN_TYPES.Comma)) {
            ++current;
          }
        }
        ++current;
        return new ArrayLiteral(values);
      }
      case TOKEN_TYPES.OpenCurlyBracket: {
        const values = /* @__PURE__ */ new Map();
        while (!is(TOKEN_TYPES.CloseCurlyBracket)) {
          const key = parseExpression();
          expect(TOKEN_TYPES.Colon, "Expected colon between key and value in object literal");
          const value = parseExpression();
          values.set(key, value);
          if (is(TOKEN_TYPES.Comma)) {
            ++current;
          }
        }
        ++current;
        return new ObjectLiteral(values);
      }
      default:
        throw new SyntaxError(`Unexpected token: ${token.type}`);
    }
  }
  while (current < tokens.length) {
    program.body.push(parseAny());
  }
  return program;
}

// src/utils.ts
function range(start, stop, step = 1) {
  if (stop === void 0) {
    stop = start;
    start = 0;
  }
  if (step === 0) {
    throw new Error("range() step must not be zero");
  }
  const result = [];
  if (step > 0) {
    for (let i = start; i < stop; i += step) {
      result.push(i);
    }
  } else {
    for (let i = start; i > stop; i += step) {
      result.push(i);
    }
  }
  return result;
}
function slice(array, start, stop, step = 1) {
  const direction = Math.sign(step);
  if (direction >= 0) {
    start = (start ??= 0) < 0 ? Math.max(array.length + start, 0) : Math.min(start, array.length);
    stop = (stop ??= array.length) < 0 ? Math.max(array.length + stop, 0) : Math.min(stop, array.length);
  } else {
    start = (start ??= array.length - 1) < 0 ? Math.max(array.length + start, -1) : Math.min(start, array.length - 1);
    stop = (stop ??= -1) < -1 ? Math.max(array.length + stop, -1) : Math.min(stop, array.length - 1);
  }
  const result = [];
  for (let i = start; direction * i < direction * stop; i += step) {
    result.push(array[i]);
  }
  return result;
}
function titleCase(value) {
  return value.replace(/\b\w/g, (c) => c.toUpperCase());
}
function strftime_now(format2) {
  return strftime(/* @__PURE__ */ new Date(), format2);
}
function strftime(date, format2) {
  const monthFormatterLong = new Intl.DateTimeFormat(void 0, { month: "long" });
  const monthFormatterShort = new Intl.DateTimeFormat(void 0, { month: "short" });
  const pad2 = (n) => n < 10 ? "0" + n : n.toString();
  return format2.replace(/%[YmdbBHM%]/g, (token) => {
    switch (token) {
      case "%Y":
        return date.getFullYear().toString();
      case "%m":
        return pad2(date.getMonth() + 1);
      case "%d":
        return pad2(date.getDate());
      case "%b":
        return monthFormatterShort.format(date);
      case "%B":
        return monthFormatterLong.format(date);
      case "%H":
        return pad2(date.getHours());
      case "%M":
        return pad2(date.getMinutes());
      case "%%":
        return "%";
      default:
        return token;
    }
  });
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function replace(str, oldvalue, newvalue, count) {
  if (count === 0) {
    return str;
  }
  let remaining = count == null || count < 0 ? Infinity : count;
  const pattern = oldvalue.length === 0 ? new RegExp("(?=)", "gu") : new RegExp(escapeRegExp(oldvalue), "gu");
  return str.replaceAll(pattern, (match) => {
    if (remaining > 0) {
      --remaining;
      return newvalue;
    }
    return match;
  });
}

// src/runtime.ts
var BreakControl = class extends (/* unused pure expression or super */ null && (Error)) {
};
var ContinueControl = class extends (/* unused pure expression or super */ null && (Error)) {
};
var EMPTY_BUILTINS = /* @__PURE__ */ new Map();
var RuntimeValue = class {
  /**
   * A collection of built-in functions for this type.
   */
  get builtins() {
    return EMPTY_BUILTINS;
  }
  /**
   * Creates a new RuntimeValue.
   */
  constructor(value = void 0) {
    this.type = "RuntimeValue";
    this.value = value;
  }
  /**
   * Determines truthiness or falsiness of the runtime value.
   * This function should be overridden by subclasses if it has custom truthiness criteria.
   * @returns {BooleanValue} BooleanValue(true) if the value is truthy, BooleanValue(false) otherwise.
   */
  __bool__() {
    return new BooleanValue(!!this.value);
  }
  toString() {
    return String(this.value);
  }
};
var IntegerValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "IntegerValue";
  }
};
var FloatValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "FloatValue";
  }
  toString() {
    if (Object.is(this.value, -0)) {
      return "-0.0";
    }
    return this.value % 1 === 0 ? this.value.toFixed(1) : this.value.toString();
  }
};
var StringValue = class extends RuntimeValue {
  _builtins;
  constructor(value) {
    super(value);
    this.type = "StringValue";
  }
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([
      [
        "upper",
        new FunctionValue(() => {
          return new StringValue(this.value.toUpperCase());
        })
      ],
      [
        "lower",
        new FunctionValue(() => {
          return new StringValue(this.value.toLowerCase());
        })
      ],
      [
        "strip",
        new FunctionValue(() => {
          return new StringValue(this.value.trim());
        })
      ],
      [
        "title",
        new FunctionValue(() => {
          return new StringValue(titleCase(this.value));
        })
      ],
      [
        "capitalize",
        new FunctionValue(() => {
          return new StringValue(this.value.charAt(0).toUpperCase() + this.value.slice(1));
        })
      ],
      ["length", new IntegerValue(this.value.length)],
      [
        "rstrip",
        new FunctionValue(() => {
          return new StringValue(this.value.trimEnd());
        })
      ],
      [
        "lstrip",
        new FunctionValue(() => {
          return new StringValue(this.value.trimStart());
        })
      ],
      [
        "startswith",
        new FunctionValue((args) => {
          if (args.length === 0) {
            throw new Error("startswith() requires at least one argument");
          }
          const pattern = args[0];
          if (pattern instanceof StringValue) {
            return new BooleanValue(this.value.startsWith(pattern.value));
          } else if (pattern instanceof ArrayValue) {
            for (const item of pattern.value) {
              if (!(item instanceof StringValue)) {
                throw new Error("startswith() tuple elements must be strings");
              }
              if (this.value.startsWith(item.value)) {
                return new BooleanValue(true);
              }
            }
            return new BooleanValue(false);
          }
          throw new Error("startswith() argument must be a string or tuple of strings");
        })
      ],
      [
        "endswith",
        new FunctionValue((args) => {
          if (args.length === 0) {
            throw new Error("endswith() requires at least one argument");
          }
          const pattern = args[0];
          if (pattern instanceof StringValue) {
            return new BooleanValue(this.value.endsWith(pattern.value));
          } else if (pattern instanceof ArrayValue) {
            for (const item of pattern.value) {
              if (!(item instanceof StringValue)) {
                throw new Error("endswith() tuple elements must be strings");
              }
              if (this.value.endsWith(item.value)) {
                return new BooleanValue(true);
              }
            }
            return new BooleanValue(false);
          }
          throw new Error("endswith() argument must be a string or tuple of strings");
        })
      ],
      [
        "split",
        // follows Python's `str.split(sep=None, maxsplit=-1)` function behavior
        // https://docs.python.org/3.13/library/stdtypes.html#str.split
        new FunctionValue((args) => {
          const sep = args[0] ?? new NullValue();
          if (!(sep instanceof StringValue || sep instanceof NullValue)) {
            throw new Error("sep argument must be a string or null");
          }
          const maxsplit = args[1] ?? new IntegerValue(-1);
          if (!(maxsplit instanceof IntegerValue)) {
            throw new Error("maxsplit argument must be a number");
          }
          let result = [];
          if (sep instanceof NullValue) {
            const text = this.value.trimStart();
            for (const { 0: match, index } of text.matchAll(/\S+/g)) {
              if (maxsplit.value >= 0 && result.length >= maxsplit.value && index !== void 0) {
                result.push(match + text.slice(index + match.length));
                break;
              }
              result.push(match);
            }
          } else {
            if (sep.value === "") {
              throw new Error("empty separator");
            }
            result = this.value.split(sep.value);
            if (maxsplit.value >= 0 && result.length > maxsplit.value) {
              result.push(result.splice(maxsplit.value).join(sep.value));
            }
          }
          return new ArrayValue(result.map((part) => new StringValue(part)));
        })
      ],
      [
        "replace",
        new FunctionValue((args) => {
          if (args.length < 2) {
            throw new Error("replace() requires at least two arguments");
          }
          const oldValue = args[0];
          const newValue = args[1];
          if (!(oldValue instanceof StringValue && newValue instanceof StringValue)) {
            throw new Error("replace() arguments must be strings");
          }
          let count;
          if (args.length > 2) {
            if (args[2].type === "KeywordArgumentsValue") {
              count = args[2].value.get("count") ?? new NullValue();
            } else {
              count = args[2];
            }
          } else {
            count = new NullValue();
          }
          if (!(count instanceof IntegerValue || count instanceof NullValue)) {
            throw new Error("replace() count argument must be a number or null");
          }
          return new StringValue(replace(this.value, oldValue.value, newValue.value, count.value));
        })
      ]
    ]);
  }
};
var BooleanValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "BooleanValue";
  }
};
var NON_ASCII_CHARS = /[\x7f-\uffff]/g;
function makeAsciiSafe(str) {
  return str.replace(NON_ASCII_CHARS, (char) => "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0"));
}
function toJSON(input, options = {}, depth = 0, convertUndefinedToNull = true) {
  const { indent = null, ensureAscii = false, separators = null, sortKeys = false } = options;
  let itemSeparator;
  let keySeparator;
  if (separators) {
    [itemSeparator, keySeparator] = separators;
  } else if (indent) {
    itemSeparator = ",";
    keySeparator = ": ";
  } else {
    itemSeparator = ", ";
    keySeparator = ": ";
  }
  switch (input.type) {
    case "NullValue":
      return "null";
    case "UndefinedValue":
      return convertUndefinedToNull ? "null" : "undefined";
    case "IntegerValue":
    case "FloatValue":
    case "BooleanValue":
      return JSON.stringify(input.value);
    case "StringValue": {
      let result = JSON.stringify(input.value);
      if (ensureAscii) {
        result = makeAsciiSafe(result);
      }
      return result;
    }
    case "ArrayValue":
    case "NamespaceValue":
    case "ObjectValue": {
      const indentValue = indent ? " ".repeat(indent) : "";
      const basePadding = "\n" + indentValue.repeat(depth);
      const childrenPadding = basePadding + indentValue;
      if (input.type === "ArrayValue") {
        const core = input.value.map((x) => toJSON(x, options, depth + 1, convertUndefinedToNull));
        return indent && core.length > 0 ? `[${childrenPadding}${core.join(`${itemSeparator}${childrenPadding}`)}${basePadding}]` : `[${core.join(itemSeparator)}]`;
      } else {
        let entries = Array.from(input.value.entries());
        if (sortKeys) {
          entries = entries.sort(([a], [b]) => a.localeCompare(b));
        }
        const core = entries.map(([key, value]) => {
          let keyStr = JSON.stringify(key);
          if (ensureAscii) {
            keyStr = makeAsciiSafe(keyStr);
          }
          const v = `${keyStr}${keySeparator}${toJSON(value, options, depth + 1, convertUndefinedToNull)}`;
          return indent ? `${childrenPadding}${v}` : v;
        });
        return indent && core.length > 0 ? `{${core.join(itemSeparator)}${basePadding}}` : `{${core.join(itemSeparator)}}`;
      }
    }
    default:
      throw new Error(`Cannot convert to JSON: ${input.type}`);
  }
}
var ObjectValue = class extends RuntimeValue {
  _builtins;
  constructor(value) {
    super(value);
    this.type = "ObjectValue";
  }
  /**
   * NOTE: necessary to override since all JavaScript arrays are considered truthy,
   * while only non-empty Python arrays are consider truthy.
   *
   * e.g.,
   *  - JavaScript:  {} && 5 -> 5
   *  - Python:      {} and 5 -> {}
   */
  __bool__() {
    return new BooleanValue(this.value.size > 0);
  }
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([
      [
        "get",
        new FunctionValue(([key, defaultValue]) => {
          if (!(key instanceof StringValue)) {
            throw new Error(`Object key must be a string: got ${key.type}`);
          }
          return this.value.get(key.value) ?? defaultValue ?? new NullValue();
        })
      ],
      ["items", new FunctionValue(() => this.items())],
      ["keys", new FunctionValue(() => this.keys())],
      ["values", new FunctionValue(() => this.values())],
      [
        "dictsort",
        new FunctionValue((args) => {
          let kwargs = /* @__PURE__ */ new Map();
          const positionalArgs = args.filter((arg) => {
            if (arg instanceof KeywordArgumentsValue) {
              kwargs = arg.value;
              return false;
            }
            return true;
          });
          const caseSensitive = positionalArgs.at(0) ?? kwargs.get("case_sensitive") ?? new BooleanValue(false);
          if (!(caseSensitive instanceof BooleanValue)) {
            throw new Error("case_sensitive must be a boolean");
          }
          const by = positionalArgs.at(1) ?? kwargs.get("by") ?? new StringValue("key");
          if (!(by instanceof StringValue)) {
            throw new Error("by must be a string");
          }
          if (!["key", "value"].includes(by.value)) {
            throw new Error("by must be either 'key' or 'value'");
          }
          const reverse = positionalArgs.at(2) ?? kwargs.get("reverse") ?? new BooleanValue(false);
          if (!(reverse instanceof BooleanValue)) {
            throw new Error("reverse must be a boolean");
          }
          const items = Array.from(this.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value])).sort((a, b) => {
            const index = by.value === "key" ? 0 : 1;
            const aVal = a.value[index];
            const bVal = b.value[index];
            const result = compareRuntimeValues(aVal, bVal, caseSensitive.value);
            return reverse.value ? -result : result;
          });
          return new ArrayValue(items);
        })
      ]
    ]);
  }
  items() {
    return new ArrayValue(
      Array.from(this.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value]))
    );
  }
  keys() {
    return new ArrayValue(Array.from(this.value.keys()).map((key) => new StringValue(key)));
  }
  values() {
    return new ArrayValue(Array.from(this.value.values()));
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var LoopValue = class extends ObjectValue {
  constructor(iteration, length, previtem, nextitem) {
    super();
    this.iteration = iteration;
    this.length = length;
    this.previtem = previtem;
    this.nextitem = nextitem;
  }
  createEntries() {
    const i = this.iteration;
    const length = this.length;
    return /* @__PURE__ */ new Map([
      ["index", new IntegerValue(i + 1)],
      ["index0", new IntegerValue(i)],
      ["revindex", new IntegerValue(length - i)],
      ["revindex0", new IntegerValue(length - i - 1)],
      ["first", new BooleanValue(i === 0)],
      ["last", new BooleanValue(i === length - 1)],
      ["length", new IntegerValue(length)],
      ["previtem", this.previtem ?? new UndefinedValue()],
      ["nextitem", this.nextitem ?? new UndefinedValue()]
    ]);
  }
};
Object.defineProperty(LoopValue.prototype, "value", {
  get() {
    return this.entries ??= this.createEntries();
  },
  set(entries) {
    this.entries = entries;
  },
  configurable: true
});
var KeywordArgumentsValue = class extends ObjectValue {
  constructor(value) {
    super(value);
    this.type = "KeywordArgumentsValue";
  }
};
var NamespaceValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "NamespaceValue";
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var ArrayValue = class extends RuntimeValue {
  _builtins;
  constructor(value) {
    super(value);
    this.type = "ArrayValue";
  }
  get builtins() {
    return this._builtins ??= /* @__PURE__ */ new Map([["length", new IntegerValue(this.value.length)]]);
  }
  /**
   * NOTE: necessary to override since all JavaScript arrays are considered truthy,
   * while only non-empty Python arrays are consider truthy.
   *
   * e.g.,
   *  - JavaScript:  [] && 5 -> 5
   *  - Python:      [] and 5 -> []
   */
  __bool__() {
    return new BooleanValue(this.value.length > 0);
  }
  toString() {
    return toJSON(this, {}, 0, false);
  }
};
var TupleValue = class extends ArrayValue {
  constructor(value) {
    super(value);
    this.type = "TupleValue";
  }
};
var FunctionValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "FunctionValue";
  }
};
var NullValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "NullValue";
  }
};
var UndefinedValue = class extends RuntimeValue {
  constructor(value) {
    super(value);
    this.type = "UndefinedValue";
  }
};
function normalizeNamespaceEntry(pair) {
  let values;
  if (pair instanceof ArrayValue) {
    values = pair.value;
  } else if (pair instanceof StringValue) {
    values = Array.from(pair.value, (char) => new StringValue(char));
  }
  if (!values || values.length !== 2) {
    throw new Error("namespace expected an object or an iterable of [key, value] pairs");
  }
  const [key, value] = values;
  if (!(key instanceof StringValue)) {
    throw new Error("namespace keys must be strings");
  }
  return [key, value];
}
function namespaceBuiltin(args) {
  const positional = args.slice();
  let kwargs;
  if (positional.at(-1) instanceof KeywordArgumentsValue) {
    kwargs = positional.pop();
  }
  if (positional.length > 1) {
    throw new Error(`namespace expected at most 1 argument, got ${positional.length}`);
  }
  const entries = /* @__PURE__ */ new Map();
  if (positional.length === 1) {
    const source = positional[0];
    if (source instanceof ObjectValue) {
      for (const [key, value] of source.value) {
        entries.set(key, value);
      }
    } else if (source instanceof ArrayValue) {
      for (const pair of source.value) {
        const [key, value] = normalizeNamespaceEntry(pair);
        entries.set(key.value, value);
      }
    } else {
      throw new Error(`'${source.type}' object is not iterable`);
    }
  }
  if (kwargs) {
    for (const [key, value] of kwargs.value) {
      entries.set(key, value);
    }
  }
  return new NamespaceValue(entries);
}
var CALL_BLOCK_SCOPE = Symbol("callBlockScope");
var _Environment = class {
  constructor(parent) {
    this.parent = parent;
  }
  /**
   * The variables declared in this environment.
   */
  variables = (/* @__PURE__ */ new Map()).set(
    "namespace",
    new FunctionValue(namespaceBuiltin)
  );
  tests = _Environment.TESTS;
  /**
   * Set the value of a variable in the current environment.
   */
  set(name, value) {
    return this.declareVariable(name, convertToRuntimeValues(value));
  }
  declareVariable(name, value) {
    if (this.variables.has(name)) {
      throw new SyntaxError(`Variable already declared: ${name}`);
    }
    this.variables.set(name, value);
    return value;
  }
  // private assignVariable(name: string, value: AnyRuntimeValue): AnyRuntimeValue {
  // 	const env = this.resolve(name);
  // 	env.variables.set(name, value);
  // 	return value;
  // }
  /**
   * Set variable in the current scope.
   * See https://jinja.palletsprojects.com/en/3.0.x/templates/#assignments for more information.
   */
  setVariable(name, value) {
    this.variables.set(name, value);
    return value;
  }
  /**
   * Resolve the environment in which the variable is declared.
   * @param {string} name The name of the variable.
   * @returns {Environment | undefined} The environment containing the variable, if declared.
   */
  resolve(name) {
    if (this.variables.has(name)) {
      return this;
    }
    if (this.parent) {
      return this.parent.resolve(name);
    }
    return void 0;
  }
  lookupVariable(name) {
    try {
      return this.resolve(name)?.variables.get(name) ?? new UndefinedValue();
    } catch {
      return new UndefinedValue();
    }
  }
};
var Environment = _Environment;
/**
 * The tests available in this environment.
 */
__publicField(Environment, "TESTS", /* @__PURE__ */ new Map([
  ["boolean", (operand) => operand.type === "BooleanValue"],
  ["callable", (operand) => operand instanceof FunctionValue],
  [
    "odd",
    (operand) => {
      if (!(operand instanceof IntegerValue)) {
        throw new Error(`cannot odd on ${operand.type}`);
      }
      return operand.value % 2 !== 0;
    }
  ],
  [
    "even",
    (operand) => {
      if (!(operand instanceof IntegerValue)) {
        throw new Error(`cannot even on ${operand.type}`);
      }
      return operand.value % 2 === 0;
    }
  ],
  ["false", (operand) => operand.type === "BooleanValue" && !operand.value],
  ["true", (operand) => operand.type === "BooleanValue" && operand.value],
  ["none", (operand) => operand.type === "NullValue"],
  ["string", (operand) => operand.type === "StringValue"],
  ["number", (operand) => operand instanceof IntegerValue || operand instanceof FloatValue],
  ["integer", (operand) => operand instanceof IntegerValue],
  ["iterable", (operand) => operand.type === "ArrayValue" || operand.type === "StringValue"],
  ["mapping", (operand) => operand instanceof ObjectValue],
  [
    "sequence",
    (operand) => operand instanceof ArrayValue || operand instanceof ObjectValue || operand instanceof StringValue
  ],
  [
    "lower",
    (operand) => {
      const str = operand.value;
      return operand.type === "StringValue" && str === str.toLowerCase();
    }
  ],
  [
    "upper",
    (operand) => {
      const str = operand.value;
      return operand.type === "StringValue" && str === str.toUpperCase();
    }
  ],
  ["none", (operand) => operand.type === "NullValue"],
  ["defined", (operand) => operand.type !== "UndefinedValue"],
  ["undefined", (operand) => operand.type === "UndefinedValue"],
  ["equalto", (a, b) => a.value === b.value],
  ["eq", (a, b) => a.value === b.value]
]));
function setupGlobals(env) {
  env.set("false", false);
  env.set("true", true);
  env.set("none", null);
  env.set("raise_exception", (args) => {
    throw new Error(args);
  });
  env.set("range", range);
  env.set("strftime_now", strftime_now);
  env.set("True", true);
  env.set("False", false);
  env.set("None", null);
}
function isAttributeContainer(value) {
  return value instanceof ObjectValue || value instanceof NamespaceValue;
}
function isNumericLikeValue(value) {
  return value instanceof IntegerValue || value instanceof FloatValue || value instanceof BooleanValue;
}
function getNumericValue(value) {
  return value instanceof BooleanValue ? Number(value.value) : value.value;
}
function getAttributeValue(item, attributePath) {
  const parts = attributePath.split(".");
  let value = item;
  for (const part of parts) {
    if (isAttributeContainer(value)) {
      value = value.value.get(part) ?? new UndefinedValue();
    } else if (value instanceof ArrayValue) {
      const index = parseInt(part, 10);
      if (!isNaN(index) && index >= 0 && index < value.value.length) {
        value = value.value[index];
      } else {
        return new UndefinedValue();
      }
    } else {
      return new UndefinedValue();
    }
  }
  return value;
}
function compareRuntimeValues(a, b, caseSensitive = false) {
  if (a instanceof NullValue && b instanceof NullValue) {
    return 0;
  }
  if (a instanceof NullValue || b instanceof NullValue) {
    throw new Error(`Cannot compare ${a.type} with ${b.type}`);
  }
  if (a instanceof UndefinedValue && b instanceof UndefinedValue) {
    return 0;
  }
  if (a instanceof UndefinedValue || b instanceof UndefinedValue) {
    throw new Error(`Cannot compare ${a.type} with ${b.type}`);
  }
  if (isNumericLikeValue(a) && isNumericLikeValue(b)) {
    const aNum = getNumericValue(a);
    const bNum = getNumericValue(b);
    return aNum < bNum ? -1 : aNum > bNum ? 1 : 0;
  }
  if (a.type !== b.type) {
    throw new Error(`Cannot compare different types: ${a.type} and ${b.type}`);
  }
  switch (a.type) {
    case "StringValue": {
      let aStr = a.value;
      let bStr = b.value;
      if (!caseSensitive) {
        aStr = aStr.toLowerCase();
        bStr = bStr.toLowerCase();
      }
      return aStr < bStr ? -1 : aStr > bStr ? 1 : 0;
    }
    default:
      throw new Error(`Cannot compare type: ${a.type}`);
  }
}
function getParameterDescriptor(argument) {
  if (argument.type === "Identifier") {
    return { name: argument.value };
  }
  const keywordArgument = argument;
  return { name: keywordArgument.key.value, defaultValue: keywordArgument.value };
}
function isSpecialMacroArgument(name) {
  return name === "caller" || name === "kwargs" || name === "varargs";
}
function findAccessedSpecialMacroArguments(parameters, body) {
  const declared = /* @__PURE__ */ new Set();
  const accessed = /* @__PURE__ */ new Set();
  const declareName = (name) => {
    if (isSpecialMacroArgument(name)) {
      declared.add(name);
    }
  };
  const declareTarget = (target) => {
    if (target.type === "Identifier") {
      declareName(target.value);
    } else if (target.type === "TupleLiteral") {
      for (const item of target.value) {
        declareTarget(item);
      }
    }
  };
  const declareArgument = (argument) => {
    declareName(getParameterDescriptor(argument).name);
  };
  const visitArgumentDefaults = (args) => {
    for (const argument of args) {
      const parameter = getParameterDescriptor(argument);
      if (parameter.defaultValue) {
        visit(parameter.defaultValue);
      }
    }
  };
  const visitFilter = (filter) => {
    if (filter.type === "CallExpression") {
      visit(filter.args);
    }
  };
  const visit = (node) => {
    if (Array.isArray(node)) {
      for (const item of node) {
        visit(item);
      }
      return;
    }
    if (node instanceof Map) {
      for (const [key, value] of node) {
        visit(key);
        visit(value);
      }
      return;
    }
    if (!(node instanceof Statement)) {
      return;
    }
    switch (node.type) {
      case "For": {
        const statement = node;
        declareTarget(statement.loopvar);
        if (statement.iterable.type === "SelectExpression") {
          const iterable = statement.iterable;
          visit(iterable.lhs);
          visit(statement.body);
          visit(statement.defaultBlock);
          visit(iterable.test);
          return;
        }
        visit(statement.iterable);
        visit(statement.body);
        visit(statement.defaultBlock);
        return;
      }
      case "Set": {
        const statement = node;
        declareTarget(statement.assignee);
        visit(statement.value);
        visit(statement.body);
        return;
      }
      case "Macro": {
        const statement = node;
        for (const argument of statement.args) {
          declareArgument(argument);
        }
        visitArgumentDefaults(statement.args);
        visit(statement.body);
        return;
      }
      case "CallStatement": {
        const statement = node;
        visit(statement.call);
        for (const argument of statement.callerArgs ?? []) {
          declareArgument(argument);
        }
        visitArgumentDefaults(statement.callerArgs ?? []);
        visit(statement.body);
        return;
      }
      case "FilterStatement": {
        const statement = node;
        visit(statement.body);
        visitFilter(statement.filter);
        return;
      }
      case "Identifier": {
        const name = node.value;
        if (isSpecialMacroArgument(name) && !declared.has(name)) {
          accessed.add(name);
        }
        return;
      }
      case "MemberExpression": {
        const expression = node;
        visit(expression.object);
        if (expression.computed) {
          visit(expression.property);
        }
        return;
      }
      case "FilterExpression": {
        const expression = node;
        visit(expression.operand);
        visitFilter(expression.filter);
        return;
      }
      case "TestExpression":
        visit(node.operand);
        return;
      case "SelectExpression": {
        const expression = node;
        visit(expression.test);
        visit(expression.lhs);
        return;
      }
      case "KeywordArgumentExpression":
        visit(node.value);
        return;
      default:
        for (const child of Object.values(node)) {
          visit(child);
        }
    }
  };
  for (const parameter of parameters) {
    declareArgument(parameter);
  }
  visit(body);
  return accessed;
}
var ACCESSED_SPECIAL_ARGUMENTS = /* @__PURE__ */ new WeakMap();
function getAccessedSpecialMacroArguments(node) {
  let accessed = ACCESSED_SPECIAL_ARGUMENTS.get(node);
  if (accessed === void 0) {
    const parameters = node.type === "Macro" ? node.args : node.callerArgs ?? [];
    accessed = findAccessedSpecialMacroArguments(parameters, node.body);
    ACCESSED_SPECIAL_ARGUMENTS.set(node, accessed);
  }
  return accessed;
}
var Interpreter = class {
  global;
  constructor(env) {
    this.global = env ?? new Environment();
  }
  /**
   * Run the program.
   */
  run(program) {
    return this.evaluate(program, this.global);
  }
  /**
   * Evaluates expressions following the binary operation type.
   */
  evaluateBinaryExpression(node, environment) {
    const operator = node.operator.value;
    const left = this.evaluate(node.left, environment);
    switch (operator) {
      case "and":
        return left.__bool__().value ? this.evaluate(node.right, environment) : left;
      case "or":
        return left.__bool__().value ? left : this.evaluate(node.right, environment);
    }
    const right = this.evaluate(node.right, environment);
    switch (operator) {
      case "==":
        return new BooleanValue(left.value == right.value);
      case "!=":
        return new BooleanValue(left.value != right.value);
    }
    if ((left instanceof IntegerValue || left instanceof FloatValue) && (right instanceof IntegerValue || right instanceof FloatValue) && // These two operators are handled (for all operand types) below
    operator !== "~" && operator !== "**") {
      const a = left.value, b = right.value;
      switch (operator) {
        case "+":
        case "-":
        case "*": {
          const res = operator === "+" ? a + b : operator === "-" ? a - b : a * b;
          const isFloat = left instanceof FloatValue || right instanceof FloatValue;
          return isFloat ? new FloatValue(res) : new IntegerValue(res);
        }
        case "/":
          return new FloatValue(a / b);
        case "//": {
          const res = Math.floor(a / b);
          const isFloat = left instanceof FloatValue || right instanceof FloatValue;
          return isFloat ? new FloatValue(res) : new IntegerValue(res);
        }
        case "%": {
          const rem = a % b;
          const isFloat = left instanceof FloatValue || right instanceof FloatValue;
          return isFloat ? new FloatValue(rem) : new IntegerValue(rem);
        }
        case "<":
          return new BooleanValue(a < b);
        case ">":
          return new BooleanValue(a > b);
        case ">=":
          return new BooleanValue(a >= b);
        case "<=":
          return new BooleanValue(a <= b);
      }
    } else if (left instanceof UndefinedValue || right instanceof UndefinedValue) {
      if (right instanceof UndefinedValue && ["in", "not in"].includes(operator)) {
        return new BooleanValue(operator === "not in");
      }
      if (operator === "~" && !(left instanceof NullValue || right instanceof NullValue)) {
        const lhs = left instanceof UndefinedValue ? "" : left.value.toString();
        const rhs = right instanceof UndefinedValue ? "" : right.value.toString();
        return new StringValue(lhs + rhs);
      }
      throw new Error(`Cannot perform operation ${operator} on undefined values`);
    } else if (left instanceof NullValue || right instanceof NullValue) {
      throw new Error("Cannot perform operation on null values");
    } else if (operator === "~") {
      return new StringValue(left.value.toString() + right.value.toString());
    } else if (operator === "**" && isNumericLikeValue(left) && isNumericLikeValue(right)) {
      const a = getNumericValue(left);
      const b = getNumericValue(right);
      if (a === 0 && b < 0) {
        throw new Error("0.0 cannot be raised to a negative power");
      }
      const result = a ** b;
      if (!Number.isFinite(result)) {
        throw new Error("Exponentiation result is not a finite real number");
      }
      const isFloat = left instanceof FloatValue || right instanceof FloatValue || b < 0;
      return isFloat ? new FloatValue(result) : new IntegerValue(result);
    } else if (left instanceof ArrayValue && right instanceof ArrayValue) {
      switch (operator) {
        case "+":
          return new ArrayValue(left.value.concat(right.value));
      }
    } else if (right instanceof ArrayValue) {
      const member = right.value.find((x) => x.value === left.value) !== void 0;
      switch (operator) {
        case "in":
          return new BooleanValue(member);
        case "not in":
          return new BooleanValue(!member);
      }
    }
    if (left instanceof StringValue || right instanceof StringValue) {
      switch (operator) {
        case "+":
          return new StringValue(left.value.toString() + right.value.toString());
      }
    }
    if (left instanceof StringValue && right instanceof StringValue) {
      switch (operator) {
        case "in":
          return new BooleanValue(right.value.includes(left.value));
        case "not in":
          return new BooleanValue(!right.value.includes(left.value));
      }
    }
    if (left instanceof StringValue && right instanceof ObjectValue) {
      switch (operator) {
        case "in":
          return new BooleanValue(right.value.has(left.value));
        case "not in":
          return new BooleanValue(!right.value.has(left.value));
      }
    }
    throw new SyntaxError(`Unknown operator "${operator}" between ${left.type} and ${right.type}`);
  }
  /**
   * Evaluates the arguments of a call in the calling convention of FunctionValue: the positional arguments,
   * followed by a single KeywordArgumentsValue with all keyword arguments (if there are any).
   */
  evaluateCallArguments(args, environment) {
    for (const argument of args) {
      const type = argument.type;
      if (type === "KeywordArgumentExpression" || type === "SpreadExpression" || type === "KeywordSpreadExpression") {
        const [positionalArguments2, keywordArguments] = this.evaluateArguments(args, environment);
        if (keywordArguments.size > 0) {
          positionalArguments2.push(new KeywordArgumentsValue(keywordArguments));
        }
        return positionalArguments2;
      }
    }
    const positionalArguments = new Array(args.length);
    for (let i = 0; i < args.length; ++i) {
      positionalArguments[i] = this.evaluate(args[i], environment);
    }
    return positionalArguments;
  }
  evaluateArguments(args, environment) {
    const positionalArguments = [];
    const keywordArguments = /* @__PURE__ */ new Map();
    const addKeywordArgument = (key, value) => {
      if (keywordArguments.has(key)) {
        throw new Error(`Got multiple values for keyword argument '${key}'`);
      }
      keywordArguments.set(key, value);
    };
    for (const argument of args) {
      if (argument.type === "SpreadExpression") {
        const spreadNode = argument;
        const val = this.evaluate(spreadNode.argument, environment);
        if (!(val instanceof ArrayValue)) {
          throw new Error(`Cannot unpack non-iterable type: ${val.type}`);
        }
        for (const item of val.value) {
          positionalArguments.push(item);
        }
      } else if (argument.type !== "KeywordArgumentExpression" && argument.type !== "KeywordSpreadExpression") {
        positionalArguments.push(this.evaluate(argument, environment));
      }
    }
    for (const argument of args) {
      if (argument.type === "KeywordArgumentExpression") {
        const kwarg = argument;
        addKeywordArgument(kwarg.key.value, this.evaluate(kwarg.value, environment));
      } else if (argument.type === "KeywordSpreadExpression") {
        const spreadNode = argument;
        const val = this.evaluate(spreadNode.argument, environment);
        if (!(val instanceof ObjectValue)) {
          throw new Error(`Argument after ** must be a mapping, not ${val.type}`);
        }
        for (const [key, value] of val.value) {
          addKeywordArgument(key, value);
        }
      }
    }
    return [positionalArguments, keywordArguments];
  }
  applyFilter(operand, filterNode, environment) {
    if (filterNode.type === "Identifier") {
      const filter = filterNode;
      if (filter.value === "safe") {
        return operand;
      }
      if (filter.value === "tojson") {
        return new StringValue(toJSON(operand, {}));
      }
      if (operand instanceof ArrayValue) {
        switch (filter.value) {
          case "list":
            return operand;
          case "first":
            return operand.value[0];
          case "last":
            return operand.value[operand.value.length - 1];
          case "length":
            return new IntegerValue(operand.value.length);
          case "reverse":
            return new ArrayValue(operand.value.slice().reverse());
          case "sort": {
            return new ArrayValue(operand.value.slice().sort((a, b) => compareRuntimeValues(a, b, false)));
          }
          case "join":
            return new StringValue(operand.value.map((x) => x.value).join(""));
          case "string":
            return new StringValue(toJSON(operand, {}, 0, false));
          case "unique": {
            const seen = /* @__PURE__ */ new Set();
            const output = [];
            for (const item of operand.value) {
              if (!seen.has(item.value)) {
                seen.add(item.value);
                output.push(item);
              }
            }
            return new ArrayValue(output);
          }
          default:
            throw new Error(`Unknown ArrayValue filter: ${filter.value}`);
        }
      } else if (operand instanceof StringValue) {
        switch (filter.value) {
          case "length":
          case "upper":
          case "lower":
          case "title":
          case "capitalize": {
            const builtin = operand.builtins.get(filter.value);
            if (builtin instanceof FunctionValue) {
              return builtin.value(
                /* no arguments */
                [],
                environment
              );
            } else if (builtin instanceof IntegerValue) {
              return builtin;
            } else {
              throw new Error(`Unknown StringValue filter: ${filter.value}`);
            }
          }
          case "trim":
            return new StringValue(operand.value.trim());
          case "indent":
            return new StringValue(
              operand.value.split("\n").map(
                (x, i) => (
                  // By default, don't indent the first line or empty lines
                  i === 0 || x.length === 0 ? x : "    " + x
                )
              ).join("\n")
            );
          case "join":
          case "string":
            return operand;
          case "int": {
            const val = parseInt(operand.value, 10);
            return new IntegerValue(isNaN(val) ? 0 : val);
          }
          case "float": {
            const val = parseFloat(operand.value);
            return new FloatValue(isNaN(val) ? 0 : val);
          }
          default:
            throw new Error(`Unknown StringValue filter: ${filter.value}`);
        }
      } else if (operand instanceof IntegerValue || operand instanceof FloatValue) {
        switch (filter.value) {
          case "abs":
            return operand instanceof IntegerValue ? new IntegerValue(Math.abs(operand.value)) : new FloatValue(Math.abs(operand.value));
          case "int":
            return new IntegerValue(Math.trunc(operand.value) + 0);
          case "float":
            return new FloatValue(operand.value);
          case "string":
            return new StringValue(operand.toString());
          default:
            throw new Error(`Unknown NumericValue filter: ${filter.value}`);
        }
      } else if (operand instanceof ObjectValue) {
        switch (filter.value) {
          case "items":
            return new ArrayValue(
              Array.from(operand.value.entries()).map(([key, value]) => new ArrayValue([new StringValue(key), value]))
            );
          case "length":
            return new IntegerValue(operand.value.size);
          default: {
            const builtin = operand.builtins.get(filter.value);
            if (builtin) {
              if (builtin instanceof FunctionValue) {
                return builtin.value([], environment);
              }
              return builtin;
            }
            throw new Error(`Unknown ObjectValue filter: ${filter.value}`);
          }
        }
      } else if (operand instanceof BooleanValue) {
        switch (filter.value) {
          case "bool":
            return new BooleanValue(operand.value);
          case "int":
            return new IntegerValue(operand.value ? 1 : 0);
          case "float":
            return new FloatValue(operand.value ? 1 : 0);
          case "string":
            return new StringValue(operand.value ? "true" : "false");
          default:
            throw new Error(`Unknown BooleanValue filter: ${filter.value}`);
        }
      }
      throw new Error(`Cannot apply filter "${filter.value}" to type: ${operand.type}`);
    } else if (filterNode.type === "CallExpression") {
      const filter = filterNode;
      if (filter.callee.type !== "Identifier") {
        throw new Error(`Unknown filter: ${filter.callee.type}`);
      }
      const filterName = filter.callee.value;
      if (filterName === "tojson") {
        const [, kwargs] = this.evaluateArguments(filter.args, environment);
        const indent = kwargs.get("indent") ?? new NullValue();
        if (!(indent instanceof IntegerValue || indent instanceof NullValue)) {
          throw new Error("If set, indent must be a number");
        }
        const ensureAscii = kwargs.get("ensure_ascii") ?? new BooleanValue(false);
        if (!(ensureAscii instanceof BooleanValue)) {
          throw new Error("If set, ensure_ascii must be a boolean");
        }
        const sortKeys = kwargs.get("sort_keys") ?? new BooleanValue(false);
        if (!(sortKeys instanceof BooleanValue)) {
          throw new Error("If set, sort_keys must be a boolean");
        }
        const separatorsArg = kwargs.get("separators") ?? new NullValue();
        let separators = null;
        if (separatorsArg instanceof ArrayValue || separatorsArg instanceof TupleValue) {
          if (separatorsArg.value.length !== 2) {
            throw new Error("separators must be a tuple of two strings");
          }
          const [itemSep, keySep] = separatorsArg.value;
          if (!(itemSep instanceof StringValue) || !(keySep instanceof StringValue)) {
            throw new Error("separators must be a tuple of two strings");
          }
          separators = [itemSep.value, keySep.value];
        } else if (!(separatorsArg instanceof NullValue)) {
          throw new Error("If set, separators must be a tuple of two strings");
        }
        return new StringValue(
          toJSON(operand, {
            indent: indent.value,
            ensureAscii: ensureAscii.value,
            sortKeys: sortKeys.value,
            separators
          })
        );
      } else if (filterName === "join") {
        let value;
        if (operand instanceof StringValue) {
          value = Array.from(operand.value);
        } else if (operand instanceof ArrayValue) {
          value = operand.value.map((x) => x.value);
        } else {
          throw new Error(`Cannot apply filter "${filterName}" to type: ${operand.type}`);
        }
        const [args, kwargs] = this.evaluateArguments(filter.args, environment);
        const separator = args.at(0) ?? kwargs.get("separator") ?? new StringValue("");
        if (!(separator instanceof StringValue)) {
          throw new Error("separator must be a string");
        }
        return new StringValue(value.join(separator.value));
      } else if (filterName === "int" || filterName === "float") {
        const [args, kwargs] = this.evaluateArguments(filter.args, environment);
        const defaultValue = args.at(0) ?? kwargs.get("default") ?? (filterName === "int" ? new IntegerValue(0) : new FloatValue(0));
        if (operand instanceof StringValue) {
          const val = filterName === "int" ? parseInt(operand.value, 10) : parseFloat(operand.value);
          return isNaN(val) ? defaultValue : filterName === "int" ? new IntegerValue(val) : new FloatValue(val);
        } else if (operand instanceof IntegerValue || operand instanceof FloatValue) {
          return filterName === "int" ? new IntegerValue(Math.trunc(operand.value) + 0) : new FloatValue(operand.value);
        } else if (operand instanceof BooleanValue) {
          return filterName === "int" ? new IntegerValue(operand.value ? 1 : 0) : new FloatValue(operand.value ? 1 : 0);
        } else {
          throw new Error(`Cannot apply filter "${filterName}" to type: ${operand.type}`);
        }
      } else if (filterName === "default") {
        const [args, kwargs] = this.evaluateArguments(filter.args, environment);
        const defaultValue = args[0] ?? new StringValue("");
        const booleanValue = args[1] ?? kwargs.get("boolean") ?? new BooleanValue(false);
        if (!(booleanValue instanceof BooleanValue)) {
          throw new Error("`default` filter flag must be a boolean");
        }
        if (operand instanceof UndefinedValue || booleanValue.value && !operand.__bool__().value) {
          return defaultValue;
        }
        return operand;
      }
      if (operand instanceof ArrayValue) {
        switch (filterName) {
          case "sort": {
            const [args, kwargs] = this.evaluateArguments(filter.args, environment);
            const reverse = args.at(0) ?? kwargs.get("reverse") ?? new BooleanValue(false);
            if (!(reverse instanceof BooleanValue)) {
              throw new Error("reverse must be a boolean");
            }
            const caseSensitive = args.at(1) ?? kwargs.get("case_sensitive") ?? new BooleanValue(false);
            if (!(caseSensitive instanceof BooleanValue)) {
              throw new Error("case_sensitive must be a boolean");
            }
            const attribute = args.at(2) ?? kwargs.get("attribute") ?? new NullValue();
            if (!(attribute instanceof StringValue || attribute instanceof IntegerValue || attribute instanceof NullValue)) {
              throw new Error("attribute must be a string, integer, or null");
            }
            const getSortValue = (item) => {
              if (attribute instanceof NullValue) {
                return item;
              }
              const attrPath = attribute instanceof IntegerValue ? String(attribute.value) : attribute.value;
              return getAttributeValue(item, attrPath);
            };
            return new ArrayValue(
              operand.value.slice().sort((a, b) => {
                const aVal = getSortValue(a);
                const bVal = getSortValue(b);
                const result = compareRuntimeValues(aVal, bVal, caseSensitive.value);
                return reverse.value ? -result : result;
              })
            );
          }
          case "selectattr":
          case "rejectattr": {
            const select = filterName === "selectattr";
            if (operand.value.some((item) => !isAttributeContainer(item))) {
              throw new Error(`\`${filterName}\` can only be applied to array of objects`);
            }
            if (filter.args.some((x) => x.type !== "StringLiteral")) {
              throw new Error(`arguments of \`${filterName}\` must be strings`);
            }
            const [attr, testName, value] = filter.args.map((x) => this.evaluate(x, environment));
            let testFunction;
            if (testName) {
              const test = environment.tests.get(testName.value);
              if (!test) {
                throw new Error(`Unknown test: ${testName.value}`);
              }
              testFunction = test;
            } else {
              testFunction = (...x) => x[0].__bool__().value;
            }
            const filtered = operand.value.filter((item) => {
              const a = item.value.get(attr.value);
              const result = a ? testFunction(a, value) : false;
              return select ? result : !result;
            });
            return new ArrayValue(filtered);
          }
          case "map": {
            const [, kwargs] = this.evaluateArguments(filter.args, environment);
            if (kwargs.has("attribute")) {
              const attr = kwargs.get("attribute");
              if (!(attr instanceof StringValue)) {
                throw new Error("attribute must be a string");
              }
              const defaultValue = kwargs.get("default");
              const mapped = operand.value.map((item) => {
                if (!isAttributeContainer(item)) {
                  throw new Error("items in map must be an object");
                }
                const value = getAttributeValue(item, attr.value);
                return value instanceof UndefinedValue ? defaultValue ?? new UndefinedValue() : value;
              });
              return new ArrayValue(mapped);
            } else {
              throw new Error("`map` expressions without `attribute` set are not currently supported.");
            }
          }
        }
        throw new Error(`Unknown ArrayValue filter: ${filterName}`);
      } else if (operand instanceof StringValue) {
        switch (filterName) {
          case "indent": {
            const [args, kwargs] = this.evaluateArguments(filter.args, environment);
            const width = args.at(0) ?? kwargs.get("width") ?? new IntegerValue(4);
            if (!(width instanceof IntegerValue || width instanceof StringValue)) {
              throw new Error("width must be an integer or a string");
            }
            const first = args.at(1) ?? kwargs.get("first") ?? new BooleanValue(false);
            const blank = args.at(2) ?? kwargs.get("blank") ?? new BooleanValue(false);
            const lines = operand.value.split("\n");
            const indent = width instanceof StringValue ? width.value : " ".repeat(Math.max(0, width.value));
            const indented = lines.map(
              (x, i) => !first.value && i === 0 || !blank.value && x.length === 0 ? x : indent + x
            );
            return new StringValue(indented.join("\n"));
          }
          case "replace": {
            const replaceFn = operand.builtins.get("replace");
            if (!(replaceFn instanceof FunctionValue)) {
              throw new Error("replace filter not available");
            }
            const [args, kwargs] = this.evaluateArguments(filter.args, environment);
            return replaceFn.value([...args, new KeywordArgumentsValue(kwargs)], environment);
          }
        }
        throw new Error(`Unknown StringValue filter: ${filterName}`);
      } else if (operand instanceof ObjectValue) {
        const builtin = operand.builtins.get(filterName);
        if (builtin && builtin instanceof FunctionValue) {
          return builtin.value(this.evaluateCallArguments(filter.args, environment), environment);
        }
        throw new Error(`Unknown ObjectValue filter: ${filterName}`);
      } else {
        throw new Error(`Cannot apply filter "${filterName}" to type: ${operand.type}`);
      }
    }
    throw new Error(`Unknown filter: ${filterNode.type}`);
  }
  /**
   * Evaluates expressions following the filter operation type.
   */
  evaluateFilterExpression(node, environment) {
    const operand = this.evaluate(node.operand, environment);
    return this.applyFilter(operand, node.filter, environment);
  }
  /**
   * Evaluates expressions following the test operation type.
   */
  evaluateTestExpression(node, environment) {
    const operand = this.evaluate(node.operand, environment);
    const test = environment.tests.get(node.test.value);
    if (!test) {
      throw new Error(`Unknown test: ${node.test.value}`);
    }
    const result = test(operand);
    return new BooleanValue(node.negate ? !result : result);
  }
  /**
   * Evaluates expressions following the select operation type.
   */
  evaluateSelectExpression(node, environment) {
    const predicate = this.evaluate(node.test, environment);
    if (!predicate.__bool__().value) {
      return new UndefinedValue();
    }
    return this.evaluate(node.lhs, environment);
  }
  /**
   * Evaluates expressions following the unary operation type.
   */
  evaluateUnaryExpression(node, environment) {
    const argument = this.evaluate(node.argument, environment);
    switch (node.operator.value) {
      case "not":
        return new BooleanValue(!argument.__bool__().value);
      case "+":
      case "-": {
        const sign = node.operator.value === "-" ? -1 : 1;
        if (argument instanceof IntegerValue || argument instanceof FloatValue || argument instanceof BooleanValue) {
          const value = argument instanceof BooleanValue ? argument.value ? 1 : 0 : argument.value;
          const result = sign * value;
          return argument instanceof FloatValue ? new FloatValue(result) : new IntegerValue(result);
        }
        throw new SyntaxError(`Unknown operator "${node.operator.value}" for ${argument.type}`);
      }
      default:
        throw new SyntaxError(`Unknown operator: ${node.operator.value}`);
    }
  }
  evaluateTernaryExpression(node, environment) {
    const cond = this.evaluate(node.condition, environment);
    return cond.__bool__().value ? this.evaluate(node.trueExpr, environment) : this.evaluate(node.falseExpr, environment);
  }
  evalProgram(program, environment) {
    return this.evaluateBlock(program.body, environment);
  }
  evaluateBlock(statements, environment) {
    return new StringValue(this.renderBlock(statements, environment));
  }
  /**
   * Jinja templates always evaluate to a String, so we accumulate the result of each statement into a final string.
   */
  renderBlock(statements, environment) {
    let result = "";
    for (let i = 0; i < statements.length; ++i) {
      const statement = statements[i];
      switch (statement.type) {
        case "StringLiteral":
          result += statement.value;
          break;
        case "If":
          result += this.renderIf(statement, environment);
          break;
        case "For":
          result += this.renderFor(statement, environment);
          break;
        case "Set":
          this.executeSet(statement, environment);
          break;
        case "Comment":
          break;
        default: {
          const evaluated = this.evaluate(statement, environment);
          if (evaluated.type !== "NullValue" && evaluated.type !== "UndefinedValue") {
            result += evaluated.toString();
          }
        }
      }
    }
    return result;
  }
  evaluateIdentifier(node, environment) {
    return environment.lookupVariable(node.value);
  }
  evaluateCallExpression(expr, environment) {
    const args = this.evaluateCallArguments(expr.args, environment);
    const fn = this.evaluate(expr.callee, environment);
    if (fn.type !== "FunctionValue") {
      throw new Error(`Cannot call something that is not a function: got ${fn.type}`);
    }
    return fn.value(args, environment);
  }
  evaluateSliceExpression(object, expr, environment) {
    if (!(object instanceof ArrayValue || object instanceof StringValue)) {
      throw new Error("Slice object must be an array or string");
    }
    const start = this.evaluate(expr.start, environment);
    const stop = this.evaluate(expr.stop, environment);
    const step = this.evaluate(expr.step, environment);
    if (!(start instanceof IntegerValue || start instanceof UndefinedValue)) {
      throw new Error("Slice start must be numeric or undefined");
    }
    if (!(stop instanceof IntegerValue || stop instanceof UndefinedValue)) {
      throw new Error("Slice stop must be numeric or undefined");
    }
    if (!(step instanceof IntegerValue || step instanceof UndefinedValue)) {
      throw new Error("Slice step must be numeric or undefined");
    }
    if (object instanceof ArrayValue) {
      return new ArrayValue(slice(object.value, start.value, stop.value, step.value));
    } else {
      return new StringValue(slice(Array.from(object.value), start.value, stop.value, step.value).join(""));
    }
  }
  evaluateMemberExpression(expr, environment) {
    const object = this.evaluate(expr.object, environment);
    let property;
    if (expr.computed) {
      if (expr.property.type === "SliceExpression") {
        return this.evaluateSliceExpression(object, expr.property, environment);
      } else {
        property = this.evaluate(expr.property, environment);
      }
    } else if (expr.property.type === "IntegerLiteral") {
      property = new IntegerValue(expr.property.value);
    } else {
      property = new StringValue(expr.property.value);
    }
    let value;
    if (isAttributeContainer(object)) {
      if (!(property instanceof StringValue)) {
        throw new Error(`Cannot access property with non-string: got ${property.type}`);
      }
      value = object.value.get(property.value) ?? (object instanceof ObjectValue ? object.builtins.get(property.value) : void 0);
    } else if (object instanceof ArrayValue || object instanceof StringValue) {
      if (property instanceof IntegerValue) {
        if (object instanceof StringValue) {
          const character = object.value.at(property.value);
          value = character === void 0 ? void 0 : new StringValue(character);
        } else {
          value = object.value.at(property.value);
        }
      } else if (property instanceof StringValue) {
        value = object.builtins.get(property.value);
      } else {
        throw new Error(`Cannot access property with non-string/non-number: got ${property.type}`);
      }
    } else {
      if (!(property instanceof StringValue)) {
        throw new Error(`Cannot access property with non-string: got ${property.type}`);
      }
      value = object.builtins.get(property.value);
    }
    return value instanceof RuntimeValue ? value : new UndefinedValue();
  }
  executeSet(node, environment) {
    const rhs = node.value ? this.evaluate(node.value, environment) : this.evaluateBlock(node.body, environment);
    if (node.assignee.type === "Identifier") {
      const variableName = node.assignee.value;
      environment.setVariable(variableName, rhs);
    } else if (node.assignee.type === "TupleLiteral") {
      const tuple = node.assignee;
      if (!(rhs instanceof ArrayValue)) {
        throw new Error(`Cannot unpack non-iterable type in set: ${rhs.type}`);
      }
      const arr = rhs.value;
      if (arr.length !== tuple.value.length) {
        throw new Error(`Too ${tuple.value.length > arr.length ? "few" : "many"} items to unpack in set`);
      }
      for (let i = 0; i < tuple.value.length; ++i) {
        const elem = tuple.value[i];
        if (elem.type !== "Identifier") {
          throw new Error(`Cannot unpack to non-identifier in set: ${elem.type}`);
        }
        environment.setVariable(elem.value, arr[i]);
      }
    } else if (node.assignee.type === "MemberExpression") {
      const member = node.assignee;
      const object = this.evaluate(member.object, environment);
      if (!(object instanceof NamespaceValue)) {
        throw new Error("cannot assign attribute on non-namespace object");
      }
      if (member.property.type !== "Identifier") {
        throw new Error("Cannot assign to member with non-identifier property");
      }
      object.value.set(member.property.value, rhs);
    } else {
      throw new Error(`Invalid LHS inside assignment expression: ${JSON.stringify(node.assignee)}`);
    }
  }
  renderIf(node, environment) {
    const test = this.evaluate(node.test, environment);
    return this.renderBlock(test.__bool__().value ? node.body : node.alternate, environment);
  }
  /**
   * Assign the current item of a for loop to its loop variable(s).
   */
  bindLoopVariable(loopvar, current, scope) {
    if (loopvar.type === "Identifier") {
      scope.setVariable(loopvar.value, current);
    } else {
      const targets = loopvar.value;
      const values = current.value;
      for (let j = 0; j < targets.length; ++j) {
        if (targets[j].type !== "Identifier") {
          throw new Error(`Cannot unpack non-identifier type: ${targets[j].type}`);
        }
        scope.setVariable(targets[j].value, values[j]);
      }
    }
  }
  renderFor(node, environment) {
    const scope = new Environment(environment);
    let test, iterable;
    if (node.iterable.type === "SelectExpression") {
      const select = node.iterable;
      iterable = this.evaluate(select.lhs, scope);
      test = select.test;
    } else {
      iterable = this.evaluate(node.iterable, scope);
    }
    if (!(iterable instanceof ArrayValue || iterable instanceof ObjectValue)) {
      throw new Error(`Expected iterable or object type in for loop: got ${iterable.type}`);
    }
    if (iterable instanceof ObjectValue) {
      iterable = iterable.keys();
    }
    const loopvar = node.loopvar;
    const candidates = iterable.value;
    let items;
    if (loopvar.type === "Identifier" && !test) {
      items = candidates.slice();
    } else {
      items = [];
      for (let i = 0; i < candidates.length; ++i) {
        const current = candidates[i];
        if (loopvar.type === "TupleLiteral") {
          if (current.type !== "ArrayValue") {
            throw new Error(`Cannot unpack non-iterable type: ${current.type}`);
          }
          const expected = loopvar.value.length;
          const actual = current.value.length;
          if (expected !== actual) {
            throw new Error(`Too ${expected > actual ? "few" : "many"} items to unpack`);
          }
        } else if (loopvar.type !== "Identifier") {
          throw new Error(`Invalid loop variable(s): ${loopvar.type}`);
        }
        if (test) {
          const loopScope = new Environment(scope);
          this.bindLoopVariable(loopvar, current, loopScope);
          const testValue = this.evaluate(test, loopScope);
          if (!testValue.__bool__().value) {
            continue;
          }
        }
        items.push(current);
      }
    }
    let result = "";
    let noIteration = true;
    for (let i = 0; i < items.length; ++i) {
      scope.setVariable(
        "loop",
        new LoopValue(
          i,
          items.length,
          i > 0 ? items[i - 1] : void 0,
          i < items.length - 1 ? items[i + 1] : void 0
        )
      );
      this.bindLoopVariable(loopvar, items[i], scope);
      try {
        result += this.renderBlock(node.body, scope);
      } catch (err) {
        if (err instanceof ContinueControl) {
          continue;
        }
        if (err instanceof BreakControl) {
          break;
        }
        throw err;
      }
      noIteration = false;
    }
    if (noIteration) {
      result += this.renderBlock(node.defaultBlock, scope);
    }
    return result;
  }
  /**
   * Bind every parameter name and special argument before evaluating defaults,
   * preventing unbound parameters from resolving in an outer scope.
   */
  bindMacroArguments(displayName, parameters, specialArguments, args, scope) {
    const positionalArguments = args.slice();
    let keywordArguments = /* @__PURE__ */ new Map();
    if (positionalArguments.at(-1) instanceof KeywordArgumentsValue) {
      keywordArguments = new Map(positionalArguments.pop().value);
    }
    const pendingDefaults = [];
    for (let i = 0; i < parameters.length; ++i) {
      const { name, defaultValue } = getParameterDescriptor(parameters[i]);
      let value = positionalArguments[i];
      if (value === void 0 && keywordArguments.has(name)) {
        value = keywordArguments.get(name);
        keywordArguments.delete(name);
      }
      if (value === void 0 && defaultValue !== void 0) {
        pendingDefaults.push([name, defaultValue]);
      }
      scope.setVariable(name, value ?? new UndefinedValue());
    }
    if (specialArguments.has("kwargs")) {
      scope.setVariable("kwargs", new ObjectValue(keywordArguments));
    } else if (keywordArguments.size > 0) {
      throw new Error(`macro ${displayName} takes no keyword argument '${keywordArguments.keys().next().value}'`);
    }
    if (specialArguments.has("varargs")) {
      scope.setVariable("varargs", new ArrayValue(positionalArguments.slice(parameters.length)));
    } else if (positionalArguments.length > parameters.length) {
      throw new Error(`macro ${displayName} takes not more than ${parameters.length} argument(s)`);
    }
    for (const [name, defaultValue] of pendingDefaults) {
      scope.setVariable(name, this.evaluate(defaultValue, scope));
    }
  }
  /**
   * See https://jinja.palletsprojects.com/en/3.1.x/templates/#macros for more information.
   */
  evaluateMacro(node, environment) {
    const specialArguments = getAccessedSpecialMacroArguments(node);
    environment.setVariable(
      node.name.value,
      new FunctionValue((args, callSite) => {
        let parent = environment;
        if (specialArguments.has("caller")) {
          const caller = callSite[CALL_BLOCK_SCOPE] ? callSite.variables.get("caller") : void 0;
          parent = new Environment(environment);
          parent.setVariable("caller", caller ?? new UndefinedValue());
        }
        const macroScope = new Environment(parent);
        this.bindMacroArguments(`'${node.name.value}'`, node.args, specialArguments, args, macroScope);
        return this.evaluateBlock(node.body, macroScope);
      })
    );
    return new NullValue();
  }
  evaluateCallStatement(node, environment) {
    const parameters = node.callerArgs ?? [];
    const specialArguments = getAccessedSpecialMacroArguments(node);
    const callerFn = new FunctionValue((callerArguments) => {
      const callBlockEnv = new Environment(environment);
      this.bindMacroArguments("None", parameters, specialArguments, callerArguments, callBlockEnv);
      return this.evaluateBlock(node.body, callBlockEnv);
    });
    const [macroArgs, macroKwargs] = this.evaluateArguments(node.call.args, environment);
    macroArgs.push(new KeywordArgumentsValue(macroKwargs));
    const fn = this.evaluate(node.call.callee, environment);
    if (fn.type !== "FunctionValue") {
      throw new Error(`Cannot call something that is not a function: got ${fn.type}`);
    }
    const newEnv = new Environment(environment);
    newEnv[CALL_BLOCK_SCOPE] = true;
    newEnv.setVariable("caller", callerFn);
    return fn.value(macroArgs, newEnv);
  }
  evaluateFilterStatement(node, environment) {
    const rendered = this.evaluateBlock(node.body, environment);
    return this.applyFilter(rendered, node.filter, environment);
  }
  evaluate(statement, environment) {
    if (!statement) {
      return new UndefinedValue();
    }
    switch (statement.type) {
      case "Identifier":
        return this.evaluateIdentifier(statement, environment);
      case "IntegerLiteral":
        return new IntegerValue(statement.value);
      case "BinaryExpression":
        return this.evaluateBinaryExpression(statement, environment);
      case "StringLiteral":
        return new StringValue(statement.value);
      case "MemberExpression":
        return this.evaluateMemberExpression(statement, environment);
      case "CallExpression":
        return this.evaluateCallExpression(statement, environment);
      case "FilterExpression":
        return this.evaluateFilterExpression(statement, environment);
      case "TestExpression":
        return this.evaluateTestExpression(statement, environment);
      case "Ternary":
        return this.evaluateTernaryExpression(statement, environment);
      case "UnaryExpression":
        return this.evaluateUnaryExpression(statement, environment);
      case "FloatLiteral":
        return new FloatValue(statement.value);
      case "ArrayLiteral":
        return new ArrayValue(statement.value.map((x) => this.evaluate(x, environment)));
      case "TupleLiteral":
        return new TupleValue(statement.value.map((x) => this.evaluate(x, environment)));
      case "ObjectLiteral": {
        const mapping = /* @__PURE__ */ new Map();
        for (const [key, value] of statement.value) {
          const evaluatedKey = this.evaluate(key, environment);
          if (!(evaluatedKey instanceof StringValue)) {
            throw new Error(`Object keys must be strings: got ${evaluatedKey.type}`);
          }
          mapping.set(evaluatedKey.value, this.evaluate(value, environment));
        }
        return new ObjectValue(mapping);
      }
      case "SelectExpression":
        return this.evaluateSelectExpression(statement, environment);
      case "If":
        return new StringValue(this.renderIf(statement, environment));
      case "Set":
        this.executeSet(statement, environment);
        return new NullValue();
      case "For":
        return new StringValue(this.renderFor(statement, environment));
      case "Macro":
        return this.evaluateMacro(statement, environment);
      case "CallStatement":
        return this.evaluateCallStatement(statement, environment);
      case "FilterStatement":
        return this.evaluateFilterStatement(statement, environment);
      case "Comment":
        return new NullValue();
      case "Break":
        throw new BreakControl();
      case "Continue":
        throw new ContinueControl();
      case "Program":
        return this.evalProgram(statement, environment);
      default:
        throw new SyntaxError(`Unknown node type: ${statement.type}`);
    }
  }
};
function convertToRuntimeValues(input) {
  switch (typeof input) {
    case "number":
      return Number.isInteger(input) ? new IntegerValue(input) : new FloatValue(input);
    case "string":
      return new StringValue(input);
    case "boolean":
      return new BooleanValue(input);
    case "undefined":
      return new UndefinedValue();
    case "object":
      if (input === null) {
        return new NullValue();
      } else if (Array.isArray(input)) {
        return new ArrayValue(input.map(convertToRuntimeValues));
      } else {
        return new ObjectValue(
          new Map(Object.entries(input).map(([key, value]) => [key, convertToRuntimeValues(value)]))
        );
      }
    case "function":
      return new FunctionValue((args, _scope) => {
        const result = input(...args.map((x) => x.value)) ?? null;
        return convertToRuntimeValues(result);
      });
    default:
      throw new Error(`Cannot convert to runtime value: ${input}`);
  }
}

// src/format.ts
var NEWLINE = "\n";
var OPEN_STATEMENT = "{%- ";
var CLOSE_STATEMENT = " -%}";
var PRECEDENCE = Object.freeze({
  CONDITIONAL: 0,
  // a if b else c
  LOGICAL_OR: 1,
  // or
  LOGICAL_AND: 2,
  // and
  LOGICAL_NOT: 3,
  // not a
  COMPARISON: 4,
  // == != < <= > >= in, not in
  ADDITIVE: 5,
  // + -
  MULTIPLICATIVE: 6,
  // * / // %
  EXPONENTIATION: 7,
  // **
  TEST: 8,
  // is
  FILTER: 9,
  // |
  UNARY_SIGN: 10,
  // -a +a
  ATOM: 11
  // literals, identifiers, calls, member accesses
});
function getBinaryOperatorPrecedence(expr) {
  switch (expr.operator.type) {
    case "ExponentiationBinaryOperator":
      return PRECEDENCE.EXPONENTIATION;
    case "MultiplicativeBinaryOperator":
      return PRECEDENCE.MULTIPLICATIVE;
    case "AdditiveBinaryOperator":
      return PRECEDENCE.ADDITIVE;
    case "ComparisonBinaryOperator":
      return PRECEDENCE.COMPARISON;
    case "Identifier":
      if (expr.operator.value === "and") {
        return PRECEDENCE.LOGICAL_AND;
      }
      if (expr.operator.value === "in" || expr.operator.value === "not in") {
        return PRECEDENCE.COMPARISON;
      }
      return PRECEDENCE.LOGICAL_OR;
  }
  return PRECEDENCE.LOGICAL_OR;
}
function getPrecedence(node) {
  switch (node.type) {
    case "SelectExpression":
    case "Ternary":
      return PRECEDENCE.CONDITIONAL;
    case "BinaryExpression":
      return getBinaryOperatorPrecedence(node);
    case "UnaryExpression":
      return node.operator.value === "not" ? PRECEDENCE.LOGICAL_NOT : PRECEDENCE.UNARY_SIGN;
    case "TestExpression":
      return PRECEDENCE.TEST;
    case "FilterExpression":
      return PRECEDENCE.FILTER;
    default:
      return PRECEDENCE.ATOM;
  }
}
function formatOperand(node, minPrecedence) {
  const expr = formatExpression(node);
  return getPrecedence(node) < minPrecedence ? `(${expr})` : expr;
}
function format(program, indent = "	") {
  const indentStr = typeof indent === "number" ? " ".repeat(indent) : indent;
  const body = formatStatements(program.body, 0, indentStr);
  return body.replace(/\n$/, "");
}
function createStatement(...text) {
  return OPEN_STATEMENT + text.join(" ") + CLOSE_STATEMENT;
}
function formatStatements(stmts, depth, indentStr) {
  return stmts.map((stmt) => formatStatement(stmt, depth, indentStr)).join(NEWLINE);
}
function formatExpressionList(expressions) {
  return expressions.map((expression) => formatExpression(expression)).join(", ");
}
function formatStatement(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  switch (node.type) {
    case "Program":
      return formatStatements(node.body, depth, indentStr);
    case "If":
      return formatIf(node, depth, indentStr);
    case "For":
      return formatFor(node, depth, indentStr);
    case "Set":
      return formatSet(node, depth, indentStr);
    case "Macro":
      return formatMacro(node, depth, indentStr);
    case "Break":
      return pad + createStatement("break");
    case "Continue":
      return pad + createStatement("continue");
    case "CallStatement":
      return formatCallStatement(node, depth, indentStr);
    case "FilterStatement":
      return formatFilterStatement(node, depth, indentStr);
    case "Comment":
      return pad + "{# " + node.value + " #}";
    default:
      return pad + "{{- " + formatExpression(node) + " -}}";
  }
}
function formatIf(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const clauses = [];
  let current = node;
  while (current) {
    clauses.push({ test: current.test, body: current.body });
    if (current.alternate.length === 1 && current.alternate[0].type === "If") {
      current = current.alternate[0];
    } else {
      break;
    }
  }
  let out = pad + createStatement("if", formatExpression(clauses[0].test)) + NEWLINE + formatStatements(clauses[0].body, depth + 1, indentStr);
  for (let i = 1; i < clauses.length; ++i) {
    out += NEWLINE + pad + createStatement("elif", formatExpression(clauses[i].test)) + NEWLINE + formatStatements(clauses[i].body, depth + 1, indentStr);
  }
  if (current && current.alternate.length > 0) {
    out += NEWLINE + pad + createStatement("else") + NEWLINE + formatStatements(current.alternate, depth + 1, indentStr);
  }
  out += NEWLINE + pad + createStatement("endif");
  return out;
}
function formatFor(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  let formattedIterable = "";
  if (node.iterable.type === "SelectExpression") {
    const n = node.iterable;
    formattedIterable = `${formatExpression(n.lhs)} if ${formatExpression(n.test)}`;
  } else {
    formattedIterable = formatExpression(node.iterable);
  }
  let out = pad + createStatement("for", formatExpression(node.loopvar), "in", formattedIterable) + NEWLINE + formatStatements(node.body, depth + 1, indentStr);
  if (node.defaultBlock.length > 0) {
    out += NEWLINE + pad + createStatement("else") + NEWLINE + formatStatements(node.defaultBlock, depth + 1, indentStr);
  }
  out += NEWLINE + pad + createStatement("endfor");
  return out;
}
function formatSet(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const left = formatExpression(node.assignee);
  const right = node.value ? formatExpression(node.value) : "";
  const value = pad + createStatement("set", `${left}${node.value ? " = " + right : ""}`);
  if (node.body.length === 0) {
    return value;
  }
  return value + NEWLINE + formatStatements(node.body, depth + 1, indentStr) + NEWLINE + pad + createStatement("endset");
}
function formatMacro(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const args = formatExpressionList(node.args);
  return pad + createStatement("macro", `${node.name.value}(${args})`) + NEWLINE + formatStatements(node.body, depth + 1, indentStr) + NEWLINE + pad + createStatement("endmacro");
}
function formatCallStatement(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const params = node.callerArgs && node.callerArgs.length > 0 ? `(${formatExpressionList(node.callerArgs)})` : "";
  const callExpr = formatExpression(node.call);
  let out = pad + createStatement(`call${params}`, callExpr) + NEWLINE;
  out += formatStatements(node.body, depth + 1, indentStr) + NEWLINE;
  out += pad + createStatement("endcall");
  return out;
}
function formatFilterStatement(node, depth, indentStr) {
  const pad = indentStr.repeat(depth);
  const spec = node.filter.type === "Identifier" ? node.filter.value : formatExpression(node.filter);
  let out = pad + createStatement("filter", spec) + NEWLINE;
  out += formatStatements(node.body, depth + 1, indentStr) + NEWLINE;
  out += pad + createStatement("endfilter");
  return out;
}
function formatExpression(node) {
  switch (node.type) {
    case "SpreadExpression": {
      const n = node;
      return `*${formatExpression(n.argument)}`;
    }
    case "KeywordSpreadExpression": {
      const n = node;
      return `**${formatExpression(n.argument)}`;
    }
    case "Identifier":
      return node.value;
    case "IntegerLiteral":
      return `${node.value}`;
    case "FloatLiteral": {
      const value = node.value;
      if (Object.is(value, -0)) {
        return "-0.0";
      }
      return value % 1 === 0 ? value.toFixed(1) : value.toString();
    }
    case "StringLiteral":
      return JSON.stringify(node.value);
    case "BinaryExpression": {
      const n = node;
      const thisPrecedence = getBinaryOperatorPrecedence(n);
      const left = formatOperand(n.left, thisPrecedence);
      const right = formatOperand(n.right, thisPrecedence + 1);
      return `${left} ${n.operator.value} ${right}`;
    }
    case "UnaryExpression": {
      const n = node;
      const operandPrecedence = n.argument.type === "UnaryExpression" ? getPrecedence(n) : PRECEDENCE.ATOM;
      return n.operator.value + (n.operator.value === "not" ? " " : "") + formatOperand(n.argument, operandPrecedence);
    }
    case "CallExpression": {
      const n = node;
      const args = formatExpressionList(n.args);
      return `${formatExpression(n.callee)}(${args})`;
    }
    case "MemberExpression": {
      const n = node;
      const obj = formatOperand(n.object, PRECEDENCE.ATOM);
      let prop = formatExpression(n.property);
      if (!n.computed && n.property.type !== "Identifier" && n.property.type !== "IntegerLiteral") {
        prop = `(${prop})`;
      }
      return n.computed ? `${obj}[${prop}]` : `${obj}.${prop}`;
    }
    case "FilterExpression": {
      const n = node;
      const operand = formatOperand(n.operand, PRECEDENCE.FILTER);
      if (n.filter.type === "CallExpression") {
        return `${operand} | ${formatExpression(n.filter)}`;
      }
      return `${operand} | ${n.filter.value}`;
    }
    case "SelectExpression": {
      const n = node;
      return `${formatOperand(n.lhs, PRECEDENCE.LOGICAL_OR)} if ${formatOperand(n.test, PRECEDENCE.LOGICAL_OR)}`;
    }
    case "TestExpression": {
      const n = node;
      return `${formatOperand(n.operand, PRECEDENCE.TEST)} is${n.negate ? " not" : ""} ${n.test.value}`;
    }
    case "ArrayLiteral":
    case "TupleLiteral": {
      const elems = formatExpressionList(node.value);
      const brackets = node.type === "ArrayLiteral" ? "[]" : "()";
      return `${brackets[0]}${elems}${brackets[1]}`;
    }
    case "ObjectLiteral": {
      const entries = Array.from(node.value.entries()).map(
        ([k, v]) => `${formatExpression(k)}: ${formatExpression(v)}`
      );
      return `{${entries.join(", ")}}`;
    }
    case "SliceExpression": {
      const n = node;
      const s = n.start ? formatExpression(n.start) : "";
      const t = n.stop ? formatExpression(n.stop) : "";
      const st = n.step ? `:${formatExpression(n.step)}` : "";
      return `${s}:${t}${st}`;
    }
    case "KeywordArgumentExpression": {
      const n = node;
      return `${n.key.value}=${formatExpression(n.value)}`;
    }
    case "Ternary": {
      const n = node;
      return `${formatOperand(n.trueExpr, PRECEDENCE.LOGICAL_OR)} if ${formatOperand(
        n.condition,
        PRECEDENCE.LOGICAL_OR
      )} else ${formatOperand(n.falseExpr, PRECEDENCE.CONDITIONAL)}`;
    }
    default:
      throw new Error(`Unknown expression type: ${node.type}`);
  }
}

// src/index.ts
var Template = class {
  parsed;
  /**
   * @param {string} template The template string
   */
  constructor(template) {
    const tokens = tokenize(template, {
      lstrip_blocks: true,
      trim_blocks: true
    });
    this.parsed = parse(tokens);
  }
  render(items) {
    const env = new Environment();
    setupGlobals(env);
    if (items) {
      for (const [key, value] of Object.entries(items)) {
        env.set(key, value);
      }
    }
    const interpreter = new Interpreter(env);
    const result = interpreter.run(this.parsed);
    return result.value;
  }
  format(options) {
    return format(this.parsed, options?.indent || "	");
  }
};


;// CONCATENATED MODULE: ./src/scan/templates/names.ts
// What chat templates may name: Jinja2's sandbox rules (jinja2/sandbox.py) for attribute names,
// and the allowlists of globals, filters, tests and methods that real chat templates use
// (calibrated on the templates in fixtures/templates/real/). Anything outside the allowlists is
// `gguf/template-unusual`; what the sandbox forbids is `gguf/template-injection`.
/**
 * Attributes the sandbox refuses whatever the object (`is_internal_attribute`, the UNSAFE_*
 * sets): function, method, generator, coroutine internals, and `mro` of types.
 */
const UNSAFE_ATTRIBUTES = new Set([
    'mro',
    'func_closure',
    'func_code',
    'func_dict',
    'func_defaults',
    'func_globals',
    'im_class',
    'im_func',
    'im_self',
    'gi_frame',
    'gi_code',
    'gi_yieldfrom',
    'cr_frame',
    'cr_code',
    'cr_await',
    'ag_code',
    'ag_frame',
    'ag_await'
]);
/** Code, traceback and frame objects: the sandbox refuses every attribute of theirs. */
const INTERNAL_PREFIX = /^(f|tb|co)_/;
/** A name as Jinja2 reads it: a NUL stands for a line continuation it removes (chat-template.ts continueLines). */
const plain = (name) => name.replaceAll('\0', '');
/** An attribute or item name the sandbox refuses (or that only reaches interpreter internals). */
function isUnsafeName(raw) {
    const name = plain(raw);
    return name.startsWith('_') || UNSAFE_ATTRIBUTES.has(name) || INTERNAL_PREFIX.test(name);
}
/**
 * Globals that reach Python internals or the host application: Jinja's own (`self`, `cycler`,
 * `joiner`, `lipsum`: objects whose `__init__.__globals__` is a module's), Flask's (`config`,
 * `request`, `g`, `session`, `url_for`, `get_flashed_messages`), and runtime namespaces.
 */
const DANGEROUS_GLOBALS = new Set([
    'self',
    'cycler',
    'joiner',
    'lipsum',
    'config',
    'request',
    'session',
    'g',
    'url_for',
    'get_flashed_messages',
    'environment',
    'context'
]);
/** Functions real chat templates call (besides their own macros and `loop.cycle`). */
const FUNCTION_GLOBALS = new Set(['raise_exception', 'strftime_now', 'namespace', 'range', 'dict', 'caller']);
/** Jinja's `range` limit in the sandbox (MAX_RANGE): larger ranges are refused. */
const MAX_RANGE = 100_000;
/** Filters real chat templates use. */
const FILTERS = new Set([
    'abs',
    'capitalize',
    'count',
    'd',
    'default',
    'dictsort',
    'e',
    'escape',
    'first',
    'float',
    'indent',
    'int',
    'items',
    'join',
    'last',
    'length',
    'list',
    'lower',
    'map',
    'max',
    'min',
    'reject',
    'rejectattr',
    'replace',
    'reverse',
    'round',
    'safe',
    'select',
    'selectattr',
    'sort',
    'string',
    'sum',
    'title',
    'tojson',
    'trim',
    'unique',
    'upper',
    'wordcount'
]);
/** Filters whose named argument (`attribute=`) or first positional argument is an attribute path. */
const ATTRIBUTE_FILTERS = {
    attr: { positional: true },
    selectattr: { positional: true },
    rejectattr: { positional: true },
    groupby: { positional: true },
    map: { positional: false },
    sort: { positional: false },
    sum: { positional: false },
    unique: { positional: false },
    min: { positional: false },
    max: { positional: false },
    dictsort: { positional: false }
};
/** Tests real chat templates use (`is defined`, `selectattr('x', 'equalto', ...)`). */
const TESTS = new Set([
    'boolean',
    'callable',
    'defined',
    'divisibleby',
    'eq',
    'equalto',
    'even',
    'false',
    'float',
    'ge',
    'gt',
    'in',
    'integer',
    'iterable',
    'le',
    'lt',
    'mapping',
    'ne',
    'none',
    'number',
    'odd',
    'sameas',
    'sequence',
    'string',
    'true',
    'undefined'
]);
/** Methods real chat templates call on strings, lists and dicts (read-only ones). */
const METHODS = new Set([
    'count',
    'endswith',
    'find',
    'get',
    'index',
    'items',
    'join',
    'keys',
    'lower',
    'lstrip',
    'replace',
    'rfind',
    'rsplit',
    'rstrip',
    'split',
    'splitlines',
    'startswith',
    'strip',
    'title',
    'upper',
    'values',
    'cycle'
]);
/** Filters whose result is a string (or list of strings) made from their operand: building blocks for hidden names. */
const STRING_BUILDING_FILTERS = new Set([
    'string',
    'list',
    'join',
    'format',
    'replace',
    'reverse',
    'lower',
    'upper',
    'title',
    'capitalize',
    'trim',
    'center',
    'indent',
    'truncate',
    'wordwrap',
    'striptags',
    'urlencode',
    'safe',
    'e',
    'escape',
    'forceescape',
    'pprint',
    'tojson',
    'default',
    'd'
]);
/** Filters whose result is drawn from their operand alone (its items, or characters of a string): their arguments are tests or keys. */
const SELECTING_FILTERS = new Set(['first', 'last', 'sort', 'unique', 'batch', 'slice', 'min', 'max', 'random', 'select', 'reject', 'selectattr', 'rejectattr', 'map', 'dictsort', 'groupby']);
/** Filters that turn any value into a string or list of its characters (`lipsum|string|list`). */
const STRINGIFYING_FILTERS = new Set(['string', 'list', 'pprint', 'tojson', 'format', 'join', 'urlencode', 'filesizeformat']);
/** String methods that build a new string from their object or arguments. */
const STRING_BUILDING_METHODS = new Set([
    'format',
    'format_map',
    'join',
    'replace',
    'lower',
    'upper',
    'title',
    'capitalize',
    'casefold',
    'swapcase',
    'strip',
    'lstrip',
    'rstrip',
    'center',
    'ljust',
    'rjust',
    'zfill',
    'translate',
    'removeprefix',
    'removesuffix',
    'split',
    'rsplit',
    'encode',
    'decode'
]);

;// CONCATENATED MODULE: ./src/scan/templates/values.ts
// Which strings a template builds itself (from its own constants, by concatenation, formatting,
// joining, slicing...): a name built at run time and then used as an attribute hides what the
// template reaches. Flow-insensitive and conservative: every assignment to a name (in any scope,
// any branch) contributes to what the name may hold.

const DATA = { built: false, consts: [] };
const BUILT = { built: true, consts: [] };
/** More distinct constants than this for one name: treat it as built. */
const MAX_CONSTS = 32;
const stringish = (v) => v.built || v.consts.length > 0;
function join(a, b) {
    if (!stringish(b))
        return a;
    if (!stringish(a))
        return b;
    const consts = [...new Set([...a.consts, ...b.consts])];
    return consts.length > MAX_CONSTS ? BUILT : { built: a.built || b.built, consts };
}
const node = (n) => n;
/** The filter's name and call arguments (`x|f` or `x|f(a, b=c)`). */
function filterParts(filter) {
    if (filter.type === 'CallExpression')
        return { name: String(node(filter.callee).value), args: filter.args };
    return { name: String(filter.value), args: [] };
}
/** What the expression may evaluate to, as far as strings the template builds are concerned. */
function evaluate(expr, b) {
    if (expr === null || expr === undefined)
        return DATA;
    const e = node(expr);
    switch (e.type) {
        case 'StringLiteral':
            return { built: false, consts: [e.value] };
        case 'Identifier':
            return b.values.get(e.value) ?? DATA;
        case 'MemberExpression':
            return member(e, b);
        case 'BinaryExpression': {
            const left = evaluate(node(e.left), b);
            const right = evaluate(node(e.right), b);
            // `~` always makes a string; `+`, `*`, `%` do when a side is one ('_' * 2, '%c' % 95).
            return e.operator.value === '~' || stringish(left) || stringish(right) ? BUILT : DATA;
        }
        case 'FilterExpression':
            return filtered(e, b);
        case 'CallExpression':
            return called(e, b);
        case 'Ternary':
            return join(evaluate(node(e.trueExpr), b), evaluate(node(e.falseExpr), b));
        case 'SelectExpression':
            return evaluate(node(e.lhs), b);
        case 'ArrayLiteral':
        case 'TupleLiteral':
            return e.value.reduce((acc, item) => join(acc, evaluate(item, b)), DATA);
        default:
            return DATA;
    }
}
function member(e, b) {
    const object = node(e.object);
    const property = node(e.property);
    if (!e.computed) {
        return object.type === 'Identifier' ? (b.values.get(`${object.value}.${property.value}`) ?? DATA) : DATA;
    }
    // Indexing or slicing a string the template made ('__ssalc__'[::-1], 'abc'[0]) builds another.
    return stringish(evaluate(object, b)) ? BUILT : DATA;
}
function filtered(e, b) {
    const { name, args } = filterParts(node(e.filter));
    if (STRINGIFYING_FILTERS.has(name))
        return BUILT;
    if (SELECTING_FILTERS.has(name))
        return stringish(evaluate(node(e.operand), b)) ? BUILT : DATA;
    if (!STRING_BUILDING_FILTERS.has(name))
        return DATA;
    const inputs = [node(e.operand), ...args];
    return inputs.some((input) => stringish(evaluate(input, b))) ? BUILT : DATA;
}
function called(e, b) {
    const callee = node(e.callee);
    // A macro's output (or a call block's body through caller()) is text the template wrote.
    if (callee.type === 'Identifier')
        return b.macros.has(callee.value) || callee.value === 'caller' ? BUILT : DATA;
    if (callee.type !== 'MemberExpression' || callee.computed)
        return DATA;
    if (!STRING_BUILDING_METHODS.has(node(callee.property).value))
        return DATA;
    const inputs = [node(callee.object), ...e.args];
    return inputs.some((input) => stringish(evaluate(input, b))) ? BUILT : DATA;
}

;// CONCATENATED MODULE: ./src/scan/templates/bindings.ts
// What each name may hold, as far as template-built strings go (values.ts), found by iterating
// over every assignment until nothing changes: `set` (plain, block, tuple, namespace attribute),
// namespace(...) keywords, loop variables, macro parameters (defaults and call sites), caller
// arguments. Scopes are merged: conservative, and enough for names a template hides.

/** Rounds before giving up on a fixed point: each round only grows the values; real templates need 2 or 3. */
const MAX_ROUNDS = 32;
const bindings_BUILT = { built: true, consts: [] };
function collectBindings(nodes) {
    const macros = new Map();
    for (const n of nodes)
        if (n.type === 'Macro')
            macros.set(node(n.name).value, n);
    const b = { values: new Map(), macros: new Set(macros.keys()) };
    const locals = new Set();
    let changed = true;
    for (let round = 0; changed && round < MAX_ROUNDS; round++) {
        changed = false;
        const bind = (name, v) => {
            const before = b.values.get(name) ?? DATA;
            const after = join(before, v);
            if (after.built !== before.built || after.consts.length !== before.consts.length) {
                b.values.set(name, after);
                changed = true;
            }
        };
        for (const n of nodes)
            assignments(n, b, macros, locals, bind);
    }
    return { bindings: b, locals, settled: !changed };
}
/** Names a target binds (`x`, `a, b`, `ns.attr`). */
function targets(assignee) {
    if (assignee.type === 'Identifier')
        return [assignee.value];
    if (assignee.type === 'TupleLiteral' || assignee.type === 'ArrayLiteral')
        return assignee.value.flatMap(targets);
    if (assignee.type === 'MemberExpression' && assignee.computed !== true && node(assignee.object).type === 'Identifier') {
        return [`${node(assignee.object).value}.${node(assignee.property).value}`];
    }
    return [];
}
const paramName = (p) => (p.type === 'KeywordArgumentExpression' ? node(p.key).value : p.value);
function assignments(n, b, macros, locals, bind) {
    switch (n.type) {
        case 'Set': {
            const value = n.value === null ? bindings_BUILT : evaluate(n.value, b);
            const names = targets(node(n.assignee));
            for (const name of names)
                bind(name, value);
            const call = node(n.value);
            if (names.length === 1 && call?.type === 'CallExpression' && node(call.callee).value === 'namespace') {
                for (const arg of call.args)
                    if (arg.type === 'KeywordArgumentExpression')
                        bind(`${names[0]}.${node(arg.key).value}`, evaluate(arg.value, b));
            }
            return;
        }
        case 'For': {
            // Iterating a string the template holds yields its characters; a list of strings, its strings.
            const items = evaluate(n.iterable, b);
            for (const name of targets(node(n.loopvar))) {
                locals.add(name);
                bind(name, stringish(items) ? { built: true, consts: items.consts } : DATA);
            }
            return;
        }
        case 'Macro':
            for (const p of n.args) {
                locals.add(paramName(p));
                if (p.type === 'KeywordArgumentExpression')
                    bind(paramName(p), evaluate(p.value, b));
            }
            return;
        case 'CallStatement':
            // What caller(...) passes is the macro's business: assume it builds names.
            for (const p of n.callerArgs ?? []) {
                locals.add(paramName(p));
                bind(paramName(p), bindings_BUILT);
            }
            return;
        case 'CallExpression': {
            const macro = macros.get(node(n.callee).value);
            if (node(n.callee).type === 'Identifier' && macro !== undefined)
                bindArguments(macro, n.args, b, bind);
            return;
        }
    }
}
/** Call-site arguments flow into the macro's parameters (positional by index, keywords by name; extras into varargs/kwargs). */
function bindArguments(macro, args, b, bind) {
    const params = macro.args.map(paramName);
    let index = 0;
    for (const arg of args) {
        if (arg.type === 'KeywordArgumentExpression') {
            const key = node(arg.key).value;
            bind(params.includes(key) ? key : 'kwargs', evaluate(arg.value, b));
        }
        else {
            bind(params[index] ?? 'varargs', evaluate(arg.type === 'SpreadExpression' ? arg.argument : arg, b));
            index++;
        }
    }
}

;// CONCATENATED MODULE: ./src/scan/templates/ast-walk.ts
// Walks a parsed chat template (never renders it) and lists what it reaches: constructs Jinja's
// sandbox forbids or that touch Python internals (`injection`), and constructs real chat
// templates do not use (`unusual`). Bounded: a tree past MAX_NODES or MAX_DEPTH is `unusual`.



const MAX_NODES = 200_000;
const MAX_DEPTH = 256;
/** The child nodes to walk. Names that are not references (`.prop`, filter and test names, assigned and parameter names) are left out. */
function children(n) {
    const list = (v) => (Array.isArray(v) ? v : []);
    const valuesOf = (params) => list(params).filter((p) => node(p).type === 'KeywordArgumentExpression');
    switch (n.type) {
        case 'MemberExpression':
            return n.computed === true ? [n.object, n.property] : [n.object];
        case 'FilterExpression':
            return [n.operand, ...filterParts(node(n.filter)).args];
        case 'FilterStatement':
            return [...filterParts(node(n.filter)).args, ...list(n.body)];
        case 'TestExpression':
            return [n.operand];
        case 'KeywordArgumentExpression':
            return [n.value];
        case 'Macro':
            return [...valuesOf(n.args), ...list(n.body)];
        case 'For':
            return [n.iterable, ...list(n.body), ...list(n.defaultBlock)];
        case 'Set':
            return [...(node(n.assignee).type === 'MemberExpression' ? [n.assignee] : []), n.value, ...list(n.body)];
        case 'CallStatement':
            return [n.call, ...valuesOf(n.callerArgs), ...list(n.body)];
        case 'ObjectLiteral':
            return [...n.value.entries()].flat();
        default:
            return Object.entries(n).flatMap(([field, v]) => (field === 'operator' ? [] : Array.isArray(v) ? v : [v]));
    }
}
// Operator tokens (the only non-node objects with a `type`) sit in `operator` fields, which children() skips.
const isNode = (v) => typeof v === 'object' && v !== null && typeof v.type === 'string';
/** Every node of the tree, depth-first, or why the walk stopped. */
function collect(program) {
    const nodes = [];
    const stack = [[node(program), 0]];
    while (stack.length > 0) {
        const [n, depth] = stack.pop();
        if (depth > MAX_DEPTH)
            return { nodes, exceeded: `nesting deeper than ${MAX_DEPTH} levels` };
        if (nodes.push(n) > MAX_NODES)
            return { nodes, exceeded: `more than ${MAX_NODES} syntax nodes` };
        const kids = children(n).filter(isNode);
        for (let i = kids.length - 1; i >= 0; i--)
            stack.push([kids[i], depth + 1]);
    }
    return { nodes };
}
/** What the template reaches, in the order found, each construct once. */
function walkTemplate(program) {
    const issues = [];
    const seen = new Set();
    const report = (kind, construct) => {
        if (seen.has(construct))
            return;
        seen.add(construct);
        issues.push({ kind, construct });
    };
    const { nodes, exceeded } = collect(program);
    if (exceeded !== undefined) {
        report('unusual', exceeded);
        return issues;
    }
    const { bindings, locals, settled } = collectBindings(nodes);
    if (!settled)
        report('unusual', `values passed through more than ${MAX_ROUNDS} assignments`);
    for (const n of nodes)
        checkNode(n, bindings, locals, report);
    return issues;
}
function checkNode(n, b, locals, report) {
    switch (n.type) {
        case 'Identifier': {
            const name = n.value;
            if (DANGEROUS_GLOBALS.has(name) && !locals.has(name))
                report('injection', `global ${name}`);
            else if (name.startsWith('__') && !locals.has(name))
                report('injection', `name ${name}`);
            return;
        }
        case 'MemberExpression':
            return checkMember(n, b, report);
        case 'CallExpression':
            return checkCall(n, b, report);
        case 'FilterExpression':
        case 'FilterStatement':
            return checkFilter(node(n.filter), b, report);
        case 'TestExpression': {
            const test = node(n.test).value;
            if (!TESTS.has(test))
                report('unusual', `test ${test}`);
            return;
        }
        case 'SpreadExpression':
        case 'KeywordSpreadExpression':
            report('unusual', 'argument unpacking');
            return;
    }
}
/** `.name`, `['name']`, `[expr]`: Jinja's getitem falls back to getattr for strings, so both reach attributes. */
function checkMember(n, b, report) {
    const property = node(n.property);
    if (n.computed !== true) {
        if (property.type === 'Identifier' && isUnsafeName(property.value))
            report('injection', `attribute ${property.value}`);
        return;
    }
    if (property.type === 'SliceExpression' || property.type === 'IntegerLiteral' || property.type === 'UnaryExpression')
        return;
    checkName(evaluate(property, b), 'item', 'item access', report);
}
/** A name given as a value: unsafe constants, or built at run time. */
function checkName(v, what, access, report) {
    for (const name of v.consts)
        if (isUnsafeName(name))
            report('injection', `${what} ${plain(name)}`);
    if (v.built)
        report('injection', `${access} with a computed name`);
}
function checkCall(n, b, report) {
    const callee = node(n.callee);
    const args = n.args;
    if (callee.type === 'Identifier') {
        const name = callee.value;
        if (name === 'range' && args.some((a) => a.type === 'IntegerLiteral' && a.value > MAX_RANGE))
            report('unusual', `range over ${MAX_RANGE} items`);
        if (!FUNCTION_GLOBALS.has(name) && !b.macros.has(name) && !DANGEROUS_GLOBALS.has(name))
            report('unusual', `call to ${name}`);
        return;
    }
    if (callee.type !== 'MemberExpression' || callee.computed === true) {
        report('unusual', 'call of a computed value');
        return;
    }
    const method = node(callee.property).value;
    if (method === 'format' || method === 'format_map')
        return checkFormat(node(callee.object), report);
    if (!METHODS.has(method) && !isUnsafeName(method))
        report('unusual', `method ${method}`);
}
/** str.format reads attributes and items of its arguments (`{0.__class__}`): only a constant format without them is plain. */
function checkFormat(object, report) {
    if (object.type !== 'StringLiteral')
        report('injection', 'str.format with a computed format string');
    else if (/\{[^{}]*[.[]/.test(object.value))
        report('injection', 'str.format with attribute access');
    else
        report('unusual', 'method format');
}
function checkFilter(filter, b, report) {
    const { name, args } = filterParts(filter);
    const known = FILTERS.has(name);
    if (!known)
        report('unusual', `filter ${name}`);
    const positional = args.filter((a) => a.type !== 'KeywordArgumentExpression');
    const keyword = (key) => node(args.find((a) => a.type === 'KeywordArgumentExpression' && node(a.key).value === key)?.value);
    if (name === 'map' && positional.length > 0) {
        // map('filter', args...): the named filter runs on each item.
        const [inner, ...rest] = positional;
        if (inner.type !== 'StringLiteral')
            report('injection', 'filter map with a computed filter name');
        else
            checkFilter(node({ type: 'CallExpression', callee: { type: 'Identifier', value: inner.value }, args: rest }), b, report);
    }
    const spec = ATTRIBUTE_FILTERS[name];
    if (spec !== undefined) {
        const attribute = spec.positional ? positional[0] : keyword('attribute');
        if (attribute !== undefined)
            checkAttributeArgument(name, attribute, b, report);
    }
    const testArgument = name === 'select' || name === 'reject' ? positional[0] : name === 'selectattr' || name === 'rejectattr' ? positional[1] : undefined;
    if (testArgument !== undefined) {
        if (testArgument.type !== 'StringLiteral')
            report('unusual', `filter ${name} with a computed test name`);
        else if (!TESTS.has(testArgument.value))
            report('unusual', `test ${testArgument.value}`);
    }
}
/** An attribute path (`a.b.0`, split on dots like Jinja's make_attrgetter) given to attr, map, selectattr, sort, ... */
function checkAttributeArgument(filter, attribute, b, report) {
    if (attribute.type === 'StringLiteral') {
        for (const part of attribute.value.split('.'))
            if (isUnsafeName(part))
                report('injection', `filter ${filter} attribute ${plain(part)}`);
        return;
    }
    const v = evaluate(attribute, b);
    for (const name of v.consts)
        for (const part of name.split('.'))
            if (isUnsafeName(part))
                report('injection', `filter ${filter} attribute ${plain(part)}`);
    // A name from a variable holding only safe constants is still a name the template chose; anything else is computed.
    if (v.built || v.consts.length === 0)
        report('injection', `filter ${filter} with a computed name`);
}

;// CONCATENATED MODULE: ./src/scan/templates/chat-template.ts
// Chat templates (GGUF `tokenizer.chat_template*`, tokenizer_config.json, *.jinja) are Jinja that
// runtimes render, some without Jinja's sandbox (llama-cpp-python, CVE-2024-34359). The template
// is parsed to an AST with @huggingface/jinja and walked (ast-walk.ts); it is never rendered.



/** Larger templates are not parsed (real ones are a few KiB; the largest known are under 64 KiB). */
const MAX_TEMPLATE_BYTES = 1024 * 1024;
/** Statements that load other templates: the parser does not know them, so they are found in the text. */
const LOADING_STATEMENT = /\{%[-+]?\s*(include|import|extends|from)\b/;
/**
 * What in an unparsed template (too large, or rejected by the parser) still shows an attack:
 * dunder names, escapes that spell an underscore, template loading.
 */
const RAW_INDICATORS = [
    [/__[A-Za-z]/, 'a dunder name in a template that was not parsed'],
    [/\\(x5f|u005f|U0000005f|137|N\{LOW LINE\})/i, 'an escaped underscore in a template that was not parsed']
];
/**
 * The parser drops transformers' `{% generation %}` tags before lexing, which can join the text
 * around them into a new delimiter (`{{% generation %}#` -> `{#`, hiding code from us but not
 * from Jinja2). A comment in their place keeps the text apart.
 */
function neutraliseGenerationTags(text) {
    return text.replace(/\{%-?\s*(?:end)?generation\s*-?%\}/g, '{#generation#}');
}
/** Jinja2 reads a backslash-newline in a string literal as nothing (Python's unicode-escape); the parser refuses it. A NUL stands in (see names.ts isUnsafeName). */
function continueLines(text) {
    return text.replace(/(?<!\\)((?:\\\\)*)\\\r?\n/g, '$1\\x00');
}
/** Findings for one chat template. Synchronous, bounded (size, AST nodes and depth). */
function checkChatTemplate(text, where) {
    const issues = [];
    const loading = LOADING_STATEMENT.exec(text);
    if (loading !== null)
        issues.push({ kind: 'injection', construct: `statement ${loading[1]}` });
    const size = Buffer.byteLength(text, 'utf8');
    let program;
    if (size > MAX_TEMPLATE_BYTES) {
        issues.push({ kind: 'unusual', construct: tooLarge(size, MAX_TEMPLATE_BYTES) });
    }
    else {
        try {
            program = parse(tokenize(continueLines(neutraliseGenerationTags(text)), { lstrip_blocks: true, trim_blocks: true }));
        }
        catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            issues.push({ kind: 'unusual', construct: `parse error: ${message.slice(0, 200)}` });
        }
    }
    if (program === undefined) {
        // Bounded: one linear regex pass each over at most the template.
        for (const [pattern, construct] of RAW_INDICATORS)
            if (pattern.test(text))
                issues.push({ kind: 'injection', construct });
    }
    else {
        issues.push(...walkTemplate(program));
    }
    // Injections first: they decide what to do about the template.
    const ordered = [...issues.filter((i) => i.kind === 'injection'), ...issues.filter((i) => i.kind === 'unusual')];
    return ordered.map((issue) => toFinding(issue, where));
}
const tooLarge = (size, limit) => `${size} bytes (over the ${limit}-byte limit)`;
/** A `gguf/template-unusual` finding for what holds templates (a file too large, JSON that does not parse). */
function unusualTemplate(construct, where) {
    return toFinding({ kind: 'unusual', construct }, where);
}
function toFinding(issue, where) {
    const location = { ...(where.entry !== undefined ? { entry: where.entry } : {}), ...(where.offset !== undefined ? { offset: where.offset } : {}) };
    const base = { ...(Object.keys(location).length > 0 ? { location } : {}), key: where.key, construct: issue.construct };
    if (issue.kind === 'injection') {
        return {
            rule: RULES.ggufTemplateInjection,
            severity: 'critical',
            message: `Chat template ${where.key} uses ${issue.construct}: Jinja's sandbox forbids it, and a runtime that renders the template without the sandbox runs code (CVE-2024-34359). Do not use this model's template.`,
            ...base
        };
    }
    return {
        rule: RULES.ggufTemplateUnusual,
        severity: 'medium',
        message: `Chat template ${where.key} has ${issue.construct}, which chat templates do not use: it was not shown to be safe. Review the template before a runtime renders it.`,
        ...base
    };
}

;// CONCATENATED MODULE: ./src/scan/gguf/strings.ts
// GGUF strings (u64 length + bytes): the length checks of gguf.cpp's `read(std::string &)`,
// and the C-string view llama.cpp's lookups use (`gguf_find_key`, `ggml_set_name` stop at NUL).


/** Reads a string's length and checks it as gguf.cpp does; the bytes are next. `what` names it in messages. */
async function stringLength(r, what) {
    const offset = r.pos;
    return strings_checked(r, await r.u64(`the length of ${named(what)}`), offset, what);
}
/** `stringLength` without an await when the length is in the window (a vocabulary's strings), else undefined. */
function stringLengthNow(r, what) {
    const offset = r.pos;
    const n = r.u64Now();
    return n === undefined ? undefined : strings_checked(r, n, offset, what);
}
function strings_checked(r, n, offset, what) {
    if (n > BigInt(GGUF_MAX_STRING_LENGTH)) {
        throw new GgufRejected('string-length', `${named(what)}: string length ${n} exceeds the maximum ${GGUF_MAX_STRING_LENGTH}`, offset);
    }
    if (n > BigInt(r.remain)) {
        throw new GgufRejected('string-length', `${named(what)}: string length ${n} exceeds the ${r.remain} bytes left in the file`, offset);
    }
    return Number(n);
}
const named = (what) => (typeof what === 'string' ? what : what());
/** The bytes up to the first NUL, one char per byte: what strcmp compares. */
function cString(bytes) {
    const nul = bytes.indexOf(0);
    return Buffer.from(nul < 0 ? bytes : bytes.subarray(0, nul)).toString('latin1');
}
/** For messages: UTF-8, JSON-quoted, cut at 120 characters. */
function strings_shown(bytes, more = false) {
    const text = new TextDecoder().decode(bytes);
    const cut = text.length > 120;
    return JSON.stringify(cut ? text.slice(0, 120) : text) + (cut || more ? '…' : '');
}

;// CONCATENATED MODULE: ./src/scan/gguf/kv.ts




/** Keys up to this length are kept whole; longer ones as their first bytes and a SHA-256. */
const KEY_KEPT = 256;
/** Distinct keys remembered for the duplicate check (real files have under a few hundred). */
const MAX_KEYS = 65536;
/** A template over this size is not analysed (gguf/template-unusual). */
const TEMPLATE_MAX = 1024 * 1024;
/** All templates together are kept up to this size. */
const TEMPLATES_TOTAL = 8 * 1024 * 1024;
/** Architecture and name are kept up to this length (details only). */
const DETAIL_MAX = 256;
async function readKey(r, i, tick) {
    const offset = r.pos;
    const n = await stringLength(r, `key ${i}`);
    if (n === 0)
        throw new GgufRejected('empty-key', `key ${i} is empty`, offset);
    const head = await r.bytes(Math.min(n, KEY_KEPT), `key ${i}`);
    const headText = Buffer.from(head).toString('latin1');
    const id = n <= KEY_KEPT ? `s${headText}` : `l${n}:${headText}:${await r.digest(n - KEY_KEPT, `key ${i}`, tick)}`;
    return { id, cname: cString(head), long: n > KEY_KEPT && !head.includes(0), text: new TextDecoder().decode(head), shown: strings_shown(head, n > KEY_KEPT) };
}
/** Reads key-value pair `i`; throws GgufRejected as gguf.cpp fails. */
async function readKv(r, i, state, tick) {
    const keyOffset = r.pos;
    const key = await readKey(r, i, tick);
    if (state.keys.has(key.id))
        throw new GgufRejected('duplicate-key', `duplicate key ${key.shown} (key ${i})`, keyOffset);
    if (state.keys.size >= MAX_KEYS)
        throw new GgufTooLarge(`more than ${MAX_KEYS} metadata keys`, keyOffset);
    state.keys.add(key.id);
    const typeOffset = r.pos;
    let type = await r.i32(`the type of key ${key.shown}`);
    let n = 1n;
    const isArray = type === GGUF_ARRAY;
    let countOffset = typeOffset;
    if (isArray) {
        type = await r.i32(`the element type of key ${key.shown}`);
        countOffset = r.pos;
        n = await r.u64(`the element count of key ${key.shown}`);
    }
    if (type !== GGUF_STRING && GGUF_TYPE_SIZE[type] === undefined) {
        const why = type === GGUF_ARRAY ? 'an array of arrays (nested arrays are not allowed)' : `invalid GGUF type ${type}`;
        throw new GgufRejected('value-type', `key ${key.shown} has ${why}`, isArray ? typeOffset + 4 : typeOffset);
    }
    const valueOffset = r.pos;
    if (key.cname === 'general.alignment' && state.alignment === undefined) {
        state.alignment = { type: isArray ? GGUF_ARRAY : type, typeOffset, valueOffset };
        if (!isArray && type === GGUF_UINT32) {
            state.alignment.value = await r.u32(`the value of key ${key.shown}`);
            return;
        }
    }
    if (isArray)
        return skipArray(r, key, type, n, countOffset, tick);
    if (type !== GGUF_STRING)
        return r.skip(GGUF_TYPE_SIZE[type], `the value of key ${key.shown}`);
    await readStringValue(r, key, state);
}
async function skipArray(r, key, type, n, countOffset, tick) {
    if (n > BigInt(GGUF_MAX_ARRAY_ELEMENTS)) {
        throw new GgufRejected('array-length', `key ${key.shown} has ${n} elements; the maximum is ${GGUF_MAX_ARRAY_ELEMENTS}`, countOffset);
    }
    const count = Number(n);
    // Strings need at least their 8-byte lengths; fixed-size elements their whole size.
    const least = count * (type === GGUF_STRING ? 8 : GGUF_TYPE_SIZE[type]);
    if (least > r.remain) {
        const what = type === GGUF_STRING ? 'string lengths' : `${GGUF_TYPE_NAME[type]} values`;
        throw new GgufRejected('array-length', `key ${key.shown} has ${count} elements: their ${what} need ${least} bytes but ${r.remain} are left in the file`, countOffset);
    }
    if (type !== GGUF_STRING)
        return r.skip(least, `the elements of key ${key.shown}`);
    for (let j = 0; j < count; j++) {
        tick(r.pos);
        const what = () => `element ${j} of key ${key.shown}`;
        r.skip(stringLengthNow(r, what) ?? (await stringLength(r, what)), '');
    }
}
async function readStringValue(r, key, state) {
    const n = await stringLength(r, `the value of key ${key.shown}`);
    const at = r.pos;
    const isTemplate = key.long ? key.cname.startsWith(`${TEMPLATE_KEY}.`) : key.cname === TEMPLATE_KEY || key.cname.startsWith(`${TEMPLATE_KEY}.`);
    if (isTemplate) {
        if (n > TEMPLATE_MAX || state.templateBytes + n > TEMPLATES_TOTAL) {
            state.findings.push(templateTooLarge(key, n, at, n <= TEMPLATE_MAX));
            return r.skip(n, '');
        }
        const text = new TextDecoder().decode(await r.bytes(n, `the value of key ${key.shown}`));
        state.templateBytes += n;
        state.templates.push({ key: key.text, text, offset: at });
        return;
    }
    const detail = key.cname === 'general.architecture' ? 'architecture' : key.cname === 'general.name' ? 'name' : undefined;
    if (detail === undefined || state.details[detail] !== undefined)
        return r.skip(n, '');
    const kept = await r.bytes(Math.min(n, DETAIL_MAX), '');
    r.skip(n - kept.length, '');
    state.details[detail] = new TextDecoder().decode(kept);
}
function templateTooLarge(key, n, offset, total) {
    const size = total ? `a size that takes the templates of this file together past ${TEMPLATES_TOTAL} bytes` : `a size of ${tooLarge(n, TEMPLATE_MAX)}`;
    return unusualTemplate(size, { key: key.text, offset });
}

;// CONCATENATED MODULE: ./src/scan/gguf/ggml-types.ts
// ggml tensor types as llama.cpp's `type_traits` (ggml.c) and ggml-common.h define them,
// pinned to ggml-org/llama.cpp master with GGML_TYPE_COUNT = 43 (Q2_0 added). `blck` is
// elements per block, `size` bytes per block. Removed types (4, 5, 31–33, 36–38) have no
// entry: ggml gives them block size 0, which gguf.cpp rejects.
const GGML_TYPE_COUNT = 43;
const T = (name, blck, size) => ({ name, blck, size });
const GGML_TYPES = {
    0: T('f32', 1, 4),
    1: T('f16', 1, 2),
    2: T('q4_0', 32, 18),
    3: T('q4_1', 32, 20),
    6: T('q5_0', 32, 22),
    7: T('q5_1', 32, 24),
    8: T('q8_0', 32, 34),
    9: T('q8_1', 32, 36),
    10: T('q2_K', 256, 84),
    11: T('q3_K', 256, 110),
    12: T('q4_K', 256, 144),
    13: T('q5_K', 256, 176),
    14: T('q6_K', 256, 210),
    15: T('q8_K', 256, 292),
    16: T('iq2_xxs', 256, 66),
    17: T('iq2_xs', 256, 74),
    18: T('iq3_xxs', 256, 98),
    19: T('iq1_s', 256, 50),
    20: T('iq4_nl', 32, 18),
    21: T('iq3_s', 256, 110),
    22: T('iq2_s', 256, 82),
    23: T('iq4_xs', 256, 136),
    24: T('i8', 1, 1),
    25: T('i16', 1, 2),
    26: T('i32', 1, 4),
    27: T('i64', 1, 8),
    28: T('f64', 1, 8),
    29: T('iq1_m', 256, 56),
    30: T('bf16', 1, 2),
    34: T('tq1_0', 256, 54),
    35: T('tq2_0', 256, 66),
    39: T('mxfp4', 32, 17),
    40: T('nvfp4', 64, 36),
    41: T('q1_0', 128, 18),
    42: T('q2_0', 64, 18)
};

;// CONCATENATED MODULE: ./src/scan/gguf/tensors.ts
// Tensor infos and the data section, as gguf.cpp checks them (name, dims, element count,
// type, byte size, then the data start and each offset against the running padded size),
// followed by llama.cpp's loader check that each tensor's data lies within the file
// (llama-model-loader.cpp `llama_tensor_weight`). Sizes are exact (bigint): where ggml's
// size_t arithmetic would wrap, the file is refused rather than read as ggml would.




/** Tensors remembered for the duplicate-name and bounds checks (real files have tens of thousands at most). */
const MAX_TENSORS_KEPT = 1_000_000;
const pad = (x, n) => ((x + n - 1n) / n) * n;
/** Reads tensor info `i` and places it after the previous ones. */
async function readTensorInfo(r, i, walk, alignment, tick) {
    tick(r.pos);
    const nameOffset = r.pos;
    const n = await stringLength(r, `the name of tensor ${i}`);
    if (n >= GGML_MAX_NAME) {
        throw new GgufRejected('tensor-name-length', `tensor ${i}: name is ${n} bytes, ggml names hold at most ${GGML_MAX_NAME - 1} (GGML_MAX_NAME ${GGML_MAX_NAME})`, nameOffset);
    }
    const bytes = await r.bytes(n, `the name of tensor ${i}`);
    const cname = cString(bytes);
    const name = strings_shown(bytes.subarray(0, cname.length));
    const first = walk.names.get(cname);
    if (first !== undefined)
        throw new GgufRejected('duplicate-tensor', `duplicate tensor name ${name} for tensors ${first} and ${i}`, nameOffset, cname);
    if (walk.names.size >= MAX_TENSORS_KEPT)
        throw new GgufTooLarge(`more than ${MAX_TENSORS_KEPT} tensors`, nameOffset);
    walk.names.set(cname, i);
    const ne = await readShape(r, name, cname);
    const typeOffset = r.pos;
    const type = await r.i32(`the type of tensor ${name}`);
    const nbytes = tensorBytes(ne, type, name, cname, typeOffset);
    const field = r.pos;
    const offset = await r.u64(`the data offset of tensor ${name}`);
    if (walk.pending !== undefined)
        return;
    if (offset !== walk.size) {
        walk.pending = new GgufRejected('tensor-offset', `tensor ${name} has offset ${offset}, expected ${walk.size} (tensors are contiguous, in header order, each padded to ${alignment})`, field, cname);
        return;
    }
    const padded = pad(nbytes, BigInt(alignment));
    if (SIZE_MAX - walk.size < padded) {
        walk.pending = new GgufRejected('data-size', `tensor ${name}: the data size overflows (${walk.size} + ${padded} > ${SIZE_MAX})`, field, cname);
        return;
    }
    walk.placed.push({ name: cname, field, start: offset, end: offset + nbytes });
    walk.size += padded;
}
/** n_dims, then each dimension (≥ 0), then the element count (< INT64_MAX). */
async function readShape(r, name, cname) {
    const dimsOffset = r.pos;
    const nDims = await r.u32(`the dimension count of tensor ${name}`);
    if (nDims > GGML_MAX_DIMS)
        throw new GgufRejected('n-dims', `tensor ${name} has ${nDims} dimensions; the maximum is ${GGML_MAX_DIMS}`, dimsOffset, cname);
    const ne = [1n, 1n, 1n, 1n];
    for (let j = 0; j < nDims; j++) {
        const at = r.pos;
        ne[j] = await r.i64(`dimension ${j} of tensor ${name}`);
        if (ne[j] < 0n)
            throw new GgufRejected('dimension', `tensor ${name} dimension ${j} has ${ne[j]} elements (< 0)`, at, cname);
    }
    if (ne.every((x) => x > 0n)) {
        const [n0, n1, n2, n3] = ne;
        if (constants_INT64_MAX / n1 <= n0 || constants_INT64_MAX / n2 <= n0 * n1 || constants_INT64_MAX / n3 <= n0 * n1 * n2) {
            // ggml multiplies in int64: a product that wraps to ≤ 0 skips llama.cpp's own check.
            const wrapped = BigInt.asIntN(64, n0 * n1 * n2 * n3);
            const note = wrapped <= 0n ? ` (the int64 product wraps to ${wrapped}, which skips llama.cpp's check: refused here)` : '';
            throw new GgufRejected('element-count', `tensor ${name} with shape (${ne.join(', ')}) has ≥ ${constants_INT64_MAX} elements${note}`, dimsOffset + 4, cname);
        }
    }
    return ne;
}
/** The type's checks and ggml_nbytes (0 when a dimension is 0). */
function tensorBytes(ne, type, name, cname, at) {
    if (type < 0 || type >= GGML_TYPE_COUNT) {
        throw new GgufRejected('tensor-type', `tensor ${name} has invalid ggml type ${type}; it should be in [0, ${GGML_TYPE_COUNT})`, at, cname);
    }
    const t = GGML_TYPES[type];
    const blck = BigInt(t?.blck ?? 0);
    if (blck === 0n || ne[0] % blck !== 0n) {
        const what = t === undefined ? `type ${type} (removed from ggml)` : `type ${type} (${t.name})`;
        throw new GgufRejected('block-size', `tensor ${name} of ${what} has ${ne[0]} elements per row, not a multiple of the block size (${blck})`, at, cname);
    }
    const size = BigInt(t.size);
    const elements = ne[0] * ne[1] * ne[2] * ne[3];
    if (elements / blck > SIZE_MAX / size) {
        throw new GgufRejected('byte-size', `tensor ${name} with shape (${ne.join(', ')}) has a size in bytes > ${SIZE_MAX}`, at, cname);
    }
    return (elements / blck) * size;
}
/** After the infos: the data section start, the deferred offset check, then every tensor within the file. */
function placeData(infoEnd, size, tensors, alignment, walk) {
    const dataStart = tensors > 0 ? Math.ceil(infoEnd / alignment) * alignment : infoEnd;
    if (dataStart > size) {
        throw new GgufRejected('data-start', `the data section would start at ${dataStart} (the tensor infos end at ${infoEnd}, padded to ${alignment}), past the end of the file (${size} bytes)`, infoEnd);
    }
    if (walk.pending !== undefined)
        throw walk.pending;
    const base = BigInt(dataStart);
    const bad = walk.placed.find((t) => base + t.end > BigInt(size));
    if (bad !== undefined) {
        const what = `tensor ${strings_shown(Buffer.from(bad.name, 'latin1'))} data [${base + bad.start}, ${base + bad.end})`;
        throw new GgufRejected('data-bounds', `${what} is not within the file (${size} bytes)`, bad.field, bad.name);
    }
    return dataStart;
}

;// CONCATENATED MODULE: ./src/scan/gguf/header.ts
// The GGUF header walk in llama.cpp's order (gguf.cpp `gguf_init_from_reader`): magic,
// version, counts, key-value pairs, `general.alignment`, tensor infos, data section. The
// first failing check throws GgufRejected, as gguf.cpp returns at its first failure.




/** Walks the header into `out` (filled as it goes, so a stop keeps what was read). */
async function walkHeader(r, kv, out, tick) {
    await checkMagic(r);
    out.version = await checkVersion(r);
    const tensors = await readCount(r, 'tensor-count', 'tensors', MAX_TENSORS);
    out.tensors = tensors;
    out.kvs = await readCount(r, 'kv-count', 'key-value pairs', MAX_KVS);
    for (let i = 0; i < out.kvs; i++) {
        tick(r.pos);
        await readKv(r, i, kv, tick);
    }
    const alignment = checkAlignment(kv);
    out.alignment = alignment;
    const walk = { names: new Map(), placed: [], size: 0n };
    for (let i = 0; i < tensors; i++)
        await readTensorInfo(r, i, walk, alignment, tick);
    out.dataOffset = placeData(r.pos, r.size, tensors, alignment, walk);
    out.dataSize = walk.size;
}
async function checkMagic(r) {
    if (r.size < 4)
        throw new GgufRejected('magic', `failed to read the magic: the file is ${r.size} bytes`, 0);
    const magic = await r.bytes(4, 'the magic');
    if (magic.some((b, i) => b !== GGUF_MAGIC[i])) {
        const text = Array.from(magic, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?')).join('');
        throw new GgufRejected('magic', `invalid magic characters '${text}', expected 'GGUF'`, 0);
    }
}
/** Same tests in the same order as gguf.cpp: 0, byte-swapped (low 16 bits zero), 1, newer than 3. */
async function checkVersion(r) {
    const v = await r.u32('the version');
    const hex = `0x${v.toString(16).padStart(8, '0')}`;
    if (v === 0)
        throw new GgufRejected('version', 'bad GGUF version 0', 4);
    if ((v & 0xffff) === 0) {
        throw new GgufRejected('version', `version ${v} (${hex}) is extremely large: a byte-swapped (big-endian) file, which llama.cpp refuses on little-endian hosts`, 4);
    }
    if (v === 1)
        throw new GgufRejected('version', 'GGUF version 1 is no longer supported', 4);
    if (v > GGUF_VERSION)
        throw new GgufRejected('version', `GGUF version ${v} is newer than the newest supported (${GGUF_VERSION})`, 4);
    return v;
}
/** An int64 count in [0, SIZE_MAX / sizeof(entry)]; larger counts run out of file when read. */
async function readCount(r, check, what, max) {
    const at = r.pos;
    const n = await r.i64(`the number of ${what}`);
    if (n < 0n || n > max)
        throw new GgufRejected(check, `the number of ${what} is ${n} but must be in [0, ${max}]`, at);
    // Each entry takes bytes of the file: a count past 2^53 fails on a read long before.
    return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}
function checkAlignment(kv) {
    const a = kv.alignment;
    if (a === undefined)
        return GGUF_DEFAULT_ALIGNMENT;
    if (a.type !== GGUF_UINT32) {
        const is = a.type === GGUF_ARRAY ? 'arr' : GGUF_TYPE_NAME[a.type];
        throw new GgufRejected('alignment-type', `key '${ALIGNMENT_KEY}' must be of type u32 but is ${is}`, a.typeOffset);
    }
    const v = a.value ?? 0;
    if (v === 0 || (v & (v - 1)) !== 0)
        throw new GgufRejected('alignment', `alignment ${v} is not a power of 2`, a.valueOffset);
    return v;
}

;// CONCATENATED MODULE: ./src/scan/formats/gguf.ts






const gguf_REJECTED_ADVICE = 'llama.cpp refuses to load this file; malformed GGUF headers are how its parser has been attacked (out-of-bounds reads and writes), so do not load it with older or other GGUF readers either';
/** Reads and checks the header; findings hold the rejection (if any) and template notes. */
async function readGgufHeader(source, ctx) {
    const kv = { keys: new Set(), details: {}, templates: [], templateBytes: 0, findings: [] };
    const walked = {};
    const findings = [];
    const budget = ctx.budget;
    const tick = (offset) => {
        if (budget?.spent(ctx, offset))
            throw new BudgetStop();
    };
    try {
        await walkHeader(new HeaderReader(source), kv, walked, tick);
    }
    catch (err) {
        if (err instanceof GgufRejected)
            findings.push(rejection(err));
        else if (err instanceof GgufTooLarge)
            findings.push(gguf_tooLarge(err));
        else if (!(err instanceof BudgetStop))
            throw err;
    }
    const at = (f) => (ctx.entry === undefined || f.location === undefined ? f : { ...f, location: { entry: ctx.entry, ...f.location } });
    return {
        version: walked.version ?? 0,
        tensors: walked.tensors ?? 0,
        kvs: walked.kvs ?? 0,
        templates: kv.templates,
        details: details(walked, kv),
        findings: [...findings, ...kv.findings].map(at)
    };
}
/** The header's findings, then each chat template's (parsed and walked, never rendered). */
const scanGguf = async (source, ctx) => {
    const header = await readGgufHeader(source, ctx);
    const templates = header.templates.flatMap((t) => checkChatTemplate(t.text, { key: t.key, offset: t.offset, ...(ctx.entry !== undefined ? { entry: ctx.entry } : {}) }));
    return { format: 'gguf', findings: [...header.findings, ...templates], details: header.details };
};
function rejection(err) {
    return {
        rule: RULES.ggufInvalidHeader,
        severity: 'high',
        message: `GGUF header rejected (${err.check}): ${err.message}. ${gguf_REJECTED_ADVICE}.`,
        location: { offset: err.offset },
        check: err.check,
        // The name as ggml keeps it (up to a NUL), as text.
        ...(err.tensor !== undefined ? { tensor: Buffer.from(err.tensor, 'latin1').toString('utf8') } : {})
    };
}
function gguf_tooLarge(err) {
    return {
        rule: RULES.incomplete,
        severity: 'high',
        message: `GGUF header not fully analysed: ${err.message} (modelgate's bound); llama.cpp reads on, so the rest of the header is not known to be safe. Inspect it by hand.`,
        location: { offset: err.offset }
    };
}
function details(w, kv) {
    const out = {};
    if (w.version !== undefined)
        out.version = w.version;
    if (w.tensors !== undefined)
        out.tensors = w.tensors;
    if (w.kvs !== undefined)
        out.kvs = w.kvs;
    if (kv.details.architecture !== undefined)
        out.architecture = kv.details.architecture;
    if (kv.details.name !== undefined)
        out.name = kv.details.name;
    if (w.alignment !== undefined)
        out.alignment = w.alignment;
    if (w.dataOffset !== undefined)
        out.dataOffset = w.dataOffset;
    if (w.dataSize !== undefined)
        out.dataSize = Number(w.dataSize);
    if (kv.templates.length > 0)
        out.chatTemplates = kv.templates.map((t) => t.key);
    return out;
}

;// CONCATENATED MODULE: ./src/scan/protobuf/window.ts
const CHUNK = 64 * 1024;
class ByteWindow {
    source;
    chunk;
    /** Bytes of the source from `start`. */
    bytes = new Uint8Array(0);
    start = 0;
    constructor(source, chunk = CHUNK) {
        this.source = source;
        this.chunk = chunk;
    }
    get size() {
        return this.source.size;
    }
    /** True when [offset, offset + n) is in the window. */
    covers(offset, n) {
        return offset >= this.start && offset + n <= this.start + this.bytes.length;
    }
    /** Loads the window at `offset` unless it covers n bytes there (fewer exist only at the end of the source). */
    async ensure(offset, n) {
        if (this.covers(offset, n))
            return;
        this.bytes = await this.source.read(offset, Math.max(n, this.chunk));
        this.start = offset;
    }
    /** Up to `n` bytes at `offset` (fewer only at the end of the source). */
    async at(offset, n) {
        await this.ensure(offset, n);
        const from = offset - this.start;
        return this.bytes.subarray(from, from + n);
    }
}

;// CONCATENATED MODULE: ./src/scan/protobuf/reader.ts
const WIRE = { varint: 0, fixed64: 1, len: 2, startGroup: 3, endGroup: 4, fixed32: 5 };
/** Wire data protobuf refuses to parse; `offset` is where the bad field or varint starts. */
class ProtoError extends Error {
    offset;
    constructor(message, offset) {
        super(message);
        this.offset = offset;
    }
}
const MAX_VARINT = 10;
/** protobuf reads lengths as int32. */
const MAX_LENGTH = 2 ** 31 - 1;
/** protobuf's default recursion limit, which nested groups count against. */
const MAX_GROUP_DEPTH = 100;
/** The most bytes one field's tag, length or value varint take: what `next` loads before decoding. */
const FIELD_HEAD = 2 * MAX_VARINT;
class ProtoReader {
    window;
    start;
    end;
    pos;
    constructor(window, start, end) {
        this.window = window;
        this.start = start;
        this.end = end;
        this.pos = start;
    }
    /** The whole source as one message. */
    static of(window) {
        return new ProtoReader(window, 0, window.size);
    }
    /** The reader of a length-delimited payload (a sub-message). */
    sub(range) {
        return new ProtoReader(this.window, range.offset, range.offset + range.length);
    }
    /** A payload's bytes when it is at most `max` bytes long, else its first `max` bytes. */
    async bytes(range, max) {
        return this.window.at(range.offset, Math.min(range.length, max));
    }
    /** The next field, or undefined at the end of the range. */
    async next() {
        if (this.pos >= this.end)
            return undefined;
        await this.load();
        const offset = this.pos;
        const { number, wire } = this.tag();
        switch (wire) {
            case WIRE.varint:
                return { number, offset, wire, value: this.value(`field ${number}`) };
            case WIRE.fixed64:
            case WIRE.fixed32:
                return { number, offset, wire, value: this.skip(wire === WIRE.fixed64 ? 8 : 4, number, offset) };
            case WIRE.len:
                return { number, offset, wire, value: this.skip(this.length(number, offset), number, offset) };
            case WIRE.startGroup:
                return { number, offset, wire, value: await this.group(number, offset) };
            case WIRE.endGroup:
                throw new ProtoError(`an end-group tag (field ${number}) closes no group: protobuf C++ refuses the model, Python's protobuf ignores what follows`, offset);
            default:
                throw new ProtoError(`field ${number} has the invalid wire type ${wire}`, offset);
        }
    }
    /** Makes the next field's varints (tag, then length or value) decodable without a read. */
    load() {
        return this.window.ensure(this.pos, Math.min(FIELD_HEAD, this.end - this.pos));
    }
    tag() {
        const offset = this.pos;
        const tag = this.varint('tag');
        if (tag > 0xffffffff)
            throw new ProtoError(`the field tag ${this.decimal(offset)} does not fit in 32 bits`, offset);
        const number = Math.floor(tag / 8);
        if (number === 0)
            throw new ProtoError("a field has number 0: protobuf C++ refuses the model, Python's protobuf ignores what follows", offset);
        return { number, wire: tag % 8 };
    }
    /** Skips a group (and the groups nested in it) past its end-group tag; the range covers its fields. */
    async group(number, offset) {
        const start = this.pos;
        const open = [number];
        for (;;) {
            if (this.pos >= this.end)
                throw new ProtoError(`the group of field ${number} has no end-group tag before the end of its message`, offset);
            await this.load();
            const at = this.pos;
            const inner = this.tag();
            if (inner.wire === WIRE.endGroup) {
                if (inner.number !== open.pop())
                    throw new ProtoError(`an end-group tag (field ${inner.number}) does not match its group`, at);
                if (open.length === 0)
                    return { offset: start, length: at - start };
            }
            else if (inner.wire === WIRE.startGroup) {
                if (open.push(inner.number) > MAX_GROUP_DEPTH)
                    throw new ProtoError(`groups are nested deeper than protobuf's recursion limit of ${MAX_GROUP_DEPTH}`, at);
            }
            else if (inner.wire === WIRE.varint)
                this.varint(`field ${inner.number}`);
            else if (inner.wire === WIRE.fixed64 || inner.wire === WIRE.fixed32)
                this.skip(inner.wire === WIRE.fixed64 ? 8 : 4, inner.number, at);
            else if (inner.wire === WIRE.len)
                this.skip(this.length(inner.number, at), inner.number, at);
            else
                throw new ProtoError(`field ${inner.number} has the invalid wire type ${inner.wire}`, at);
        }
    }
    length(number, offset) {
        const at = this.pos;
        const length = this.varint(`the length of field ${number}`);
        if (length > MAX_LENGTH)
            throw new ProtoError(`field ${number} claims ${this.decimal(at)} bytes, over protobuf's 2 GiB limit`, offset);
        return length;
    }
    skip(length, number, offset) {
        const at = this.pos;
        if (length > this.end - at) {
            throw new ProtoError(`field ${number} needs ${length} bytes but its message has ${this.end - at} left (truncated or overrunning length)`, offset);
        }
        this.pos = at + length;
        return { offset: at, length };
    }
    /**
     * Decodes the varint at `pos` from the loaded window and moves past it. Exact up to 2^53
     * (tags and lengths are checked against smaller limits); `value` gives the exact 64 bits.
     */
    varint(what) {
        const at = this.pos;
        const { bytes, start } = this.window;
        const available = Math.min(MAX_VARINT, this.end - at);
        let value = 0;
        for (let i = 0; i < available; i++) {
            const byte = bytes[at - start + i];
            value += (byte & 0x7f) * 2 ** (7 * i);
            if (byte < 0x80) {
                this.pos = at + i + 1;
                return value;
            }
        }
        if (available === MAX_VARINT)
            throw new ProtoError(`the varint of ${what} is longer than 10 bytes`, at);
        throw new ProtoError(`the varint of ${what} runs past the end of its message (truncated)`, at);
    }
    /** A varint field's value: the low 64 bits, as protobuf keeps them. */
    value(what) {
        const at = this.pos;
        const approximate = this.varint(what);
        return approximate <= Number.MAX_SAFE_INTEGER ? BigInt(approximate) : this.exact(at, this.pos);
    }
    exact(from, to) {
        let value = 0n;
        for (let i = to - 1; i >= from; i--)
            value = (value << 7n) | BigInt(this.window.bytes[i - this.window.start] & 0x7f);
        return BigInt.asUintN(64, value);
    }
    /** The exact decimal of the varint at `at` (for messages). */
    decimal(at) {
        let end = at;
        while (this.window.bytes[end - this.window.start] >= 0x80)
            end++;
        return this.exact(at, end + 1).toString();
    }
}

;// CONCATENATED MODULE: ./src/scan/onnx/domains.ts
const STANDARD_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training', 'com.microsoft']);
/** Operators listed per domain in a finding. */
const OPERATORS_SHOWN = 20;
function customDomains(facts) {
    const out = [];
    for (const [domain, ops] of facts.operators) {
        if (STANDARD_DOMAINS.has(domain))
            continue;
        const custom = [...ops].filter(([op]) => !facts.functions.has(`${domain}\0${op}`));
        if (custom.length === 0)
            continue;
        out.push({ domain, operators: custom.slice(0, OPERATORS_SHOWN).map(([op]) => op), count: custom.length, offset: Math.min(...custom.map(([, at]) => at)) });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/scan/onnx/location.ts
// Syntactic checks of an external-data `location`, for every loader at once: onnx.checker
// (1.16+) refuses absolute paths and `..` after lexical normalisation, but older onnx
// releases (CVE-2022-25882, CVE-2024-27318) and other runtimes just join the location to the
// model's folder (`os.path.join(base_dir, location)`), which an absolute path replaces.
// Windows separators and drive/UNC forms count on every host: the model may be loaded there.
/** Why the location leaves the model's folder, or undefined when it stays inside lexically. */
function escapeReason(location) {
    for (const [view, text] of views(location)) {
        const reason = lexicalEscape(text);
        if (reason !== undefined)
            return view === '' ? reason : `${reason} (${view})`;
    }
    return undefined;
}
/**
 * The readings loaders may make: as written; cut at a NUL (C and C++ `open` stop there,
 * Python refuses it); percent-decoded (no onnx loader decodes, but URL-minded tools do, and
 * no honest exporter writes `%2e%2e`).
 */
function views(location) {
    const out = [['', location]];
    const nul = location.indexOf('\0');
    if (nul >= 0)
        out.push(['read up to its NUL byte by C and C++ loaders', location.slice(0, nul)]);
    const decoded = percentDecoded(location);
    if (decoded !== location)
        out.push(['once percent-decoded', decoded]);
    return out;
}
function percentDecoded(text) {
    return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}
function lexicalEscape(text) {
    if (/^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(text))
        return 'is a URL';
    if (/^[\\/]{2}/.test(text))
        return 'is a UNC or network path';
    if (/^[A-Za-z]:/.test(text))
        return 'starts with a Windows drive letter';
    if (/^[\\/]/.test(text))
        return 'is an absolute path';
    let depth = 0;
    for (const segment of text.split(/[\\/]/)) {
        if (segment === '..')
            depth--;
        else if (segment !== '' && segment !== '.')
            depth++;
        if (depth < 0)
            return 'climbs out of the model folder with `..`';
    }
    return undefined;
}
/** The path a loader opens: C and C++ stop at a NUL. */
function openedPath(location) {
    const nul = location.indexOf('\0');
    return nul >= 0 ? location.slice(0, nul) : location;
}

;// CONCATENATED MODULE: ./src/scan/onnx/walk.ts
// Walks an ONNX ModelProto (onnx.proto field numbers) on a ProtoReader: graphs and the
// subgraphs in node attributes (If/Loop/Scan bodies), functions, training graphs,
// initializers and sparse initializers, opset imports and metadata. Tensor payloads are
// skipped by length. It collects what the checks need: operators per domain, functions
// defined in the model, and every tensor's external-data entries.

/** Graph nesting the walk follows (protobuf's own recursion limit is 100 messages). */
const MAX_GRAPH_DEPTH = 64;
/** Nodes the walk visits, all graphs and functions together. */
const walk_MAX_NODES = 2_000_000;
/** Longest string field read (names, domains, locations); longer ones are cut. */
const MAX_STRING = 4096;
/** Distinct operators (domain, op_type) and functions kept. */
const MAX_OPERATORS = 100_000;
/** Distinct external-data locations of one tensor (a loader reads the last one). */
const MAX_LOCATIONS = 16;
/** Opset imports and metadata entries kept for the report. */
const KEPT = 50;
/** The walk stopped at a limit: the rest of the model was not analysed. */
class WalkLimit extends Error {
    offset;
    constructor(message, offset) {
        super(message);
        this.offset = offset;
    }
}
const walk_decoder = new TextDecoder();
const EXTERNAL = 1n;
function newFacts() {
    return {
        opsets: [],
        metadata: [],
        operators: new Map(),
        functions: new Set(),
        counts: { nodes: 0, initializers: 0, sparseInitializers: 0, functions: 0, subgraphs: 0 },
        inlineBytes: 0
    };
}
class Walker {
    facts;
    tick;
    onExternal;
    distinct = 0;
    constructor(facts, tick, onExternal) {
        this.facts = facts;
        this.tick = tick;
        this.onExternal = onExternal;
    }
    /** Counts a new operator or function against MAX_OPERATORS. */
    another(offset) {
        if (++this.distinct > MAX_OPERATORS)
            throw new WalkLimit(`the model has more than ${MAX_OPERATORS} distinct operators and functions`, offset);
    }
    /** Calls `visit` on each field of the message, with the tick between fields (time budget). */
    async fields(reader, visit) {
        for (let field = await reader.next(); field !== undefined; field = await reader.next()) {
            this.tick();
            await visit(field);
        }
    }
    async text(reader, range) {
        return walk_decoder.decode(await reader.bytes(range, MAX_STRING));
    }
    async model(reader) {
        await this.fields(reader, async (f) => {
            if (f.wire === WIRE.varint) {
                if (f.number === 1)
                    this.facts.irVersion = BigInt.asIntN(64, f.value).toString();
                return;
            }
            if (f.wire !== WIRE.len)
                return;
            const sub = reader.sub(f.value);
            if (f.number === 2)
                this.facts.producer = await this.text(reader, f.value);
            else if (f.number === 7)
                await this.graph(sub, 1);
            else if (f.number === 8)
                keep(this.facts.opsets, await this.opset(sub));
            else if (f.number === 14)
                keep(this.facts.metadata, await this.entry(sub));
            else if (f.number === 20)
                await this.trainingInfo(sub);
            else if (f.number === 25)
                await this.function(sub);
        });
    }
    async opset(reader) {
        const opset = { domain: '', version: '0' };
        await this.fields(reader, async (f) => {
            if (f.number === 1 && f.wire === WIRE.len)
                opset.domain = await this.text(reader, f.value);
            else if (f.number === 2 && f.wire === WIRE.varint)
                opset.version = BigInt.asIntN(64, f.value).toString();
        });
        return opset;
    }
    /** A StringStringEntryProto (last key and value win, as protobuf merges singular fields). */
    async entry(reader) {
        const entry = { key: '', value: '', offset: reader.start, cut: false };
        await this.fields(reader, async (f) => {
            if (f.wire !== WIRE.len)
                return;
            if (f.number === 1)
                entry.key = await this.text(reader, f.value);
            else if (f.number === 2) {
                entry.value = await this.text(reader, f.value);
                entry.offset = f.value.offset;
                entry.cut = f.value.length > MAX_STRING;
            }
        });
        return entry;
    }
    async trainingInfo(reader) {
        await this.fields(reader, async (f) => {
            if ((f.number === 1 || f.number === 2) && f.wire === WIRE.len)
                await this.graph(reader.sub(f.value), 1);
        });
    }
    async function(reader) {
        this.facts.counts.functions++;
        let name = '';
        let domain = '';
        await this.fields(reader, async (f) => {
            if (f.wire !== WIRE.len)
                return;
            if (f.number === 1)
                name = await this.text(reader, f.value);
            else if (f.number === 10)
                domain = await this.text(reader, f.value);
            else if (f.number === 7)
                await this.node(reader.sub(f.value), 1);
            else if (f.number === 11)
                await this.attribute(reader.sub(f.value), 1);
        });
        const key = `${domain}\0${name}`;
        if (!this.facts.functions.has(key))
            this.another(reader.start);
        this.facts.functions.add(key);
    }
    async graph(reader, depth) {
        if (depth > MAX_GRAPH_DEPTH)
            throw new WalkLimit(`graphs are nested more than ${MAX_GRAPH_DEPTH} deep`, reader.start);
        await this.fields(reader, async (f) => {
            if (f.wire !== WIRE.len)
                return;
            if (f.number === 1)
                await this.node(reader.sub(f.value), depth);
            else if (f.number === 5) {
                this.facts.counts.initializers++;
                await this.tensor(reader.sub(f.value));
            }
            else if (f.number === 15) {
                this.facts.counts.sparseInitializers++;
                await this.sparseTensor(reader.sub(f.value));
            }
        });
    }
    async node(reader, depth) {
        if (++this.facts.counts.nodes > walk_MAX_NODES)
            throw new WalkLimit(`the model has more than ${walk_MAX_NODES} nodes`, reader.start);
        let opType = '';
        let domain = '';
        await this.fields(reader, async (f) => {
            if (f.wire !== WIRE.len)
                return;
            if (f.number === 4)
                opType = await this.text(reader, f.value);
            else if (f.number === 7)
                domain = await this.text(reader, f.value);
            else if (f.number === 5)
                await this.attribute(reader.sub(f.value), depth);
        });
        const ops = this.facts.operators.get(domain) ?? new Map();
        if (!ops.has(opType)) {
            this.another(reader.start);
            ops.set(opType, reader.start);
        }
        this.facts.operators.set(domain, ops);
    }
    async attribute(reader, depth) {
        await this.fields(reader, async (f) => {
            if (f.wire !== WIRE.len)
                return;
            const sub = reader.sub(f.value);
            if (f.number === 5 || f.number === 10)
                await this.tensor(sub);
            else if (f.number === 22 || f.number === 23)
                await this.sparseTensor(sub);
            else if (f.number === 6 || f.number === 11) {
                this.facts.counts.subgraphs++;
                await this.graph(sub, depth + 1);
            }
        });
    }
    async sparseTensor(reader) {
        await this.fields(reader, async (f) => {
            if ((f.number === 1 || f.number === 2) && f.wire === WIRE.len)
                await this.tensor(reader.sub(f.value));
        });
    }
    async tensor(reader) {
        const ref = { name: '', external: false, locations: new Map() };
        await this.fields(reader, async (f) => {
            if (f.number === 14 && f.wire === WIRE.varint)
                ref.external ||= f.value === EXTERNAL;
            if (f.wire !== WIRE.len)
                return;
            if (f.number === 8)
                ref.name = await this.text(reader, f.value);
            else if (f.number === 13)
                external(ref, await this.entry(reader.sub(f.value)));
            else if (f.number === 9)
                this.facts.inlineBytes += f.value.length;
        });
        if (ref.external || ref.locations.size > 0 || ref.offset !== undefined || ref.length !== undefined)
            this.onExternal(ref);
    }
}
/** Records one external_data entry; other keys (checksum, basepath, unknown) do not change what is read. */
function external(ref, entry) {
    if (entry.key === 'location') {
        if (!ref.locations.has(entry.value)) {
            if (ref.locations.size >= MAX_LOCATIONS)
                throw new WalkLimit(`a tensor names more than ${MAX_LOCATIONS} external-data locations`, entry.offset);
            ref.locations.set(entry.value, entry);
        }
    }
    else if (entry.key === 'offset')
        ref.offset = entry;
    else if (entry.key === 'length')
        ref.length = entry;
}
function keep(list, item) {
    if (list.length < KEPT)
        list.push(item);
}
/**
 * Walks the ModelProto in `reader` into `facts` (see `newFacts`); throws ProtoError (wire
 * data) or WalkLimit, leaving what was found up to there in `facts`.
 */
async function walkModel(reader, facts, tick, onExternal) {
    await new Walker(facts, tick, onExternal).model(reader);
}

;// CONCATENATED MODULE: ./src/scan/onnx/external.ts
// External data: the files a model's tensors read (`external_data` entries `location`,
// `offset`, `length`), grouped by location, and the checks on them. Syntactic checks always
// run; with the model's local path, each location is also resolved against the model's folder
// as a loader does (symlinks included) and the referenced file's size is compared with the
// ranges read. Referenced files are never opened: lstat, realpath and stat only.




/** Distinct locations followed; more stops the walk (no real model has this many files). */
const MAX_EXTERNAL_FILES = 10_000;
class ExternalFiles {
    files = new Map();
    /** Records a tensor's external-data locations, with its offset and length. */
    add(ref) {
        const offset = numberOf(ref, ref.offset, 0n);
        const length = numberOf(ref, ref.length, undefined);
        for (const entry of ref.locations.values())
            this.read(ref, entry, offset, length);
    }
    read(ref, entry, offset, length) {
        let file = this.files.get(entry.value);
        if (file === undefined) {
            if (this.files.size >= MAX_EXTERNAL_FILES)
                throw new WalkLimit(`tensors read more than ${MAX_EXTERNAL_FILES} distinct external files`, entry.offset);
            file = { location: entry.value, cut: entry.cut, offset: entry.offset, tensor: ref.name, tensors: 0, bytes: 0n, end: -1n, endTensor: ref.name };
            this.files.set(entry.value, file);
        }
        file.tensors++;
        if (typeof offset !== 'bigint' || (length !== undefined && typeof length !== 'bigint')) {
            file.bad ??= typeof offset !== 'bigint' ? offset : length;
            return;
        }
        file.bytes += length ?? 0n;
        const end = offset + (length ?? 0n);
        if (end > file.end) {
            file.end = end;
            file.endTensor = ref.name;
        }
    }
}
/** Python `int(value)` (what onnx's loader applies): digits with an optional sign, spaces around and single `_` between digits. */
function numberOf(ref, entry, absent) {
    if (entry === undefined)
        return absent;
    const text = entry.value.trim();
    if (/^[+-]?\d+(_\d+)*$/.test(text) && !text.startsWith('-'))
        return BigInt(text.replace(/[_+]/g, ''));
    return { tensor: ref.name, key: entry.key, value: entry.value.slice(0, 40), offset: entry.offset };
}
/** How a location is shown in messages: quoted with escapes (a NUL shows as \u0000), cut when long. */
function external_shown(location) {
    const text = JSON.stringify(location);
    return text.length > 200 ? `${text.slice(0, 200)}…"` : text;
}
const tensorsOf = (file) => `${file.tensors} tensor${file.tensors === 1 ? '' : 's'} (first: ${JSON.stringify(file.tensor)})`;
/** The checks without the file system: escapes and numbers loaders refuse. */
function lexicalIssues(file) {
    const issues = [];
    const reason = file.cut ? `is over ${MAX_STRING} bytes long (not checked further)` : escapeReason(file.location);
    if (reason !== undefined) {
        issues.push({
            kind: 'escape',
            file,
            offset: file.offset,
            message: `external data of ${tensorsOf(file)} is read from ${external_shown(file.location)}, which ${reason}: loaders that do not refuse it (onnx before 1.16, other runtimes) read a file outside the model's folder`
        });
    }
    if (file.bad !== undefined) {
        const { tensor, key, value, offset } = file.bad;
        issues.push({ kind: 'bounds', file, offset, message: `tensor ${JSON.stringify(tensor)} has external-data ${key} ${JSON.stringify(value)} for ${external_shown(file.location)}: not a non-negative integer` });
    }
    return issues;
}
/** The checks against the model's folder, for a location that stays inside it lexically. */
async function localIssues(file, base, realBase) {
    const target = (0,external_node_path_namespaceObject.join)(base, openedPath(file.location));
    const issue = (kind, message) => [{ kind, file, offset: file.offset, message }];
    try {
        await (0,promises_namespaceObject.lstat)(target);
    }
    catch {
        return issue('missing', `external data file ${external_shown(file.location)} of ${tensorsOf(file)} does not exist next to the model: the model does not load as it is`);
    }
    const real = await (0,promises_namespaceObject.realpath)(target).catch(() => undefined);
    if (real === undefined)
        return issue('missing', `external data ${external_shown(file.location)} of ${tensorsOf(file)} is a symbolic link to nothing (or an unreadable path)`);
    if (real !== realBase && !real.startsWith(realBase.endsWith(external_node_path_namespaceObject.sep) ? realBase : realBase + external_node_path_namespaceObject.sep)) {
        return issue('escape', `external data of ${tensorsOf(file)} is read from ${external_shown(file.location)}, which resolves outside the model's folder through a symbolic link (to ${external_shown(real)})`);
    }
    const info = await (0,promises_namespaceObject.stat)(target);
    if (!info.isFile())
        return issue('missing', `external data ${external_shown(file.location)} of ${tensorsOf(file)} is not a regular file`);
    if (file.end > BigInt(info.size)) {
        return issue('bounds', `tensor ${JSON.stringify(file.endTensor)} reads external data up to byte ${file.end} of ${external_shown(file.location)}, which has ${info.size} bytes`);
    }
    return [];
}
/**
 * Every issue of the external files; `modelPath`: the model's local path as a loader is given
 * it (undefined for remote files and archive members: only the lexical checks run).
 */
async function externalIssues(files, modelPath) {
    const base = modelPath === undefined ? undefined : (0,external_node_path_namespaceObject.dirname)(modelPath);
    const realBase = base === undefined ? undefined : await (0,promises_namespaceObject.realpath)(base);
    const issues = [];
    for (const file of files) {
        const lexical = lexicalIssues(file);
        issues.push(...lexical);
        if (base !== undefined && realBase !== undefined && !lexical.some((i) => i.kind === 'escape'))
            issues.push(...(await localIssues(file, base, realBase)));
    }
    return issues;
}

;// CONCATENATED MODULE: ./src/scan/formats/onnx.ts







const ISSUES = {
    escape: { rule: RULES.onnxExternalDataEscape, severity: 'high' },
    missing: { rule: RULES.onnxExternalDataMissing, severity: 'medium' },
    bounds: { rule: RULES.onnxExternalDataBounds, severity: 'high' }
};
/** External files listed in the report. */
const EXTERNAL_FILES_SHOWN = 100;
/** The model's local path, only for a file scanned directly (not a member, not decompressed, not nested). */
function modelPath(ctx) {
    return ctx.depth === 0 && ctx.entry === undefined && ctx.decompressed === undefined ? ctx.localPath : undefined;
}
const scanOnnx = async (source, ctx) => {
    const at = (offset) => (ctx.entry === undefined ? { offset } : { entry: ctx.entry, offset });
    const findings = [];
    const facts = newFacts();
    const external = new ExternalFiles();
    const tick = () => {
        if (ctx.budget?.spent(ctx))
            throw new BudgetStop();
    };
    try {
        await walkModel(ProtoReader.of(new ByteWindow(source)), facts, tick, (ref) => external.add(ref));
    }
    catch (err) {
        const stop = stopFinding(err, at);
        if (stop !== undefined)
            findings.push(stop);
    }
    const local = modelPath(ctx);
    for (const issue of await externalIssues(external.files.values(), local)) {
        findings.push({ ...ISSUES[issue.kind], message: issue.message, location: at(issue.offset), externalLocation: issue.file.location, tensor: issue.file.tensor });
    }
    for (const custom of customDomains(facts)) {
        const more = custom.count > custom.operators.length ? ` and ${custom.count - custom.operators.length} more` : '';
        findings.push({
            rule: RULES.onnxCustomDomain,
            severity: 'info',
            message: `operators from the custom domain ${JSON.stringify(custom.domain)} (${custom.operators.join(', ')}${more}) need a native operator library at load: make sure it comes from a trusted source`,
            location: at(custom.offset),
            domain: custom.domain,
            operators: custom.operators
        });
    }
    return { format: 'onnx', findings, details: onnx_details(facts, external, local !== undefined) };
};
/**
 * The finding for a walk that stopped early: invalid wire data or a walk limit. None for the
 * time budget (scanFile reports it); what was walked is checked either way.
 */
function stopFinding(err, at) {
    if (err instanceof BudgetStop)
        return undefined;
    if (err instanceof ProtoError) {
        return { rule: RULES.onnxInvalid, severity: 'high', message: `protobuf wire data the ONNX loaders reject: ${err.message} (byte ${err.offset}). Re-export the model from a trusted source.`, location: at(err.offset) };
    }
    if (err instanceof WalkLimit) {
        return { rule: RULES.incomplete, severity: 'high', message: `${err.message}: the rest of the model was not analysed, so it is not known to be safe.`, location: at(err.offset) };
    }
    throw err;
}
function onnx_details(facts, external, checked) {
    const files = [...external.files.values()];
    return {
        ...(facts.irVersion !== undefined ? { irVersion: facts.irVersion } : {}),
        ...(facts.producer !== undefined ? { producer: facts.producer } : {}),
        opsets: facts.opsets,
        ...facts.counts,
        inlineBytes: facts.inlineBytes,
        ...(facts.metadata.length > 0 ? { metadata: Object.fromEntries(facts.metadata.filter((m) => m.value.length <= 256).map((m) => [m.key, m.value])) } : {}),
        ...(files.length > 0
            ? {
                externalData: files.slice(0, EXTERNAL_FILES_SHOWN).map((f) => ({ location: f.location, tensors: f.tensors, bytes: f.bytes.toString() })),
                externalDataChecked: checked
                    ? 'resolved against the model folder: existence, symbolic links and sizes checked'
                    : 'not checked on disk (remote file or archive member): only the locations were checked'
            }
            : {})
    };
}

;// CONCATENATED MODULE: ./src/scan/pickle/report.ts
// Findings of one pickle stream: deduplicated per (rule, global) with the first offset
// and a count, messages that name the global, the offset and the entry and say what to do.

/** Rules that mean "a global is not known to be safe": any of them blocks the `pickle/format` verdict. */
const PICKLE_GLOBAL_RULES = new Set([RULES.dangerousGlobal, RULES.dynamicGlobal, RULES.unknownGlobal, RULES.frameDesync]);
const DO_NOT_LOAD = 'Do not load this file (pickle.load, torch.load(weights_only=False), joblib.load, numpy.load(allow_pickle=True)); obtain the weights as safetensors from a trusted source.';
function where(offset, entry) {
    return entry === undefined ? `at offset ${offset}` : `at offset ${offset} in ${entry}`;
}
class FindingSink {
    entry;
    findings = [];
    index = new Map();
    constructor(entry) {
        this.entry = entry;
    }
    /**
     * Records one occurrence. `message` is built only for the first occurrence of a
     * (rule, global) pair, so repeated findings on a hot path cost a map lookup.
     */
    add(rule, severity, offset, global, message, detail) {
        const key = global === undefined ? rule : `${rule}\0${global}`;
        const seen = this.index.get(key);
        if (seen !== undefined) {
            seen.count = seen.count + 1;
            return;
        }
        const location = this.entry === undefined ? { offset } : { entry: this.entry, offset };
        const finding = { rule, severity, message: message(), location, ...(global !== undefined ? { global } : {}), ...detail, count: 1 };
        this.index.set(key, finding);
        this.findings.push(finding);
    }
    /** Adds a finding made elsewhere (a nested stream), deduplicated under `key`. */
    adopt(key, finding) {
        const seen = this.index.get(key);
        if (seen !== undefined) {
            // Findings from other scanners (a nested zip's anomalies) carry no count: each is one.
            seen.count = (seen.count ?? 1) + (finding.count ?? 1);
            return;
        }
        this.index.set(key, finding);
        this.findings.push(finding);
    }
    malformed(offset, problem) {
        this.add(RULES.pickleMalformed, 'high', offset, undefined, () => `Broken pickle stream ${where(offset, this.entry)}: ${problem}. A loader stops here with an error, after running everything before it; no loader reads this stream cleanly. Regenerate the file from its source.`);
    }
    incomplete(offset, reason) {
        this.add(RULES.incomplete, 'high', offset, undefined, () => `Pickle stream not fully analysed ${where(offset, this.entry)}: ${reason}. What follows was not checked, so the file is not known to be safe; review it by hand or raise the limit.`);
    }
    /** True when no global was found that is not on the allowlist. */
    get allAllowlisted() {
        return !this.findings.some((f) => PICKLE_GLOBAL_RULES.has(f.rule));
    }
}
/**
 * The single file-level verdict for pickle data whose globals are all allowlisted
 * (one per file, also for containers with several pickle members).
 */
function pickleFormatFinding(options, entry) {
    const severity = options.picklePolicy === 'allow-safe' ? 'info' : 'medium';
    const what = entry === undefined ? 'This file holds pickle data' : `This file holds pickle data (${entry})`;
    return {
        rule: RULES.pickleFormat,
        severity,
        message: `${what}; every global it imports is on the allowlist, but loading a pickle can run code if the file is swapped or edited. ` +
            'Convert it to safetensors (or load it with torch.load(weights_only=True)); set pickle-policy: allow-safe to accept allowlisted pickles.',
        ...(entry !== undefined ? { location: { entry } } : {})
    };
}

;// CONCATENATED MODULE: ./src/scan/containers/content.ts
// What container scanners hand to the dispatcher: the bytes of a file, an archive member or a
// decompressed stream, as a forward stream (always) and a random-access source (when it costs
// nothing: files, stored members). Plus the result shape the dispatcher returns, which carries
// the facts needed for the one file-level `pickle/format` verdict.



/** The file-level result: the single `pickle/format` finding when pickle data was seen and every global in it is allowlisted. */
function fileResult(scanned, options) {
    const { pickleSeen, ...result } = scanned;
    if (pickleSeen === undefined || result.findings.some((f) => PICKLE_GLOBAL_RULES.has(f.rule)))
        return result;
    return { ...result, findings: [...result.findings, pickleFormatFinding(options, pickleSeen.entry)] };
}
const at = (entry, offset) => entry === undefined && offset === undefined ? {} : { location: { ...(entry !== undefined ? { entry } : {}), ...(offset !== undefined ? { offset } : {}) } };
/** `scan/incomplete` (high) at `entry`. */
function incompleteFinding(message, entry, offset, detail = {}) {
    return { rule: RULES.incomplete, severity: 'high', message, ...at(entry, offset), ...detail };
}
/**
 * The context for content one level deeper (an archive member, a decompressed stream), or a
 * `scan/incomplete` finding when that would pass `limits.maxDepth`.
 */
function deeper(ctx, entry, what) {
    const max = ctx.options.limits.maxDepth;
    if (ctx.depth + 1 > max) {
        return {
            skipped: incompleteFinding(`${what} is nested deeper than limits.maxDepth = ${max}: it was not analysed, so it is not known to be safe. Unpack it and scan its contents.`, entry)
        };
    }
    const { decompressed: _, ...rest } = ctx;
    return { ctx: { ...rest, depth: ctx.depth + 1, entry } };
}
function concat(parts, total) {
    if (parts.length === 1)
        return parts[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}
/** Reads at least `n` bytes (fewer at end of stream) and returns them with a stream that replays them first. */
async function peek(stream, n) {
    const parts = [];
    let have = 0;
    let ended = false;
    while (have < n) {
        const chunk = await stream.next();
        if (chunk === null) {
            ended = true;
            break;
        }
        parts.push(chunk);
        have += chunk.length;
    }
    const head = concat(parts, have);
    let replay = head.length > 0 ? head : null;
    return {
        head,
        ended,
        stream: {
            async next() {
                if (replay !== null) {
                    const chunk = replay;
                    replay = null;
                    return chunk;
                }
                return ended ? null : stream.next();
            },
            async skip(k) {
                let skipped = 0;
                if (replay !== null) {
                    skipped = Math.min(k, replay.length);
                    replay = skipped < replay.length ? replay.subarray(skipped) : null;
                }
                if (skipped < k && !ended) {
                    if (stream.skip !== undefined)
                        skipped += await stream.skip(k - skipped);
                    else {
                        while (skipped < k) {
                            const chunk = await stream.next();
                            if (chunk === null)
                                break;
                            const use = Math.min(chunk.length, k - skipped);
                            skipped += use;
                            if (use < chunk.length)
                                replay = chunk.subarray(use);
                        }
                    }
                }
                return skipped;
            }
        }
    };
}
/** Members up to this size are buffered when a scanner needs random access (nested zips, safetensors, tar, 7z). */
const BUFFER_LIMIT = 64 * 1024 * 1024;
/** Random access to content: its source, or its stream buffered whole when at most `limit` bytes; null when larger. */
async function randomAccess(content, limit = BUFFER_LIMIT) {
    if (content.source !== undefined)
        return content.source;
    const parts = [];
    let total = 0;
    for (let chunk = await content.stream.next(); chunk !== null; chunk = await content.stream.next()) {
        total += chunk.length;
        if (total > limit)
            return null;
        parts.push(chunk);
    }
    return bufferSource(concat(parts, total));
}
/** Drains `stream`, keeping its last `n` bytes: the tail and the stream's length. */
async function streamTail(stream, n) {
    let tail = new Uint8Array(0);
    let size = 0;
    for (let chunk = await stream.next(); chunk !== null; chunk = await stream.next()) {
        size += chunk.length;
        if (chunk.length >= n)
            tail = chunk.slice(chunk.length - n);
        else {
            const keep = Math.min(tail.length, n - chunk.length);
            const next = new Uint8Array(keep + chunk.length);
            next.set(tail.subarray(tail.length - keep));
            next.set(chunk, keep);
            tail = next;
        }
    }
    return { tail, size };
}

// EXTERNAL MODULE: ./node_modules/unbzip2-stream/lib/bzip2.js
var bzip2 = __nccwpck_require__(226);
var bzip2_default = /*#__PURE__*/__nccwpck_require__.n(bzip2);
;// CONCATENATED MODULE: ./src/scan/decompress/byte-queue.ts
// Input bytes pushed in pieces and parsed by structure: the codecs whose formats are byte-aligned
// records (xz, lzma-alone, lz4 frames, bzip2 blocks) read them through this queue, waiting for the
// few bytes (or the one bounded block) the next record needs.
class ByteQueue {
    chunks = [];
    /** Offset of the first unread byte in chunks[0]. */
    head = 0;
    /** Unread bytes. */
    length = 0;
    /** Bytes read (taken or skipped) since the start. */
    consumed = 0;
    push(chunk) {
        if (chunk.length === 0)
            return;
        this.chunks.push(chunk);
        this.length += chunk.length;
    }
    /** The next `n` (≤ length) bytes as one array, copied only when they span pieces. */
    peek(n) {
        const first = this.chunks[0];
        if (first !== undefined && first.length - this.head >= n)
            return first.subarray(this.head, this.head + n);
        const out = new Uint8Array(n);
        let filled = 0;
        let skip = this.head;
        for (const c of this.chunks) {
            if (filled >= n)
                break;
            const part = c.subarray(skip, skip + (n - filled));
            out.set(part, filled);
            filled += part.length;
            skip = 0;
        }
        return out;
    }
    skip(n) {
        this.length -= n;
        this.consumed += n;
        while (n > 0) {
            const room = this.chunks[0].length - this.head;
            if (n < room) {
                this.head += n;
                return;
            }
            n -= room;
            this.chunks.shift();
            this.head = 0;
        }
    }
    take(n) {
        const out = this.peek(n);
        this.skip(n);
        return out;
    }
    /** The unread bytes as views of the pieces they sit in (no copy). */
    pieces() {
        return this.chunks.map((c, i) => (i === 0 ? c.subarray(this.head) : c));
    }
    /** Byte `i` ahead of the read position (i < length). */
    at(i) {
        let k = this.head + i;
        for (const c of this.chunks) {
            if (k < c.length)
                return c[k];
            k -= c.length;
        }
        return -1;
    }
}

;// CONCATENATED MODULE: ./src/scan/decompress/codec.ts
// The one interface every decompressor implements, so the driver (driver.ts) does the cap, the
// input piece sizing and the error handling once for all of them.

/** Raised by codecs for undecodable or cut-off data; the message says what was wrong. */
class CorruptData extends Error {
}
/** Output one push may produce before the codec pauses (bounded memory whatever the ratio). */
const OUTPUT_PER_PUSH = 4 << 20;
/**
 * Base of the codecs written here: input accumulates in a ByteQueue, `decode` parses records
 * from it and pauses once a push has produced OUTPUT_PER_PUSH bytes.
 */
class QueuedCodec {
    sink;
    q = new ByteQueue();
    /** The last input piece has been pushed. */
    final = false;
    /** Bytes emitted during the current push. */
    out = 0;
    paused = false;
    constructor(sink) {
        this.sink = sink;
    }
    emit = (bytes) => {
        this.out += bytes.length;
        this.sink(bytes);
    };
    push(chunk, final) {
        this.q.push(chunk);
        this.final = final;
        this.out = 0;
        this.paused = this.decode();
    }
    pending() {
        return this.paused;
    }
    /** Output room left in this push. */
    get room() {
        return OUTPUT_PER_PUSH - this.out;
    }
    /** At the end of input with a record still incomplete. */
    cutOff(what) {
        throw new CorruptData(`the data ends inside ${what} (after ${this.q.consumed + this.q.length} compressed bytes)`);
    }
}

;// CONCATENATED MODULE: ./src/scan/decompress/bzip2.ts
// bzip2 (.bz2 files as Python's bz2 module reads them: streams one after another; zip method 12:
// one stream). Blocks are decoded by unbzip2-stream's block decoder (micro-bunzip lineage), one
// whole block at a time: the codec waits until MAX_BLOCK_INPUT bytes (more than any block can
// take) are in hand, or the input has ended. A block yields at most ~46 MB (900 kB of BWT data
// with maximal run lengths), so that is the bound of one push.


/**
 * Input one block can read, whether valid or not: 32767 selectors × 50 symbols × 20-bit codes,
 * plus the tables, is about 4.1 MB.
 */
const MAX_BLOCK_INPUT = 5 << 20;
const OUT_PIECE = 64 * 1024;
const MAGIC = [0x42, 0x5a, 0x68]; // "BZh"
class OutOfInput extends Error {
}
/** unbzip2-stream's bit reader contract over the queue's bytes: bits(n) MSB first, bits(null) aligns. */
class BitReader {
    bit;
    pieces;
    piece = 0;
    pos;
    /** Whole bytes left behind (counted from the queue's read position). */
    bytes = 0;
    constructor(queuePieces, 
    /** Bits of the first byte already read by the previous block. */
    bit) {
        this.bit = bit;
        this.pieces = queuePieces;
        this.pos = 0;
    }
    read = (n) => {
        if (n === null) {
            if (this.bit !== 0)
                this.advance();
            return 0;
        }
        let result = 0;
        while (n > 0) {
            const cur = this.current();
            const left = 8 - this.bit;
            if (n >= left) {
                result = (result << left) | (cur & ((1 << left) - 1));
                this.advance();
                n -= left;
            }
            else {
                result = (result << n) | ((cur >> (left - n)) & ((1 << n) - 1));
                this.bit += n;
                n = 0;
            }
        }
        return result;
    };
    current() {
        while (this.piece < this.pieces.length && this.pos >= this.pieces[this.piece].length) {
            this.piece++;
            this.pos = 0;
        }
        if (this.piece >= this.pieces.length)
            throw new OutOfInput();
        return this.pieces[this.piece][this.pos];
    }
    advance() {
        this.pos++;
        this.bytes++;
        this.bit = 0;
    }
}
class Bzip2 extends QueuedCodec {
    multiStream;
    level = 0;
    streamCrc = 0;
    bit = 0;
    blocks = 0;
    streams = 0;
    buf = new Int32Array(0);
    done = false;
    outBuf = new Uint8Array(OUT_PIECE);
    outLen = 0;
    constructor(emit, multiStream) {
        super(emit);
        this.multiStream = multiStream;
    }
    decode() {
        for (;;) {
            if (this.done) {
                this.q.skip(this.q.length);
                return false;
            }
            if (this.level === 0 && !this.startStream())
                return false;
            if (this.level === 0)
                continue;
            if (this.q.length < MAX_BLOCK_INPUT && !this.final)
                return false;
            if (this.room <= 0)
                return true;
            this.block();
        }
    }
    /** A stream header here (true: started or ended the input, false: wait for input). */
    startStream() {
        if (this.q.length < 4 && !this.final)
            return false;
        const h = this.q.peek(Math.min(4, this.q.length));
        const valid = h.length === 4 && MAGIC.every((b, i) => h[i] === b) && h[3] >= 0x31 && h[3] <= 0x39;
        if (!valid) {
            // After the first stream, bytes that start none are trailing data Python ignores.
            if (this.streams === 0)
                throw new CorruptData('bzip2 stream header is invalid');
            this.done = true;
            return true;
        }
        this.q.skip(4);
        this.level = h[3] - 0x30;
        if (this.buf.length !== this.level * 100000)
            this.buf = new Int32Array(this.level * 100000);
        // Sets up the decoder's (module-level) tables; the magic was checked above.
        bzip2_default().header(new BitReader([h], 0).read);
        this.streamCrc = 0;
        this.bit = 0;
        return true;
    }
    block() {
        const start = this.q.consumed;
        const reader = new BitReader(this.q.pieces(), this.bit);
        let crc;
        try {
            crc = bzip2_default().decompress(reader.read, this.put, this.buf, this.buf.length, this.streamCrc);
        }
        catch (err) {
            this.flushOut();
            if (err instanceof OutOfInput)
                this.cutOff('a bzip2 block');
            const what = err instanceof Error && /crc/i.test(err.message) ? 'does not match its CRC' : 'is invalid';
            throw new CorruptData(`bzip2 block ${this.blocks + 1} (at compressed byte ${start}) ${what}`);
        }
        this.flushOut();
        this.q.skip(reader.bytes);
        this.bit = reader.bit;
        if (crc !== null) {
            this.streamCrc = crc;
            this.blocks++;
            return;
        }
        // End of stream (byte-aligned now): another stream may follow.
        this.level = 0;
        this.streams++;
        if (!this.multiStream)
            this.done = true;
    }
    put = (byte) => {
        this.outBuf[this.outLen++] = byte;
        if (this.outLen === OUT_PIECE)
            this.flushOut();
    };
    flushOut() {
        if (this.outLen === 0)
            return;
        this.emit(this.outBuf.slice(0, this.outLen));
        this.outLen = 0;
    }
}
/** .bz2 files: every stream, trailing non-bzip2 data ignored. */
const bzip2File = (emit) => new Bzip2(emit, true);
/** Zip method 12: one stream. */
const bzip2Member = (emit) => new Bzip2(emit, false);

;// CONCATENATED MODULE: external "module"
const external_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");
;// CONCATENATED MODULE: ./node_modules/fflate/esm/index.mjs

var esm_require = (0,external_module_namespaceObject.createRequire)('/');
// DEFLATE is a complex format; to read this code, you should probably check the RFC first:
// https://tools.ietf.org/html/rfc1951
// You may also wish to take a look at the guide I made about this program:
// https://gist.github.com/101arrowz/253f31eb5abc3d9275ab943003ffecad
// Some of the following code is similar to that of UZIP.js:
// https://github.com/photopea/UZIP.js
// However, the vast majority of the codebase has diverged from UZIP.js to increase performance and reduce bundle size.
// Sometimes 0 will appear where -1 would be more appropriate. This is because using a uint
// is better for memory in most engines (I *think*).
var _a;
// Mediocre shim
var Worker;
var isMarkedAsUntransferable;
var workerAdd = ";var __w=require('worker_threads');__w.parentPort.on('message',function(m){onmessage({data:m})}),postMessage=function(m,t){__w.parentPort.postMessage(m,t)},close=process.exit;self=global";
try {
    (_a = esm_require('worker_threads'), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable);
}
catch (e) {
}
var wk = (/* unused pure expression or super */ null && (Worker ? function (c, _, msg, transfer, cb) {
    var done = false;
    var w = new Worker(c + workerAdd, { eval: true })
        .on('error', function (e) { return cb(e, null); })
        .on('message', function (m) { return cb(null, m); })
        .on('exit', function (c) {
        if (c && !done)
            cb(new Error('exited with code ' + c), null);
    });
    if (isMarkedAsUntransferable)
        transfer = transfer.filter(function (t) { return !isMarkedAsUntransferable(t); });
    w.postMessage(msg, transfer);
    w.terminate = function () {
        done = true;
        return Worker.prototype.terminate.call(w);
    };
    return w;
} : function (_, __, ___, ____, cb) {
    setImmediate(function () { return cb(new Error('async operations unsupported - update to Node 12+ (or Node 10-11 with the --experimental-worker CLI flag)'), null); });
    var NOP = function () { };
    return {
        terminate: NOP,
        postMessage: NOP
    };
}));

// aliases for shorter compressed code (most minifers don't do this)
var u8 = Uint8Array, esm_u16 = Uint16Array, i32 = Int32Array;
// fixed length extra bits
var fleb = new u8([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0, /* unused */ 0, 0, /* impossible */ 0]);
// fixed distance extra bits
var fdeb = new u8([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, /* unused */ 0, 0]);
// code length index map
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
// get base, reverse index map from extra bits
var freb = function (eb, start) {
    var b = new esm_u16(31);
    for (var i = 0; i < 31; ++i) {
        b[i] = start += 1 << eb[i - 1];
    }
    // numbers here are at max 18 bits
    var r = new i32(b[30]);
    for (var i = 1; i < 30; ++i) {
        for (var j = b[i]; j < b[i + 1]; ++j) {
            r[j] = ((j - b[i]) << 5) | i;
        }
    }
    return { b: b, r: r };
};
var _a = freb(fleb, 2), fl = _a.b, revfl = _a.r;
// we can ignore the fact that the other numbers are wrong; they never happen anyway
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0), fd = _b.b, revfd = _b.r;
// map of value to reverse (assuming 16 bits)
var rev = new esm_u16(32768);
for (var i = 0; i < 32768; ++i) {
    // reverse table algorithm from SO
    var x = ((i & 0xAAAA) >> 1) | ((i & 0x5555) << 1);
    x = ((x & 0xCCCC) >> 2) | ((x & 0x3333) << 2);
    x = ((x & 0xF0F0) >> 4) | ((x & 0x0F0F) << 4);
    rev[i] = (((x & 0xFF00) >> 8) | ((x & 0x00FF) << 8)) >> 1;
}
// create huffman tree from u8 "map": index -> code length for code index
// mb (max bits) must be at most 15
// TODO: optimize/split up?
var hMap = (function (cd, mb, r) {
    var s = cd.length;
    // index
    var i = 0;
    // u16 "map": index -> # of codes with bit length = index
    var l = new esm_u16(mb);
    // length of cd must be 288 (total # of codes)
    for (; i < s; ++i) {
        if (cd[i])
            ++l[cd[i] - 1];
    }
    // u16 "map": index -> minimum code for bit length = index
    var le = new esm_u16(mb);
    for (i = 1; i < mb; ++i) {
        le[i] = (le[i - 1] + l[i - 1]) << 1;
    }
    var co;
    if (r) {
        // u16 "map": index -> number of actual bits, symbol for code
        co = new esm_u16(1 << mb);
        // bits to remove for reverser
        var rvb = 15 - mb;
        for (i = 0; i < s; ++i) {
            // ignore 0 lengths
            if (cd[i]) {
                // num encoding both symbol and bits read
                var sv = (i << 4) | cd[i];
                // free bits
                var r_1 = mb - cd[i];
                // start value
                var v = le[cd[i] - 1]++ << r_1;
                // m is end value
                for (var m = v | ((1 << r_1) - 1); v <= m; ++v) {
                    // every 16 bit value starting with the code yields the same result
                    co[rev[v] >> rvb] = sv;
                }
            }
        }
    }
    else {
        co = new esm_u16(s);
        for (i = 0; i < s; ++i) {
            if (cd[i]) {
                co[i] = rev[le[cd[i] - 1]++] >> (15 - cd[i]);
            }
        }
    }
    return co;
});
// fixed length tree
var flt = new u8(288);
for (var i = 0; i < 144; ++i)
    flt[i] = 8;
for (var i = 144; i < 256; ++i)
    flt[i] = 9;
for (var i = 256; i < 280; ++i)
    flt[i] = 7;
for (var i = 280; i < 288; ++i)
    flt[i] = 8;
// fixed distance tree
var fdt = new u8(32);
for (var i = 0; i < 32; ++i)
    fdt[i] = 5;
// fixed length map
var flm = /*#__PURE__*/ (/* unused pure expression or super */ null && (hMap(flt, 9, 0))), flrm = /*#__PURE__*/ hMap(flt, 9, 1);
// fixed distance map
var fdm = /*#__PURE__*/ (/* unused pure expression or super */ null && (hMap(fdt, 5, 0))), fdrm = /*#__PURE__*/ hMap(fdt, 5, 1);
// find max of array
var max = function (a) {
    var m = a[0];
    for (var i = 1; i < a.length; ++i) {
        if (a[i] > m)
            m = a[i];
    }
    return m;
};
// read d, starting at bit p and mask with m
var bits = function (d, p, m) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8)) >> (p & 7)) & m;
};
// read d, starting at bit p continuing for at least 16 bits
var bits16 = function (d, p) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) >> (p & 7));
};
// get end of byte
var shft = function (p) { return ((p + 7) / 8) | 0; };
// typed array slice - allows garbage collector to free original reference,
// while being more compatible than .slice
var slc = function (v, s, e) {
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    // can't use .constructor in case user-supplied
    return new u8(v.subarray(s, e));
};
/**
 * Codes for errors generated within this library
 */
var FlateErrorCode = {
    UnexpectedEOF: 0,
    InvalidBlockType: 1,
    InvalidLengthLiteral: 2,
    InvalidDistance: 3,
    StreamFinished: 4,
    NoStreamHandler: 5,
    InvalidHeader: 6,
    NoCallback: 7,
    InvalidUTF8: 8,
    ExtraFieldTooLong: 9,
    InvalidDate: 10,
    FilenameTooLong: 11,
    StreamFinishing: 12,
    InvalidZipData: 13,
    UnknownCompressionMethod: 14
};
// error codes
var ec = [
    'unexpected EOF',
    'invalid block type',
    'invalid length/literal',
    'invalid distance',
    'stream finished',
    'no stream handler',
    , // determined by compression function
    'no callback',
    'invalid UTF-8 data',
    'extra field too long',
    'date not in range 1980-2099',
    'filename too long',
    'stream finishing',
    'invalid zip data'
    // determined by unknown compression method
];
;
var err = function (ind, msg, nt) {
    var e = new Error(msg || ec[ind]);
    e.code = ind;
    if (Error.captureStackTrace)
        Error.captureStackTrace(e, err);
    if (!nt)
        throw e;
    return e;
};
// expands raw DEFLATE data
var inflt = function (dat, st, buf, dict) {
    // source length       dict length
    var sl = dat.length, dl = dict ? dict.length : 0;
    if (!sl || st.f && !st.l)
        return buf || new u8(0);
    var noBuf = !buf;
    // have to estimate size
    var resize = noBuf || st.i != 2;
    // no state
    var noSt = st.i;
    // Assumes roughly 33% compression ratio average
    if (noBuf)
        buf = new u8(sl * 3);
    // ensure buffer can fit at least l elements
    var cbuf = function (l) {
        var bl = buf.length;
        // need to increase size to fit
        if (l > bl) {
            // Double or set to necessary, whichever is greater
            var nbuf = new u8(Math.max(bl * 2, l));
            nbuf.set(buf);
            buf = nbuf;
        }
    };
    //  last chunk         bitpos           bytes
    var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
    // total bits
    var tbts = sl * 8;
    do {
        if (!lm) {
            // BFINAL - this is only 1 when last chunk is next
            final = bits(dat, pos, 1);
            // type: 0 = no compression, 1 = fixed huffman, 2 = dynamic huffman
            var type = bits(dat, pos + 1, 3);
            pos += 3;
            if (!type) {
                // go to end of byte boundary
                var s = shft(pos) + 4, l = dat[s - 4] | (dat[s - 3] << 8), t = s + l;
                if (t > sl) {
                    if (noSt)
                        err(0);
                    break;
                }
                // ensure size
                if (resize)
                    cbuf(bt + l);
                // Copy over uncompressed data
                buf.set(dat.subarray(s, t), bt);
                // Get new bitpos, update byte count
                st.b = bt += l, st.p = pos = t * 8, st.f = final;
                continue;
            }
            else if (type == 1)
                lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
            else if (type == 2) {
                //  literal                            lengths
                var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
                var tl = hLit + bits(dat, pos + 5, 31) + 1;
                pos += 14;
                // length+distance tree
                var ldt = new u8(tl);
                // code length tree
                var clt = new u8(19);
                for (var i = 0; i < hcLen; ++i) {
                    // use index map to get real code
                    clt[clim[i]] = bits(dat, pos + i * 3, 7);
                }
                pos += hcLen * 3;
                // code lengths bits
                var clb = max(clt), clbmsk = (1 << clb) - 1;
                // code lengths map
                var clm = hMap(clt, clb, 1);
                for (var i = 0; i < tl;) {
                    var r = clm[bits(dat, pos, clbmsk)];
                    // bits read
                    pos += r & 15;
                    // symbol
                    var s = r >> 4;
                    // code length to copy
                    if (s < 16) {
                        ldt[i++] = s;
                    }
                    else {
                        //  copy   count
                        var c = 0, n = 0;
                        if (s == 16)
                            n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i - 1];
                        else if (s == 17)
                            n = 3 + bits(dat, pos, 7), pos += 3;
                        else if (s == 18)
                            n = 11 + bits(dat, pos, 127), pos += 7;
                        while (n--)
                            ldt[i++] = c;
                    }
                }
                //    length tree                 distance tree
                var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
                // max length bits
                lbt = max(lt);
                // max dist bits
                dbt = max(dt);
                lm = hMap(lt, lbt, 1);
                dm = hMap(dt, dbt, 1);
            }
            else
                err(1);
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
        }
        // Make sure the buffer can hold this + the largest possible addition
        // Maximum chunk size (practically, theoretically infinite) is 2^17
        if (resize)
            cbuf(bt + 131072);
        var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
        var lpos = pos;
        for (;; lpos = pos) {
            // bits read, code
            var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
            pos += c & 15;
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
            if (!c)
                err(2);
            if (sym < 256)
                buf[bt++] = sym;
            else if (sym == 256) {
                lpos = pos, lm = null;
                break;
            }
            else {
                var add = sym - 254;
                // no extra bits needed if less
                if (sym > 264) {
                    // index
                    var i = sym - 257, b = fleb[i];
                    add = bits(dat, pos, (1 << b) - 1) + fl[i];
                    pos += b;
                }
                // dist
                var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
                if (!d)
                    err(3);
                pos += d & 15;
                var dt = fd[dsym];
                if (dsym > 3) {
                    var b = fdeb[dsym];
                    dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
                }
                if (pos > tbts) {
                    if (noSt)
                        err(0);
                    break;
                }
                if (resize)
                    cbuf(bt + 131072);
                var end = bt + add;
                if (bt < dt) {
                    var shift = dl - dt, dend = Math.min(dt, end);
                    if (shift + bt < 0)
                        err(3);
                    for (; bt < dend; ++bt)
                        buf[bt] = dict[shift + bt];
                }
                for (; bt < end; ++bt)
                    buf[bt] = buf[bt - dt];
            }
        }
        st.l = lm, st.p = lpos, st.b = bt, st.f = final;
        if (lm)
            final = 1, st.m = lbt, st.d = dm, st.n = dbt;
    } while (!final);
    // don't reallocate for streams or user buffers
    return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
// starting at p, write the minimum number of bits that can hold v to d
var wbits = function (d, p, v) {
    v <<= p & 7;
    var o = (p / 8) | 0;
    d[o] |= v;
    d[o + 1] |= v >> 8;
};
// starting at p, write the minimum number of bits (>8) that can hold v to d
var wbits16 = function (d, p, v) {
    v <<= p & 7;
    var o = (p / 8) | 0;
    d[o] |= v;
    d[o + 1] |= v >> 8;
    d[o + 2] |= v >> 16;
};
// creates code lengths from a frequency table
var hTree = function (d, mb) {
    // Need extra info to make a tree
    var t = [];
    for (var i = 0; i < d.length; ++i) {
        if (d[i])
            t.push({ s: i, f: d[i] });
    }
    var s = t.length;
    var t2 = t.slice();
    if (!s)
        return { t: et, l: 0 };
    if (s == 1) {
        var v = new u8(t[0].s + 1);
        v[t[0].s] = 1;
        return { t: v, l: 1 };
    }
    t.sort(function (a, b) { return a.f - b.f; });
    // after i2 reaches last ind, will be stopped
    // freq must be greater than largest possible number of symbols
    t.push({ s: -1, f: 25001 });
    var l = t[0], r = t[1], i0 = 0, i1 = 1, i2 = 2;
    t[0] = { s: -1, f: l.f + r.f, l: l, r: r };
    // efficient algorithm from UZIP.js
    // i0 is lookbehind, i2 is lookahead - after processing two low-freq
    // symbols that combined have high freq, will start processing i2 (high-freq,
    // non-composite) symbols instead
    // see https://reddit.com/r/photopea/comments/ikekht/uzipjs_questions/
    while (i1 != s - 1) {
        l = t[t[i0].f < t[i2].f ? i0++ : i2++];
        r = t[i0 != i1 && t[i0].f < t[i2].f ? i0++ : i2++];
        t[i1++] = { s: -1, f: l.f + r.f, l: l, r: r };
    }
    var maxSym = t2[0].s;
    for (var i = 1; i < s; ++i) {
        if (t2[i].s > maxSym)
            maxSym = t2[i].s;
    }
    // code lengths
    var tr = new esm_u16(maxSym + 1);
    // max bits in tree
    var mbt = ln(t[i1 - 1], tr, 0);
    if (mbt > mb) {
        // more algorithms from UZIP.js
        // TODO: find out how this code works (debt)
        //  ind    debt
        var i = 0, dt = 0;
        //    left            cost
        var lft = mbt - mb, cst = 1 << lft;
        t2.sort(function (a, b) { return tr[b.s] - tr[a.s] || a.f - b.f; });
        for (; i < s; ++i) {
            var i2_1 = t2[i].s;
            if (tr[i2_1] > mb) {
                dt += cst - (1 << (mbt - tr[i2_1]));
                tr[i2_1] = mb;
            }
            else
                break;
        }
        dt >>= lft;
        while (dt > 0) {
            var i2_2 = t2[i].s;
            if (tr[i2_2] < mb)
                dt -= 1 << (mb - tr[i2_2]++ - 1);
            else
                ++i;
        }
        for (; i >= 0 && dt; --i) {
            var i2_3 = t2[i].s;
            if (tr[i2_3] == mb) {
                --tr[i2_3];
                ++dt;
            }
        }
        mbt = mb;
    }
    return { t: new u8(tr), l: mbt };
};
// get the max length and assign length codes
var ln = function (n, l, d) {
    return n.s == -1
        ? Math.max(ln(n.l, l, d + 1), ln(n.r, l, d + 1))
        : (l[n.s] = d);
};
// length codes generation
var lc = function (c) {
    var s = c.length;
    // Note that the semicolon was intentional
    while (s && !c[--s])
        ;
    var cl = new esm_u16(++s);
    //  ind      num         streak
    var cli = 0, cln = c[0], cls = 1;
    var w = function (v) { cl[cli++] = v; };
    for (var i = 1; i <= s; ++i) {
        if (c[i] == cln && i != s)
            ++cls;
        else {
            if (!cln && cls > 2) {
                for (; cls > 138; cls -= 138)
                    w(32754);
                if (cls > 2) {
                    w(cls > 10 ? ((cls - 11) << 5) | 28690 : ((cls - 3) << 5) | 12305);
                    cls = 0;
                }
            }
            else if (cls > 3) {
                w(cln), --cls;
                for (; cls > 6; cls -= 6)
                    w(8304);
                if (cls > 2)
                    w(((cls - 3) << 5) | 8208), cls = 0;
            }
            while (cls--)
                w(cln);
            cls = 1;
            cln = c[i];
        }
    }
    return { c: cl.subarray(0, cli), n: s };
};
// calculate the length of output from tree, code lengths
var clen = function (cf, cl) {
    var l = 0;
    for (var i = 0; i < cl.length; ++i)
        l += cf[i] * cl[i];
    return l;
};
// writes a fixed block
// returns the new bit pos
var wfblk = function (out, pos, dat) {
    // no need to write 00 as type: TypedArray defaults to 0
    var s = dat.length;
    var o = shft(pos + 2);
    out[o] = s & 255;
    out[o + 1] = s >> 8;
    out[o + 2] = out[o] ^ 255;
    out[o + 3] = out[o + 1] ^ 255;
    for (var i = 0; i < s; ++i)
        out[o + i + 4] = dat[i];
    return (o + 4 + s) * 8;
};
// writes a block
var wblk = function (dat, out, final, syms, lf, df, eb, li, bs, bl, p) {
    wbits(out, p++, final);
    ++lf[256];
    var _a = hTree(lf, 15), dlt = _a.t, mlb = _a.l;
    var _b = hTree(df, 15), ddt = _b.t, mdb = _b.l;
    var _c = lc(dlt), lclt = _c.c, nlc = _c.n;
    var _d = lc(ddt), lcdt = _d.c, ndc = _d.n;
    var lcfreq = new esm_u16(19);
    for (var i = 0; i < lclt.length; ++i)
        ++lcfreq[lclt[i] & 31];
    for (var i = 0; i < lcdt.length; ++i)
        ++lcfreq[lcdt[i] & 31];
    var _e = hTree(lcfreq, 7), lct = _e.t, mlcb = _e.l;
    var nlcc = 19;
    for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc)
        ;
    var flen = (bl + 5) << 3;
    var ftlen = clen(lf, flt) + clen(df, fdt) + eb;
    var dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
    if (bs >= 0 && flen <= ftlen && flen <= dtlen)
        return wfblk(out, p, dat.subarray(bs, bs + bl));
    var lm, ll, dm, dl;
    wbits(out, p, 1 + (dtlen < ftlen)), p += 2;
    if (dtlen < ftlen) {
        lm = hMap(dlt, mlb, 0), ll = dlt, dm = hMap(ddt, mdb, 0), dl = ddt;
        var llm = hMap(lct, mlcb, 0);
        wbits(out, p, nlc - 257);
        wbits(out, p + 5, ndc - 1);
        wbits(out, p + 10, nlcc - 4);
        p += 14;
        for (var i = 0; i < nlcc; ++i)
            wbits(out, p + 3 * i, lct[clim[i]]);
        p += 3 * nlcc;
        var lcts = [lclt, lcdt];
        for (var it = 0; it < 2; ++it) {
            var clct = lcts[it];
            for (var i = 0; i < clct.length; ++i) {
                var len = clct[i] & 31;
                wbits(out, p, llm[len]), p += lct[len];
                if (len > 15)
                    wbits(out, p, (clct[i] >> 5) & 127), p += clct[i] >> 12;
            }
        }
    }
    else {
        lm = flm, ll = flt, dm = fdm, dl = fdt;
    }
    for (var i = 0; i < li; ++i) {
        var sym = syms[i];
        if (sym > 255) {
            var len = (sym >> 18) & 31;
            wbits16(out, p, lm[len + 257]), p += ll[len + 257];
            if (len > 7)
                wbits(out, p, (sym >> 23) & 31), p += fleb[len];
            var dst = sym & 31;
            wbits16(out, p, dm[dst]), p += dl[dst];
            if (dst > 3)
                wbits16(out, p, (sym >> 5) & 8191), p += fdeb[dst];
        }
        else {
            wbits16(out, p, lm[sym]), p += ll[sym];
        }
    }
    wbits16(out, p, lm[256]);
    return p + ll[256];
};
// deflate options (nice << 13) | chain
var deo = /*#__PURE__*/ new i32([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);
// empty
var et = /*#__PURE__*/ new u8(0);
// compresses data into a raw DEFLATE buffer
var dflt = function (dat, lvl, plvl, pre, post, st) {
    var s = st.z || dat.length;
    var o = new u8(pre + s + 5 * (1 + Math.ceil(s / 7000)) + post);
    // writing to this writes to the output buffer
    var w = o.subarray(pre, o.length - post);
    var lst = st.l;
    var pos = (st.r || 0) & 7;
    if (lvl) {
        if (pos)
            w[0] = st.r >> 3;
        var opt = deo[lvl - 1];
        var n = opt >> 13, c = opt & 8191;
        var msk_1 = (1 << plvl) - 1;
        //    prev 2-byte val map    curr 2-byte val map
        var prev = st.p || new esm_u16(32768), head = st.h || new esm_u16(msk_1 + 1);
        var bs1_1 = Math.ceil(plvl / 3), bs2_1 = 2 * bs1_1;
        var hsh = function (i) { return (dat[i] ^ (dat[i + 1] << bs1_1) ^ (dat[i + 2] << bs2_1)) & msk_1; };
        // 24576 is an arbitrary number of maximum symbols per block
        // 424 buffer for last block
        var syms = new i32(25000);
        // length/literal freq   distance freq
        var lf = new esm_u16(288), df = new esm_u16(32);
        //  l/lcnt  exbits  index          l/lind  waitdx          blkpos
        var lc_1 = 0, eb = 0, i = st.i || 0, li = 0, wi = st.w || 0, bs = 0;
        for (; i + 2 < s; ++i) {
            // hash value
            var hv = hsh(i);
            // index mod 32768    previous index mod
            var imod = i & 32767, pimod = head[hv];
            prev[imod] = pimod;
            head[hv] = imod;
            // We always should modify head and prev, but only add symbols if
            // this data is not yet processed ("wait" for wait index)
            if (wi <= i) {
                // bytes remaining
                var rem = s - i;
                if ((lc_1 > 7000 || li > 24576) && (rem > 423 || !lst)) {
                    pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i - bs, pos);
                    li = lc_1 = eb = 0, bs = i;
                    for (var j = 0; j < 286; ++j)
                        lf[j] = 0;
                    for (var j = 0; j < 30; ++j)
                        df[j] = 0;
                }
                //  len    dist   chain
                var l = 2, d = 0, ch_1 = c, dif = imod - pimod & 32767;
                if (rem > 2 && hv == hsh(i - dif)) {
                    var maxn = Math.min(n, rem) - 1;
                    var maxd = Math.min(32767, i);
                    // max possible length
                    // not capped at dif because decompressors implement "rolling" index population
                    var ml = Math.min(258, rem);
                    while (dif <= maxd && --ch_1 && imod != pimod) {
                        if (dat[i + l] == dat[i + l - dif]) {
                            var nl = 0;
                            for (; nl < ml && dat[i + nl] == dat[i + nl - dif]; ++nl)
                                ;
                            if (nl > l) {
                                l = nl, d = dif;
                                // break out early when we reach "nice" (we are satisfied enough)
                                if (nl > maxn)
                                    break;
                                // now, find the rarest 2-byte sequence within this
                                // length of literals and search for that instead.
                                // Much faster than just using the start
                                var mmd = Math.min(dif, nl - 2);
                                var md = 0;
                                for (var j = 0; j < mmd; ++j) {
                                    var ti = i - dif + j & 32767;
                                    var pti = prev[ti];
                                    var cd = ti - pti & 32767;
                                    if (cd > md)
                                        md = cd, pimod = ti;
                                }
                            }
                        }
                        // check the previous match
                        imod = pimod, pimod = prev[imod];
                        dif += imod - pimod & 32767;
                    }
                }
                // d will be nonzero only when a match was found
                if (d) {
                    // store both dist and len data in one int32
                    // Make sure this is recognized as a len/dist with 28th bit (2^28)
                    syms[li++] = 268435456 | (revfl[l] << 18) | revfd[d];
                    var lin = revfl[l] & 31, din = revfd[d] & 31;
                    eb += fleb[lin] + fdeb[din];
                    ++lf[257 + lin];
                    ++df[din];
                    wi = i + l;
                    ++lc_1;
                }
                else {
                    syms[li++] = dat[i];
                    ++lf[dat[i]];
                }
            }
        }
        for (i = Math.max(i, wi); i < s; ++i) {
            syms[li++] = dat[i];
            ++lf[dat[i]];
        }
        pos = wblk(dat, w, lst, syms, lf, df, eb, li, bs, i - bs, pos);
        if (!lst) {
            st.r = (pos & 7) | w[(pos / 8) | 0] << 3;
            // shft(pos) now 1 less if pos & 7 != 0
            pos -= 7;
            st.h = head, st.p = prev, st.i = i, st.w = wi;
        }
    }
    else {
        for (var i = st.w || 0; i < s + lst; i += 65535) {
            // end
            var e = i + 65535;
            if (e >= s) {
                // write final block
                w[(pos / 8) | 0] = lst;
                e = s;
            }
            pos = wfblk(w, pos + 1, dat.subarray(i, e));
        }
        st.i = s;
    }
    return slc(o, 0, pre + shft(pos) + post);
};
// CRC32 table
var crct = /*#__PURE__*/ (/* unused pure expression or super */ null && ((function () {
    var t = new Int32Array(256);
    for (var i = 0; i < 256; ++i) {
        var c = i, k = 9;
        while (--k)
            c = ((c & 1) && -306674912) ^ (c >>> 1);
        t[i] = c;
    }
    return t;
})()));
// CRC32
var crc = function () {
    var c = -1;
    return {
        p: function (d) {
            // closures have awful performance
            var cr = c;
            for (var i = 0; i < d.length; ++i)
                cr = crct[(cr & 255) ^ d[i]] ^ (cr >>> 8);
            c = cr;
        },
        d: function () { return ~c; }
    };
};
// Adler32
var adler = function () {
    var a = 1, b = 0;
    return {
        p: function (d) {
            // closures have awful performance
            var n = a, m = b;
            var l = d.length | 0;
            for (var i = 0; i != l;) {
                var e = Math.min(i + 2655, l);
                for (; i < e; ++i)
                    m += n += d[i];
                n = (n & 65535) + 15 * (n >> 16), m = (m & 65535) + 15 * (m >> 16);
            }
            a = n, b = m;
        },
        d: function () {
            a %= 65521, b %= 65521;
            return (a & 255) << 24 | (a & 0xFF00) << 8 | (b & 255) << 8 | (b >> 8);
        }
    };
};
;
// deflate with opts
var dopt = function (dat, opt, pre, post, st) {
    if (!st) {
        st = { l: 1 };
        if (opt.dictionary) {
            var dict = opt.dictionary.subarray(-32768);
            var newDat = new u8(dict.length + dat.length);
            newDat.set(dict);
            newDat.set(dat, dict.length);
            dat = newDat;
            st.w = dict.length;
        }
    }
    return dflt(dat, opt.level == null ? 6 : opt.level, opt.mem == null ? (st.l ? Math.ceil(Math.max(8, Math.min(13, Math.log(dat.length))) * 1.5) : 20) : (12 + opt.mem), pre, post, st);
};
// Walmart object spread
var mrg = function (a, b) {
    var o = {};
    for (var k in a)
        o[k] = a[k];
    for (var k in b)
        o[k] = b[k];
    return o;
};
// worker clone
// This is possibly the craziest part of the entire codebase, despite how simple it may seem.
// The only parameter to this function is a closure that returns an array of variables outside of the function scope.
// We're going to try to figure out the variable names used in the closure as strings because that is crucial for workerization.
// We will return an object mapping of true variable name to value (basically, the current scope as a JS object).
// The reason we can't just use the original variable names is minifiers mangling the toplevel scope.
// This took me three weeks to figure out how to do.
var wcln = function (fn, fnStr, td) {
    var dt = fn();
    var st = fn.toString();
    var ks = st.slice(st.indexOf('[') + 1, st.lastIndexOf(']')).replace(/\s+/g, '').split(',');
    for (var i = 0; i < dt.length; ++i) {
        var v = dt[i], k = ks[i];
        if (typeof v == 'function') {
            fnStr += ';' + k + '=';
            var st_1 = v.toString();
            if (v.prototype) {
                // for global objects
                if (st_1.indexOf('[native code]') != -1) {
                    var spInd = st_1.indexOf(' ', 8) + 1;
                    fnStr += st_1.slice(spInd, st_1.indexOf('(', spInd));
                }
                else {
                    fnStr += st_1;
                    for (var t in v.prototype)
                        fnStr += ';' + k + '.prototype.' + t + '=' + v.prototype[t].toString();
                }
            }
            else
                fnStr += st_1;
        }
        else
            td[k] = v;
    }
    return fnStr;
};
var esm_ch = (/* unused pure expression or super */ null && ([]));
// clone bufs
var cbfs = function (v) {
    var tl = [];
    for (var k in v) {
        if (v[k].buffer) {
            tl.push((v[k] = new v[k].constructor(v[k])).buffer);
        }
    }
    return tl;
};
// use a worker to execute code
var wrkr = function (fns, init, id, cb) {
    if (!esm_ch[id]) {
        var fnStr = '', td_1 = {}, m = fns.length - 1;
        for (var i = 0; i < m; ++i)
            fnStr = wcln(fns[i], fnStr, td_1);
        esm_ch[id] = { c: wcln(fns[m], fnStr, td_1), e: td_1 };
    }
    var td = mrg({}, esm_ch[id].e);
    return wk(esm_ch[id].c + ';onmessage=function(e){for(var k in e.data)self[k]=e.data[k];onmessage=' + init.toString() + '}', id, td, cbfs(td), cb);
};
// base async inflate fn
var bInflt = function () { return [u8, esm_u16, i32, fleb, fdeb, clim, fl, fd, flrm, fdrm, rev, ec, hMap, max, bits, bits16, shft, slc, err, inflt, inflateSync, pbf, gopt]; };
var bDflt = function () { return [u8, esm_u16, i32, fleb, fdeb, clim, revfl, revfd, flm, flt, fdm, fdt, rev, deo, et, hMap, wbits, wbits16, hTree, ln, lc, clen, wfblk, wblk, shft, slc, dflt, dopt, deflateSync, pbf]; };
// gzip extra
var gze = function () { return [gzh, gzhl, wbytes, crc, crct]; };
// gunzip extra
var guze = function () { return [gzs, gzl]; };
// zlib extra
var zle = function () { return [zlh, wbytes, adler]; };
// unzlib extra
var zule = function () { return [zls]; };
// post buf
var pbf = function (msg) { return postMessage(msg, [msg.buffer]); };
// get opts
var gopt = function (o) { return o && {
    out: o.size && new u8(o.size),
    dictionary: o.dictionary
}; };
// async helper
var cbify = function (dat, opts, fns, init, id, cb) {
    var w = wrkr(fns, init, id, function (err, dat) {
        w.terminate();
        cb(err, dat);
    });
    w.postMessage([dat, opts], opts.consume ? [dat.buffer] : []);
    return function () { w.terminate(); };
};
// auto stream
var astrm = function (strm) {
    strm.ondata = function (dat, final) { return postMessage([dat, final], [dat.buffer]); };
    return function (ev) {
        if (ev.data[0]) {
            strm.push(ev.data[0], ev.data[1]);
            postMessage([ev.data[0].length]);
        }
        else
            strm.flush(ev.data[1]);
    };
};
// async stream attach
var astrmify = function (fns, strm, opts, init, id, flush, ext) {
    var t;
    var w = wrkr(fns, init, id, function (err, dat) {
        if (err)
            w.terminate(), strm.ondata.call(strm, err);
        else if (!Array.isArray(dat))
            ext(dat);
        else if (dat.length == 1) {
            strm.queuedSize -= dat[0];
            if (strm.ondrain)
                strm.ondrain(dat[0]);
        }
        else {
            if (dat[1])
                w.terminate();
            strm.ondata.call(strm, err, dat[0], dat[1]);
        }
    });
    w.postMessage(opts);
    strm.queuedSize = 0;
    strm.push = function (d, f) {
        if (!strm.ondata)
            err(5);
        if (t)
            strm.ondata(err(4, 0, 1), null, !!f);
        strm.queuedSize += d.length;
        // can fail for cross-realm Uint8Array, but ok - only a small performance penalty
        w.postMessage([d, t = f], d.buffer instanceof ArrayBuffer ? [d.buffer] : []);
    };
    strm.terminate = function () { w.terminate(); };
    if (flush) {
        strm.flush = function (sync) { w.postMessage([0, sync]); };
    }
};
// read 2 bytes
var b2 = function (d, b) { return d[b] | (d[b + 1] << 8); };
// read 4 bytes
var b4 = function (d, b) { return (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0; };
// read 8 bytes
var b8 = function (d, b) { return b4(d, b) + (b4(d, b + 4) * 4294967296); };
// write bytes
var wbytes = function (d, b, v) {
    for (; v; ++b)
        d[b] = v, v >>>= 8;
};
// gzip header
var gzh = function (c, o) {
    var fn = o.filename;
    c[0] = 31, c[1] = 139, c[2] = 8, c[8] = o.level < 2 ? 4 : o.level == 9 ? 2 : 0, c[9] = 3; // assume Unix
    if (o.mtime != 0)
        wbytes(c, 4, Math.floor(new Date(o.mtime || Date.now()) / 1000));
    if (fn) {
        c[3] = 8;
        for (var i = 0; i <= fn.length; ++i)
            c[i + 10] = fn.charCodeAt(i);
    }
};
// gzip footer: -8 to -4 = CRC, -4 to -0 is length
// gzip start
var gzs = function (d) {
    if (d[0] != 31 || d[1] != 139 || d[2] != 8)
        err(6, 'invalid gzip data');
    var flg = d[3];
    var st = 10;
    if (flg & 4)
        st += (d[10] | d[11] << 8) + 2;
    for (var zs = (flg >> 3 & 1) + (flg >> 4 & 1); zs > 0; zs -= !d[st++])
        ;
    return st + (flg & 2);
};
// gzip length
var gzl = function (d) {
    var l = d.length;
    return (d[l - 4] | d[l - 3] << 8 | d[l - 2] << 16 | d[l - 1] << 24) >>> 0;
};
// gzip header length
var gzhl = function (o) { return 10 + (o.filename ? o.filename.length + 1 : 0); };
// zlib header
var zlh = function (c, o) {
    var lv = o.level, fl = lv == 0 ? 0 : lv < 6 ? 1 : lv == 9 ? 3 : 2;
    c[0] = 120, c[1] = (fl << 6) | (o.dictionary && 32);
    c[1] |= 31 - ((c[0] << 8) | c[1]) % 31;
    if (o.dictionary) {
        var h = adler();
        h.p(o.dictionary);
        wbytes(c, 2, h.d());
    }
};
// zlib start
var zls = function (d, dict) {
    if ((d[0] & 15) != 8 || (d[0] >> 4) > 7 || ((d[0] << 8 | d[1]) % 31))
        err(6, 'invalid zlib data');
    if ((d[1] >> 5 & 1) == +!dict)
        err(6, 'invalid zlib data: ' + (d[1] & 32 ? 'need' : 'unexpected') + ' dictionary');
    return (d[1] >> 3 & 4) + 2;
};
function StrmOpt(opts, cb) {
    if (typeof opts == 'function')
        cb = opts, opts = {};
    this.ondata = cb;
    return opts;
}
/**
 * Streaming DEFLATE compression
 */
var Deflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Deflate(opts, cb) {
        if (typeof opts == 'function')
            cb = opts, opts = {};
        this.ondata = cb;
        this.o = opts || {};
        this.s = { l: 0, i: 32768, w: 32768, z: 32768 };
        // Buffer length must always be 0 mod 32768 for index calculations to be correct when modifying head and prev
        // 98304 = 32768 (lookback) + 65536 (common chunk size)
        this.b = new u8(98304);
        if (this.o.dictionary) {
            var dict = this.o.dictionary.subarray(-32768);
            this.b.set(dict, 32768 - dict.length);
            this.s.i = 32768 - dict.length;
        }
    }
    Deflate.prototype.p = function (c, f) {
        this.ondata(dopt(c, this.o, 0, 0, this.s), f);
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Deflate.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (this.s.l)
            err(4);
        var endLen = chunk.length + this.s.z;
        if (endLen > this.b.length) {
            if (endLen > 2 * this.b.length - 32768) {
                var newBuf = new u8(endLen & -32768);
                newBuf.set(this.b.subarray(0, this.s.z));
                this.b = newBuf;
            }
            var split = this.b.length - this.s.z;
            this.b.set(chunk.subarray(0, split), this.s.z);
            this.s.z = this.b.length;
            this.p(this.b, false);
            this.b.set(this.b.subarray(-32768));
            this.b.set(chunk.subarray(split), 32768);
            this.s.z = chunk.length - split + 32768;
            this.s.i = 32766, this.s.w = 32768;
        }
        else {
            this.b.set(chunk, this.s.z);
            this.s.z += chunk.length;
        }
        this.s.l = final & 1;
        if (this.s.z > this.s.w + 8191 || final) {
            this.p(this.b, final || false);
            this.s.w = this.s.i, this.s.i -= 2;
        }
        if (final) {
            // cleanup unneeded buffers/state to reduce memory usage
            this.s = this.o = {};
            this.b = et;
        }
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * deflated output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible. A separate DEFLATE stream may be concatenated
     *             with the current output after a sync flush.
     */
    Deflate.prototype.flush = function (sync) {
        if (!this.ondata)
            err(5);
        if (this.s.l)
            err(4);
        this.p(this.b, false);
        this.s.w = this.s.i, this.s.i -= 2;
        // could technically skip writing the type-0 block for (this.s.r & 7) == 0,
        // but the deterministic trailer (00 00 FF FF) is useful in some situations
        if (sync) {
            var c = new u8(6);
            c[0] = this.s.r >> 3;
            // write empty, non-final type-0 block
            var ep = wfblk(c, this.s.r, et);
            this.s.r = 0;
            this.ondata(c.subarray(0, ep >> 3), false);
        }
    };
    return Deflate;
}())));

/**
 * Asynchronous streaming DEFLATE compression
 */
var AsyncDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncDeflate(opts, cb) {
        astrmify([
            bDflt,
            function () { return [astrm, Deflate]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Deflate(ev.data);
            onmessage = astrm(strm);
        }, 6, 1);
    }
    return AsyncDeflate;
}())));

function deflate(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
    ], function (ev) { return pbf(deflateSync(ev.data[0], ev.data[1])); }, 0, cb);
}
/**
 * Compresses data with DEFLATE without any wrapper
 * @param data The data to compress
 * @param opts The compression options
 * @returns The deflated version of the data
 */
function deflateSync(data, opts) {
    return dopt(data, opts || {}, 0, 0);
}
/**
 * Streaming DEFLATE decompression
 */
var Inflate = /*#__PURE__*/ (function () {
    function Inflate(opts, cb) {
        // no StrmOpt here to avoid adding to workerizer
        if (typeof opts == 'function')
            cb = opts, opts = {};
        this.ondata = cb;
        var dict = opts && opts.dictionary && opts.dictionary.subarray(-32768);
        this.s = { i: 0, b: dict ? dict.length : 0 };
        this.o = new u8(32768);
        this.p = new u8(0);
        if (dict)
            this.o.set(dict);
    }
    Inflate.prototype.e = function (c) {
        if (!this.ondata)
            err(5);
        if (this.d)
            err(4);
        if (!this.p.length)
            this.p = c;
        else if (c.length) {
            var n = new u8(this.p.length + c.length);
            n.set(this.p), n.set(c, this.p.length), this.p = n;
        }
    };
    Inflate.prototype.c = function (final) {
        this.s.i = +(this.d = final || false);
        var bts = this.s.b;
        var dt = inflt(this.p, this.s, this.o);
        this.ondata(slc(dt, bts, this.s.b), this.d);
        this.o = slc(dt, this.s.b - 32768), this.s.b = this.o.length;
        this.p = slc(this.p, (this.s.p / 8) | 0), this.s.p &= 7;
    };
    /**
     * Pushes a chunk to be inflated
     * @param chunk The chunk to push
     * @param final Whether this is the final chunk
     */
    Inflate.prototype.push = function (chunk, final) {
        this.e(chunk), this.c(final);
    };
    return Inflate;
}());

/**
 * Asynchronous streaming DEFLATE decompression
 */
var AsyncInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncInflate(opts, cb) {
        astrmify([
            bInflt,
            function () { return [astrm, Inflate]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Inflate(ev.data);
            onmessage = astrm(strm);
        }, 7, 0);
    }
    return AsyncInflate;
}())));

function inflate(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt
    ], function (ev) { return pbf(inflateSync(ev.data[0], gopt(ev.data[1]))); }, 1, cb);
}
function inflateSync(data, opts) {
    return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
// before you yell at me for not just using extends, my reason is that TS inheritance is hard to workerize.
/**
 * Streaming GZIP compression
 */
var Gzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Gzip(opts, cb) {
        this.c = crc();
        this.l = 0;
        this.v = 1;
        Deflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be GZIPped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Gzip.prototype.push = function (chunk, final) {
        this.c.p(chunk);
        this.l += chunk.length;
        Deflate.prototype.push.call(this, chunk, final);
    };
    Gzip.prototype.p = function (c, f) {
        var raw = dopt(c, this.o, this.v && gzhl(this.o), f && 8, this.s);
        if (this.v)
            gzh(raw, this.o), this.v = 0;
        if (f)
            wbytes(raw, raw.length - 8, this.c.d()), wbytes(raw, raw.length - 4, this.l);
        this.ondata(raw, f);
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * GZIPped output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible.
     */
    Gzip.prototype.flush = function (sync) {
        Deflate.prototype.flush.call(this, sync);
    };
    return Gzip;
}())));

/**
 * Asynchronous streaming GZIP compression
 */
var AsyncGzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncGzip(opts, cb) {
        astrmify([
            bDflt,
            gze,
            function () { return [astrm, Deflate, Gzip]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Gzip(ev.data);
            onmessage = astrm(strm);
        }, 8, 1);
    }
    return AsyncGzip;
}())));

function gzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
        gze,
        function () { return [gzipSync]; }
    ], function (ev) { return pbf(gzipSync(ev.data[0], ev.data[1])); }, 2, cb);
}
/**
 * Compresses data with GZIP
 * @param data The data to compress
 * @param opts The compression options
 * @returns The gzipped version of the data
 */
function gzipSync(data, opts) {
    if (!opts)
        opts = {};
    var c = crc(), l = data.length;
    c.p(data);
    var d = dopt(data, opts, gzhl(opts), 8), s = d.length;
    return gzh(d, opts), wbytes(d, s - 8, c.d()), wbytes(d, s - 4, l), d;
}
/**
 * Streaming single or multi-member GZIP decompression
 */
var Gunzip = /*#__PURE__*/ (function () {
    function Gunzip(opts, cb) {
        this.v = 1;
        this.r = 0;
        Inflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be GUNZIPped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Gunzip.prototype.push = function (chunk, final) {
        Inflate.prototype.e.call(this, chunk);
        this.r += chunk.length;
        if (this.v) {
            var p = this.p.subarray(this.v - 1);
            var s = p.length > 3 ? gzs(p) : 4;
            if (s > p.length) {
                if (!final)
                    return;
            }
            else if (this.v > 1 && this.onmember) {
                this.onmember(this.r - p.length);
            }
            this.p = p.subarray(s), this.v = 0;
        }
        // necessary to prevent TS from using the closure value
        // This allows for workerization to function correctly
        Inflate.prototype.c.call(this, 0);
        // process concatenated GZIP
        if (this.s.f && !this.s.l) {
            this.v = shft(this.s.p) + 9;
            this.s = { i: 0 };
            this.o = new u8(0);
            this.push(new u8(0), final);
        }
        else if (final) {
            Inflate.prototype.c.call(this, final);
        }
    };
    return Gunzip;
}());

/**
 * Asynchronous streaming single or multi-member GZIP decompression
 */
var AsyncGunzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncGunzip(opts, cb) {
        var _this = this;
        astrmify([
            bInflt,
            guze,
            function () { return [astrm, Inflate, Gunzip]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Gunzip(ev.data);
            strm.onmember = function (offset) { return postMessage(offset); };
            onmessage = astrm(strm);
        }, 9, 0, function (offset) { return _this.onmember && _this.onmember(offset); });
    }
    return AsyncGunzip;
}())));

function gunzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt,
        guze,
        function () { return [gunzipSync]; }
    ], function (ev) { return pbf(gunzipSync(ev.data[0], ev.data[1])); }, 3, cb);
}
function gunzipSync(data, opts) {
    var st = gzs(data);
    if (st + 8 > data.length)
        err(6, 'invalid gzip data');
    return inflt(data.subarray(st, -8), { i: 2 }, opts && opts.out || new u8(gzl(data)), opts && opts.dictionary);
}
/**
 * Streaming Zlib compression
 */
var Zlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Zlib(opts, cb) {
        this.c = adler();
        this.v = 1;
        Deflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be zlibbed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Zlib.prototype.push = function (chunk, final) {
        this.c.p(chunk);
        Deflate.prototype.push.call(this, chunk, final);
    };
    Zlib.prototype.p = function (c, f) {
        var raw = dopt(c, this.o, this.v && (this.o.dictionary ? 6 : 2), f && 4, this.s);
        if (this.v)
            zlh(raw, this.o), this.v = 0;
        if (f)
            wbytes(raw, raw.length - 4, this.c.d());
        this.ondata(raw, f);
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * zlibbed output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible.
     */
    Zlib.prototype.flush = function (sync) {
        Deflate.prototype.flush.call(this, sync);
    };
    return Zlib;
}())));

/**
 * Asynchronous streaming Zlib compression
 */
var AsyncZlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncZlib(opts, cb) {
        astrmify([
            bDflt,
            zle,
            function () { return [astrm, Deflate, Zlib]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Zlib(ev.data);
            onmessage = astrm(strm);
        }, 10, 1);
    }
    return AsyncZlib;
}())));

function zlib(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
        zle,
        function () { return [zlibSync]; }
    ], function (ev) { return pbf(zlibSync(ev.data[0], ev.data[1])); }, 4, cb);
}
/**
 * Compress data with Zlib
 * @param data The data to compress
 * @param opts The compression options
 * @returns The zlib-compressed version of the data
 */
function zlibSync(data, opts) {
    if (!opts)
        opts = {};
    var a = adler();
    a.p(data);
    var d = dopt(data, opts, opts.dictionary ? 6 : 2, 4);
    return zlh(d, opts), wbytes(d, d.length - 4, a.d()), d;
}
/**
 * Streaming Zlib decompression
 */
var Unzlib = /*#__PURE__*/ (function () {
    function Unzlib(opts, cb) {
        Inflate.call(this, opts, cb);
        this.v = opts && opts.dictionary ? 2 : 1;
    }
    /**
     * Pushes a chunk to be unzlibbed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Unzlib.prototype.push = function (chunk, final) {
        Inflate.prototype.e.call(this, chunk);
        if (this.v) {
            if (this.p.length < 6 && !final)
                return;
            this.p = this.p.subarray(zls(this.p, this.v - 1)), this.v = 0;
        }
        if (final) {
            if (this.p.length < 4)
                err(6, 'invalid zlib data');
            this.p = this.p.subarray(0, -4);
        }
        // necessary to prevent TS from using the closure value
        // This allows for workerization to function correctly
        Inflate.prototype.c.call(this, final);
    };
    return Unzlib;
}());

/**
 * Asynchronous streaming Zlib decompression
 */
var AsyncUnzlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncUnzlib(opts, cb) {
        astrmify([
            bInflt,
            zule,
            function () { return [astrm, Inflate, Unzlib]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Unzlib(ev.data);
            onmessage = astrm(strm);
        }, 11, 0);
    }
    return AsyncUnzlib;
}())));

function unzlib(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt,
        zule,
        function () { return [unzlibSync]; }
    ], function (ev) { return pbf(unzlibSync(ev.data[0], gopt(ev.data[1]))); }, 5, cb);
}
function unzlibSync(data, opts) {
    return inflt(data.subarray(zls(data, opts && opts.dictionary), -4), { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
// Default algorithm for compression (used because having a known output size allows faster decompression)


/**
 * Streaming GZIP, Zlib, or raw DEFLATE decompression
 */
var Decompress = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Decompress(opts, cb) {
        this.o = StrmOpt.call(this, opts, cb) || {};
        this.G = Gunzip;
        this.I = Inflate;
        this.Z = Unzlib;
    }
    // init substream
    // overriden by AsyncDecompress
    Decompress.prototype.i = function () {
        var _this = this;
        this.s.ondata = function (dat, final) {
            _this.ondata(dat, final);
        };
    };
    /**
     * Pushes a chunk to be decompressed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Decompress.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (!this.s) {
            if (this.p && this.p.length) {
                var n = new u8(this.p.length + chunk.length);
                n.set(this.p), n.set(chunk, this.p.length);
            }
            else
                this.p = chunk;
            if (this.p.length > 2) {
                this.s = (this.p[0] == 31 && this.p[1] == 139 && this.p[2] == 8)
                    ? new this.G(this.o)
                    : ((this.p[0] & 15) != 8 || (this.p[0] >> 4) > 7 || ((this.p[0] << 8 | this.p[1]) % 31))
                        ? new this.I(this.o)
                        : new this.Z(this.o);
                this.i();
                this.s.push(this.p, final);
                this.p = null;
            }
        }
        else
            this.s.push(chunk, final);
    };
    return Decompress;
}())));

/**
 * Asynchronous streaming GZIP, Zlib, or raw DEFLATE decompression
 */
var AsyncDecompress = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncDecompress(opts, cb) {
        Decompress.call(this, opts, cb);
        this.queuedSize = 0;
        this.G = AsyncGunzip;
        this.I = AsyncInflate;
        this.Z = AsyncUnzlib;
    }
    AsyncDecompress.prototype.i = function () {
        var _this = this;
        this.s.ondata = function (err, dat, final) {
            _this.ondata(err, dat, final);
        };
        this.s.ondrain = function (size) {
            _this.queuedSize -= size;
            if (_this.ondrain)
                _this.ondrain(size);
        };
    };
    /**
     * Pushes a chunk to be decompressed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    AsyncDecompress.prototype.push = function (chunk, final) {
        this.queuedSize += chunk.length;
        Decompress.prototype.push.call(this, chunk, final);
    };
    return AsyncDecompress;
}())));

function decompress(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return (data[0] == 31 && data[1] == 139 && data[2] == 8)
        ? gunzip(data, opts, cb)
        : ((data[0] & 15) != 8 || (data[0] >> 4) > 7 || ((data[0] << 8 | data[1]) % 31))
            ? inflate(data, opts, cb)
            : unzlib(data, opts, cb);
}
/**
 * Expands compressed GZIP, Zlib, or raw DEFLATE data, automatically detecting the format
 * @param data The data to decompress
 * @param opts The decompression options
 * @returns The decompressed version of the data
 */
function decompressSync(data, opts) {
    return (data[0] == 31 && data[1] == 139 && data[2] == 8)
        ? gunzipSync(data, opts)
        : ((data[0] & 15) != 8 || (data[0] >> 4) > 7 || ((data[0] << 8 | data[1]) % 31))
            ? inflateSync(data, opts)
            : unzlibSync(data, opts);
}
// flatten a directory structure
var fltn = function (d, p, t, o) {
    for (var k in d) {
        var val = d[k], n = p + k, op = o;
        if (Array.isArray(val))
            op = mrg(o, val[1]), val = val[0];
        if (ArrayBuffer.isView(val))
            t[n] = [val, op];
        else {
            t[n += '/'] = [new u8(0), op];
            fltn(val, n, t, o);
        }
    }
};
// text encoder
var te = typeof TextEncoder != 'undefined' && /*#__PURE__*/ new TextEncoder();
// text decoder
var td = typeof TextDecoder != 'undefined' && /*#__PURE__*/ new TextDecoder();
// text decoder stream
var tds = 0;
try {
    td.decode(et, { stream: true });
    tds = 1;
}
catch (e) { }
// decode UTF8
var dutf8 = function (d) {
    for (var r = '', i = 0;;) {
        var c = d[i++];
        var eb = (c > 127) + (c > 223) + (c > 239);
        if (i + eb > d.length)
            return { s: r, r: slc(d, i - 1) };
        if (!eb)
            r += String.fromCharCode(c);
        else if (eb == 3) {
            c = ((c & 15) << 18 | (d[i++] & 63) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63)) - 65536,
                r += String.fromCharCode(55296 | (c >> 10), 56320 | (c & 1023));
        }
        else if (eb & 1)
            r += String.fromCharCode((c & 31) << 6 | (d[i++] & 63));
        else
            r += String.fromCharCode((c & 15) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63));
    }
};
/**
 * Streaming UTF-8 decoding
 */
var DecodeUTF8 = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a UTF-8 decoding stream
     * @param cb The callback to call whenever data is decoded
     */
    function DecodeUTF8(cb) {
        this.ondata = cb;
        if (tds)
            this.t = new TextDecoder();
        else
            this.p = et;
    }
    /**
     * Pushes a chunk to be decoded from UTF-8 binary
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    DecodeUTF8.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        final = !!final;
        if (this.t) {
            this.ondata(this.t.decode(chunk, { stream: true }), final);
            if (final) {
                if (this.t.decode().length)
                    err(8);
                this.t = null;
            }
            return;
        }
        if (!this.p)
            err(4);
        var dat = new u8(this.p.length + chunk.length);
        dat.set(this.p);
        dat.set(chunk, this.p.length);
        var _a = dutf8(dat), s = _a.s, r = _a.r;
        if (final) {
            if (r.length)
                err(8);
            this.p = null;
        }
        else
            this.p = r;
        this.ondata(s, final);
    };
    return DecodeUTF8;
}())));

/**
 * Streaming UTF-8 encoding
 */
var EncodeUTF8 = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a UTF-8 decoding stream
     * @param cb The callback to call whenever data is encoded
     */
    function EncodeUTF8(cb) {
        this.ondata = cb;
    }
    /**
     * Pushes a chunk to be encoded to UTF-8
     * @param chunk The string data to push
     * @param final Whether this is the last chunk
     */
    EncodeUTF8.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (this.d)
            err(4);
        this.ondata(strToU8(chunk), this.d = final || false);
    };
    return EncodeUTF8;
}())));

/**
 * Converts a string into a Uint8Array for use with compression/decompression methods
 * @param str The string to encode
 * @param latin1 Whether or not to interpret the data as Latin-1. This should
 *               not need to be true unless decoding a binary string.
 * @returns The string encoded in UTF-8/Latin-1 binary
 */
function strToU8(str, latin1) {
    if (latin1) {
        var ar_1 = new u8(str.length);
        for (var i = 0; i < str.length; ++i)
            ar_1[i] = str.charCodeAt(i);
        return ar_1;
    }
    if (te)
        return te.encode(str);
    var l = str.length;
    var ar = new u8(str.length + (str.length >> 1));
    var ai = 0;
    var w = function (v) { ar[ai++] = v; };
    for (var i = 0; i < l; ++i) {
        if (ai + 5 > ar.length) {
            var n = new u8(ai + 8 + ((l - i) << 1));
            n.set(ar);
            ar = n;
        }
        var c = str.charCodeAt(i);
        if (c < 128 || latin1)
            w(c);
        else if (c < 2048)
            w(192 | (c >> 6)), w(128 | (c & 63));
        else if (c > 55295 && c < 57344)
            c = 65536 + (c & 1023 << 10) | (str.charCodeAt(++i) & 1023),
                w(240 | (c >> 18)), w(128 | ((c >> 12) & 63)), w(128 | ((c >> 6) & 63)), w(128 | (c & 63));
        else
            w(224 | (c >> 12)), w(128 | ((c >> 6) & 63)), w(128 | (c & 63));
    }
    return slc(ar, 0, ai);
}
/**
 * Converts a Uint8Array to a string
 * @param dat The data to decode to string
 * @param latin1 Whether or not to interpret the data as Latin-1. This should
 *               not need to be true unless encoding to binary string.
 * @returns The original UTF-8/Latin-1 string
 */
function strFromU8(dat, latin1) {
    if (latin1) {
        var r = '';
        for (var i = 0; i < dat.length; i += 16384)
            r += String.fromCharCode.apply(null, dat.subarray(i, i + 16384));
        return r;
    }
    else if (td) {
        return td.decode(dat);
    }
    else {
        var _a = dutf8(dat), s = _a.s, r = _a.r;
        if (r.length)
            err(8);
        return s;
    }
}
;
// deflate bit flag
var dbf = function (l) { return l == 1 ? 3 : l < 6 ? 2 : l == 9 ? 1 : 0; };
// skip local zip header
var slzh = function (d, b) { return b + 30 + b2(d, b + 26) + b2(d, b + 28); };
// read zip header
var zh = function (d, b, z) {
    var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl;
    var _a = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a[0], su = _a[1], off = _a[2];
    return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
};
// read zip64 header sizes
var z64hs = function (d, b, l, z, sc, su, off) {
    var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
    var nf = nsc + nsu + noff;
    if (z && nf) {
        for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
            if (b2(d, b) == 1) {
                return [
                    nsc ? b8(d, b + 4 + 8 * nsu) : sc,
                    nsu ? b8(d, b + 4) : su,
                    noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
                    1
                ];
            }
        }
        // z == 2 for unknown whether or not zip64
        if (z < 2)
            err(13);
    }
    return [sc, su, off, 0];
};
// extra field length
var exfl = function (ex) {
    var le = 0;
    if (ex) {
        for (var k in ex) {
            var l = ex[k].length;
            if (l > 65535)
                err(9);
            le += l + 4;
        }
    }
    return le;
};
// write zip header
var wzh = function (d, b, f, fn, u, c, ce, co) {
    var fl = fn.length, ex = f.extra, col = co && co.length;
    var exl = exfl(ex);
    wbytes(d, b, ce != null ? 0x2014B50 : 0x4034B50), b += 4;
    if (ce != null)
        d[b++] = 20, d[b++] = f.os;
    d[b] = 20, b += 2; // spec compliance? what's that?
    d[b++] = (f.flag << 1) | (c < 0 && 8), d[b++] = u && 8;
    d[b++] = f.compression & 255, d[b++] = f.compression >> 8;
    var dt = new Date(f.mtime == null ? Date.now() : f.mtime), y = dt.getFullYear() - 1980;
    if (y < 0 || y > 119)
        err(10);
    wbytes(d, b, (y << 25) | ((dt.getMonth() + 1) << 21) | (dt.getDate() << 16) | (dt.getHours() << 11) | (dt.getMinutes() << 5) | (dt.getSeconds() >> 1)), b += 4;
    if (c != -1) {
        wbytes(d, b, f.crc);
        wbytes(d, b + 4, c < 0 ? -c - 2 : c);
        wbytes(d, b + 8, f.size);
    }
    wbytes(d, b + 12, fl);
    wbytes(d, b + 14, exl), b += 16;
    if (ce != null) {
        wbytes(d, b, col);
        wbytes(d, b + 6, f.attrs);
        wbytes(d, b + 10, ce), b += 14;
    }
    d.set(fn, b);
    b += fl;
    if (exl) {
        for (var k in ex) {
            var exf = ex[k], l = exf.length;
            wbytes(d, b, +k);
            wbytes(d, b + 2, l);
            d.set(exf, b + 4), b += 4 + l;
        }
    }
    if (col)
        d.set(co, b), b += col;
    return b;
};
// write zip footer (end of central directory)
var wzf = function (o, b, c, d, e) {
    wbytes(o, b, 0x6054B50); // skip disk
    wbytes(o, b + 8, c);
    wbytes(o, b + 10, c);
    wbytes(o, b + 12, d);
    wbytes(o, b + 16, e);
};
/**
 * A pass-through stream to keep data uncompressed in a ZIP archive.
 */
var ZipPassThrough = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a pass-through stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     */
    function ZipPassThrough(filename) {
        this.filename = filename;
        this.c = crc();
        this.size = 0;
        this.compression = 0;
    }
    /**
     * Processes a chunk and pushes to the output stream. You can override this
     * method in a subclass for custom behavior, but by default this passes
     * the data through. You must call this.ondata(err, chunk, final) at some
     * point in this method.
     * @param chunk The chunk to process
     * @param final Whether this is the last chunk
     */
    ZipPassThrough.prototype.process = function (chunk, final) {
        this.ondata(null, chunk, final);
    };
    /**
     * Pushes a chunk to be added. If you are subclassing this with a custom
     * compression algorithm, note that you must push data from the source
     * file only, pre-compression.
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    ZipPassThrough.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        this.c.p(chunk);
        this.size += chunk.length;
        if (final)
            this.crc = this.c.d();
        // we shouldn't really do this cast, but properly handling ArrayBufferLike
        // makes the API unergonomic with Buffer
        this.process(chunk, final || false);
    };
    return ZipPassThrough;
}())));

// I don't extend because TypeScript extension adds 1kB of runtime bloat
/**
 * Streaming DEFLATE compression for ZIP archives. Prefer using AsyncZipDeflate
 * for better performance
 */
var ZipDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     * @param opts The compression options
     */
    function ZipDeflate(filename, opts) {
        var _this = this;
        if (!opts)
            opts = {};
        ZipPassThrough.call(this, filename);
        this.d = new Deflate(opts, function (dat, final) {
            _this.ondata(null, dat, final);
        });
        this.compression = 8;
        this.flag = dbf(opts.level);
    }
    ZipDeflate.prototype.process = function (chunk, final) {
        try {
            this.d.push(chunk, final);
        }
        catch (e) {
            this.ondata(e, null, final);
        }
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    ZipDeflate.prototype.push = function (chunk, final) {
        ZipPassThrough.prototype.push.call(this, chunk, final);
    };
    return ZipDeflate;
}())));

/**
 * Asynchronous streaming DEFLATE compression for ZIP archives
 */
var AsyncZipDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates an asynchronous DEFLATE stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     * @param opts The compression options
     */
    function AsyncZipDeflate(filename, opts) {
        var _this = this;
        if (!opts)
            opts = {};
        ZipPassThrough.call(this, filename);
        this.d = new AsyncDeflate(opts, function (err, dat, final) {
            _this.ondata(err, dat, final);
        });
        this.compression = 8;
        this.flag = dbf(opts.level);
        this.terminate = this.d.terminate;
    }
    AsyncZipDeflate.prototype.process = function (chunk, final) {
        this.d.push(chunk, final);
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    AsyncZipDeflate.prototype.push = function (chunk, final) {
        ZipPassThrough.prototype.push.call(this, chunk, final);
    };
    return AsyncZipDeflate;
}())));

// TODO: Better tree shaking
/**
 * A zippable archive to which files can incrementally be added
 */
var Zip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates an empty ZIP archive to which files can be added
     * @param cb The callback to call whenever data for the generated ZIP archive
     *           is available
     */
    function Zip(cb) {
        this.ondata = cb;
        this.u = [];
        this.d = 1;
    }
    /**
     * Adds a file to the ZIP archive
     * @param file The file stream to add
     */
    Zip.prototype.add = function (file) {
        var _this = this;
        if (!this.ondata)
            err(5);
        // finishing or finished
        if (this.d & 2)
            this.ondata(err(4 + (this.d & 1) * 8, 0, 1), null, false);
        else {
            var f = strToU8(file.filename), fl_1 = f.length;
            var com = file.comment, o = com && strToU8(com);
            var u = fl_1 != file.filename.length || (o && (com.length != o.length));
            var hl_1 = fl_1 + exfl(file.extra) + 30;
            if (fl_1 > 65535)
                this.ondata(err(11, 0, 1), null, false);
            var header = new u8(hl_1);
            wzh(header, 0, file, f, u, -1);
            var chks_1 = [header];
            var pAll_1 = function () {
                for (var _i = 0, chks_2 = chks_1; _i < chks_2.length; _i++) {
                    var chk = chks_2[_i];
                    _this.ondata(null, chk, false);
                }
                chks_1 = [];
            };
            var tr_1 = this.d;
            this.d = 0;
            var ind_1 = this.u.length;
            var uf_1 = mrg(file, {
                f: f,
                u: u,
                o: o,
                t: function () {
                    if (file.terminate)
                        file.terminate();
                },
                r: function () {
                    pAll_1();
                    if (tr_1) {
                        var nxt = _this.u[ind_1 + 1];
                        if (nxt)
                            nxt.r();
                        else
                            _this.d = 1;
                    }
                    tr_1 = 1;
                }
            });
            var cl_1 = 0;
            file.ondata = function (err, dat, final) {
                if (err) {
                    _this.ondata(err, dat, final);
                    _this.terminate();
                }
                else {
                    cl_1 += dat.length;
                    chks_1.push(dat);
                    if (final) {
                        var dd = new u8(16);
                        wbytes(dd, 0, 0x8074B50);
                        wbytes(dd, 4, file.crc);
                        wbytes(dd, 8, cl_1);
                        wbytes(dd, 12, file.size);
                        chks_1.push(dd);
                        uf_1.c = cl_1, uf_1.b = hl_1 + cl_1 + 16, uf_1.crc = file.crc, uf_1.size = file.size;
                        if (tr_1)
                            uf_1.r();
                        tr_1 = 1;
                    }
                    else if (tr_1)
                        pAll_1();
                }
            };
            this.u.push(uf_1);
        }
    };
    /**
     * Ends the process of adding files and prepares to emit the final chunks.
     * This *must* be called after adding all desired files for the resulting
     * ZIP file to work properly.
     */
    Zip.prototype.end = function () {
        var _this = this;
        if (this.d & 2) {
            this.ondata(err(4 + (this.d & 1) * 8, 0, 1), null, true);
            return;
        }
        if (this.d)
            this.e();
        else
            this.u.push({
                r: function () {
                    if (!(_this.d & 1))
                        return;
                    _this.u.splice(-1, 1);
                    _this.e();
                },
                t: function () { }
            });
        this.d = 3;
    };
    Zip.prototype.e = function () {
        var bt = 0, l = 0, tl = 0;
        for (var _i = 0, _a = this.u; _i < _a.length; _i++) {
            var f = _a[_i];
            tl += 46 + f.f.length + exfl(f.extra) + (f.o ? f.o.length : 0);
        }
        var out = new u8(tl + 22);
        for (var _b = 0, _c = this.u; _b < _c.length; _b++) {
            var f = _c[_b];
            wzh(out, bt, f, f.f, f.u, -f.c - 2, l, f.o);
            bt += 46 + f.f.length + exfl(f.extra) + (f.o ? f.o.length : 0), l += f.b;
        }
        wzf(out, bt, this.u.length, tl, l);
        this.ondata(null, out, true);
        this.d = 2;
    };
    /**
     * A method to terminate any internal workers used by the stream. Subsequent
     * calls to add() will fail.
     */
    Zip.prototype.terminate = function () {
        for (var _i = 0, _a = this.u; _i < _a.length; _i++) {
            var f = _a[_i];
            f.t();
        }
        this.d = 2;
    };
    return Zip;
}())));

function zip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    var r = {};
    fltn(data, '', r, opts);
    var k = Object.keys(r);
    var lft = k.length, o = 0, tot = 0;
    var slft = lft, files = new Array(lft);
    var term = [];
    var tAll = function () {
        for (var i = 0; i < term.length; ++i)
            term[i]();
    };
    var cbd = function (a, b) {
        mt(function () { cb(a, b); });
    };
    mt(function () { cbd = cb; });
    var cbf = function () {
        var out = new u8(tot + 22), oe = o, cdl = tot - o;
        tot = 0;
        for (var i = 0; i < slft; ++i) {
            var f = files[i];
            try {
                var l = f.c.length;
                wzh(out, tot, f, f.f, f.u, l);
                var badd = 30 + f.f.length + exfl(f.extra);
                var loc = tot + badd;
                out.set(f.c, loc);
                wzh(out, o, f, f.f, f.u, l, tot, f.m), o += 16 + badd + (f.m ? f.m.length : 0), tot = loc + l;
            }
            catch (e) {
                return cbd(e, null);
            }
        }
        wzf(out, o, files.length, cdl, oe);
        cbd(null, out);
    };
    if (!lft)
        cbf();
    var _loop_1 = function (i) {
        var fn = k[i];
        var _a = r[fn], file = _a[0], p = _a[1];
        var c = crc(), size = file.length;
        c.p(file);
        var f = strToU8(fn), s = f.length;
        var com = p.comment, m = com && strToU8(com), ms = m && m.length;
        var exl = exfl(p.extra);
        var compression = p.level == 0 ? 0 : 8;
        var cbl = function (e, d) {
            if (e) {
                tAll();
                cbd(e, null);
            }
            else {
                var l = d.length;
                files[i] = mrg(p, {
                    size: size,
                    crc: c.d(),
                    c: d,
                    f: f,
                    m: m,
                    u: s != fn.length || (m && (com.length != ms)),
                    compression: compression
                });
                o += 30 + s + exl + l;
                tot += 76 + 2 * (s + exl) + (ms || 0) + l;
                if (!--lft)
                    cbf();
            }
        };
        if (s > 65535)
            cbl(err(11, 0, 1), null);
        if (!compression)
            cbl(null, file);
        else if (size < 160000) {
            try {
                cbl(null, deflateSync(file, p));
            }
            catch (e) {
                cbl(e, null);
            }
        }
        else
            term.push(deflate(file, p, cbl));
    };
    // Cannot use lft because it can decrease
    for (var i = 0; i < slft; ++i) {
        _loop_1(i);
    }
    return tAll;
}
/**
 * Synchronously creates a ZIP file. Prefer using `zip` for better performance
 * with more than one file.
 * @param data The directory structure for the ZIP archive
 * @param opts The main options, merged with per-file options
 * @returns The generated ZIP archive
 */
function zipSync(data, opts) {
    if (!opts)
        opts = {};
    var r = {};
    var files = [];
    fltn(data, '', r, opts);
    var o = 0;
    var tot = 0;
    for (var fn in r) {
        var _a = r[fn], file = _a[0], p = _a[1];
        var compression = p.level == 0 ? 0 : 8;
        var f = strToU8(fn), s = f.length;
        var com = p.comment, m = com && strToU8(com), ms = m && m.length;
        var exl = exfl(p.extra);
        if (s > 65535)
            err(11);
        var d = compression ? deflateSync(file, p) : file, l = d.length;
        var c = crc();
        c.p(file);
        files.push(mrg(p, {
            size: file.length,
            crc: c.d(),
            c: d,
            f: f,
            m: m,
            u: s != fn.length || (m && (com.length != ms)),
            o: o,
            compression: compression
        }));
        o += 30 + s + exl + l;
        tot += 76 + 2 * (s + exl) + (ms || 0) + l;
    }
    var out = new u8(tot + 22), oe = o, cdl = tot - o;
    for (var i = 0; i < files.length; ++i) {
        var f = files[i];
        wzh(out, f.o, f, f.f, f.u, f.c.length);
        var badd = 30 + f.f.length + exfl(f.extra);
        out.set(f.c, f.o + badd);
        wzh(out, o, f, f.f, f.u, f.c.length, f.o, f.m), o += 16 + badd + (f.m ? f.m.length : 0);
    }
    wzf(out, o, files.length, cdl, oe);
    return out;
}
/**
 * Streaming pass-through decompression for ZIP archives
 */
var UnzipPassThrough = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function UnzipPassThrough() {
    }
    UnzipPassThrough.prototype.push = function (chunk, final) {
        // same as ZipPassThrough: cast to retain Buffer ergonomics
        this.ondata(null, chunk, final);
    };
    UnzipPassThrough.compression = 0;
    return UnzipPassThrough;
}())));

/**
 * Streaming DEFLATE decompression for ZIP archives. Prefer AsyncZipInflate for
 * better performance.
 */
var UnzipInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE decompression that can be used in ZIP archives
     */
    function UnzipInflate() {
        var _this = this;
        this.i = new Inflate(function (dat, final) {
            _this.ondata(null, dat, final);
        });
    }
    UnzipInflate.prototype.push = function (chunk, final) {
        try {
            this.i.push(chunk, final);
        }
        catch (e) {
            this.ondata(e, null, final);
        }
    };
    UnzipInflate.compression = 8;
    return UnzipInflate;
}())));

/**
 * Asynchronous streaming DEFLATE decompression for ZIP archives
 */
var AsyncUnzipInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE decompression that can be used in ZIP archives
     */
    function AsyncUnzipInflate(_, sz) {
        var _this = this;
        if (sz < 320000) {
            this.i = new Inflate(function (dat, final) {
                _this.ondata(null, dat, final);
            });
        }
        else {
            this.i = new AsyncInflate(function (err, dat, final) {
                _this.ondata(err, dat, final);
            });
            this.terminate = this.i.terminate;
        }
    }
    AsyncUnzipInflate.prototype.push = function (chunk, final) {
        if (this.i.terminate)
            chunk = slc(chunk, 0);
        this.i.push(chunk, final);
    };
    AsyncUnzipInflate.compression = 8;
    return AsyncUnzipInflate;
}())));

/**
 * A ZIP archive decompression stream that emits files as they are discovered
 */
var Unzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a ZIP decompression stream
     * @param cb The callback to call whenever a file in the ZIP archive is found
     */
    function Unzip(cb) {
        this.onfile = cb;
        this.k = [];
        this.o = {
            0: UnzipPassThrough
        };
        this.p = et;
    }
    /**
     * Pushes a chunk to be unzipped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Unzip.prototype.push = function (chunk, final) {
        var _this = this;
        if (!this.onfile)
            err(5);
        if (!this.p)
            err(4);
        if (this.c > 0) {
            var len = Math.min(this.c, chunk.length);
            var toAdd = chunk.subarray(0, len);
            this.c -= len;
            if (this.d)
                this.d.push(toAdd, !this.c);
            else
                this.k[0].push(toAdd);
            chunk = chunk.subarray(len);
            if (chunk.length)
                return this.push(chunk, final);
        }
        else {
            var f = 0, i = 0, is = void 0, buf = void 0;
            if (!this.p.length)
                buf = chunk;
            else if (!chunk.length)
                buf = this.p;
            else {
                buf = new u8(this.p.length + chunk.length);
                buf.set(this.p), buf.set(chunk, this.p.length);
            }
            var l = buf.length, oc = this.c, add = oc && this.d;
            var _loop_2 = function () {
                var sig = b4(buf, i);
                if (sig == 0x4034B50) {
                    f = 1, is = i;
                    this_1.d = null;
                    this_1.c = 0;
                    var bf = b2(buf, i + 6), cmp_1 = b2(buf, i + 8), u = bf & 2048, dd = bf & 8, fnl = b2(buf, i + 26), es = b2(buf, i + 28);
                    if (l > i + 30 + fnl + es) {
                        var chks_3 = [];
                        this_1.k.unshift(chks_3);
                        f = 2;
                        var lsc = b4(buf, i + 18), lsu = b4(buf, i + 22);
                        var fn_1 = strFromU8(buf.subarray(i + 30, i += 30 + fnl), !u);
                        var _a = z64hs(buf, i, es, 2, lsc, lsu, 0), sc_1 = _a[0], su_1 = _a[1], z64 = _a[3];
                        if (dd)
                            sc_1 = -1 - z64;
                        i += es;
                        this_1.c = sc_1;
                        var d_1;
                        var file_1 = {
                            name: fn_1,
                            compression: cmp_1,
                            start: function () {
                                if (!file_1.ondata)
                                    err(5);
                                if (!sc_1)
                                    file_1.ondata(null, et, true);
                                else {
                                    var ctr = _this.o[cmp_1];
                                    if (!ctr)
                                        file_1.ondata(err(14, 'unknown compression type ' + cmp_1, 1), null, false);
                                    d_1 = sc_1 < 0 ? new ctr(fn_1) : new ctr(fn_1, sc_1, su_1);
                                    d_1.ondata = function (err, dat, final) { file_1.ondata(err, dat, final); };
                                    for (var _i = 0, chks_4 = chks_3; _i < chks_4.length; _i++) {
                                        var dat = chks_4[_i];
                                        d_1.push(dat, false);
                                    }
                                    if (_this.k[0] == chks_3 && _this.c)
                                        _this.d = d_1;
                                    else
                                        d_1.push(et, true);
                                }
                            },
                            terminate: function () {
                                if (d_1 && d_1.terminate)
                                    d_1.terminate();
                            }
                        };
                        if (sc_1 >= 0)
                            file_1.size = sc_1, file_1.originalSize = su_1;
                        this_1.onfile(file_1);
                    }
                    return "break";
                }
                else if (oc) {
                    if (sig == 0x8074B50) {
                        is = i += 12 + (oc == -2 && 8), f = 3, this_1.c = 0;
                        return "break";
                    }
                    else if (sig == 0x2014B50) {
                        is = i -= 4, f = 3, this_1.c = 0;
                        return "break";
                    }
                }
            };
            var this_1 = this;
            for (; i < l - 4; ++i) {
                var state_1 = _loop_2();
                if (state_1 === "break")
                    break;
            }
            this.p = et;
            if (oc < 0) {
                var dat = f ? buf.subarray(0, is - 12 - (oc == -2 && 8) - (b4(buf, is - 16) == 0x8074B50 && 4)) : buf.subarray(0, i);
                if (add)
                    add.push(dat, !!f);
                else
                    this.k[+(f == 2)].push(dat);
            }
            if (f & 2)
                return this.push(buf.subarray(i), final);
            this.p = buf.subarray(i);
        }
        if (final) {
            if (this.c)
                err(13);
            this.p = null;
        }
    };
    /**
     * Registers a decoder with the stream, allowing for files compressed with
     * the compression type provided to be expanded correctly
     * @param decoder The decoder constructor
     */
    Unzip.prototype.register = function (decoder) {
        this.o[decoder.compression] = decoder;
    };
    return Unzip;
}())));

var mt = typeof queueMicrotask == 'function' ? queueMicrotask : typeof setTimeout == 'function' ? setTimeout : function (fn) { fn(); };
function unzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    var term = [];
    var tAll = function () {
        for (var i = 0; i < term.length; ++i)
            term[i]();
    };
    var files = {};
    var cbd = function (a, b) {
        mt(function () { cb(a, b); });
    };
    mt(function () { cbd = cb; });
    var e = data.length - 22;
    for (; b4(data, e) != 0x6054B50; --e) {
        if (!e || data.length - e > 65558) {
            cbd(err(13, 0, 1), null);
            return tAll;
        }
    }
    ;
    var lft = b2(data, e + 8);
    if (lft) {
        var c = lft;
        var o = b4(data, e + 16);
        var z = b4(data, e - 20) == 0x7064B50;
        if (z) {
            var ze = b4(data, e - 12);
            z = b4(data, ze) == 0x6064B50;
            if (z) {
                c = lft = b4(data, ze + 32);
                o = b4(data, ze + 48);
            }
        }
        var fltr = opts && opts.filter;
        var _loop_3 = function (i) {
            var _a = zh(data, o, z), c_1 = _a[0], sc = _a[1], su = _a[2], fn = _a[3], no = _a[4], off = _a[5], b = slzh(data, off);
            o = no;
            var cbl = function (e, d) {
                if (e) {
                    tAll();
                    cbd(e, null);
                }
                else {
                    if (d)
                        files[fn] = d;
                    if (!--lft)
                        cbd(null, files);
                }
            };
            if (!fltr || fltr({
                name: fn,
                size: sc,
                originalSize: su,
                compression: c_1
            })) {
                if (!c_1)
                    cbl(null, slc(data, b, b + sc));
                else if (c_1 == 8) {
                    var infl = data.subarray(b, b + sc);
                    // Synchronously decompress under 512KB, or barely-compressed data
                    if (su < 524288 || sc > 0.8 * su) {
                        try {
                            cbl(null, inflateSync(infl, { out: new u8(su) }));
                        }
                        catch (e) {
                            cbl(e, null);
                        }
                    }
                    else
                        term.push(inflate(infl, { size: su }, cbl));
                }
                else
                    cbl(err(14, 'unknown compression type ' + c_1, 1), null);
            }
            else
                cbl(null, null);
        };
        for (var i = 0; i < c; ++i) {
            _loop_3(i);
        }
    }
    else
        cbd(null, {});
    return tAll;
}
/**
 * Synchronously decompresses a ZIP archive. Prefer using `unzip` for better
 * performance with more than one file.
 * @param data The raw compressed ZIP file
 * @param opts The ZIP extraction options
 * @returns The decompressed files
 */
function unzipSync(data, opts) {
    var files = {};
    var e = data.length - 22;
    for (; b4(data, e) != 0x6054B50; --e) {
        if (!e || data.length - e > 65558)
            err(13);
    }
    ;
    var c = b2(data, e + 8);
    if (!c)
        return {};
    var o = b4(data, e + 16);
    var z = b4(data, e - 20) == 0x7064B50;
    if (z) {
        var ze = b4(data, e - 12);
        z = b4(data, ze) == 0x6064B50;
        if (z) {
            c = b4(data, ze + 32);
            o = b4(data, ze + 48);
        }
    }
    var fltr = opts && opts.filter;
    for (var i = 0; i < c; ++i) {
        var _a = zh(data, o, z), c_2 = _a[0], sc = _a[1], su = _a[2], fn = _a[3], no = _a[4], off = _a[5], b = slzh(data, off);
        o = no;
        if (!fltr || fltr({
            name: fn,
            size: sc,
            originalSize: su,
            compression: c_2
        })) {
            if (!c_2)
                files[fn] = slc(data, b, b + sc);
            else if (c_2 == 8)
                files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) });
            else
                err(14, 'unknown compression type ' + c_2);
        }
    }
    return files;
}

;// CONCATENATED MODULE: ./src/scan/decompress/deflate.ts
// gzip / zlib / raw deflate with fflate's push API (fflate already has the Codec shape).

const deflate_gunzip = (emit) => new Gunzip(emit);
const deflate_unzlib = (emit) => new Unzlib(emit);
const inflateRaw = (emit) => new Inflate(emit);

;// CONCATENATED MODULE: ./src/scan/decompress/frames.ts
// What the zstd and LZ4 decoders share: frames one after another, the skippable-frame magic
// range (0x184D2A50–5F, a 4-byte length, then that many bytes to ignore), and bytes after the
// last frame that start no frame, which Python's readers ignore.

const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
function frames_u32(b, at) {
    return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
class FramedCodec extends QueuedCodec {
    article;
    magic;
    /** Frames of the codec's own started so far. */
    frames = 0;
    skipLeft = 0;
    /** `article`: how messages name the format ('an LZ4', 'a zstd'). */
    constructor(emit, article, magic) {
        super(emit);
        this.article = article;
        this.magic = magic;
    }
    /**
     * At a frame start: the first `headMax` bytes (fewer at the end of input) when a frame of the
     * codec's own starts, else what comes instead ('need' more input, a 'skip'pable frame whose
     * header is consumed, or 'trailing' bytes).
     */
    frameAt(headMax) {
        const head = this.q.peek(Math.min(this.q.length, headMax));
        const start = this.frameStart(head);
        return start === 'frame' ? head : start;
    }
    /** The states between frames: false when decode must return (more input needed, or only trailing bytes are left). */
    passGap(gap) {
        if (gap === 'skip')
            return this.skipRest();
        this.q.skip(this.q.length);
        return false;
    }
    /** Classifies the frame start at the queue's head (`head` peeks at it). */
    frameStart(head) {
        const found = head.length >= 4 ? frames_u32(head, 0) : -1;
        if ((found & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
            if (head.length < 8)
                return this.final ? this.cutOff(`${this.article} skippable frame`) : 'need';
            this.q.skip(8);
            this.skipLeft = frames_u32(head, 4);
            return 'skip';
        }
        if (found === this.magic)
            return 'frame';
        if (this.frames === 0)
            throw new CorruptData(`the data does not start with ${this.article} frame`);
        return 'trailing';
    }
    /** Drops what the queue holds of the current skippable frame; true once all of it is gone. */
    skipRest() {
        const n = Math.min(this.skipLeft, this.q.length);
        this.q.skip(n);
        this.skipLeft -= n;
        if (this.skipLeft > 0 && this.final)
            this.cutOff(`${this.article} skippable frame`);
        return this.skipLeft === 0;
    }
}

;// CONCATENATED MODULE: ./src/scan/decompress/lz4.ts
// LZ4 frames (lz4.frame, what joblib's ".lz4" writes): frame descriptor, blocks (compressed or
// stored, independent or linked to the previous 64 KiB), end mark, optional checksums. Written
// here because the npm LZ4 decoders are whole-buffer or native. Checksums are skipped, not
// verified (the reader has handed the block to the unpickler before a content checksum fails;
// scanning more is the safe side). Frames follow one another; after the first, bytes that start
// no frame are ignored, skippable frames are skipped.


const LZ4_MAGIC = 0x184d2204;
const HISTORY = 64 * 1024;
const BLOCK_MAX = { 4: 64 * 1024, 5: 256 * 1024, 6: 1 << 20, 7: 4 << 20 };
/**
 * Decodes one LZ4 block from `src` into `dst` starting at `start` (bytes before it are the
 * history matches may reach); returns the end of the output.
 */
function decodeBlock(src, dst, start) {
    let s = 0;
    let d = start;
    const length = (n) => {
        if (n !== 15)
            return n;
        for (;;) {
            if (s >= src.length)
                throw new CorruptData('LZ4 sequence length is cut off');
            const b = src[s++];
            n += b;
            if (b !== 255)
                return n;
        }
    };
    for (;;) {
        if (s >= src.length)
            throw new CorruptData('LZ4 block is cut off');
        const token = src[s++];
        const literals = length(token >>> 4);
        if (s + literals > src.length || d + literals > dst.length)
            throw new CorruptData('LZ4 literals run past the block');
        dst.set(src.subarray(s, s + literals), d);
        s += literals;
        d += literals;
        if (s === src.length)
            return d;
        if (s + 2 > src.length)
            throw new CorruptData('LZ4 match offset is cut off');
        const offset = src[s] | (src[s + 1] << 8);
        s += 2;
        const len = length(token & 15) + 4;
        if (offset === 0 || offset > d)
            throw new CorruptData(`LZ4 match offset ${offset} reaches before the data`);
        if (d + len > dst.length)
            throw new CorruptData('LZ4 match runs past the block size');
        for (let i = 0; i < len; i++, d++)
            dst[d] = dst[d - offset];
    }
}
class Lz4 extends FramedCodec {
    state = 'frame';
    blockMax = 0;
    independent = true;
    blockChecksum = false;
    contentChecksum = false;
    history = new Uint8Array(0);
    constructor(emit) {
        super(emit, 'an LZ4', LZ4_MAGIC);
    }
    decode() {
        const { q } = this;
        for (;;) {
            switch (this.state) {
                case 'trailing':
                case 'skip':
                    if (!this.passGap(this.state))
                        return false;
                    this.state = 'frame';
                    break;
                case 'frame':
                    if (q.length === 0 && this.final)
                        return false;
                    if (q.length < 15 && !this.final)
                        return false;
                    if (!this.frameHeader())
                        return false;
                    break;
                case 'block':
                    if (this.room <= 0)
                        return true;
                    if (!this.block())
                        return false;
                    break;
                case 'content-checksum':
                    if (q.length < 4)
                        return this.final ? this.cutOff('an LZ4 content checksum') : false;
                    q.skip(4);
                    this.state = 'frame';
                    break;
            }
        }
    }
    frameHeader() {
        const { q } = this;
        const head = this.frameAt(15);
        if (head === 'need')
            return false;
        if (!(head instanceof Uint8Array)) {
            this.state = head;
            return true;
        }
        const flg = head[4];
        const length = 7 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0);
        if (q.length < length)
            return this.final ? this.cutOff('an LZ4 frame header') : false;
        const blockMax = BLOCK_MAX[(head[5] >> 4) & 7];
        if (flg >> 6 !== 1 || flg & 0x02 || head[5] & 0x8f || blockMax === undefined) {
            throw new CorruptData(`LZ4 frame descriptor at compressed byte ${q.consumed} is invalid`);
        }
        this.blockMax = blockMax;
        this.independent = (flg & 0x20) !== 0;
        this.blockChecksum = (flg & 0x10) !== 0;
        this.contentChecksum = (flg & 0x04) !== 0;
        this.history = new Uint8Array(0);
        q.skip(length);
        this.frames++;
        this.state = 'block';
        return true;
    }
    /** One whole block (false: wait for input). */
    block() {
        const { q } = this;
        if (q.length < 4)
            return this.final ? this.cutOff('an LZ4 block') : false;
        const word = frames_u32(q.peek(4), 0);
        if (word === 0) {
            q.skip(4);
            this.state = this.contentChecksum ? 'content-checksum' : 'frame';
            return true;
        }
        const size = word & 0x7fffffff;
        if (size > this.blockMax)
            throw new CorruptData(`LZ4 block at compressed byte ${q.consumed} is larger than the frame's block size`);
        const total = 4 + size + (this.blockChecksum ? 4 : 0);
        if (q.length < total)
            return this.final ? this.cutOff('an LZ4 block') : false;
        q.skip(4);
        const data = q.take(size);
        if (this.blockChecksum)
            q.skip(4);
        let out;
        if (word & 0x80000000)
            out = data.slice();
        else {
            const history = this.independent ? new Uint8Array(0) : this.history;
            const work = new Uint8Array(history.length + this.blockMax);
            work.set(history);
            const end = decodeBlock(data, work, history.length);
            out = work.slice(history.length, end);
            if (!this.independent)
                this.history = work.slice(Math.max(0, end - HISTORY), end);
        }
        if (!this.independent && word & 0x80000000) {
            const joined = new Uint8Array(Math.min(HISTORY, this.history.length + out.length));
            const keep = joined.length - Math.min(out.length, joined.length);
            joined.set(this.history.subarray(this.history.length - keep));
            joined.set(out.subarray(out.length - (joined.length - keep)), keep);
            this.history = joined;
        }
        this.emit(out);
        return true;
    }
}
const lz4 = (emit) => new Lz4(emit);

;// CONCATENATED MODULE: ./src/scan/decompress/lzma-core.ts
// The LZMA decoder (range coder, literal/match model and dictionary) that .lzma, zip method 14
// and LZMA2 (xz, 7z) share, written after the LZMA SDK's reference decoder (LzmaSpec.cpp).
//
// It decodes whole symbols (a literal or a match) from a contiguous buffer and stops between two
// of them, so it can resume on the next input piece without saving mid-symbol state: one symbol
// reads at most MAX_SYMBOL_INPUT bytes, so the streaming caller keeps that many bytes in hand (or
// has all input). Output is written to the dictionary window and handed out by `flush`; the
// window grows with the output up to the declared dictionary size, so a large declared
// dictionary costs memory only as data is actually produced.

/** Input bytes one symbol can consume: one per decoded bit at most (about 50), rounded up. */
const MAX_SYMBOL_INPUT = 64;
const PROB_INIT = 1024;
const STATES = 12;
const POS_STATES_MAX = 16;
const MATCH_MIN_LEN = 2;
const END_MARKER = 0xffffffff;
const FIRST_WINDOW = 1 << 20;
/** The properties byte (lc + lp*9 + pb*45); undefined when out of range. */
function decodePropsByte(byte) {
    if (byte >= 9 * 5 * 5)
        return undefined;
    return { lc: byte % 9, lp: Math.floor(byte / 9) % 5, pb: Math.floor(byte / 45) };
}
class Window {
    size;
    emit;
    buf;
    pos = 0;
    /** Bytes written since the last reset. */
    total = 0;
    flushed = 0;
    constructor(size, emit) {
        this.size = size;
        this.emit = emit;
        this.buf = new Uint8Array(Math.min(size, FIRST_WINDOW));
    }
    reset() {
        this.flush();
        this.pos = this.flushed = this.total = 0;
    }
    put(b) {
        if (this.pos === this.buf.length)
            this.makeRoom();
        this.buf[this.pos++] = b;
        this.total++;
    }
    /** The byte `dist` (≥ 1) positions back. */
    back(dist) {
        const i = this.pos - dist;
        return this.buf[i < 0 ? i + this.buf.length : i];
    }
    copy(dist, len) {
        for (let i = 0; i < len; i++)
            this.put(this.back(dist));
    }
    putBytes(bytes) {
        for (let i = 0; i < bytes.length; i++)
            this.put(bytes[i]);
    }
    /** Distance `dist` (≥ 1) reaches a byte this window holds. */
    reaches(dist) {
        return dist <= this.total && dist <= this.size;
    }
    flush() {
        if (this.pos > this.flushed)
            this.emit(this.buf.slice(this.flushed, this.pos));
        this.flushed = this.pos;
    }
    makeRoom() {
        this.flush();
        if (this.buf.length < this.size) {
            const bigger = new Uint8Array(Math.min(this.size, this.buf.length * 2));
            bigger.set(this.buf);
            this.buf = bigger;
        }
        else
            this.pos = this.flushed = 0;
    }
}
class LzmaDecoder {
    window;
    lc = 0;
    lp = 0;
    pb = 0;
    probs = {
        literal: new Uint16Array(0),
        isMatch: new Uint16Array(STATES * POS_STATES_MAX),
        isRep: new Uint16Array(STATES),
        isRepG0: new Uint16Array(STATES),
        isRepG1: new Uint16Array(STATES),
        isRepG2: new Uint16Array(STATES),
        isRep0Long: new Uint16Array(STATES * POS_STATES_MAX),
        posSlot: new Uint16Array(4 * 64),
        pos: new Uint16Array(115),
        align: new Uint16Array(16),
        len: new Uint16Array(514),
        repLen: new Uint16Array(514)
    };
    state = 0;
    reps = [0, 0, 0, 0];
    range = 0;
    code = 0;
    buf = new Uint8Array(0);
    at = 0;
    end = 0;
    constructor(dictSize, emit) {
        this.window = new Window(Math.max(dictSize, 4096), emit);
    }
    /** New lc/lp/pb (and a state reset). */
    setProps({ lc, lp, pb }) {
        this.lc = lc;
        this.lp = lp;
        this.pb = pb;
        this.probs.literal = new Uint16Array(0x300 << (lc + lp));
        this.resetState();
    }
    resetState() {
        for (const p of Object.values(this.probs))
            p.fill(PROB_INIT);
        this.state = 0;
        this.reps = [0, 0, 0, 0];
    }
    resetDict() {
        this.window.reset();
    }
    /** Bytes written to the dictionary since its last reset. */
    get produced() {
        return this.window.total;
    }
    /** Uncompressed data (LZMA2 stored chunks) goes through the dictionary too. */
    putBytes(bytes) {
        this.window.putBytes(bytes);
    }
    flush() {
        this.window.flush();
    }
    /** Starts the range decoder on the 5 bytes at `pos`; returns the position after them. */
    initRange(buf, pos) {
        if (buf[pos] !== 0)
            throw new CorruptData('LZMA range coder does not start with a zero byte');
        this.code = ((buf[pos + 1] << 24) | (buf[pos + 2] << 16) | (buf[pos + 3] << 8) | buf[pos + 4]) >>> 0;
        this.range = END_MARKER;
        if (this.code === this.range)
            throw new CorruptData('LZMA range coder state is invalid');
        return pos + 5;
    }
    /**
     * Decodes symbols from buf[pos..end) until `limit` more bytes were produced, the end marker,
     * or fewer than `margin` bytes are left (0: all input is here, reading past it throws).
     */
    run(buf, pos, end, margin, limit) {
        this.buf = buf;
        this.at = pos;
        this.end = end;
        const stop = this.window.total + limit;
        let marker = false;
        // With all input here (margin 0) the last symbols may need no further byte: run until the limit.
        while (this.window.total < stop && (margin === 0 || end - this.at >= margin)) {
            if (this.symbol(stop - this.window.total)) {
                marker = true;
                break;
            }
        }
        return { pos: this.at, marker };
    }
    /** True when the range decoder's state says its stream ended cleanly here. */
    get finished() {
        return this.code === 0;
    }
    byte() {
        if (this.at >= this.end)
            throw new CorruptData('LZMA data is cut off');
        return this.buf[this.at++];
    }
    bit(probs, i) {
        const p = probs[i];
        const bound = (this.range >>> 11) * p;
        let b;
        if (this.code < bound) {
            this.range = bound;
            probs[i] = p + ((2048 - p) >>> 5);
            b = 0;
        }
        else {
            this.range -= bound;
            this.code -= bound;
            probs[i] = p - (p >>> 5);
            b = 1;
        }
        if (this.range < 0x1000000) {
            this.range *= 256;
            this.code = this.code * 256 + this.byte();
        }
        return b;
    }
    direct(count) {
        let result = 0;
        for (let i = 0; i < count; i++) {
            this.range = this.range >>> 1;
            let b = 0;
            if (this.code >= this.range) {
                this.code -= this.range;
                b = 1;
            }
            result = result * 2 + b;
            if (this.range < 0x1000000) {
                this.range *= 256;
                this.code = this.code * 256 + this.byte();
            }
        }
        return result;
    }
    tree(probs, base, bits) {
        let m = 1;
        for (let i = 0; i < bits; i++)
            m = (m << 1) + this.bit(probs, base + m);
        return m - (1 << bits);
    }
    reverseTree(probs, base, bits) {
        let m = 1;
        let symbol = 0;
        for (let i = 0; i < bits; i++) {
            const b = this.bit(probs, base + m);
            m = (m << 1) + b;
            symbol |= b << i;
        }
        return symbol;
    }
    /** Length decoder layout: choice 0, choice2 1, low 2 + posState*8, mid 130 + posState*8, high 258. */
    length(probs, posState) {
        if (this.bit(probs, 0) === 0)
            return this.tree(probs, 2 + posState * 8, 3);
        if (this.bit(probs, 1) === 0)
            return 8 + this.tree(probs, 130 + posState * 8, 3);
        return 16 + this.tree(probs, 258, 8);
    }
    distance(len) {
        const slot = this.tree(this.probs.posSlot, Math.min(len, 3) * 64, 6);
        if (slot < 4)
            return slot;
        const directBits = (slot >>> 1) - 1;
        const dist = (2 | (slot & 1)) * 2 ** directBits;
        if (slot < 14)
            return dist + this.reverseTree(this.probs.pos, dist - slot, directBits);
        return dist + this.direct(directBits - 4) * 16 + this.reverseTree(this.probs.align, 0, 4);
    }
    literal() {
        const w = this.window;
        const prev = w.total > 0 ? w.back(1) : 0;
        const litState = ((w.total & ((1 << this.lp) - 1)) << this.lc) + (prev >>> (8 - this.lc));
        const base = 0x300 * litState;
        const probs = this.probs.literal;
        let symbol = 1;
        if (this.state >= 7) {
            let matchByte = w.back(this.reps[0] + 1);
            do {
                const matchBit = (matchByte >>> 7) & 1;
                matchByte <<= 1;
                const b = this.bit(probs, base + ((1 + matchBit) << 8) + symbol);
                symbol = (symbol << 1) | b;
                if (matchBit !== b)
                    break;
            } while (symbol < 0x100);
        }
        while (symbol < 0x100)
            symbol = (symbol << 1) | this.bit(probs, base + symbol);
        w.put(symbol - 0x100);
        this.state = this.state < 4 ? 0 : this.state < 10 ? this.state - 3 : this.state - 6;
    }
    /** One literal or match; true for the end marker. `room`: bytes the caller still accepts. */
    symbol(room) {
        const w = this.window;
        const p = this.probs;
        const posState = w.total & ((1 << this.pb) - 1);
        const s = this.state;
        if (this.bit(p.isMatch, (s << 4) + posState) === 0) {
            this.literal();
            return false;
        }
        let len;
        if (this.bit(p.isRep, s) === 1) {
            if (w.total === 0)
                throw new CorruptData('LZMA repeated match before any data');
            if (this.bit(p.isRepG0, s) === 0) {
                if (this.bit(p.isRep0Long, (s << 4) + posState) === 0) {
                    this.state = s < 7 ? 9 : 11;
                    w.put(w.back(this.reps[0] + 1));
                    return false;
                }
            }
            else {
                let dist;
                if (this.bit(p.isRepG1, s) === 0)
                    dist = this.reps[1];
                else {
                    if (this.bit(p.isRepG2, s) === 0)
                        dist = this.reps[2];
                    else {
                        dist = this.reps[3];
                        this.reps[3] = this.reps[2];
                    }
                    this.reps[2] = this.reps[1];
                }
                this.reps[1] = this.reps[0];
                this.reps[0] = dist;
            }
            len = this.length(p.repLen, posState);
            this.state = s < 7 ? 8 : 11;
        }
        else {
            this.reps[3] = this.reps[2];
            this.reps[2] = this.reps[1];
            this.reps[1] = this.reps[0];
            len = this.length(p.len, posState);
            this.state = s < 7 ? 7 : 10;
            this.reps[0] = this.distance(len);
            if (this.reps[0] === END_MARKER)
                return true;
        }
        len += MATCH_MIN_LEN;
        const dist = this.reps[0] + 1;
        if (!w.reaches(dist))
            throw new CorruptData(`LZMA match distance ${dist} reaches before the start of the data`);
        w.copy(dist, Math.min(len, room));
        if (len > room)
            throw new CorruptData('LZMA match runs past the declared size');
        return false;
    }
}

;// CONCATENATED MODULE: ./src/scan/decompress/xz.ts
// One .xz stream (lzma.FORMAT_XZ, what `xz` and joblib's ".xz" write): stream header, blocks of
// LZMA2 chunks, index, footer. Checks (none, CRC32, CRC64, SHA-256 or any other size) are
// skipped, not verified: a block whose check fails has already been handed to the unpickler by
// Python's reader, and scanning it is the safe side. Filters other than LZMA2 (BCJ, delta) are
// reported as not decoded.


const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const LZMA2_FILTER = 0x21;
const FILTER_NAMES = { 3: 'delta', 4: 'BCJ x86', 5: 'BCJ PowerPC', 6: 'BCJ IA-64', 7: 'BCJ ARM', 8: 'BCJ ARM-Thumb', 9: 'BCJ SPARC', 10: 'BCJ ARM64', 11: 'BCJ RISC-V' };
/** Check field size by check id (xz file format 1.2.1, §2.1.1.2). */
function checkSize(id) {
    return id === 0 ? 0 : 4 << Math.floor((id - 1) / 3);
}
/** A variable-length integer at `bytes[at]`: value and length, 'short' when cut off, undefined when invalid. */
function vli(bytes, at, end) {
    let value = 0;
    for (let i = 0; i < 9; i++) {
        if (at + i >= end)
            return 'short';
        const b = bytes[at + i];
        value += (b & 0x7f) * 2 ** (7 * i);
        if ((b & 0x80) === 0)
            return b === 0 && i > 0 ? undefined : { value, size: i + 1 };
    }
    return undefined;
}
/** LZMA2 dictionary size from its one properties byte. */
function lzma2DictSize(byte) {
    if (byte > 40)
        throw new CorruptData(`LZMA2 dictionary size byte ${byte} is invalid`);
    return byte === 40 ? 0xffffffff : (2 | (byte & 1)) * 2 ** (Math.floor(byte / 2) + 11);
}
/** LZMA2 chunks (xz blocks, 7z coders): each chunk is read whole (≤ 64 KiB packed, ≤ 2 MiB out). */
class Lzma2Reader {
    io;
    lz;
    needDict = true;
    needProps = true;
    constructor(io, dictSize) {
        this.io = io;
        this.lz = new LzmaDecoder(dictSize, io.emit);
    }
    /** Decodes whole chunks from the queue. */
    step() {
        const { q } = this.io;
        for (;;) {
            if (q.length < 1)
                return this.io.final ? this.io.cutOff('an LZMA2 chunk') : 'input';
            const control = q.at(0);
            if (control === 0x00) {
                q.skip(1);
                return 'end';
            }
            if (this.io.room <= 0)
                return 'room';
            const lzma = control >= 0x80;
            if (!lzma && control > 0x02)
                throw new CorruptData(`LZMA2 chunk control byte 0x${control.toString(16)} is invalid`);
            const headerSize = lzma ? (control >= 0xc0 ? 6 : 5) : 3;
            if (q.length < headerSize)
                return this.io.final ? this.io.cutOff('an LZMA2 chunk header') : 'input';
            const header = q.peek(headerSize);
            const packed = lzma ? ((header[3] << 8) | header[4]) + 1 : ((header[1] << 8) | header[2]) + 1;
            if (q.length < headerSize + packed)
                return this.io.final ? this.io.cutOff('an LZMA2 chunk') : 'input';
            if (control === 0x01 || control >= 0xe0) {
                this.lz.resetDict();
                this.needDict = false;
                if (control === 0x01)
                    this.needProps = true;
            }
            else if (this.needDict)
                throw new CorruptData('LZMA2 data does not start with a dictionary reset');
            q.skip(headerSize);
            const data = q.take(packed);
            if (!lzma) {
                this.lz.putBytes(data);
                this.lz.flush();
                continue;
            }
            if (control >= 0xc0) {
                const props = decodePropsByte(header[5]);
                if (props === undefined || props.lc + props.lp > 4)
                    throw new CorruptData(`LZMA2 properties byte ${header[5]} is invalid`);
                this.lz.setProps(props);
                this.needProps = false;
            }
            else if (this.needProps)
                throw new CorruptData('LZMA2 chunk without properties');
            else if (control >= 0xa0)
                this.lz.resetState();
            const unpacked = (control & 0x1f) * 65536 + ((header[1] << 8) | header[2]) + 1;
            const before = this.lz.produced;
            let run;
            try {
                run = this.lz.run(data, this.lz.initRange(data, 0), data.length, 0, unpacked);
            }
            finally {
                this.lz.flush(); // what was decoded before a fault has reached the loader too
            }
            if (run.marker || this.lz.produced - before !== unpacked)
                throw new CorruptData('LZMA2 chunk does not decode to its declared size');
        }
    }
}
class XzStream {
    io;
    state = 'header';
    check = 0;
    blockStart = 0;
    lzma2;
    records = 0;
    indexStart = 0;
    constructor(io) {
        this.io = io;
    }
    /** Needs `n` bytes in the queue: true when they are there. */
    has(n, what) {
        if (this.io.q.length >= n)
            return true;
        if (this.io.final)
            this.io.cutOff(what);
        return false;
    }
    step() {
        const { q } = this.io;
        for (;;) {
            switch (this.state) {
                case 'header': {
                    if (!this.has(12, 'the xz stream header'))
                        return 'input';
                    const h = q.take(12);
                    if (!XZ_MAGIC.every((b, i) => h[i] === b) || h[6] !== 0 || h[7] > 0x0f)
                        throw new CorruptData('xz stream header is invalid');
                    this.check = checkSize(h[7]);
                    this.state = 'block';
                    break;
                }
                case 'block': {
                    if (!this.has(1, 'an xz block header'))
                        return 'input';
                    if (q.at(0) === 0x00) {
                        this.indexStart = q.consumed;
                        q.skip(1);
                        this.state = 'index-count';
                        break;
                    }
                    const size = (q.at(0) + 1) * 4;
                    if (!this.has(size, 'an xz block header'))
                        return 'input';
                    this.blockStart = q.consumed;
                    this.lzma2 = new Lzma2Reader(this.io, this.blockDictSize(q.take(size)));
                    this.state = 'data';
                    break;
                }
                case 'data': {
                    const r = this.lzma2.step();
                    if (r !== 'end')
                        return r;
                    this.state = 'block-end';
                    break;
                }
                case 'block-end': {
                    const skip = ((4 - ((q.consumed - this.blockStart) % 4)) % 4) + this.check;
                    if (!this.has(skip, 'an xz block check'))
                        return 'input';
                    q.skip(skip);
                    this.state = 'block';
                    break;
                }
                case 'index-count':
                case 'index': {
                    // The count, then (unpadded size, uncompressed size) per record: nothing in them is needed.
                    const count = this.state === 'index' ? 2 : 1;
                    const bytes = q.peek(Math.min(q.length, 9 * count));
                    let at = 0;
                    let value = 0;
                    for (let k = 0; k < count; k++) {
                        const v = vli(bytes, at, bytes.length);
                        if (v === undefined)
                            throw new CorruptData('xz index is invalid');
                        if (v === 'short')
                            return this.io.final ? this.io.cutOff('the xz index') : 'input';
                        at += v.size;
                        value = v.value;
                    }
                    q.skip(at);
                    if (this.state === 'index-count')
                        this.records = value;
                    else
                        this.records--;
                    this.state = this.records > 0 ? 'index' : 'index-end';
                    break;
                }
                case 'index-end': {
                    const skip = ((4 - ((q.consumed - this.indexStart) % 4)) % 4) + 4;
                    if (!this.has(skip, 'the xz index'))
                        return 'input';
                    q.skip(skip);
                    this.state = 'footer';
                    break;
                }
                case 'footer': {
                    if (!this.has(12, 'the xz stream footer'))
                        return 'input';
                    const f = q.take(12);
                    if (f[10] !== 0x59 || f[11] !== 0x5a)
                        throw new CorruptData('xz stream footer is invalid');
                    return 'end';
                }
            }
        }
    }
    /** The LZMA2 dictionary size from a block header; other filters are not decoded. */
    blockDictSize(h) {
        const flags = h[1];
        if (flags & 0x3c)
            throw new CorruptData('xz block header has reserved flags set');
        const filters = (flags & 3) + 1;
        let at = 2;
        for (const present of [flags & 0x40, flags & 0x80]) {
            if (!present)
                continue;
            const size = vli(h, at, h.length);
            if (typeof size !== 'object')
                throw new CorruptData('xz block header is invalid');
            at += size.size;
        }
        for (let i = 0; i < filters; i++) {
            const id = vli(h, at, h.length);
            const propsSize = typeof id === 'object' ? vli(h, at + id.size, h.length) : undefined;
            if (typeof id !== 'object' || typeof propsSize !== 'object')
                throw new CorruptData('xz block header is invalid');
            at += id.size + propsSize.size;
            if (id.value !== LZMA2_FILTER || i !== filters - 1) {
                const name = FILTER_NAMES[id.value] ?? `0x${id.value.toString(16)}`;
                throw new CorruptData(`xz filter ${name} is not decoded by modelgate`);
            }
            if (propsSize.value !== 1)
                throw new CorruptData('xz LZMA2 filter properties are invalid');
            return lzma2DictSize(h[at]);
        }
        throw new CorruptData('xz block header is invalid');
    }
}

;// CONCATENATED MODULE: ./src/scan/decompress/lzma.ts
// .lzma ("alone", lzma.FORMAT_ALONE) streams, zip method 14 members, and the file-level reader for
// .xz / .lzma files as Python reads them (lzma.open, joblib): one stream after another, each new
// one detected as FORMAT_AUTO does (xz magic, or an .lzma header liblzma accepts), xz stream
// padding skipped, anything else after the first stream ignored as trailing data.



const ALONE_HEADER = 13;
const UNKNOWN_SIZE = -1;
/**
 * The 13-byte .lzma header. `picky`: liblzma's FORMAT_AUTO checks (dictionary 2^n or 2^n + 2^(n-1),
 * known sizes below 2^38), which decide whether trailing bytes are another stream.
 */
function aloneHeader(h, picky) {
    const props = decodePropsByte(h[0]);
    if (props === undefined || props.lc + props.lp > 4)
        return undefined;
    const dictSize = (h[1] | (h[2] << 8) | (h[3] << 16) | (h[4] << 24)) >>> 0;
    const low = (h[5] | (h[6] << 8) | (h[7] << 16) | (h[8] << 24)) >>> 0;
    const high = (h[9] | (h[10] << 8) | (h[11] << 16) | (h[12] << 24)) >>> 0;
    const unknown = low === 0xffffffff && high === 0xffffffff;
    if (picky) {
        let d = (dictSize - 1) >>> 0;
        for (const shift of [2, 3, 4, 8, 16])
            d = (d | (d >>> shift)) >>> 0;
        if (((d + 1) >>> 0) !== dictSize)
            return undefined;
        if (!unknown && high >= 1 << 6)
            return undefined;
    }
    return { props, dictSize, size: unknown ? UNKNOWN_SIZE : high * 2 ** 32 + low };
}
/** Raw LZMA1 data after its header: streamed with MAX_SYMBOL_INPUT bytes kept in hand. */
class Lzma1Stream {
    io;
    header;
    lz;
    started = false;
    constructor(io, header) {
        this.io = io;
        this.header = header;
        this.lz = new LzmaDecoder(header.dictSize, io.emit);
        this.lz.setProps(header.props);
    }
    step() {
        const { q } = this.io;
        if (!this.started) {
            if (q.length < 5)
                return this.io.final ? this.io.cutOff('the LZMA data') : 'input';
            this.lz.initRange(q.take(5), 0);
            this.started = true;
        }
        const { size } = this.header;
        for (;;) {
            if (size !== UNKNOWN_SIZE && this.lz.produced >= size)
                return 'end';
            if (this.io.room <= 0)
                return 'room';
            const margin = this.io.final ? 0 : MAX_SYMBOL_INPUT;
            if (q.length < margin)
                return 'input';
            const bytes = q.peek(q.length);
            const limit = Math.min(this.io.room, size === UNKNOWN_SIZE ? Infinity : size - this.lz.produced);
            let run;
            try {
                run = this.lz.run(bytes, 0, bytes.length, margin, limit);
            }
            finally {
                this.lz.flush(); // what was decoded before a fault has reached the loader too
            }
            q.skip(run.pos);
            if (run.marker) {
                if (!this.lz.finished)
                    throw new CorruptData('LZMA end marker is not at the end of the range-coded data');
                return 'end';
            }
        }
    }
}
/** .xz / .lzma files: streams one after another, as Python's DecompressReader reads them. */
class LzmaFile extends QueuedCodec {
    current;
    streams = 0;
    ignoring = false;
    decode() {
        for (;;) {
            if (this.ignoring) {
                this.q.skip(this.q.length);
                return false;
            }
            if (this.current === undefined) {
                const next = this.nextStream();
                if (next === 'input')
                    return false;
                this.current = next;
            }
            const r = this.current.step();
            if (r === 'input')
                return false;
            if (r === 'room')
                return true;
            this.current = undefined;
            this.streams++;
        }
    }
    /** The stream starting here; after the first one, bytes that start none are ignored as trailing data. */
    nextStream() {
        const { q } = this;
        for (;;) {
            const first = this.streams === 0;
            if (q.length < ALONE_HEADER && !this.final)
                return 'input';
            if (q.length === 0 && !first) {
                this.ignoring = true;
                return 'input';
            }
            const head = q.peek(Math.min(q.length, ALONE_HEADER));
            if (head.length >= XZ_MAGIC.length && XZ_MAGIC.every((b, i) => head[i] === b))
                return new XzStream(this);
            const alone = head.length === ALONE_HEADER ? aloneHeader(head, !first) : undefined;
            if (alone !== undefined) {
                q.skip(ALONE_HEADER);
                return new Lzma1Stream(this, alone);
            }
            if (first)
                throw new CorruptData('the data is neither an xz stream nor an .lzma header');
            // xz stream padding: groups of four zero bytes between streams.
            if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 0 && head[3] === 0) {
                q.skip(4);
                continue;
            }
            this.ignoring = true;
            return 'input';
        }
    }
}
/** Zip method 14: version (2 bytes), properties size (2 bytes, 5), LZMA properties, raw LZMA1 data. */
class ZipLzma extends QueuedCodec {
    stream;
    ended = false;
    decode() {
        if (this.ended)
            return false;
        if (this.stream === undefined) {
            if (this.q.length < 9)
                return this.final ? this.cutOff('the zip LZMA header') : false;
            const h = this.q.take(9);
            const propsSize = h[2] | (h[3] << 8);
            const props = decodePropsByte(h[4]);
            if (propsSize !== 5 || props === undefined || props.lc + props.lp > 4)
                throw new CorruptData('the zip LZMA header is invalid');
            const dictSize = (h[5] | (h[6] << 8) | (h[7] << 16) | (h[8] << 24)) >>> 0;
            this.stream = new Lzma1Stream(this, { props, dictSize, size: UNKNOWN_SIZE });
        }
        const r = this.stream.step();
        this.ended = r === 'end';
        return r === 'room';
    }
}
const lzmaFile = (emit) => new LzmaFile(emit);
const zipLzma = (emit) => new ZipLzma(emit);

;// CONCATENATED MODULE: ./node_modules/fzstd/esm/index.mjs
// Some numerical data is initialized as -1 even when it doesn't need initialization to help the JIT infer types
// aliases for shorter compressed code (most minifers don't do this)
var ab = ArrayBuffer, esm_u8 = Uint8Array, fzstd_esm_u16 = Uint16Array, i16 = Int16Array, esm_u32 = (/* unused pure expression or super */ null && (Uint32Array)), esm_i32 = Int32Array;
var esm_slc = function (v, s, e) {
    if (esm_u8.prototype.slice)
        return esm_u8.prototype.slice.call(v, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    var n = new esm_u8(e - s);
    n.set(v.subarray(s, e));
    return n;
};
var fill = function (v, n, s, e) {
    if (esm_u8.prototype.fill)
        return esm_u8.prototype.fill.call(v, n, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    for (; s < e; ++s)
        v[s] = n;
    return v;
};
var cpw = function (v, t, s, e) {
    if (esm_u8.prototype.copyWithin)
        return esm_u8.prototype.copyWithin.call(v, t, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    while (s < e) {
        v[t++] = v[s++];
    }
};
/**
 * Codes for errors generated within this library
 */
var ZstdErrorCode = {
    InvalidData: 0,
    WindowSizeTooLarge: 1,
    InvalidBlockType: 2,
    FSEAccuracyTooHigh: 3,
    DistanceTooFarBack: 4,
    UnexpectedEOF: 5
};
// error codes
var esm_ec = [
    'invalid zstd data',
    'window size too large (>2046MB)',
    'invalid block type',
    'FSE accuracy too high',
    'match distance too far back',
    'unexpected EOF'
];
var esm_err = function (ind, msg, nt) {
    var e = new Error(msg || esm_ec[ind]);
    e.code = ind;
    if (Error.captureStackTrace)
        Error.captureStackTrace(e, esm_err);
    if (!nt)
        throw e;
    return e;
};
var rb = function (d, b, n) {
    var i = 0, o = 0;
    for (; i < n; ++i)
        o |= d[b++] << (i << 3);
    return o;
};
var esm_b4 = function (d, b) { return (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0; };
// read Zstandard frame header
var rzfh = function (dat, w) {
    var n3 = dat[0] | (dat[1] << 8) | (dat[2] << 16);
    if (n3 == 0x2FB528 && dat[3] == 253) {
        // Zstandard
        var flg = dat[4];
        //    single segment       checksum             dict flag     frame content flag
        var ss = (flg >> 5) & 1, cc = (flg >> 2) & 1, df = flg & 3, fcf = flg >> 6;
        if (flg & 8)
            esm_err(0);
        // byte
        var bt = 6 - ss;
        // dict bytes
        var db = df == 3 ? 4 : df;
        // dictionary id
        var di = rb(dat, bt, db);
        bt += db;
        // frame size bytes
        var fsb = fcf ? (1 << fcf) : ss;
        // frame source size
        var fss = rb(dat, bt, fsb) + ((fcf == 1) && 256);
        // window size
        var ws = fss;
        if (!ss) {
            // window descriptor
            var wb = 1 << (10 + (dat[5] >> 3));
            ws = wb + (wb >> 3) * (dat[5] & 7);
        }
        if (ws > 2145386496)
            esm_err(1);
        var buf = new esm_u8((w == 1 ? (fss || ws) : w ? 0 : ws) + 12);
        buf[0] = 1, buf[4] = 4, buf[8] = 8;
        return {
            b: bt + fsb,
            y: 0,
            l: 0,
            d: di,
            w: (w && w != 1) ? w : buf.subarray(12),
            e: ws,
            o: new esm_i32(buf.buffer, 0, 3),
            u: fss,
            c: cc,
            m: Math.min(131072, ws)
        };
    }
    else if (((n3 >> 4) | (dat[3] << 20)) == 0x184D2A5) {
        // skippable
        return esm_b4(dat, 4) + 8;
    }
    esm_err(0);
};
// most significant bit for nonzero
var msb = function (val) {
    var bits = 0;
    for (; (1 << bits) <= val; ++bits)
        ;
    return bits - 1;
};
// read finite state entropy
var rfse = function (dat, bt, mal) {
    // table pos
    var tpos = (bt << 3) + 4;
    // accuracy log
    var al = (dat[bt] & 15) + 5;
    if (al > mal)
        esm_err(3);
    // size
    var sz = 1 << al;
    // probabilities symbols  repeat   index   high threshold
    var probs = sz, sym = -1, re = -1, i = -1, ht = sz;
    // optimization: single allocation is much faster
    var buf = new ab(512 + (sz << 2));
    var freq = new i16(buf, 0, 256);
    // same view as freq
    var dstate = new fzstd_esm_u16(buf, 0, 256);
    var nstate = new fzstd_esm_u16(buf, 512, sz);
    var bb1 = 512 + (sz << 1);
    var syms = new esm_u8(buf, bb1, sz);
    var nbits = new esm_u8(buf, bb1 + sz);
    while (sym < 255 && probs > 0) {
        var bits = msb(probs + 1);
        var cbt = tpos >> 3;
        // mask
        var msk = (1 << (bits + 1)) - 1;
        var val = ((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (tpos & 7)) & msk;
        // mask (1 fewer bit)
        var msk1fb = (1 << bits) - 1;
        // max small value
        var msv = msk - probs - 1;
        // small value
        var sval = val & msk1fb;
        if (sval < msv)
            tpos += bits, val = sval;
        else {
            tpos += bits + 1;
            if (val > msk1fb)
                val -= msv;
        }
        freq[++sym] = --val;
        if (val == -1) {
            probs += val;
            syms[--ht] = sym;
        }
        else
            probs -= val;
        if (!val) {
            do {
                // repeat byte
                var rbt = tpos >> 3;
                re = ((dat[rbt] | (dat[rbt + 1] << 8)) >> (tpos & 7)) & 3;
                tpos += 2;
                sym += re;
            } while (re == 3);
        }
    }
    if (sym > 255 || probs)
        esm_err(0);
    var sympos = 0;
    // sym step (coprime with sz - formula from zstd source)
    var sstep = (sz >> 1) + (sz >> 3) + 3;
    // sym mask
    var smask = sz - 1;
    for (var s = 0; s <= sym; ++s) {
        var sf = freq[s];
        if (sf < 1) {
            dstate[s] = -sf;
            continue;
        }
        // This is split into two loops in zstd to avoid branching, but as JS is higher-level that is unnecessary
        for (i = 0; i < sf; ++i) {
            syms[sympos] = s;
            do {
                sympos = (sympos + sstep) & smask;
            } while (sympos >= ht);
        }
    }
    // After spreading symbols, should be zero again
    if (sympos)
        esm_err(0);
    for (i = 0; i < sz; ++i) {
        // next state
        var ns = dstate[syms[i]]++;
        // num bits
        var nb = nbits[i] = al - msb(ns);
        nstate[i] = (ns << nb) - sz;
    }
    return [(tpos + 7) >> 3, {
            b: al,
            s: syms,
            n: nbits,
            t: nstate
        }];
};
// read huffman
var rhu = function (dat, bt) {
    //  index  weight count
    var i = 0, wc = -1;
    //    buffer             header byte
    var buf = new esm_u8(292), hb = dat[bt];
    // huffman weights
    var hw = buf.subarray(0, 256);
    // rank count
    var rc = buf.subarray(256, 268);
    // rank index
    var ri = new fzstd_esm_u16(buf.buffer, 268);
    // NOTE: at this point bt is 1 less than expected
    if (hb < 128) {
        // end byte, fse decode table
        var _a = rfse(dat, bt + 1, 6), ebt = _a[0], fdt = _a[1];
        bt += hb;
        var epos = ebt << 3;
        // last byte
        var lb = dat[bt];
        if (!lb)
            esm_err(0);
        //  state1   state2   state1 bits   state2 bits
        var st1 = 0, st2 = 0, btr1 = fdt.b, btr2 = btr1;
        // fse pos
        // pre-increment to account for original deficit of 1
        var fpos = (++bt << 3) - 8 + msb(lb);
        for (;;) {
            fpos -= btr1;
            if (fpos < epos)
                break;
            var cbt = fpos >> 3;
            st1 += ((dat[cbt] | (dat[cbt + 1] << 8)) >> (fpos & 7)) & ((1 << btr1) - 1);
            hw[++wc] = fdt.s[st1];
            fpos -= btr2;
            if (fpos < epos)
                break;
            cbt = fpos >> 3;
            st2 += ((dat[cbt] | (dat[cbt + 1] << 8)) >> (fpos & 7)) & ((1 << btr2) - 1);
            hw[++wc] = fdt.s[st2];
            btr1 = fdt.n[st1];
            st1 = fdt.t[st1];
            btr2 = fdt.n[st2];
            st2 = fdt.t[st2];
        }
        if (++wc > 255)
            esm_err(0);
    }
    else {
        wc = hb - 127;
        for (; i < wc; i += 2) {
            var byte = dat[++bt];
            hw[i] = byte >> 4;
            hw[i + 1] = byte & 15;
        }
        ++bt;
    }
    // weight exponential sum
    var wes = 0;
    for (i = 0; i < wc; ++i) {
        var wt = hw[i];
        // bits must be at most 11, same as weight
        if (wt > 11)
            esm_err(0);
        wes += wt && (1 << (wt - 1));
    }
    // max bits
    var mb = msb(wes) + 1;
    // table size
    var ts = 1 << mb;
    // remaining sum
    var rem = ts - wes;
    // must be power of 2
    if (rem & (rem - 1))
        esm_err(0);
    hw[wc++] = msb(rem) + 1;
    for (i = 0; i < wc; ++i) {
        var wt = hw[i];
        ++rc[hw[i] = wt && (mb + 1 - wt)];
    }
    // huf buf
    var hbuf = new esm_u8(ts << 1);
    //    symbols                      num bits
    var syms = hbuf.subarray(0, ts), nb = hbuf.subarray(ts);
    ri[mb] = 0;
    for (i = mb; i > 0; --i) {
        var pv = ri[i];
        fill(nb, i, pv, ri[i - 1] = pv + rc[i] * (1 << (mb - i)));
    }
    if (ri[0] != ts)
        esm_err(0);
    for (i = 0; i < wc; ++i) {
        var bits = hw[i];
        if (bits) {
            var code = ri[bits];
            fill(syms, i, code, ri[bits] = code + (1 << (mb - bits)));
        }
    }
    return [bt, {
            n: nb,
            b: mb,
            s: syms
        }];
};
// Tables generated using this:
// https://gist.github.com/101arrowz/a979452d4355992cbf8f257cbffc9edd
// default literal length table
var dllt = /*#__PURE__*/ rfse(/*#__PURE__*/ new esm_u8([
    81, 16, 99, 140, 49, 198, 24, 99, 12, 33, 196, 24, 99, 102, 102, 134, 70, 146, 4
]), 0, 6)[1];
// default match length table
var dmlt = /*#__PURE__*/ rfse(/*#__PURE__*/ new esm_u8([
    33, 20, 196, 24, 99, 140, 33, 132, 16, 66, 8, 33, 132, 16, 66, 8, 33, 68, 68, 68, 68, 68, 68, 68, 68, 36, 9
]), 0, 6)[1];
// default offset code table
var doct = /*#__PURE__ */ rfse(/*#__PURE__*/ new esm_u8([
    32, 132, 16, 66, 102, 70, 68, 68, 68, 68, 36, 73, 2
]), 0, 5)[1];
// bits to baseline
var b2bl = function (b, s) {
    var len = b.length, bl = new esm_i32(len);
    for (var i = 0; i < len; ++i) {
        bl[i] = s;
        s += 1 << b[i];
    }
    return bl;
};
// literal length bits
var llb = /*#__PURE__ */ new esm_u8(( /*#__PURE__ */new esm_i32([
    0, 0, 0, 0, 16843009, 50528770, 134678020, 202050057, 269422093
])).buffer, 0, 36);
// literal length baseline
var llbl = /*#__PURE__ */ b2bl(llb, 0);
// match length bits
var mlb = /*#__PURE__ */ new esm_u8(( /*#__PURE__ */new esm_i32([
    0, 0, 0, 0, 0, 0, 0, 0, 16843009, 50528770, 117769220, 185207048, 252579084, 16
])).buffer, 0, 53);
// match length baseline
var mlbl = /*#__PURE__ */ b2bl(mlb, 3);
// decode huffman stream
var dhu = function (dat, out, hu) {
    var len = dat.length, ss = out.length, lb = dat[len - 1], msk = (1 << hu.b) - 1, eb = -hu.b;
    if (!lb)
        esm_err(0);
    var st = 0, btr = hu.b, pos = (len << 3) - 8 + msb(lb) - btr, i = -1;
    for (; pos > eb && i < ss;) {
        var cbt = pos >> 3;
        var val = (dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (pos & 7);
        st = ((st << btr) | val) & msk;
        out[++i] = hu.s[st];
        pos -= (btr = hu.n[st]);
    }
    if (pos != eb || i + 1 != ss)
        esm_err(0);
};
// decode huffman stream 4x
// TODO: use workers to parallelize
var dhu4 = function (dat, out, hu) {
    var bt = 6;
    var ss = out.length, sz1 = (ss + 3) >> 2, sz2 = sz1 << 1, sz3 = sz1 + sz2;
    dhu(dat.subarray(bt, bt += dat[0] | (dat[1] << 8)), out.subarray(0, sz1), hu);
    dhu(dat.subarray(bt, bt += dat[2] | (dat[3] << 8)), out.subarray(sz1, sz2), hu);
    dhu(dat.subarray(bt, bt += dat[4] | (dat[5] << 8)), out.subarray(sz2, sz3), hu);
    dhu(dat.subarray(bt), out.subarray(sz3), hu);
};
// read Zstandard block
var rzb = function (dat, st, out) {
    var _a;
    var bt = st.b;
    //    byte 0        block type
    var b0 = dat[bt], btype = (b0 >> 1) & 3;
    st.l = b0 & 1;
    var sz = (b0 >> 3) | (dat[bt + 1] << 5) | (dat[bt + 2] << 13);
    // end byte for block
    var ebt = (bt += 3) + sz;
    if (btype == 1) {
        if (bt >= dat.length)
            return;
        st.b = bt + 1;
        if (out) {
            fill(out, dat[bt], st.y, st.y += sz);
            return out;
        }
        return fill(new esm_u8(sz), dat[bt]);
    }
    if (ebt > dat.length)
        return;
    if (btype == 0) {
        st.b = ebt;
        if (out) {
            out.set(dat.subarray(bt, ebt), st.y);
            st.y += sz;
            return out;
        }
        return esm_slc(dat, bt, ebt);
    }
    if (btype == 2) {
        //    byte 3        lit btype     size format
        var b3 = dat[bt], lbt = b3 & 3, sf = (b3 >> 2) & 3;
        // lit src size  lit cmp sz 4 streams
        var lss = b3 >> 4, lcs = 0, s4 = 0;
        if (lbt < 2) {
            if (sf & 1)
                lss |= (dat[++bt] << 4) | ((sf & 2) && (dat[++bt] << 12));
            else
                lss = b3 >> 3;
        }
        else {
            s4 = sf;
            if (sf < 2)
                lss |= ((dat[++bt] & 63) << 4), lcs = (dat[bt] >> 6) | (dat[++bt] << 2);
            else if (sf == 2)
                lss |= (dat[++bt] << 4) | ((dat[++bt] & 3) << 12), lcs = (dat[bt] >> 2) | (dat[++bt] << 6);
            else
                lss |= (dat[++bt] << 4) | ((dat[++bt] & 63) << 12), lcs = (dat[bt] >> 6) | (dat[++bt] << 2) | (dat[++bt] << 10);
        }
        ++bt;
        // add literals to end - can never overlap with backreferences because unused literals always appended
        var buf = out ? out.subarray(st.y, st.y + st.m) : new esm_u8(st.m);
        // starting point for literals
        var spl = buf.length - lss;
        if (lbt == 0)
            buf.set(dat.subarray(bt, bt += lss), spl);
        else if (lbt == 1)
            fill(buf, dat[bt++], spl);
        else {
            // huffman table
            var hu = st.h;
            if (lbt == 2) {
                var hud = rhu(dat, bt);
                // subtract description length
                lcs += bt - (bt = hud[0]);
                st.h = hu = hud[1];
            }
            else if (!hu)
                esm_err(0);
            (s4 ? dhu4 : dhu)(dat.subarray(bt, bt += lcs), buf.subarray(spl), hu);
        }
        // num sequences
        var ns = dat[bt++];
        if (ns) {
            if (ns == 255)
                ns = (dat[bt++] | (dat[bt++] << 8)) + 0x7F00;
            else if (ns > 127)
                ns = ((ns - 128) << 8) | dat[bt++];
            // symbol compression modes
            var scm = dat[bt++];
            if (scm & 3)
                esm_err(0);
            var dts = [dmlt, doct, dllt];
            for (var i = 2; i > -1; --i) {
                var md = (scm >> ((i << 1) + 2)) & 3;
                if (md == 1) {
                    // rle buf
                    var rbuf = new esm_u8([0, 0, dat[bt++]]);
                    dts[i] = {
                        s: rbuf.subarray(2, 3),
                        n: rbuf.subarray(0, 1),
                        t: new fzstd_esm_u16(rbuf.buffer, 0, 1),
                        b: 0
                    };
                }
                else if (md == 2) {
                    // accuracy log 8 for offsets, 9 for others
                    _a = rfse(dat, bt, 9 - (i & 1)), bt = _a[0], dts[i] = _a[1];
                }
                else if (md == 3) {
                    if (!st.t)
                        esm_err(0);
                    dts[i] = st.t[i];
                }
            }
            var _b = st.t = dts, mlt = _b[0], oct = _b[1], llt = _b[2];
            var lb = dat[ebt - 1];
            if (!lb)
                esm_err(0);
            var spos = (ebt << 3) - 8 + msb(lb) - llt.b, cbt = spos >> 3, oubt = 0;
            var lst = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << llt.b) - 1);
            cbt = (spos -= oct.b) >> 3;
            var ost = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << oct.b) - 1);
            cbt = (spos -= mlt.b) >> 3;
            var mst = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << mlt.b) - 1);
            for (++ns; --ns;) {
                var llc = llt.s[lst];
                var lbtr = llt.n[lst];
                var mlc = mlt.s[mst];
                var mbtr = mlt.n[mst];
                var ofc = oct.s[ost];
                var obtr = oct.n[ost];
                cbt = (spos -= ofc) >> 3;
                var ofp = 1 << ofc;
                var off = ofp + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16) | (dat[cbt + 3] << 24)) >>> (spos & 7)) & (ofp - 1));
                cbt = (spos -= mlb[mlc]) >> 3;
                var ml = mlbl[mlc] + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (spos & 7)) & ((1 << mlb[mlc]) - 1));
                cbt = (spos -= llb[llc]) >> 3;
                var ll = llbl[llc] + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (spos & 7)) & ((1 << llb[llc]) - 1));
                cbt = (spos -= lbtr) >> 3;
                lst = llt.t[lst] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << lbtr) - 1));
                cbt = (spos -= mbtr) >> 3;
                mst = mlt.t[mst] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << mbtr) - 1));
                cbt = (spos -= obtr) >> 3;
                ost = oct.t[ost] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << obtr) - 1));
                if (off > 3) {
                    st.o[2] = st.o[1];
                    st.o[1] = st.o[0];
                    st.o[0] = off -= 3;
                }
                else {
                    var idx = off - (ll != 0);
                    if (idx) {
                        off = idx == 3 ? st.o[0] - 1 : st.o[idx];
                        if (idx > 1)
                            st.o[2] = st.o[1];
                        st.o[1] = st.o[0];
                        st.o[0] = off;
                    }
                    else
                        off = st.o[0];
                }
                for (var i = 0; i < ll; ++i) {
                    buf[oubt + i] = buf[spl + i];
                }
                oubt += ll, spl += ll;
                var stin = oubt - off;
                if (stin < 0) {
                    var len = -stin;
                    var bs = st.e + stin;
                    if (len > ml)
                        len = ml;
                    for (var i = 0; i < len; ++i) {
                        buf[oubt + i] = st.w[bs + i];
                    }
                    oubt += len, ml -= len, stin = 0;
                }
                for (var i = 0; i < ml; ++i) {
                    buf[oubt + i] = buf[stin + i];
                }
                oubt += ml;
            }
            if (oubt != spl) {
                while (spl < buf.length) {
                    buf[oubt++] = buf[spl++];
                }
            }
            else
                oubt = buf.length;
            if (out)
                st.y += oubt;
            else
                buf = esm_slc(buf, 0, oubt);
        }
        else if (out) {
            st.y += lss;
            if (spl) {
                for (var i = 0; i < lss; ++i) {
                    buf[i] = buf[spl + i];
                }
            }
        }
        else if (spl)
            buf = esm_slc(buf, spl);
        st.b = ebt;
        return buf;
    }
    esm_err(2);
};
// concat
var cct = function (bufs, ol) {
    if (bufs.length == 1)
        return bufs[0];
    var buf = new esm_u8(ol);
    for (var i = 0, b = 0; i < bufs.length; ++i) {
        var chk = bufs[i];
        buf.set(chk, b);
        b += chk.length;
    }
    return buf;
};
/**
 * Decompresses Zstandard data
 * @param dat The input data
 * @param buf The output buffer. If unspecified, the function will allocate
 *            exactly enough memory to fit the decompressed data. If your
 *            data has multiple frames and you know the output size, specifying
 *            it will yield better performance.
 * @returns The decompressed data
 */
function esm_decompress(dat, buf) {
    var bufs = [], nb = +!buf;
    var bt = 0, ol = 0;
    for (; dat.length;) {
        var st = rzfh(dat, nb || buf);
        if (typeof st == 'object') {
            if (nb) {
                buf = null;
                if (st.w.length == st.u) {
                    bufs.push(buf = st.w);
                    ol += st.u;
                }
            }
            else {
                bufs.push(buf);
                st.e = 0;
            }
            for (; !st.l;) {
                var blk = rzb(dat, st, buf);
                if (!blk)
                    esm_err(5);
                if (buf)
                    st.e = st.y;
                else {
                    bufs.push(blk);
                    ol += blk.length;
                    cpw(st.w, 0, blk.length);
                    st.w.set(blk, st.w.length - blk.length);
                }
            }
            bt = st.b + (st.c * 4);
        }
        else
            bt = st;
        dat = dat.subarray(bt);
    }
    return cct(bufs, ol);
}
/**
 * Decompressor for Zstandard streamed data
 */
var esm_Decompress = /*#__PURE__*/ (function () {
    /**
     * Creates a Zstandard decompressor
     * @param ondata The handler for stream data
     */
    function Decompress(ondata) {
        this.ondata = ondata;
        this.c = [];
        this.l = 0;
        this.z = 0;
    }
    /**
     * Pushes data to be decompressed
     * @param chunk The chunk of data to push
     * @param final Whether or not this is the last chunk in the stream
     */
    Decompress.prototype.push = function (chunk, final) {
        if (typeof this.s == 'number') {
            var sub = Math.min(chunk.length, this.s);
            chunk = chunk.subarray(sub);
            this.s -= sub;
        }
        var sl = chunk.length;
        var ncs = sl + this.l;
        if (!this.s) {
            if (final) {
                if (!ncs) {
                    this.ondata(new esm_u8(0), true);
                    return;
                }
                // min for frame + one block
                if (ncs < 5)
                    esm_err(5);
            }
            else if (ncs < 18) {
                this.c.push(chunk);
                this.l = ncs;
                return;
            }
            if (this.l) {
                this.c.push(chunk);
                chunk = cct(this.c, ncs);
                this.c = [];
                this.l = 0;
            }
            if (typeof (this.s = rzfh(chunk)) == 'number')
                return this.push(chunk, final);
        }
        if (typeof this.s != 'number') {
            if (ncs < (this.z || 3)) {
                if (final)
                    esm_err(5);
                this.c.push(chunk);
                this.l = ncs;
                return;
            }
            if (this.l) {
                this.c.push(chunk);
                chunk = cct(this.c, ncs);
                this.c = [];
                this.l = 0;
            }
            if (!this.z && ncs < (this.z = (chunk[this.s.b] & 2) ? 4 : 3 + ((chunk[this.s.b] >> 3) | (chunk[this.s.b + 1] << 5) | (chunk[this.s.b + 2] << 13)))) {
                if (final)
                    esm_err(5);
                this.c.push(chunk);
                this.l = ncs;
                return;
            }
            else
                this.z = 0;
            for (;;) {
                var blk = rzb(chunk, this.s);
                if (!blk) {
                    if (final)
                        esm_err(5);
                    var adc = chunk.subarray(this.s.b);
                    this.s.b = 0;
                    this.c.push(adc), this.l += adc.length;
                    return;
                }
                else {
                    this.ondata(blk, false);
                    cpw(this.s.w, 0, blk.length);
                    this.s.w.set(blk, this.s.w.length - blk.length);
                }
                if (this.s.l) {
                    var rest = chunk.subarray(this.s.b);
                    this.s = this.s.c * 4;
                    this.push(rest, final);
                    return;
                }
            }
        }
        else if (final)
            esm_err(5);
    };
    return Decompress;
}());


;// CONCATENATED MODULE: ./src/scan/decompress/zstd.ts
// Zstandard (.zst; zip method 93 in Python 3.14): fzstd decodes, this module walks the frames
// around it. The walk reads each frame header (refusing, as libzstd does by default, windows over
// 128 MiB, which fzstd would otherwise allocate up front, and frames that need a dictionary),
// skips skippable frames, and hands fzstd one whole block at a time (≤ 128 KiB out), so a push
// pauses once it has produced OUTPUT_PER_PUSH. Frames follow one another until the input ends;
// after the first, bytes that start no frame are ignored (Python's reader does the same).



const ZSTD_MAGIC = 0xfd2fb528;
/** ZSTD_WINDOWLOG_LIMIT_DEFAULT: the largest window libzstd decodes unless told otherwise. */
const MAX_WINDOW = 2 ** 27;
class Zstd extends FramedCodec {
    inner;
    state = 'frame';
    checksum = false;
    flushed = false;
    constructor(emit) {
        super(emit, 'a zstd', ZSTD_MAGIC);
        this.inner = new esm_Decompress((chunk) => this.emit(chunk));
    }
    decode() {
        const { q } = this;
        for (;;) {
            switch (this.state) {
                case 'trailing':
                case 'skip':
                    if (!this.passGap(this.state))
                        return false;
                    this.state = 'frame';
                    break;
                case 'frame':
                    if (q.length === 0 && this.final)
                        return this.finish();
                    if (q.length < 8 && !this.final)
                        return false;
                    if (!this.frameHeader())
                        return false;
                    break;
                case 'block': {
                    if (this.room <= 0)
                        return true;
                    if (q.length < 3)
                        return this.final ? this.cutOff('a zstd block') : false;
                    const h = q.peek(3);
                    const header = h[0] | (h[1] << 8) | (h[2] << 16);
                    const type = (header >> 1) & 3;
                    if (type === 3)
                        throw new CorruptData(`zstd block at compressed byte ${q.consumed} has the reserved type`);
                    const size = 3 + (type === 1 ? 1 : header >>> 3);
                    if (q.length < size)
                        return this.final ? this.cutOff('a zstd block') : false;
                    this.feed(q.take(size));
                    if (header & 1)
                        this.state = this.checksum ? 'checksum' : 'frame';
                    break;
                }
                case 'checksum':
                    if (q.length < 4)
                        return this.final ? this.cutOff('a zstd frame checksum') : false;
                    this.feed(q.take(4));
                    this.state = 'frame';
                    break;
            }
        }
    }
    /** Reads a frame header (or a skippable frame's); false when more input is needed. */
    frameHeader() {
        const { q } = this;
        const head = this.frameAt(14);
        if (head === 'need')
            return false;
        if (!(head instanceof Uint8Array)) {
            this.state = head;
            return true;
        }
        const fhd = head[4];
        const single = (fhd >> 5) & 1;
        const dictBytes = [0, 1, 2, 4][fhd & 3];
        const sizeBytes = [single, 2, 4, 8][fhd >> 6];
        const length = 5 + (single ? 0 : 1) + dictBytes + sizeBytes;
        if (q.length < length)
            return this.final ? this.cutOff('a zstd frame header') : false;
        if (fhd & 0x08)
            throw new CorruptData(`zstd frame header at compressed byte ${q.consumed} has the reserved bit set`);
        const at = 5 + (single ? 0 : 1);
        let dictId = 0;
        for (let i = dictBytes - 1; i >= 0; i--)
            dictId = dictId * 256 + head[at + i];
        if (dictId !== 0)
            throw new CorruptData(`zstd frame at compressed byte ${q.consumed} needs dictionary ${dictId}, which the loader does not have either`);
        let window;
        if (single) {
            window = 0;
            for (let i = sizeBytes - 1; i >= 0; i--)
                window = window * 256 + head[at + dictBytes + i];
            if (sizeBytes === 2)
                window += 256;
        }
        else {
            const base = 2 ** (10 + (head[5] >> 3));
            window = base + (base / 8) * (head[5] & 7);
        }
        if (window > MAX_WINDOW)
            throw new CorruptData(`zstd frame at compressed byte ${q.consumed} needs a ${window}-byte window, over the 128 MiB zstd decodes by default`);
        this.checksum = ((fhd >> 2) & 1) === 1;
        this.feed(q.take(length));
        this.frames++;
        this.state = 'block';
        return true;
    }
    feed(bytes) {
        try {
            this.inner.push(bytes, false);
        }
        catch (err) {
            throw new CorruptData(`zstd data at compressed byte ${this.q.consumed} is invalid (${err instanceof Error ? err.message : String(err)})`);
        }
    }
    /** End of input between frames: fzstd still holds a short frame's bytes until told the input ended. */
    finish() {
        if (!this.flushed) {
            this.flushed = true;
            try {
                this.inner.push(new Uint8Array(0), true);
            }
            catch (err) {
                throw new CorruptData(`zstd data is invalid at its end (${err instanceof Error ? err.message : String(err)})`);
            }
        }
        return false;
    }
}
const zstd = (emit) => new Zstd(emit);

;// CONCATENATED MODULE: ./src/scan/decompress/driver.ts
// Streaming decompression of a chunk stream through any Codec, as a ChunkStream. Input goes in
// pieces sized from the ratio seen so far, so one push never yields much more than a chunk even
// for a bomb; output stops at a cap (the caller's limits.maxDecompressedBytes), which the caller
// reports as `scan/incomplete`. The time budget is the caller's: it hands in a timed input
// (budget.ts `timedChunks`, which throws past the deadline, through this stream to the consumer),
// so input that decodes to nothing is stopped too, and the consumer's reads are timed as well.

const MIN_PIECE = 1024;
const MAX_PIECE = 64 * 1024;
const EMPTY = new Uint8Array(0);
function decompressStream(input, codec, { cap }) {
    const state = { status: 'pending', bytes: 0, consumed: 0 };
    const queue = [];
    let queued = 0;
    const decoder = codec((chunk) => {
        if (chunk.length === 0)
            return;
        queue.push(chunk);
        queued += chunk.length;
    });
    let pending = EMPTY;
    let at = 0;
    let inputEnded = false;
    let failed = false;
    let piece = MIN_PIECE;
    const push = (slice, final) => {
        try {
            decoder.push(slice, final);
            state.consumed += slice.length;
            return true;
        }
        catch (err) {
            state.error = err instanceof Error ? err.message : String(err);
            failed = true;
            return false;
        }
    };
    /** Pushes the next input piece (or lets a paused codec go on); false when nothing more can come out. */
    const feed = async () => {
        if (failed)
            return false;
        if (decoder.pending?.())
            return push(EMPTY, inputEnded);
        if (inputEnded)
            return false;
        if (at >= pending.length) {
            const chunk = await input.next();
            at = 0;
            pending = chunk ?? EMPTY;
            if (chunk === null) {
                inputEnded = true;
                push(EMPTY, true);
                return true;
            }
        }
        const slice = pending.subarray(at, at + piece);
        at += slice.length;
        const before = queued;
        if (!push(slice, false))
            return false;
        const ratio = (queued - before) / Math.max(slice.length, 1);
        piece = Math.max(MIN_PIECE, Math.min(MAX_PIECE, Math.floor(DEFAULT_CHUNK / Math.max(ratio, 1) / 16)));
        return true;
    };
    const finish = (status) => {
        if (state.status === 'pending')
            state.status = status;
        return null;
    };
    return {
        result: () => ({ ...state }),
        stream: {
            async next() {
                for (;;) {
                    if (state.status !== 'pending')
                        return null;
                    if (state.bytes >= cap)
                        return finish('capped');
                    const head = queue.shift();
                    if (head !== undefined) {
                        const room = Math.min(cap - state.bytes, DEFAULT_CHUNK);
                        if (head.length > room)
                            queue.unshift(head.subarray(room));
                        const out = head.subarray(0, room);
                        queued -= out.length;
                        state.bytes += out.length;
                        return out;
                    }
                    // A codec that throws may have emitted the bytes before the fault: hand them out first.
                    if (!(await feed()) && queue.length === 0)
                        return finish(state.error !== undefined ? 'corrupt' : 'complete');
                }
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/scan/decompress/index.ts






const CODECS = {
    gzip: deflate_gunzip,
    zlib: deflate_unzlib,
    'deflate-raw': inflateRaw,
    bz2: bzip2File,
    // lzma.open reads .xz and .lzma alike (FORMAT_AUTO), stream after stream.
    xz: lzmaFile,
    lzma: lzmaFile,
    lz4: lz4,
    zstd: zstd,
    'zip-bzip2': bzip2Member,
    'zip-lzma': zipLzma
};
/** Zip compression methods decoded, as Python zipfile reads them (93: Python 3.14's zstd). */
const ZIP_METHODS = { 8: 'deflate-raw', 12: 'zip-bzip2', 14: 'zip-lzma', 93: 'zstd' };

;// CONCATENATED MODULE: ./src/scan/formats/compressed.ts


/** joblib < 0.10 "ZF" files: `ZF`, a 19-character hex length, an optional space, then zlib data. */
const ZF_HEADER = 2 + 19;
/** The decompressor for each sniffed compression (7z is an archive, scanned by sevenzip.ts). */
const CODEC = { gzip: 'gzip', zlib: 'zlib', 'joblib-zf': 'zlib', bz2: 'bz2', xz: 'xz', lzma: 'lzma', lz4: 'lz4', zstd: 'zstd' };
/** `model.pkl.gz` → `model.pkl`: the name the decompressed content would have. */
function innerName(name) {
    return name.replace(/\.(gz|gzip|z|zlib|bz2|xz|lzma|lz4|zst)$/i, '');
}
async function scanCompressed(content, head, compression, ctx, scan) {
    const child = deeper(ctx, ctx.entry, `${compression}-compressed data`);
    if ('skipped' in child)
        return { format: 'compressed', findings: [child.skipped] };
    let input = content.stream;
    if (compression === 'joblib-zf') {
        const skip = ZF_HEADER + (head[ZF_HEADER] === 0x20 ? 1 : 0);
        if (input.skip === undefined || (await input.skip(skip)) < skip)
            return { format: 'compressed', findings: [] };
    }
    const limit = ctx.options.limits.maxDecompressedBytes;
    const inflated = decompressStream(input, CODECS[CODEC[compression]], { cap: limit });
    const inner = await scan({ name: innerName(content.name), stream: inflated.stream }, { ...child.ctx, decompressed: compression });
    const findings = inner.findings.map((f) => ({ ...f, decompressed: compression }));
    const status = inflated.result();
    if (status.status === 'capped') {
        findings.push(incompleteFinding(`The ${compression}-compressed data was analysed only up to ${status.bytes} decompressed bytes: the decompression limit (limits.maxDecompressedBytes = ${limit}) was reached; possible decompression bomb.`, ctx.entry, undefined, { limit }));
    }
    else if (status.status === 'corrupt') {
        findings.push(incompleteFinding(`The ${compression}-compressed data could not be decoded after ${status.bytes} decompressed bytes (${status.error ?? 'error'}): a loader may decode further.`, ctx.entry));
    }
    const format = inner.format === 'other' ? 'compressed' : inner.format === 'pickle' ? 'joblib' : inner.format;
    return { ...inner, format, findings };
}

;// CONCATENATED MODULE: ./src/scan/pickle/globals-policy.ts
// Which pickle globals are safe, and how loud the others are (reference/pickle.md §10–11).
//
// The allowlist is the gate: a global passes only when its exact resolved
// `module.qualname` is listed here or matches the user's `--allow-global` patterns.
// The denylist only decides severity (critical instead of high). Its critical core can
// never be allowlisted; a user's exact name may override the rest of the denylist
// (e.g. `functools.partial`, which real PyTorch pickles use), a wildcard never does.

// ---------------------------------------------------------------------------
// Allowlist
const VALUE = { call: false, build: false, items: false };
const CALL = { call: true, build: false, items: false };
const REBUILD = { call: true, build: true, items: false };
const CONTAINER = { call: true, build: true, items: true };
/** What a user-allowed global may do: the user vouches for the code. */
const USER = CONTAINER;
const TORCH_DTYPES = 'float32 float float64 double float16 half bfloat16 uint8 int8 int16 short int32 int int64 long bool ' +
    'complex32 chalf complex64 cfloat complex128 cdouble quint8 qint8 qint32 quint4x2 quint2x4 ' +
    'float8_e5m2 float8_e4m3fn float8_e5m2fnuz float8_e4m3fnuz float8_e8m0fnu float4_e2m1fn_x2 ' +
    'uint16 uint32 uint64 uint1 uint2 uint3 uint4 uint5 uint6 uint7 int1 int2 int3 int4 int5 int6 int7 ' +
    'bits1x8 bits2x4 bits4x2 bits8 bits16';
const STORAGES = 'DoubleStorage FloatStorage HalfStorage LongStorage IntStorage ShortStorage CharStorage ByteStorage ' +
    'BoolStorage BFloat16Storage ComplexDoubleStorage ComplexFloatStorage QUInt8Storage QInt8Storage ' +
    'QInt32Storage QUInt4x2Storage QUInt2x4Storage';
const ALLOWLIST = [
    {
        why: 'Python data constructors',
        caps: CONTAINER,
        names: ['builtins: bytearray bytes set frozenset complex list dict tuple int float str bool slice range object']
    },
    { why: 'protocol-2 bytes (numpy arrays pickled with protocol < 3)', caps: CALL, names: ['_codecs.encode'] },
    { why: 'protocol 0/1 object reconstruction (the class is judged on its own)', caps: REBUILD, names: ['copyreg._reconstructor'] },
    { why: 'ordered containers (torch weights_only)', caps: CONTAINER, names: ['collections: OrderedDict Counter'] },
    {
        why: 'tensor reconstruction (torch weights_only)',
        caps: REBUILD,
        names: [
            'torch._utils: _rebuild_parameter _rebuild_parameter_with_state _rebuild_qtensor _rebuild_tensor ' +
                '_rebuild_tensor_v2 _rebuild_tensor_v3 _rebuild_sparse_tensor _rebuild_meta_tensor_no_storage ' +
                '_rebuild_nested_tensor _rebuild_wrapper_subclass _rebuild_device_tensor_from_numpy ' +
                '_rebuild_device_tensor_from_cpu_tensor',
            'torch._tensor._rebuild_from_type_v2',
            'torch.nn.parameter.Parameter',
            'torch.Tensor'
        ]
    },
    { why: 'torch value types (torch weights_only)', caps: CALL, names: ['torch: Size device', 'torch.serialization._get_layout'] },
    {
        why: 'torch constants and storage types, referenced by persistent ids (torch weights_only)',
        caps: VALUE,
        names: [
            `torch: ${TORCH_DTYPES}`,
            `torch: ${STORAGES} UntypedStorage TypedStorage _tensor_classes`,
            `torch.cuda: ${STORAGES}`,
            'torch.storage: TypedStorage UntypedStorage',
            'torch: per_tensor_affine per_channel_affine per_tensor_symmetric per_channel_symmetric per_channel_affine_float_qparams',
            'torch: strided sparse_coo sparse_csr sparse_csc sparse_bsr sparse_bsc _mkldnn jagged',
            'torch: contiguous_format channels_last channels_last_3d preserve_format'
        ]
    },
    {
        why: 'NumPy array, dtype and scalar reconstruction (NumPy 1.x `numpy.core`, 2.x `numpy._core`)',
        caps: REBUILD,
        names: [
            'numpy.core.multiarray: _reconstruct scalar',
            'numpy._core.multiarray: _reconstruct scalar',
            'numpy.core.numeric._frombuffer',
            'numpy._core.numeric._frombuffer',
            'numpy: ndarray dtype'
        ]
    }
];
const DENYLIST = [
    {
        category: 'code execution',
        core: true,
        names: [
            'builtins: eval exec compile breakpoint __import__ execfile apply getattr setattr delattr globals locals vars input raw_input reload',
            'types: CodeType FunctionType LambdaType MethodType ModuleType',
            'marshal',
            'runpy',
            'code',
            'codeop',
            'compileall',
            'py_compile',
            'timeit',
            'doctest',
            'inspect',
            'site',
            '_interpreters',
            '_xxsubinterpreters',
            'numpy.testing._private.utils',
            'numpy.f2py',
            'numpy.distutils',
            'lib2to3',
            'idlelib',
            'cloudpickle',
            'dill',
            'typing: _eval_type get_type_hints ForwardRef',
            'dataclasses._create_fn',
            'test'
        ]
    },
    {
        category: 'process execution',
        core: true,
        names: [
            'os',
            'subprocess',
            'pty',
            'multiprocessing',
            'asyncio',
            'concurrent.futures: ProcessPoolExecutor ThreadPoolExecutor',
            'concurrent.futures.process',
            'uuid: _get_command_stdout _popen',
            '_osx_support',
            '_aix_support',
            'imaplib.IMAP4_stream',
            '_pyrepl',
            'pydoc',
            'pipes',
            'mailcap',
            'distutils.spawn',
            'setuptools._distutils.spawn',
            'pexpect',
            'pip',
            'ensurepip',
            'venv',
            'platform',
            'webbrowser',
            'mlflow.projects.backend.local._run_entry_point',
            'torch.utils.collect_env'
        ]
    },
    { category: 'interpreter state', core: true, names: ['sys'] },
    {
        category: 'import machinery',
        core: true,
        names: ['importlib', '_imp', 'imp', 'zipimport', 'pkgutil', 'ctypes']
    },
    {
        category: 'call primitive',
        core: true,
        names: ['operator: attrgetter itemgetter methodcaller call getitem setitem delitem']
    },
    {
        category: 'call primitive',
        core: false,
        names: ['functools: partial partialmethod reduce', 'builtins: map filter', 'itertools: starmap takewhile dropwhile filterfalse', 'gc']
    },
    {
        category: 'nested deserializer',
        core: true,
        names: ['pickle', 'shelve', 'joblib.load', 'joblib.numpy_pickle: load load_compatibility']
    },
    {
        category: 'nested deserializer',
        core: false,
        names: [
            'torch: load',
            'torch.serialization: load _load',
            'torch.storage._load_from_bytes',
            'torch.hub',
            'torch.utils._config_module.ConfigModule.load_config',
            'torch.utils.data.datapipes.utils.decoder.basichandlers',
            'torch.distributed.elastic.rendezvous.api.basichandlers',
            'numpy: load loads',
            'numpy.lib.npyio.load',
            'pandas: read_pickle',
            'pandas.io.pickle.read_pickle'
        ]
    },
    { category: 'obfuscation', core: false, names: ['base64', 'binascii', 'codecs: decode encode', 'zlib'] },
    {
        category: 'debugger / profiler',
        core: true,
        names: ['bdb', 'pdb', 'cProfile', 'profile', 'trace', 'torch.utils.bottleneck']
    },
    {
        category: 'torch internals gadget',
        core: true,
        names: [
            'torch._dynamo',
            'torch._inductor',
            'torch.fx.experimental.symbolic_shapes.ShapeEnv.evaluate_guards_expression',
            'torch.jit',
            'torch.compile',
            'torch.utils.cpp_extension',
            'torch.distributed.rpc'
        ]
    },
    {
        category: 'filesystem access',
        core: true,
        names: ['builtins.open', 'io: open open_code FileIO']
    },
    {
        category: 'filesystem access',
        core: false,
        names: [
            'shutil',
            'tempfile',
            'distutils',
            'logging: FileHandler',
            'logging.handlers',
            'logging.config',
            'filecmp',
            'fileinput',
            'glob',
            'linecache',
            'tarfile',
            'zipfile',
            'sqlite3',
            'mmap',
            'syslog',
            'pathlib.Path.*',
            'pathlib.PosixPath.*',
            'pathlib.WindowsPath.*'
        ]
    },
    {
        category: 'network access',
        core: false,
        names: [
            'socket',
            'ssl',
            'http',
            'urllib.request',
            'urllib: urlopen urlretrieve',
            'requests',
            'aiohttp',
            'httpx',
            'urllib3',
            'smtplib',
            'ftplib',
            'poplib',
            'telnetlib',
            'nntplib',
            'socketserver',
            'xmlrpc',
            'select',
            'selectors',
            'pandas.io.parsers.readers.read_csv',
            'pandas.read_csv'
        ]
    },
    {
        category: 'process control',
        core: false,
        names: ['signal', 'threading', '_thread', 'atexit']
    },
    {
        category: 'scanner tampering',
        core: true,
        names: ['fickling', 'picklescan', 'modelscan', 'modelaudit', 'saferpickle']
    }
];
/**
 * C and platform modules the pickler emits for public ones (`pickle.dumps(os.system)`
 * writes `posix system`), and Python 2 names: judged as the module they stand for.
 */
const MODULE_ALIASES = new Map([
    ['posix', 'os'],
    ['nt', 'os'],
    ['_operator', 'operator'],
    ['_io', 'io'],
    ['_pickle', 'pickle'],
    ['cPickle', 'pickle'],
    ['_posixsubprocess', 'subprocess'],
    ['_winapi', 'subprocess'],
    ['commands', 'subprocess'],
    ['__builtin__', 'builtins'],
    ['__builtins__', 'builtins'],
    ['_socket', 'socket'],
    ['_ssl', 'ssl'],
    ['_signal', 'signal'],
    ['_ctypes', 'ctypes'],
    ['_sqlite3', 'sqlite3'],
    ['_frozen_importlib', 'importlib'],
    ['_frozen_importlib_external', 'importlib'],
    ['_functools', 'functools'],
    ['httplib', 'http'],
    ['urllib2', 'urllib.request'],
    ['_dill', 'dill']
]);
/** Dunder attributes an attribute walk may legitimately name (constructors); any other walks into internals. */
const PLAIN_DUNDERS = new Set(['__new__', '__init__', '__call__', '__main__']);
/** Modules whose bare object is itself dangerous to hand out (`('pathlib', 'os')` yields the os module). */
const DANGEROUS_MODULE_OBJECTS = new Set(['os', 'sys', 'subprocess', 'builtins', 'importlib']);
/** Expands `module: a b c` into `module.a`, `module.b`, `module.c`. */
function expand(spec) {
    const colon = spec.indexOf(':');
    if (colon < 0)
        return [spec];
    const module = spec.slice(0, colon).trim();
    return spec
        .slice(colon + 1)
        .trim()
        .split(/\s+/)
        .map((name) => `${module}.${name}`);
}
const ALLOWED = new Map(ALLOWLIST.flatMap((g) => g.names.flatMap(expand).map((n) => [n, g.caps])));
const DENIED = new Map(DENYLIST.flatMap((g) => g.names.flatMap(expand).map((n) => {
    const attributesOnly = n.endsWith('.*');
    return [attributesOnly ? n.slice(0, -2) : n, { category: g.category, core: g.core, attributesOnly }];
})));
/** The deny entry covering `path` (itself or a parent), if any. */
function denyEntry(path) {
    let prefix = path;
    for (;;) {
        const entry = DENIED.get(prefix);
        if (entry !== undefined && !(entry.attributesOnly && prefix === path))
            return entry;
        const dot = prefix.lastIndexOf('.');
        if (dot < 0)
            return undefined;
        prefix = prefix.slice(0, dot);
    }
}
function withAlias(path) {
    const parts = path.split('.');
    for (let n = parts.length; n >= 1; n--) {
        const alias = MODULE_ALIASES.get(parts.slice(0, n).join('.'));
        if (alias !== undefined)
            return [alias, ...parts.slice(n)].join('.');
    }
    return path;
}
/**
 * Denylist match for `module` + `qualname` as the loader reaches it: the name itself
 * (through aliases), every tail of an attribute walk that starts at a module-like
 * component (`pathlib` + `os.system` reaches `os.system`; `random` + `_os.system`
 * reaches it too), and any walk through interpreter internals (`__builtins__`, `__globals__`).
 */
function denied(module, qualname) {
    const hits = [];
    const full = `${module}.${qualname}`;
    for (const candidate of new Set([full, withAlias(full)])) {
        const entry = denyEntry(candidate);
        if (entry)
            hits.push({ entry, reached: candidate });
    }
    const parts = qualname.split('.');
    for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (/^__.+__$/.test(part) && !PLAIN_DUNDERS.has(part)) {
            hits.push({ entry: { category: `attribute walk through ${part}`, core: true, attributesOnly: false }, reached: full });
        }
        if (i === 0 && parts.length === 1)
            break;
        for (const head of new Set([part, part.replace(/^_+/, '')])) {
            if (head === '')
                continue;
            const tail = withAlias([head, ...parts.slice(i + 1)].join('.'));
            if (tail === full)
                continue;
            const entry = denyEntry(tail);
            const isModuleObject = i === parts.length - 1;
            if (entry && (!isModuleObject || DANGEROUS_MODULE_OBJECTS.has(tail)))
                hits.push({ entry, reached: tail });
        }
    }
    return hits.find((h) => h.entry.core) ?? hits[0];
}
/** Judges resolved globals against the allowlist, the user's patterns and the denylist. Caches verdicts. */
class GlobalPolicy {
    userPatterns;
    cache = new Map();
    constructor(userPatterns) {
        this.userPatterns = userPatterns;
    }
    judge(module, qualname) {
        const name = `${module}.${qualname}`;
        let verdict = this.cache.get(name);
        if (verdict === undefined) {
            verdict = this.decide(module, qualname, name);
            this.cache.set(name, verdict);
        }
        return verdict;
    }
    decide(module, qualname, name) {
        const hit = denied(module, qualname);
        const reached = hit && hit.reached !== name ? { reached: hit.reached } : {};
        const dangerous = () => ({ level: 'dangerous', name, caps: null, category: hit.entry.category, ...reached });
        if (hit?.entry.core)
            return dangerous();
        if (this.userPatterns.includes(name))
            return { level: 'allowed', name, caps: USER, byUser: true };
        if (hit)
            return dangerous();
        if (matchesAllowPattern(name, this.userPatterns))
            return { level: 'allowed', name, caps: USER, byUser: true };
        const caps = ALLOWED.get(name);
        if (caps !== undefined)
            return { level: 'allowed', name, caps };
        return { level: 'unknown', name, caps: null };
    }
}
/**
 * Callables that deserialize bytes they are given (reference §9.5): bytes reaching
 * them are analysed as nested pickles. Matched after aliasing (`_pickle.loads`, `cPickle.loads`).
 */
const NESTED_DESERIALIZERS = new Set([
    'pickle.loads',
    'pickle.load',
    'pickle._loads',
    'pickle._load',
    'pickle.Unpickler',
    'pickle._Unpickler',
    'dill.loads',
    'dill.load',
    'dill._dill.loads',
    'dill._dill.load',
    'cloudpickle.loads',
    'cloudpickle.load',
    'cloudpickle.cloudpickle.loads',
    'joblib.load',
    'joblib.numpy_pickle.load',
    'torch.load',
    'torch.serialization.load',
    'torch.serialization._load',
    'torch.storage._load_from_bytes',
    'numpy.load',
    'numpy.loads',
    'numpy.lib.npyio.load',
    'numpy.core.numeric.loads',
    'pandas.read_pickle',
    'pandas.io.pickle.read_pickle',
    'lib2to3.pgen2.grammar.Grammar.loads',
    'torch.utils._config_module.ConfigModule.load_config',
    'torch.utils.data.datapipes.utils.decoder.basichandlers',
    'torch.distributed.elastic.rendezvous.api.basichandlers',
    'shelve.open'
]);
function isNestedDeserializer(name) {
    return NESTED_DESERIALIZERS.has(name) || NESTED_DESERIALIZERS.has(withAlias(name));
}

;// CONCATENATED MODULE: ./src/scan/pickle/input.ts
const input_EMPTY = Buffer.alloc(0);
/** Bytes of the next chunk copied into a stitch beyond what the current step needs. */
const STITCH_EXTRA = 4096;
function asBuffer(chunk) {
    return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
class Input {
    stream;
    /** Buffered bytes; valid data is all of it (`buf.length` is the end). */
    buf = input_EMPTY;
    /** Next unread index in `buf`. */
    pos = 0;
    /** True once the stream has ended. */
    eof = false;
    /**
     * Called before the window lets go of its buffer (a refill or a skip): the machine's
     * undecoded strings point into it, and a stream may reuse a chunk's memory once it is released.
     */
    onRelease;
    /** Stream offset of `buf[0]` (including the caller's base offset). */
    base;
    /** When `buf` is a stitch: the chunk whose first bytes are `buf[restStart..]`. */
    rest = null;
    restStart = 0;
    constructor(stream, baseOffset = 0) {
        this.stream = stream;
        this.base = baseOffset;
    }
    /** Stream offset of `buf[pos]`. */
    get offset() {
        return this.base + this.pos;
    }
    /** Makes at least `min` unread bytes available; false if the stream ends first. */
    async fill(min) {
        this.unstitch();
        const have0 = this.buf.length - this.pos;
        if (have0 >= min)
            return true;
        this.onRelease?.();
        // Unread bytes: the old window's tail, then (inside a stitch) the rest of the chunk it continues.
        const old = this.rest !== null ? this.buf.subarray(this.pos, this.restStart) : this.buf.subarray(this.pos);
        const chunks = this.rest !== null ? [this.rest] : [];
        let have = old.length + (this.rest?.length ?? 0);
        this.base += this.pos;
        this.pos = 0;
        this.rest = null;
        while (have < min) {
            const chunk = await this.stream.next();
            if (chunk === null) {
                this.eof = true;
                break;
            }
            chunks.push(asBuffer(chunk));
            have += chunk.length;
        }
        if (chunks.length === 0)
            this.buf = old.length === 0 ? input_EMPTY : old;
        else if (old.length === 0 && chunks.length === 1)
            this.buf = chunks[0];
        else if (chunks.length === 1 && have >= min) {
            // The common straddle: a stitch of the tail and the head of the one new chunk.
            const chunk = chunks[0];
            // At least doubling a stitch that grows (a text line read a little further each time) keeps the copying linear.
            const take = Math.min(chunk.length, Math.max(min - old.length, STITCH_EXTRA, old.length));
            const stitch = Buffer.allocUnsafe(old.length + take);
            stitch.set(old, 0);
            stitch.set(chunk.subarray(0, take), old.length);
            this.buf = stitch;
            if (take < chunk.length) {
                this.rest = chunk;
                this.restStart = old.length;
            }
        }
        else
            this.buf = Buffer.concat(old.length > 0 ? [old, ...chunks] : chunks, have);
        return have >= min;
    }
    /** Whether any unread byte remains (reads ahead one chunk if needed). */
    async more() {
        return this.pos < this.buf.length || this.rest !== null || (!this.eof && (await this.fill(1)));
    }
    /**
     * Consumes `n` bytes and returns a copy of the first `keep` of them. Bytes past the
     * buffer are skipped through the stream (fast `skip` when it has one), never kept.
     * Returns how many bytes were actually there.
     */
    async take(n, keep) {
        const prefix = Buffer.alloc(Math.min(n, keep));
        let kept = 0;
        let taken = 0;
        for (;;) {
            const avail = this.buf.length - this.pos;
            const use = Math.min(avail, n - taken);
            if (kept < prefix.length)
                kept += this.buf.copy(prefix, kept, this.pos, this.pos + Math.min(use, prefix.length - kept));
            this.pos += use;
            taken += use;
            if (taken === n)
                break;
            this.drop();
            if (this.pos < this.buf.length)
                continue; // moved from a stitch onto its chunk
            if (kept >= prefix.length && this.stream.skip !== undefined && !this.eof) {
                const skipped = await this.stream.skip(n - taken);
                this.base += skipped;
                taken += skipped;
                if (taken === n)
                    break;
            }
            if (!(await this.fill(1)))
                break;
        }
        return { prefix: kept === prefix.length ? prefix : prefix.subarray(0, kept), taken };
    }
    /**
     * Consumes one newline-terminated line (newline included) and returns a copy of its
     * first `keep` bytes, its length without the newline, and whether the newline was found.
     */
    async takeLine(keep) {
        const parts = [];
        let kept = 0;
        let length = 0;
        for (;;) {
            const nl = this.buf.indexOf(10, this.pos);
            const stop = nl < 0 ? this.buf.length : nl;
            if (kept < keep) {
                const part = this.buf.subarray(this.pos, Math.min(stop, this.pos + keep - kept));
                parts.push(part);
                kept += part.length;
            }
            length += stop - this.pos;
            if (nl >= 0) {
                this.pos = nl + 1;
                return { prefix: Buffer.concat(parts), length, found: true };
            }
            this.pos = stop;
            this.drop();
            if (this.pos < this.buf.length)
                continue; // moved from a stitch onto its chunk
            if (!(await this.fill(1)))
                return { prefix: Buffer.concat(parts), length, found: false };
        }
    }
    /** Leaves a stitch for the chunk it continues once only that chunk's bytes remain unread. */
    unstitch() {
        if (this.rest === null || this.pos < this.restStart)
            return;
        this.onRelease?.();
        this.base += this.restStart;
        this.pos -= this.restStart;
        this.buf = this.rest;
        this.rest = null;
    }
    /** Releases a fully consumed buffer. */
    drop() {
        this.unstitch();
        if (this.pos < this.buf.length)
            return;
        this.onRelease?.();
        this.base += this.buf.length;
        this.buf = input_EMPTY;
        this.pos = 0;
    }
}

;// CONCATENATED MODULE: ./src/scan/pickle/compat-pickle.ts
// Python 2 → 3 name remapping that `find_class` applies when the stream's protocol is
// < 3 (fix_imports, the default): CPython 3.11 `Lib/_compat_pickle.py`, 55 module and
// 88 name entries. Security-relevant ones include `__builtin__` → builtins, `commands` →
// subprocess, `urllib2` → urllib.request (reference/pickle.md §5.1).
/** `IMPORT_MAPPING`: old module → new module. */
const IMPORT_MAPPING = new Map([
    ['BaseHTTPServer', 'http.server'],
    ['CGIHTTPServer', 'http.server'],
    ['ConfigParser', 'configparser'],
    ['Cookie', 'http.cookies'],
    ['Dialog', 'tkinter.dialog'],
    ['DocXMLRPCServer', 'xmlrpc.server'],
    ['FileDialog', 'tkinter.filedialog'],
    ['HTMLParser', 'html.parser'],
    ['Queue', 'queue'],
    ['ScrolledText', 'tkinter.scrolledtext'],
    ['SimpleDialog', 'tkinter.simpledialog'],
    ['SimpleHTTPServer', 'http.server'],
    ['SimpleXMLRPCServer', 'xmlrpc.server'],
    ['SocketServer', 'socketserver'],
    ['StringIO', 'io'],
    ['Tix', 'tkinter.tix'],
    ['Tkconstants', 'tkinter.constants'],
    ['Tkdnd', 'tkinter.dnd'],
    ['Tkinter', 'tkinter'],
    ['UserDict', 'collections'],
    ['UserList', 'collections'],
    ['UserString', 'collections'],
    ['__builtin__', 'builtins'],
    ['_abcoll', 'collections.abc'],
    ['_elementtree', 'xml.etree.ElementTree'],
    ['_winreg', 'winreg'],
    ['anydbm', 'dbm'],
    ['cPickle', 'pickle'],
    ['cStringIO', 'io'],
    ['commands', 'subprocess'],
    ['cookielib', 'http.cookiejar'],
    ['copy_reg', 'copyreg'],
    ['dbhash', 'dbm.bsd'],
    ['dbm', 'dbm.ndbm'],
    ['dumbdbm', 'dbm.dumb'],
    ['dummy_thread', '_dummy_thread'],
    ['gdbm', 'dbm.gnu'],
    ['htmlentitydefs', 'html.entities'],
    ['httplib', 'http.client'],
    ['markupbase', '_markupbase'],
    ['repr', 'reprlib'],
    ['robotparser', 'urllib.robotparser'],
    ['test.test_support', 'test.support'],
    ['thread', '_thread'],
    ['tkColorChooser', 'tkinter.colorchooser'],
    ['tkCommonDialog', 'tkinter.commondialog'],
    ['tkFileDialog', 'tkinter.filedialog'],
    ['tkFont', 'tkinter.font'],
    ['tkMessageBox', 'tkinter.messagebox'],
    ['tkSimpleDialog', 'tkinter.simpledialog'],
    ['ttk', 'tkinter.ttk'],
    ['urllib2', 'urllib.request'],
    ['urlparse', 'urllib.parse'],
    ['whichdb', 'dbm'],
    ['xmlrpclib', 'xmlrpc.client']
]);
/** `NAME_MAPPING`: `old_module old_name` → `[new_module, new_name]`. */
const NAME_MAPPING = new Map([
    ['UserDict IterableUserDict', ['collections', 'UserDict']],
    ['UserDict UserDict', ['collections', 'UserDict']],
    ['UserList UserList', ['collections', 'UserList']],
    ['UserString UserString', ['collections', 'UserString']],
    ['__builtin__ basestring', ['builtins', 'str']],
    ['__builtin__ intern', ['sys', 'intern']],
    ['__builtin__ long', ['builtins', 'int']],
    ['__builtin__ reduce', ['functools', 'reduce']],
    ['__builtin__ unichr', ['builtins', 'chr']],
    ['__builtin__ unicode', ['builtins', 'str']],
    ['__builtin__ xrange', ['builtins', 'range']],
    ['_multiprocessing Connection', ['multiprocessing.connection', 'Connection']],
    ['_socket fromfd', ['socket', 'fromfd']],
    ['exceptions ArithmeticError', ['builtins', 'ArithmeticError']],
    ['exceptions AssertionError', ['builtins', 'AssertionError']],
    ['exceptions AttributeError', ['builtins', 'AttributeError']],
    ['exceptions BaseException', ['builtins', 'BaseException']],
    ['exceptions BufferError', ['builtins', 'BufferError']],
    ['exceptions BytesWarning', ['builtins', 'BytesWarning']],
    ['exceptions DeprecationWarning', ['builtins', 'DeprecationWarning']],
    ['exceptions EOFError', ['builtins', 'EOFError']],
    ['exceptions EnvironmentError', ['builtins', 'EnvironmentError']],
    ['exceptions Exception', ['builtins', 'Exception']],
    ['exceptions FloatingPointError', ['builtins', 'FloatingPointError']],
    ['exceptions FutureWarning', ['builtins', 'FutureWarning']],
    ['exceptions GeneratorExit', ['builtins', 'GeneratorExit']],
    ['exceptions IOError', ['builtins', 'IOError']],
    ['exceptions ImportError', ['builtins', 'ImportError']],
    ['exceptions ImportWarning', ['builtins', 'ImportWarning']],
    ['exceptions IndentationError', ['builtins', 'IndentationError']],
    ['exceptions IndexError', ['builtins', 'IndexError']],
    ['exceptions KeyError', ['builtins', 'KeyError']],
    ['exceptions KeyboardInterrupt', ['builtins', 'KeyboardInterrupt']],
    ['exceptions LookupError', ['builtins', 'LookupError']],
    ['exceptions MemoryError', ['builtins', 'MemoryError']],
    ['exceptions NameError', ['builtins', 'NameError']],
    ['exceptions NotImplementedError', ['builtins', 'NotImplementedError']],
    ['exceptions OSError', ['builtins', 'OSError']],
    ['exceptions OverflowError', ['builtins', 'OverflowError']],
    ['exceptions PendingDeprecationWarning', ['builtins', 'PendingDeprecationWarning']],
    ['exceptions ReferenceError', ['builtins', 'ReferenceError']],
    ['exceptions RuntimeError', ['builtins', 'RuntimeError']],
    ['exceptions RuntimeWarning', ['builtins', 'RuntimeWarning']],
    ['exceptions StandardError', ['builtins', 'Exception']],
    ['exceptions StopIteration', ['builtins', 'StopIteration']],
    ['exceptions SyntaxError', ['builtins', 'SyntaxError']],
    ['exceptions SyntaxWarning', ['builtins', 'SyntaxWarning']],
    ['exceptions SystemError', ['builtins', 'SystemError']],
    ['exceptions SystemExit', ['builtins', 'SystemExit']],
    ['exceptions TabError', ['builtins', 'TabError']],
    ['exceptions TypeError', ['builtins', 'TypeError']],
    ['exceptions UnboundLocalError', ['builtins', 'UnboundLocalError']],
    ['exceptions UnicodeDecodeError', ['builtins', 'UnicodeDecodeError']],
    ['exceptions UnicodeEncodeError', ['builtins', 'UnicodeEncodeError']],
    ['exceptions UnicodeError', ['builtins', 'UnicodeError']],
    ['exceptions UnicodeTranslateError', ['builtins', 'UnicodeTranslateError']],
    ['exceptions UnicodeWarning', ['builtins', 'UnicodeWarning']],
    ['exceptions UserWarning', ['builtins', 'UserWarning']],
    ['exceptions ValueError', ['builtins', 'ValueError']],
    ['exceptions Warning', ['builtins', 'Warning']],
    ['exceptions ZeroDivisionError', ['builtins', 'ZeroDivisionError']],
    ['itertools ifilter', ['builtins', 'filter']],
    ['itertools ifilterfalse', ['itertools', 'filterfalse']],
    ['itertools imap', ['builtins', 'map']],
    ['itertools izip', ['builtins', 'zip']],
    ['itertools izip_longest', ['itertools', 'zip_longest']],
    ['multiprocessing AuthenticationError', ['multiprocessing.context', 'AuthenticationError']],
    ['multiprocessing BufferTooShort', ['multiprocessing.context', 'BufferTooShort']],
    ['multiprocessing ProcessError', ['multiprocessing.context', 'ProcessError']],
    ['multiprocessing TimeoutError', ['multiprocessing.context', 'TimeoutError']],
    ['multiprocessing.forking Popen', ['multiprocessing.popen_fork', 'Popen']],
    ['multiprocessing.process Process', ['multiprocessing.context', 'Process']],
    ['socket _socketobject', ['socket', 'SocketType']],
    ['urllib ContentTooShortError', ['urllib.error', 'ContentTooShortError']],
    ['urllib getproxies', ['urllib.request', 'getproxies']],
    ['urllib pathname2url', ['urllib.request', 'pathname2url']],
    ['urllib quote', ['urllib.parse', 'quote']],
    ['urllib quote_plus', ['urllib.parse', 'quote_plus']],
    ['urllib unquote', ['urllib.parse', 'unquote']],
    ['urllib unquote_plus', ['urllib.parse', 'unquote_plus']],
    ['urllib url2pathname', ['urllib.request', 'url2pathname']],
    ['urllib urlcleanup', ['urllib.request', 'urlcleanup']],
    ['urllib urlencode', ['urllib.parse', 'urlencode']],
    ['urllib urlopen', ['urllib.request', 'urlopen']],
    ['urllib urlretrieve', ['urllib.request', 'urlretrieve']],
    ['urllib2 HTTPError', ['urllib.error', 'HTTPError']],
    ['urllib2 URLError', ['urllib.error', 'URLError']],
    ['whichdb whichdb', ['dbm', 'whichdb']]
]);
/**
 * One mapping step, as `_pickle_Unpickler_find_class_impl` does: the pair mapping if
 * present, else the module mapping.
 */
function fixImports(module, name) {
    const pair = NAME_MAPPING.get(`${module} ${name}`);
    if (pair !== undefined)
        return [pair[0], pair[1]];
    return [IMPORT_MAPPING.get(module) ?? module, name];
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/scan/pickle/literals.ts
// Static evaluation of the few pure functions that turn constants into bytes
// (`_codecs.encode`, base64, hex, zlib, `bytes(...)`): their results are what a nested
// deserializer (`pickle.loads(base64.b64decode('...'))`) would receive. Nothing here
// runs Python code; each function is reimplemented over constants only.


/** Bound on bytes produced by decompression here (a nested payload, not model weights). */
const MAX_OUTPUT = 64 << 20;
const UNKNOWN_BYTES = new PyOpaque('bytes computed from a payload too large to keep');
function bytesOf(value) {
    if (value instanceof PyBytes)
        return value.truncated ? null : value.data;
    return undefined;
}
function encodeText(text, encoding) {
    const enc = encoding.toLowerCase().replace(/[-_ ]/g, '');
    if (enc === 'latin1' || enc === 'iso88591' || enc === 'l1' || enc === 'ascii') {
        const limit = enc === 'ascii' ? 0x80 : 0x100;
        const out = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c >= limit)
                return undefined;
            out[i] = c;
        }
        return out;
    }
    if (enc === 'utf8')
        return Buffer.from(text, 'utf8');
    return undefined;
}
function asBytes(value) {
    if (typeof value === 'string')
        return Buffer.from(value, 'latin1');
    if (value instanceof PyLongStr)
        return null;
    return bytesOf(value);
}
/** `codecs.decode(data, codec)` for the bytes-to-bytes codecs used to hide payloads. */
function decodeBinaryCodec(data, codec) {
    const c = codec.toLowerCase().replace(/[-_ ]/g, '');
    const text = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1');
    if (c === 'base64' || c === 'base64codec')
        return Buffer.from(text, 'base64');
    if (c === 'hex' || c === 'hexcodec')
        return Buffer.from(text, 'hex');
    if (c === 'zlib' || c === 'zlibcodec')
        return literals_inflate(data);
    return undefined;
}
function literals_inflate(data) {
    try {
        return (0,external_node_zlib_namespaceObject.inflateSync)(data, { maxOutputLength: MAX_OUTPUT });
    }
    catch {
        try {
            return (0,external_node_zlib_namespaceObject.unzipSync)(data, { maxOutputLength: MAX_OUTPUT });
        }
        catch {
            return undefined;
        }
    }
}
const bytesResult = (data, offset) => data === null ? UNKNOWN_BYTES : data === undefined ? undefined : new PyBytes(data, data.length, offset);
const fromText = (decoder) => (args, offset) => {
    const input = asBytes(args[0] ?? null);
    if (input === null)
        return UNKNOWN_BYTES;
    return input === undefined ? undefined : bytesResult(decoder(Buffer.from(input).toString('latin1')), offset);
};
const base64 = fromText((t) => Buffer.from(t, 'base64'));
const hex = fromText((t) => Buffer.from(t.replace(/\s+/g, ''), 'hex'));
/** `encode(str, encoding)`: text to bytes (latin-1, ascii, utf-8). */
const codecEncode = (args, offset) => {
    const [input, encoding = 'utf-8'] = args;
    if (typeof encoding !== 'string')
        return undefined;
    if (typeof input === 'string')
        return bytesResult(encodeText(input, encoding), offset);
    return input instanceof PyLongStr ? UNKNOWN_BYTES : undefined;
};
const codecDecode = (args, offset) => {
    const [input, encoding = 'utf-8'] = args;
    if (typeof encoding !== 'string')
        return undefined;
    const data = asBytes(input ?? null);
    return data === null ? UNKNOWN_BYTES : data === undefined ? undefined : bytesResult(decodeBinaryCodec(data, encoding), offset);
};
const bytesCtor = (mutable) => (args, offset) => {
    const [input, encoding] = args;
    if (typeof input === 'string' && typeof encoding === 'string') {
        const data = encodeText(input, encoding);
        return data && new PyBytes(data, data.length, offset, mutable);
    }
    if (input instanceof PyBytes)
        return new PyBytes(input.data, input.length, offset, mutable);
    if (input instanceof PyContainer && (input.type === 'list' || input.type === 'tuple') && !input.partial) {
        if (!input.items.every((v) => typeof v === 'number' && v >= 0 && v < 256))
            return undefined;
        return new PyBytes(Uint8Array.from(input.items), input.size, offset, mutable);
    }
    return undefined;
};
const zlibDecompress = (args, offset) => {
    const data = bytesOf(args[0] ?? null);
    return data === null ? UNKNOWN_BYTES : data === undefined ? undefined : bytesResult(literals_inflate(data), offset);
};
/** File-like wrappers: the nested loader reads the bytes they wrap. */
const passThrough = (args) => (args[0] instanceof PyBytes || args[0] === UNKNOWN_BYTES ? args[0] : undefined);
const EVALUATORS = new Map([
    ['_codecs.encode', codecEncode],
    ['codecs.encode', codecEncode],
    ['_codecs.decode', codecDecode],
    ['codecs.decode', codecDecode],
    ['base64.b64decode', base64],
    ['base64.standard_b64decode', base64],
    ['base64.decodebytes', base64],
    ['base64.urlsafe_b64decode', fromText((t) => Buffer.from(t, 'base64url'))],
    ['binascii.a2b_base64', base64],
    ['base64.b16decode', hex],
    ['binascii.unhexlify', hex],
    ['binascii.a2b_hex', hex],
    ['builtins.bytes.fromhex', hex],
    ['builtins.bytearray.fromhex', hex],
    ['builtins.bytes', bytesCtor(false)],
    ['builtins.bytearray', bytesCtor(true)],
    ['zlib.decompress', zlibDecompress],
    ['io.BytesIO', passThrough],
    ['_io.BytesIO', passThrough]
]);
/** The value `name(*args)` returns, when it is a pure bytes-producing function of constants. */
function evaluateCall(name, args, offset) {
    const evaluator = EVALUATORS.get(name);
    if (evaluator === undefined || !(args instanceof PyContainer) || args.type !== 'tuple')
        return undefined;
    return evaluator(args.items, offset);
}

;// CONCATENATED MODULE: ./src/scan/pickle/memo.ts
// The unpickler memo, sized for pickles that memoize millions of values. Python's
// pickler memoizes every str it writes; kept as JS strings they would dominate the
// heap (tens of bytes each), so short strings live as their raw argument bytes in an
// arena of fixed-size blocks and are decoded only when a GET reads them (the machine's
// data fast path even pushes them undecoded). Slots live in
// fixed-size pages of typed arrays (nothing is copied as the memo grows, and the JS
// heap holds only the non-string values). Writers memoize millions of values in slot
// order, so the page last written is cached and argument bytes are copied four at a
// time (DataView): this is the hottest code of a large pickle. Memory stays bounded:
// past `ARENA_MAX` bytes, newly memoized strings are kept as a placeholder (a later
// STACK_GLOBAL on one is a computed operand: fail closed); past `MAX_PAGES` pages, slots
// go to a map.


/** Strings up to this many bytes go to the arena. */
const ARENA_STRING_MAX = 255;
const BLOCK_BITS = 20;
/** Arena blocks grow from 4 KiB to this size (a memo per pickle: small pickles stay small). */
const BLOCK = 1 << BLOCK_BITS;
const FIRST_BLOCK = 4096;
/** Arena bytes per memo (memoized short strings). */
const ARENA_MAX = 256 << 20;
/** 1,024 slots (6 KiB) a page: small pickles stay cheap (a memo per pickle). */
const PAGE_BITS = 10;
const PAGE = 1 << PAGE_BITS;
/** Slot pages per memo (6 bytes a slot: 16.7 M slots in 96 MiB); further slots go to a map. */
const MAX_PAGES = 16384;
/** How a slot holds its value (`meta` = kind << 8 | byte length). */
const memo_EMPTY = 0;
/** Arena bytes, one code point per byte (strings whose code units are all < 256). */
const LATIN1 = 1;
/** Arena bytes, UTF-8 already validated with `surrogatepass` (BINUNICODE arguments). */
const UTF8 = 2;
/** Arena bytes, STRING/BINSTRING text: UTF-8 when valid, else Latin-1 (see decoder `codecString`). */
const memo_CODEC = 3;
/** `objects[start]`. */
const OBJECT = 4;
const PAST_BUDGET = new PyOpaque('a memoized string past the memo budget');
/** `get`'s marker for "the value is an arena string, at hitAt". */
const ARENA_HIT = new PyOpaque('an arena string');
/** See `setUndefined`. */
const LEGACY_DENSE_SLOTS = 1 << 26;
/** Decodes argument bytes of kind LATIN1, UTF8 or CODEC. */
function decodeText(buf, start, end, kind) {
    if (kind === LATIN1)
        return latin1(buf, start, end);
    if (kind === UTF8)
        return validatedUtf8(buf, start, end);
    return utf8(buf, start, end, false) ?? latin1(buf, start, end);
}
class Memo {
    /** Per page: `meta` (kind << 8 | length) and `starts` (arena position, or index in `objects`). */
    metas = [];
    starts = [];
    pages = 0;
    /** The page of the last write (writers fill slots in order): number, metas and starts. */
    pageNo = -1;
    pageMetas = new Uint16Array(0);
    pageStarts = new Int32Array(0);
    objects = [];
    sparse = new Map();
    blocks = [];
    block = Buffer.alloc(0);
    blockView = new DataView(new ArrayBuffer(0));
    /** Arena position of `block[0]` (block number << BLOCK_BITS). */
    blockBase = -BLOCK;
    blockUsed = 0;
    arenaBytes = 0;
    /** The buffer `setBytes` copied from last, and a view of it (a pickle is copied from one input buffer at a time). */
    source = this.block;
    sourceView = this.blockView;
    /** Occupied slots: `memo_len`, where MEMOIZE writes next. */
    size = 0;
    get(index) {
        const value = this.getBytes(index, ARENA_HIT);
        return value === ARENA_HIT ? this.text(this.hitAt, this.hitMeta) : value;
    }
    /** Arena position and meta (kind << 8 | length) of the last `getBytes` hit. */
    hitAt = 0;
    hitMeta = 0;
    /** Decodes the arena string at `at` of meta `meta` (a `getBytes` hit). */
    text(at, meta) {
        const start = at & (BLOCK - 1);
        return decodeText(this.blocks[at >>> BLOCK_BITS], start, start + (meta & 0xff), meta >> 8);
    }
    /**
     * Like `get`, but for an arena string returns `bytes` (the caller's marker) and leaves
     * its arena position and meta, undecoded, in `hitAt` and `hitMeta`.
     */
    getBytes(index, bytes) {
        const page = index >>> PAGE_BITS;
        const metas = index >= 0 && index < 2 ** 32 && page < this.metas.length ? this.metas[page] : undefined;
        if (metas === undefined)
            return this.sparse.get(index);
        const i = index & (PAGE - 1);
        const meta = metas[i];
        const kind = meta >> 8;
        if (kind === memo_EMPTY)
            return this.sparse.size > 0 ? this.sparse.get(index) : undefined;
        const at = this.starts[page][i];
        if (kind === OBJECT)
            return this.objects[at];
        this.hitAt = at;
        this.hitMeta = meta;
        return bytes;
    }
    set(index, value) {
        if (value === undefined)
            return this.setUndefined(index);
        if (typeof value === 'string' && value.length <= ARENA_STRING_MAX && isLatin1(value)) {
            if (!this.page(index))
                return this.setSparse(index, value);
            const at = this.reserve(value.length);
            if (at < 0)
                return this.setObject(index, PAST_BUDGET);
            const dst = this.block;
            const base = at & (BLOCK - 1);
            for (let i = 0; i < value.length; i++)
                dst[base + i] = value.charCodeAt(i);
            this.fill(index, at, (LATIN1 << 8) | value.length);
            return;
        }
        this.setObject(index, value);
    }
    /**
     * Memoizes a str from its argument bytes `buf[start..end)` of text kind `kind` (LATIN1, UTF8,
     * CODEC). Returns the arena position its bytes were copied to (see `text`), or -1 if they were not.
     */
    setBytes(index, buf, start, end, kind) {
        const n = end - start;
        if (n > ARENA_STRING_MAX || !this.page(index)) {
            this.set(index, decodeText(buf, start, end, kind));
            return -1;
        }
        const at = this.reserve(n);
        if (at < 0) {
            this.setObject(index, PAST_BUDGET);
            return -1;
        }
        if (buf !== this.source) {
            this.source = buf;
            this.sourceView = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
        }
        const from = this.sourceView;
        const to = this.blockView;
        let d = at - this.blockBase;
        let i = start;
        for (; i + 4 <= end; i += 4, d += 4)
            to.setInt32(d, from.getInt32(i));
        for (; i < end; i++, d++)
            to.setUint8(d, from.getUint8(i));
        this.fill(index, at, (kind << 8) | n);
        return at;
    }
    /** Memoizes a str already in this memo's arena (a `getBytes` hit): the slot shares its bytes. */
    setArena(index, at, meta) {
        if (!this.page(index))
            return this.setSparse(index, this.text(at, meta));
        this.fill(index, at, meta);
    }
    /**
     * Only a malformed stream puts `undefined` on the stack (holes left by a mark above the
     * stack top). The memo this one replaces counted such a slot as empty below 2^26 and as
     * occupied above (a map there): `memo_len`, and so later MEMOIZE indices, stay as they were.
     */
    setUndefined(index) {
        const page = index >>> PAGE_BITS;
        const metas = index >= 0 && index < 2 ** 32 && page < this.metas.length ? this.metas[page] : undefined;
        const i = index & (PAGE - 1);
        const inPage = metas !== undefined && metas[i] !== memo_EMPTY;
        const dense = index < LEGACY_DENSE_SLOTS;
        const occupied = inPage || (this.sparse.has(index) && (!dense || this.sparse.get(index) !== undefined));
        if (!occupied)
            this.size++;
        if (inPage)
            metas[i] = memo_EMPTY;
        if (dense)
            this.sparse.delete(index);
        else
            this.sparse.set(index, undefined);
    }
    setObject(index, value) {
        if (!this.page(index))
            return this.setSparse(index, value);
        const objects = this.objects;
        // Consecutive slots often hold the same object (the machine's shared placeholders): stored once.
        let at = objects.length - 1;
        if (at < 0 || objects[at] !== value) {
            objects.push(value);
            at++;
        }
        this.fill(index, at, OBJECT << 8);
    }
    /** Writes slot `index` of the page `page(index)` just selected. */
    fill(index, start, meta) {
        const i = index & (PAGE - 1);
        // A slot first written while its page did not exist lives in the map until now.
        if (this.pageMetas[i] === memo_EMPTY && !(this.sparse.size > 0 && this.sparse.delete(index)))
            this.size++;
        this.pageMetas[i] = meta;
        this.pageStarts[i] = start;
    }
    setSparse(index, value) {
        if (!this.sparse.has(index))
            this.size++;
        this.sparse.set(index, value);
    }
    /** Selects the page holding `index` for `fill`; false past the page budget. Small: inlined in the hot paths. */
    page(index) {
        return index >= 0 && index < 2 ** 32 && (index >>> PAGE_BITS === this.pageNo || this.selectPage(index));
    }
    /** `page` for another page than the last one: allocated on first use. */
    selectPage(index) {
        const page = index >>> PAGE_BITS;
        let metas = page < this.metas.length ? this.metas[page] : undefined;
        if (metas === undefined) {
            if (this.pages >= MAX_PAGES)
                return false;
            this.pages++;
            metas = new Uint16Array(PAGE);
            this.metas[page] = metas;
            this.starts[page] = new Int32Array(PAGE);
        }
        this.pageNo = page;
        this.pageMetas = metas;
        this.pageStarts = this.starts[page];
        return true;
    }
    newBlock() {
        const size = Math.min(BLOCK, Math.max(FIRST_BLOCK, this.block.length * 2));
        if (this.arenaBytes + size > ARENA_MAX)
            return false;
        this.arenaBytes += size;
        this.block = Buffer.allocUnsafeSlow(size);
        this.blockView = new DataView(this.block.buffer, this.block.byteOffset, size);
        this.blocks.push(this.block);
        this.blockBase += BLOCK;
        this.blockUsed = 0;
        return true;
    }
    /** Arena position (block << 20 | offset) for `n` bytes in the current block, or -1 past the budget. */
    reserve(n) {
        if ((this.blockBase < 0 || this.blockUsed + n > this.block.length) && !this.newBlock())
            return -1;
        const at = this.blockBase | this.blockUsed;
        this.blockUsed += n;
        return at;
    }
}
function isLatin1(text) {
    for (let i = 0; i < text.length; i++)
        if (text.charCodeAt(i) > 0xff)
            return false;
    return true;
}

;// CONCATENATED MODULE: ./src/scan/pickle/machine.ts
// The symbolic unpickler: a real stack, mark stack and memo run over decoded opcodes
// the way `_pickle.c` runs them, with symbolic values instead of Python objects. It
// resolves every import and call target like `find_class`, reports what the policy
// says about each, and keeps going after loader errors (reporting them) so that
// nothing later in the stream goes unseen.








const ITEM_BUDGET = 1 << 18;
/**
 * Stack slot of a str the data fast path has not decoded: where its bytes are is in the
 * machine's `lazy*` arrays at the same index. Never seen outside the machine (decoded
 * first); were it to leak, it reads as an unknown value, which fails closed.
 */
const LAZY = new PyOpaque('a str');
/** No stack slot holds LAZY (a small integer, so the index arithmetic stays in small-integer code). */
const NO_LAZY = 0x3fffffff;
/** Longest string argument the data fast path takes (the memo arena's limit); longer ones go through the decoder. */
const DATA_STRING_MAX = 255;
/**
 * Opcodes of the data fast path (`runData`) and their fixed size; 0 for the variable-size
 * string and LONG1 arguments it takes, and for everything it leaves to `exec`.
 */
const DATA_SIZE = (() => {
    const size = new Uint8Array(256);
    const one = [
        Op.MARK, Op.POP, Op.DUP, Op.NONE, Op.NEWTRUE, Op.NEWFALSE, Op.EMPTY_DICT, Op.EMPTY_LIST, Op.EMPTY_TUPLE, Op.EMPTY_SET,
        Op.TUPLE1, Op.TUPLE2, Op.TUPLE3, Op.TUPLE, Op.LIST, Op.FROZENSET, Op.DICT, Op.MEMOIZE,
        Op.APPEND, Op.APPENDS, Op.SETITEM, Op.SETITEMS, Op.ADDITEMS
    ];
    for (const code of one)
        size[code] = 1;
    for (const code of [Op.BININT1, Op.BINGET, Op.BINPUT])
        size[code] = 2;
    size[Op.BININT2] = 3;
    for (const code of [Op.BININT, Op.LONG_BINGET, Op.LONG_BINPUT])
        size[code] = 5;
    size[Op.BINFLOAT] = 9;
    return size;
})();
/** Every opcode the data fast path runs: the fixed-size ones, its strings, LONG1 and FRAME. */
const DATA_OPCODES = [
    ...Array.from(DATA_SIZE).flatMap((size, code) => (size > 0 ? [code] : [])),
    Op.SHORT_BINUNICODE,
    Op.BINUNICODE,
    Op.SHORT_BINSTRING,
    Op.BINSTRING,
    Op.LONG1,
    Op.FRAME
];
/**
 * 1 for pure ASCII, 2 for other valid UTF-8 with `surrogatepass` (as `text.utf8(..., true)` accepts), 0 for invalid.
 * `view` is a DataView of `buf`: ASCII is checked four bytes at a time.
 */
function utf8Kind(buf, view, start, end) {
    let i = start;
    while (i + 4 <= end && (view.getInt32(i) & 0x80808080) === 0)
        i += 4;
    while (i < end && buf[i] < 0x80)
        i++;
    if (i === end)
        return 1;
    while (i < end) {
        const b = buf[i];
        if (b < 0x80) {
            i++;
        }
        else if (b < 0xe0) {
            if (b < 0xc2 || i + 1 >= end || (buf[i + 1] & 0xc0) !== 0x80)
                return 0;
            i += 2;
        }
        else if (b < 0xf0) {
            if (i + 2 >= end)
                return 0;
            const c1 = buf[i + 1];
            // Continuation bytes; E0 needs A0–BF (shorter forms are overlong). ED A0–BF (surrogates) pass.
            if ((c1 & 0xc0) !== 0x80 || (buf[i + 2] & 0xc0) !== 0x80 || (b === 0xe0 && c1 < 0xa0))
                return 0;
            i += 3;
        }
        else {
            if (b > 0xf4 || i + 3 >= end)
                return 0;
            const c1 = buf[i + 1];
            // F0 needs 90–BF (overlong below), F4 80–8F (past U+10FFFF above).
            if ((c1 & 0xc0) !== 0x80 || (buf[i + 2] & 0xc0) !== 0x80 || (buf[i + 3] & 0xc0) !== 0x80)
                return 0;
            if ((b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f))
                return 0;
            i += 4;
        }
    }
    return 2;
}
/**
 * Every opcode the data fast path runs, each way it can run (a str fused with its PUT or
 * not, LAZY or decoded operands, memo slots in the arena or not), ending with an empty
 * stack but for the containers it mutates; see `Machine.warmUp`.
 */
const WARM_UP = (() => {
    const u32 = (n) => {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(n);
        return b;
    };
    const text = (t) => Buffer.from(t, 'latin1');
    const framed = (body) => Buffer.concat([text('\x95'), u32(body.length), u32(0), body]);
    return Buffer.concat([
        text('}])\x8f('), // EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, EMPTY_SET, MARK
        text('\x8c\x01k\x94'), // SHORT_BINUNICODE (ASCII) + MEMOIZE
        Buffer.from([0x8c, 4, 0xe2, 0x96, 0x81, 0x76, 0x71, 5]), // SHORT_BINUNICODE (UTF-8) + BINPUT
        text('X'), u32(3), text('abc'), text('r'), u32(70000), // BINUNICODE + LONG_BINPUT
        text('U\x02ab'), text('T'), u32(2), text('\xe9x'), // SHORT_BINSTRING, BINSTRING (no PUT)
        Buffer.from([0x8c, 14]), Buffer.from('module.name.\u00e9'), Buffer.from([0x8c, 6]), Buffer.from('\u00e9\u{1f600}'), text('00'), // ASCII words; 2- and 4-byte UTF-8
        text('2\x94h\x002\x94'), // DUP, MEMOIZE of an input str; BINGET, DUP, MEMOIZE of an arena str
        text('K\x01M\x01\x02J\xfb\xff\xff\xffG'), Buffer.alloc(8), text('\x8a\x01\x80N\x88\x89'), // ints, float, LONG1, constants
        text('\x94j'), u32(4), // MEMOIZE of a decoded value, LONG_BINGET
        text('0\x87\x94\x86\x85t0'), // POP, TUPLE3 + MEMOIZE, TUPLE2, TUPLE1, TUPLE, POP
        text('(l(d(\x91(0000'), // LIST, DICT, FROZENSET from marks, POP of a mark, POPs
        text(`(${'K\x01'.repeat(64)}\x8c\x01kt0`), // a str pushed deeper than the lazy arrays' first size (they grow)
        framed(text('(K\x07\x9000K\x01a(K\x02e(e0K\x01K\x02s(K\x03K\x04u')) // a FRAME; ADDITEMS, APPEND, APPENDS (also empty), SETITEM, SETITEMS
    ]);
})();
/**
 * A copy of `a` with room for index `i` and as many again. (Not a closure in `pushLazy`:
 * one there would capture its locals, and V8 would then allocate a context on every call.)
 */
function grown(a, i) {
    const b = new Int32Array(i * 2);
    b.set(a);
    return b;
}
/** Length of the memo PUT opcode `code` (MEMOIZE, BINPUT, LONG_BINPUT), 0 for any other opcode. */
function putWidth(code) {
    return code === Op.MEMOIZE ? 1 : code === Op.BINPUT ? 2 : code === Op.LONG_BINPUT ? 5 : 0;
}
/** Length of the PUT at `buf[at]` when one starts there before `limit` and ends by `hard` (run with the opcode before it), else 0. */
function fusedPut(buf, at, limit, hard) {
    const width = at < limit ? putWidth(buf[at]) : 0;
    return at + width <= hard ? width : 0;
}
/** The little-endian int32 at `buf[at]` (`>>> 0` for its uint32). */
function int32(buf, at) {
    return buf[at] | (buf[at + 1] << 8) | (buf[at + 2] << 16) | (buf[at + 3] << 24);
}
/** Memo index of the PUT or GET of length `width` at `buf[at]` (`size` for MEMOIZE). */
function memoIndex(buf, at, width, size) {
    return width === 1 ? size : width === 2 ? buf[at + 1] : int32(buf, at + 1) >>> 0;
}
/** Where WARM_UP has run its first MARK; a 3-byte str and its MEMOIZE follow. */
const WARM_UP_MARKED = 5;
/** A BUILD hook that asks for nothing (the warm-up's machines have one, as the file scanners' do). */
const noBuildAction = () => undefined;
/**
 * Arena positions and metas of memo strs held undecoded by containers: entries are added in
 * the order of the LAZY placeholders they stand for. At most one per kept item (the item budget).
 */
class MemoTexts {
    memo;
    refs = new Int32Array(64);
    /** Entries added. */
    size = 0;
    constructor(memo) {
        this.memo = memo;
    }
    add(at, meta) {
        if (2 * this.size + 2 > this.refs.length)
            this.refs = grown(this.refs, 2 * this.size + 2);
        this.refs[2 * this.size] = at;
        this.refs[2 * this.size + 1] = meta;
        this.size++;
    }
    decode(items, from) {
        let k = from;
        for (let i = 0; i < items.length; i++) {
            if (items[i] !== LAZY)
                continue;
            items[i] = this.memo.text(this.refs[2 * k], this.refs[2 * k + 1]);
            k++;
        }
    }
}
/** Placeholder pushed where the loader has already failed: operations on it report nothing more. */
const FAILED = new PyOpaque('the result of a failed operation', true);
const PERSISTENT = new PyOpaque('a persistent-id object (persistent_load)');
const BUFFER = new PyOpaque('an out-of-band buffer');
class Machine {
    sink;
    policy;
    onBuild;
    stack = [];
    /** Lowest stack index that may hold LAZY (NO_LAZY: none). */
    lazyFrom = NO_LAZY;
    /**
     * For a LAZY stack slot at index i: `lazyMeta[i]` is kind << 8 | byte length (as in the
     * memo), and `lazyAt[i]` where the bytes start: in `lazyInput` when >= 0, else at arena
     * position `~lazyAt[i]` of the memo. Numbers, not buffer references: the hottest stores.
     */
    lazyAt = new Int32Array(64);
    lazyMeta = new Int32Array(64);
    /** The input buffer of the last `runData` call. */
    lazyInput = Buffer.alloc(0);
    /** Opcodes run by the last `runData` call. */
    dataOps = 0;
    /** Frame end (buffer index, -1 for none) after the last `runData` call. */
    dataFrameEnd = -1;
    /** Where the last frame that call started begins (buffer index), or -1. */
    dataFrameStart = -1;
    marks = [];
    memo = new Memo();
    /** Last PROTO value of the current pickle: `find_class` remaps names when < 3. */
    proto = 0;
    /** Imports and calls run in the current pickle (what a break leaves executed). */
    acted = 0;
    /** Nested deserializer calls waiting to be scanned. */
    nested = [];
    /** Set by BUILD when the hook asks the loader to read inline data. */
    buildAction;
    saved = [];
    globals = new Map();
    /** Container values kept per stream: bounds memory on pickles that build millions of small lists. */
    itemBudget = ITEM_BUDGET;
    spentContainers = new Map();
    /** `spent('tuple')`, the placeholder of most tuples in a large pickle. */
    spentTuple;
    /** Memo strs that tuples hold undecoded (see `keptTuple`); one table per memo. */
    deferredTexts;
    constructor(sink, policy, onBuild) {
        this.sink = sink;
        this.policy = policy;
        this.onBuild = onBuild;
        this.spentTuple = this.spent('tuple');
        Machine.warmUp();
    }
    static warm = false;
    /**
     * V8 compiles `runData` from the operand types it has seen. A large pickle that reaches
     * an opcode late (BININT only past entry 65,535, a first DUP after megabytes) makes the
     * compiled loop bail out and be compiled again, tens of milliseconds each time, while the
     * scan runs unoptimized. Running WARM_UP first (with and without item budget, a few times:
     * V8 keeps types only once a function has run several times) shows it every case up front.
     */
    static warmUp() {
        if (Machine.warm)
            return;
        Machine.warm = true;
        for (let i = 0; i < 16; i++) {
            const machine = new Machine(new FindingSink(undefined), new GlobalPolicy([]), noBuildAction);
            machine.startPickle();
            if (i % 2 === 1)
                machine.itemBudget = 0;
            machine.warmUpPass(i % 4 < 2);
        }
    }
    /**
     * One warm-up pass on a fresh machine: WARM_UP through `runData` as scans call it (stopped
     * by a buffer's end inside an opcode, then by a frame's end inside one, then to the end with
     * a frame that ends between opcodes, or none; each call entered with a mark open), then memo
     * writes of each kind of value that `exec` and decoded slots make. Returns where the calls stopped.
     */
    warmUpPass(frame) {
        const end = WARM_UP.length;
        const at = WARM_UP_MARKED;
        const stops = [
            this.runData(WARM_UP, 0, end, at + 2, end, -1),
            this.runData(WARM_UP, at, end, end, end, at + 1),
            this.runData(WARM_UP, at, end, end, end, frame ? at + 3 : -1)
        ];
        for (const value of ['k', '\u2581', 7, null, FLOAT, this.spentTuple])
            this.memo.set(this.memo.size, value);
        return stops;
    }
    /** A new `load()`: fresh stack, memo and protocol. */
    startPickle() {
        this.stack = [];
        this.lazyFrom = NO_LAZY;
        this.marks = [];
        this.memo = new Memo();
        this.deferredTexts = undefined;
        this.proto = 0;
        this.acted = 0;
    }
    /** Runs a pickle inline (joblib object arrays) and comes back to this one at its STOP. */
    pushPickle() {
        this.saved.push({ stack: this.stack, marks: this.marks, memo: this.memo, proto: this.proto });
        this.startPickle();
    }
    /** True when a STOP ends an inline pickle (the outer one continues); its result was pushed there. */
    popPickle(result) {
        const outer = this.saved.pop();
        if (outer === undefined)
            return false;
        ({ stack: this.stack, marks: this.marks, memo: this.memo, proto: this.proto } = outer);
        this.lazyFrom = NO_LAZY; // the outer stack was decoded before the BUILD that started the inline pickle
        this.stack[this.stack.length - 1] = result;
        return true;
    }
    /** STOP: returns the top of the stack. */
    stop(offset) {
        if (this.lazyFrom < this.stack.length)
            this.materialize();
        return this.pop(offset);
    }
    /** Executes one decoded opcode (all but STOP and FRAME, which the analyzer handles). */
    exec(d, offset) {
        if (this.lazyFrom < this.stack.length)
            this.materialize();
        const s = this.stack;
        switch (d.code) {
            case Op.MARK:
                this.marks.push(s.length);
                return;
            case Op.POP:
                if (this.marks.length > 0 && this.marks[this.marks.length - 1] === s.length)
                    this.marks.pop();
                else
                    this.pop(offset);
                return;
            case Op.POP_MARK: {
                const mark = this.popMark(offset);
                if (mark >= 0)
                    s.length = mark;
                return;
            }
            case Op.DUP:
                s.push(this.peek(offset));
                return;
            case Op.BININT:
            case Op.BININT1:
            case Op.BININT2:
                s.push(d.num | 0); // an int32 again: stored as a small integer, not a boxed double
                return;
            case Op.NONE:
                s.push(null);
                return;
            case Op.NEWTRUE:
                s.push(true);
                return;
            case Op.NEWFALSE:
                s.push(false);
                return;
            case Op.FLOAT:
            case Op.INT:
            case Op.LONG:
            case Op.STRING:
            case Op.UNICODE:
            case Op.BINFLOAT:
            case Op.BINSTRING:
            case Op.SHORT_BINSTRING:
            case Op.BINUNICODE:
            case Op.SHORT_BINUNICODE:
            case Op.BINUNICODE8:
            case Op.BINBYTES:
            case Op.SHORT_BINBYTES:
            case Op.BINBYTES8:
            case Op.BYTEARRAY8:
            case Op.LONG1:
            case Op.LONG4:
                if (d.fault !== null)
                    this.sink.malformed(offset, d.fault);
                s.push(d.value);
                return;
            case Op.EMPTY_DICT:
                s.push(this.container('dict', []));
                return;
            case Op.EMPTY_LIST:
                s.push(this.container('list', []));
                return;
            case Op.EMPTY_TUPLE:
                s.push(this.container('tuple', []));
                return;
            case Op.EMPTY_SET:
                s.push(this.container('set', []));
                return;
            case Op.TUPLE1:
            case Op.TUPLE2:
            case Op.TUPLE3: {
                const n = d.code - Op.TUPLE1 + 1;
                const items = new Array(n);
                for (let i = n - 1; i >= 0; i--)
                    items[i] = this.pop(offset);
                s.push(this.container('tuple', items));
                return;
            }
            case Op.TUPLE:
            case Op.LIST:
            case Op.FROZENSET:
                s.push(this.fromMark(d.code === Op.TUPLE ? 'tuple' : d.code === Op.LIST ? 'list' : 'frozenset', offset));
                return;
            case Op.DICT:
                s.push(this.fromMark('dict', offset));
                return;
            case Op.GET:
            case Op.BINGET:
            case Op.LONG_BINGET:
                if (d.fault !== null) {
                    this.sink.malformed(offset, d.fault);
                    s.push(FAILED);
                }
                else
                    s.push(this.memoGet(d.num, offset));
                return;
            case Op.PUT:
            case Op.BINPUT:
            case Op.LONG_BINPUT:
                if (d.fault !== null)
                    this.sink.malformed(offset, d.fault);
                else
                    this.memoPut(d.num, offset);
                return;
            case Op.MEMOIZE:
                this.memoPut(this.memo.size, offset);
                return;
            case Op.PROTO:
                if (d.num > HIGHEST_PROTOCOL)
                    this.sink.malformed(offset, `unsupported pickle protocol: ${d.num}`);
                else
                    this.proto = d.num;
                return;
            case Op.PERSID:
                if (d.fault !== null)
                    this.sink.malformed(offset, d.fault);
                s.push(PERSISTENT);
                return;
            case Op.BINPERSID:
                this.pop(offset);
                s.push(PERSISTENT);
                return;
            case Op.NEXT_BUFFER:
                s.push(BUFFER);
                return;
            case Op.READONLY_BUFFER:
                this.peek(offset);
                return;
            case Op.GLOBAL:
                s.push(d.fault !== null ? this.failed(offset, d.fault) : this.importGlobal(d.module, d.name, d.namesTruncated, offset));
                return;
            case Op.STACK_GLOBAL: {
                const name = this.pop(offset);
                const module = this.pop(offset);
                s.push(this.stackGlobal(module, name, offset));
                return;
            }
            case Op.EXT1:
            case Op.EXT2:
            case Op.EXT4:
                s.push(this.extension(d.num, offset));
                return;
            case Op.REDUCE: {
                const args = this.pop(offset);
                const callee = this.pop(offset);
                s.push(this.call(callee, args, 'REDUCE', offset));
                return;
            }
            case Op.NEWOBJ: {
                const args = this.pop(offset);
                const cls = this.pop(offset);
                s.push(this.call(cls, args, 'NEWOBJ', offset));
                return;
            }
            case Op.NEWOBJ_EX: {
                this.pop(offset); // kwargs
                const args = this.pop(offset);
                const cls = this.pop(offset);
                s.push(this.call(cls, args, 'NEWOBJ_EX', offset));
                return;
            }
            case Op.OBJ: {
                const mark = this.popMark(offset);
                if (mark < 0 || s.length - mark < 1) {
                    if (mark >= 0)
                        this.sink.malformed(offset, 'unpickling stack underflow (OBJ without a class)');
                    s.push(FAILED);
                    return;
                }
                const items = s.splice(mark);
                s.push(this.call(items[0], this.container('tuple', items.slice(1)), 'OBJ', offset));
                return;
            }
            case Op.INST: {
                const mark = this.popMark(offset);
                if (mark < 0) {
                    s.push(FAILED);
                    return;
                }
                const cls = d.fault !== null ? this.failed(offset, d.fault) : this.importGlobal(d.module, d.name, d.namesTruncated, offset);
                s.push(this.call(cls, this.container('tuple', s.splice(mark)), 'INST', offset));
                return;
            }
            case Op.BUILD:
                this.build(offset);
                return;
            case Op.APPEND: {
                const x = s.length - 1;
                if (x <= 0)
                    return this.underflow(offset);
                this.mutate(s[x - 1], 'list', x, 'APPEND', offset);
                return;
            }
            case Op.SETITEM: {
                const x = s.length - 2;
                if (x <= 0)
                    return this.underflow(offset);
                this.mutate(s[x - 1], 'dict', x, 'SETITEM', offset);
                return;
            }
            case Op.APPENDS:
            case Op.SETITEMS:
            case Op.ADDITEMS: {
                const mark = this.popMark(offset);
                if (mark < 0)
                    return;
                if (mark === 0)
                    return this.underflow(offset);
                if (s.length === mark)
                    return; // an empty region makes no call
                const kind = d.code === Op.APPENDS ? 'list' : d.code === Op.SETITEMS ? 'dict' : 'set';
                if (kind === 'dict' && (s.length - mark) % 2 !== 0) {
                    this.sink.malformed(offset, 'odd number of items for SETITEMS');
                    s.length = mark;
                    return;
                }
                this.mutate(s[mark - 1], kind, mark, opName(d.code), offset);
                return;
            }
        }
    }
    // -- data fast path --------------------------------------------------------
    /**
     * Runs plain data opcodes straight from `buf[pos..]`: constants, short strings, MARK,
     * containers built from literals, memo PUT/GET, APPEND(S)/SETITEM(S)/ADDITEMS on
     * literal containers. These are most of any large pickle, and none of them can act or
     * report anything while the stack and memo are consistent. The first opcode that could
     * (any other opcode, an underflow, a missing memo slot, invalid UTF-8, a mutation of a
     * non-literal, an argument past `end`, an opcode crossing `frameEnd`) is left for
     * `exec`, untouched, so the generic path decides and reports exactly as before.
     * Strings are pushed undecoded (LAZY); the memo keeps their bytes. They are decoded
     * when a container keeps them and before `exec` or `stop` runs.
     *
     * FRAMEs that the buffer holds whole are tracked here as well; `frameEnd` is the current
     * frame's end (buffer index, -1 for none). Stops before `limit` (an opcode index) or after
     * `maxOps` opcodes. Returns the index after the last opcode run; `dataOps`, `dataFrameEnd`
     * and `dataFrameStart` report the rest.
     */
    runData(buf, pos, limit, end, maxOps, frameEnd) {
        const s = this.stack;
        const marks = this.marks;
        const memo = this.memo;
        let fence = marks.length > 0 ? marks[marks.length - 1] : 0;
        let ops = 0;
        if (limit > end)
            limit = end;
        if (buf !== this.lazyInput) {
            this.releaseInput();
            this.lazyInput = buf;
        }
        const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
        this.dataFrameStart = -1;
        // No opcode may end past `hard`: the buffer's end, or the current frame's when it comes first.
        let hard = end;
        if (frameEnd >= 0) {
            if (pos >= frameEnd)
                frameEnd = -1;
            else if (frameEnd < end)
                hard = frameEnd;
        }
        loop: while (pos < limit && ops < maxOps) {
            const code = buf[pos];
            let next = pos + DATA_SIZE[code];
            let length = 0;
            if (next === pos) {
                if (code === Op.SHORT_BINUNICODE || code === Op.SHORT_BINSTRING || code === Op.LONG1) {
                    if (pos + 2 > end)
                        break;
                    length = buf[pos + 1];
                    next = pos + 2 + length;
                }
                else if (code === Op.BINUNICODE || code === Op.BINSTRING) {
                    if (pos + 5 > end)
                        break;
                    length = int32(buf, pos + 1);
                    if (length < 0 || length > DATA_STRING_MAX)
                        break;
                    next = pos + 5 + length;
                }
                else if (code === Op.FRAME)
                    next = pos + 9;
                else
                    break;
            }
            if (next > hard) {
                // Past the buffer, or crossing the frame's end (left to the generic path), unless the frame ended before this opcode.
                if (next > end || hard === end || pos < frameEnd)
                    break;
                frameEnd = -1;
                hard = end;
            }
            // Case labels are literals (checked against Op by the compiler): with property reads
            // for labels, V8 compiles the hottest switch of the scanner into a chain of loads and compares.
            switch (code) {
                case 0x28:
                    fence = s.length;
                    marks.push(fence);
                    break;
                case 0x95: {
                    // A frame this buffer holds whole (all the analyzer's prefill would make sure of). One
                    // that starts inside the current frame (frameEnd >= 0 means pos < frameEnd here) is
                    // left to the analyzer, which reports it.
                    const size = int32(buf, pos + 1) >>> 0;
                    if (frameEnd >= 0 || int32(buf, pos + 5) !== 0 || next + size > end)
                        break loop;
                    this.dataFrameStart = pos;
                    frameEnd = next + size;
                    hard = frameEnd;
                    break;
                }
                case 0x4b:
                    s.push(buf[pos + 1]);
                    break;
                case 0x4d:
                    s.push(buf[pos + 1] | (buf[pos + 2] << 8));
                    break;
                case 0x4a:
                    s.push(int32(buf, pos + 1));
                    break;
                case 0x4e:
                    s.push(null);
                    break;
                case 0x88:
                    s.push(true);
                    break;
                case 0x89:
                    s.push(false);
                    break;
                case 0x47:
                    s.push(FLOAT);
                    break;
                case 0x8c:
                case 0x58:
                case 0x55:
                case 0x54: {
                    let kind = memo_CODEC;
                    if (code === Op.SHORT_BINUNICODE || code === Op.BINUNICODE) {
                        const utf8 = utf8Kind(buf, view, next - length, next);
                        if (utf8 === 0)
                            break loop;
                        kind = utf8 === 1 ? LATIN1 : UTF8;
                    }
                    this.pushLazy(next - length, (kind << 8) | length);
                    // Writers memoize every str right after it: run that PUT here too when it lies within
                    // `hard` (anything else, and the frame's end, is left to the PUT's own step). The
                    // stack can sit below the top mark after a malformed opcode: that PUT is the generic path's.
                    const width = ops + 1 < maxOps && s.length > fence ? fusedPut(buf, next, limit, hard) : 0;
                    if (width === 0)
                        break;
                    // The slot now reads the memo's copy: it no longer needs this input buffer (see `releaseInput`).
                    const arena = memo.setBytes(memoIndex(buf, next, width, memo.size), buf, next - length, next, kind);
                    if (arena >= 0)
                        this.lazyAt[s.length - 1] = ~arena;
                    pos = next + width;
                    ops += 2;
                    continue;
                }
                case 0x85:
                case 0x86:
                case 0x87: {
                    const n = code - Op.TUPLE1 + 1;
                    const at = s.length - n;
                    if (at < fence)
                        break loop;
                    const tuple = this.itemBudget > 0 ? this.keptTuple(at, n) : this.spentTuple;
                    for (let i = 1; i < n; i++)
                        s.pop();
                    s[at] = tuple;
                    // Writers memoize every tuple too: its PUT runs here, as for a str.
                    const width = ops + 1 < maxOps ? fusedPut(buf, next, limit, hard) : 0;
                    if (width === 0)
                        break;
                    memo.set(memoIndex(buf, next, width, memo.size), tuple);
                    pos = next + width;
                    ops += 2;
                    continue;
                }
                case 0x94:
                case 0x71:
                case 0x72: {
                    if (s.length <= fence)
                        break loop;
                    const index = memoIndex(buf, pos, next - pos, memo.size);
                    const top = s.length - 1;
                    if (s[top] !== LAZY)
                        memo.set(index, s[top]);
                    else {
                        const at = this.lazyAt[top];
                        const meta = this.lazyMeta[top];
                        if (at < 0)
                            memo.setArena(index, ~at, meta);
                        else {
                            const arena = memo.setBytes(index, buf, at, at + (meta & 0xff), meta >> 8);
                            if (arena >= 0)
                                this.lazyAt[top] = ~arena;
                        }
                    }
                    break;
                }
                case 0x68:
                case 0x6a: {
                    const v = memo.getBytes(memoIndex(buf, pos, next - pos, memo.size), LAZY);
                    if (v === undefined)
                        break loop;
                    if (v === LAZY)
                        this.pushLazy(~memo.hitAt, memo.hitMeta);
                    else
                        s.push(v);
                    break;
                }
                default:
                    // The rarer data opcodes (per opcode: batch mutations count once per batch).
                    if (!this.dataRare(buf, pos, next, code, fence))
                        break loop;
                    fence = marks.length > 0 ? marks[marks.length - 1] : 0;
            }
            pos = next;
            ops++;
        }
        this.dataOps = ops;
        this.dataFrameEnd = frameEnd;
        return pos;
    }
    /**
     * One of the data opcodes that are rare in large pickles, or rare per opcode (a batch
     * mutation counts once per batch), kept out of `runData`'s loop so that V8 compiles the
     * loop sooner: the opcode at `buf[pos..next)`, `fence` the top mark (or 0). False leaves
     * it to `exec`, untouched. The caller re-reads the fence.
     */
    dataRare(buf, pos, next, code, fence) {
        const s = this.stack;
        const marks = this.marks;
        switch (code) {
            case Op.POP:
                if (marks.length > 0 && fence === s.length)
                    marks.pop();
                else if (s.length <= fence)
                    return false;
                else
                    s.length--;
                return true;
            case Op.DUP: {
                const top = s.length - 1;
                if (top < fence)
                    return false;
                if (s[top] === LAZY)
                    this.pushLazy(this.lazyAt[top], this.lazyMeta[top]);
                else
                    s.push(s[top]);
                return true;
            }
            case Op.LONG1: {
                // As the decoder's littleEndianInt for up to 6 bytes (exact in a double); longer ones go through it.
                const length = next - pos - 2;
                if (length > 6)
                    return false;
                let small = 0;
                for (let i = next - 1; i >= pos + 2; i--)
                    small = small * 256 + buf[i];
                s.push(length > 0 && buf[next - 1] & 0x80 ? small - 2 ** (8 * length) : small);
                return true;
            }
            case Op.EMPTY_DICT:
            case Op.EMPTY_LIST:
            case Op.EMPTY_TUPLE:
            case Op.EMPTY_SET:
                s.push(this.container(code === Op.EMPTY_DICT ? 'dict' : code === Op.EMPTY_LIST ? 'list' : code === Op.EMPTY_TUPLE ? 'tuple' : 'set', []));
                return true;
            case Op.TUPLE:
            case Op.LIST:
            case Op.FROZENSET:
            case Op.DICT: {
                if (marks.length === 0)
                    return false;
                const mark = fence;
                if (code === Op.DICT && (s.length - mark) % 2 !== 0)
                    return false;
                marks.pop();
                const type = code === Op.TUPLE ? 'tuple' : code === Op.LIST ? 'list' : code === Op.DICT ? 'dict' : 'frozenset';
                if (this.itemBudget <= 0) {
                    s.length = mark;
                    s.push(this.spent(type));
                    return true;
                }
                this.decodeRange(mark, mark + Math.min(s.length - mark, CONTAINER_ITEMS, this.itemBudget));
                s.push(this.container(type, s.splice(mark)));
                return true;
            }
            case Op.APPEND:
            case Op.SETITEM: {
                const start = s.length - (code === Op.APPEND ? 1 : 2);
                if (start <= 0)
                    return false;
                const target = s[start - 1];
                if (!(target instanceof PyContainer) || target.type !== (code === Op.APPEND ? 'list' : 'dict'))
                    return false;
                this.addItems(target, start);
                return true;
            }
            case Op.APPENDS:
            case Op.SETITEMS:
            case Op.ADDITEMS: {
                if (marks.length === 0)
                    return false;
                const mark = fence;
                if (mark === 0)
                    return false;
                if (s.length !== mark) {
                    const kind = code === Op.APPENDS ? 'list' : code === Op.SETITEMS ? 'dict' : 'set';
                    if (kind === 'dict' && (s.length - mark) % 2 !== 0)
                        return false;
                    const target = s[mark - 1];
                    if (!(target instanceof PyContainer) || target.type !== kind)
                        return false;
                    this.addItems(target, mark);
                }
                marks.pop();
                return true;
            }
        }
        return false;
    }
    /** TUPLE1–3 while the item budget lasts: a tuple of the stack's top `n` values (from `at`), decoded. */
    keptTuple(at, n) {
        const s = this.stack;
        const items = new Array(n);
        let from = -1;
        for (let i = 0; i < n; i++) {
            const j = at + i;
            if (s[j] === LAZY && this.lazyAt[j] < 0) {
                // A str the memo keeps: left undecoded until something reads the tuple (few ever do,
                // and decoding every one costs more than the rest of the tuple).
                this.deferredTexts ??= new MemoTexts(this.memo);
                if (from < 0)
                    from = this.deferredTexts.size;
                this.deferredTexts.add(~this.lazyAt[j], this.lazyMeta[j]);
                items[i] = LAZY;
            }
            else
                items[i] = s[j] === LAZY ? this.slotText(j) : s[j];
        }
        const tuple = this.container('tuple', items);
        if (from >= 0)
            tuple.defer(this.deferredTexts, from);
        return tuple;
    }
    /** `mutate` on a literal container of the right type: the items from `start` up, decoded where kept, leave the stack. */
    addItems(target, start) {
        const s = this.stack;
        let room = Math.min(CONTAINER_ITEMS - target.items.length, s.length - start, this.itemBudget);
        if (target.type === 'dict')
            room &= ~1;
        if (room > 0)
            this.decodeRange(start, start + room);
        this.itemBudget -= target.addRange(s, start, this.itemBudget);
        s.length = start;
    }
    /** Pushes a str as LAZY: bytes at `at` (see `lazyAt`) with meta `meta` (kind << 8 | length). */
    pushLazy(at, meta) {
        const i = this.stack.length;
        if (i >= this.lazyAt.length) {
            this.lazyAt = grown(this.lazyAt, i);
            this.lazyMeta = grown(this.lazyMeta, i);
        }
        this.lazyAt[i] = at;
        this.lazyMeta[i] = meta;
        if (i < this.lazyFrom)
            this.lazyFrom = i;
        this.stack.push(LAZY);
    }
    /** The str of the LAZY stack slot `i`. */
    slotText(i) {
        const at = this.lazyAt[i];
        const meta = this.lazyMeta[i];
        return at >= 0 ? decodeText(this.lazyInput, at, at + (meta & 0xff), meta >> 8) : this.memo.text(~at, meta);
    }
    /** Decodes the LAZY stack slots in [from, to). */
    decodeRange(from, to) {
        const s = this.stack;
        for (let i = from; i < to; i++)
            if (s[i] === LAZY)
                s[i] = this.slotText(i);
    }
    /** Decodes every LAZY slot left on the stack: what `exec` and `stop` see are plain values. */
    materialize() {
        this.decodeRange(this.lazyFrom, this.stack.length);
        this.lazyFrom = NO_LAZY;
    }
    /**
     * Decodes the LAZY slots whose bytes are in the input buffer (not those read from the memo's
     * copy, most of them, as writers memoize every str): the analyzer calls it before the input
     * lets go of that buffer.
     */
    releaseInput() {
        const s = this.stack;
        for (let i = this.lazyFrom; i < s.length; i++)
            if (s[i] === LAZY && this.lazyAt[i] >= 0)
                s[i] = this.slotText(i);
    }
    // -- stack -----------------------------------------------------------------
    fence() {
        return this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0;
    }
    underflow(offset) {
        this.sink.malformed(offset, 'unpickling stack underflow');
    }
    pop(offset) {
        if (this.stack.length <= this.fence()) {
            this.underflow(offset);
            return FAILED;
        }
        return this.stack.pop();
    }
    peek(offset) {
        if (this.stack.length <= this.fence()) {
            this.underflow(offset);
            return FAILED;
        }
        return this.stack[this.stack.length - 1];
    }
    /** `marker()`: pops the top mark; -1 (reported) when there is none. */
    popMark(offset) {
        const mark = this.marks.pop();
        if (mark === undefined) {
            this.sink.malformed(offset, 'could not find MARK');
            return -1;
        }
        return mark;
    }
    fromMark(type, offset) {
        const mark = this.popMark(offset);
        if (mark < 0)
            return FAILED;
        const items = this.stack.splice(mark);
        if (type === 'dict' && items.length % 2 !== 0) {
            this.sink.malformed(offset, 'odd number of items for DICT');
            return FAILED;
        }
        return this.container(type, items);
    }
    /** A container of `items`, keeping what the per-container cap and the stream's item budget allow. */
    container(type, items) {
        const size = type === 'dict' ? items.length >> 1 : items.length;
        if (this.itemBudget <= 0)
            return this.spent(type);
        let keep = Math.min(items.length, CONTAINER_ITEMS, this.itemBudget);
        if (type === 'dict')
            keep &= ~1;
        if (keep < items.length)
            items.length = keep;
        this.itemBudget -= keep;
        return new PyContainer(type, items, size);
    }
    /**
     * Once the item budget is spent, one shared contentless container per type stands
     * for all new ones: their contents are unknown anyway, and millions of memoized
     * small lists then cost nothing.
     */
    spent(type) {
        let shared = this.spentContainers.get(type);
        if (shared === undefined) {
            shared = new PyContainer(type, [], 1); // size > kept items: partial
            this.spentContainers.set(type, shared);
        }
        return shared;
    }
    failed(offset, problem) {
        this.sink.malformed(offset, problem);
        return FAILED;
    }
    // -- memo ------------------------------------------------------------------
    memoGet(index, offset) {
        const value = this.memo.get(index);
        if (value !== undefined)
            return value;
        this.sink.malformed(offset, `Memo value not found at index ${index}`);
        // Not FAILED: a loader that keeps one Unpickler across load() calls has this slot from an earlier pickle.
        return new PyOpaque(`missing memo slot ${index}`);
    }
    memoPut(index, offset) {
        this.memo.set(index, this.peek(offset));
    }
    // -- imports ---------------------------------------------------------------
    /** `find_class(module, name)`: Python 2 remapping below protocol 3, then the policy. */
    importGlobal(module, name, truncated, offset) {
        this.acted++;
        if (truncated)
            return this.dynamic(`${module}….${name}…`, 'a GLOBAL name too long to keep', offset);
        const [mod, qual] = this.proto < 3 ? fixImports(module, name) : [module, name];
        const key = `${mod}\0${qual}`;
        let global = this.globals.get(key);
        const verdict = this.policy.judge(mod, qual);
        if (global === undefined) {
            global = new PyGlobal(verdict.name, offset, verdict.caps);
            this.globals.set(key, global);
        }
        const written = mod !== module || qual !== name ? `${module}.${name}` : undefined;
        this.report(verdict, written, offset);
        return global;
    }
    report(verdict, written, offset) {
        const at = where(offset, this.sink.entry);
        // Names are never trimmed (the loader does not): show control characters such as CR.
        const name = /[\x00-\x1f\x7f]/.test(verdict.name) ? JSON.stringify(verdict.name) : verdict.name;
        const via = written !== undefined ? ` (written ${written}, remapped for protocol < 3)` : '';
        const reached = verdict.reached !== undefined ? `, which reaches ${verdict.reached}` : '';
        if (verdict.level === 'dangerous') {
            this.sink.add(RULES.dangerousGlobal, 'critical', offset, verdict.name, () => `Pickle imports ${name}${via}${reached} ${at}: ${verdict.category}. Loading this file runs it. ${DO_NOT_LOAD}`, verdict.reached !== undefined ? { reached: verdict.reached } : undefined);
        }
        else if (verdict.level === 'unknown') {
            this.sink.add(RULES.unknownGlobal, 'high', offset, verdict.name, () => `Pickle imports ${name}${via} ${at}, which is not on the allowlist: loading this file imports and may call it. ` +
                `If you trust this code, allow it with --allow-global ${suggestPattern(name)} (action input allow-globals); better, save the model without pickle (safetensors, ONNX, skops).`);
        }
    }
    dynamic(name, why, offset) {
        this.sink.add(RULES.dynamicGlobal, 'critical', offset, name, () => `Pickle computes the callable it imports or calls ${where(offset, this.sink.entry)} (${why}): it cannot be checked statically. ${DO_NOT_LOAD}`);
        return new PyGlobal(name, offset, null, true);
    }
    /** STACK_GLOBAL: both operands must be exact str; anything computed is a dynamic global. */
    stackGlobal(module, name, offset) {
        if (typeof module === 'string' && typeof name === 'string')
            return this.importGlobal(module, name, false, offset);
        if (module === FAILED || name === FAILED)
            return FAILED;
        const computed = [module, name].find(isComputed);
        if (computed === undefined)
            return this.failed(offset, `STACK_GLOBAL requires str (got ${describe(typeof module === 'string' ? name : module)})`);
        this.acted++;
        const part = (v) => (typeof v === 'string' ? v : `<${describe(v)}>`);
        return this.dynamic(`${part(module)}.${part(name)}`, `STACK_GLOBAL operand is ${describe(computed)}`, offset);
    }
    /** EXT1/2/4: a code from the copyreg extension registry, which any imported library may fill. */
    extension(code, offset) {
        if (code <= 0)
            return this.failed(offset, 'EXT specifies code <= 0');
        this.acted++;
        return this.dynamic(`copyreg extension code ${code}`, 'EXT opcode: resolved through the runtime copyreg registry', offset);
    }
    // -- calls and mutation ----------------------------------------------------
    call(callee, args, how, offset) {
        if (callee === FAILED)
            return FAILED;
        this.acted++;
        if (callee instanceof PyGlobal) {
            if (!callee.dynamic && callee.allowed !== null && !callee.allowed.call) {
                this.sink.add(RULES.unknownGlobal, 'high', offset, `${callee.name} (called)`, () => `${how} ${where(offset, this.sink.entry)} calls ${callee.name}, which is allowlisted only as a value, not as a callable. ${DO_NOT_LOAD}`);
            }
            if (!callee.dynamic && isNestedDeserializer(callee.name))
                this.queueNested(callee.name, args, offset);
            const literal = evaluateCall(callee.name, args, offset);
            if (literal !== undefined)
                return literal;
            if (how === 'REDUCE' && args !== FAILED && isConstant(args) && !(args instanceof PyContainer && args.type === 'tuple')) {
                this.sink.malformed(offset, `REDUCE arguments must be a tuple (got ${describe(args)})`);
            }
            return new PyInstance(callee, args, offset);
        }
        if (isComputed(callee)) {
            this.dynamic(`<${describe(callee)}>()`, `${how} calls ${describe(callee)}, a value computed at load time`, offset);
            return new PyInstance(callee, args, offset);
        }
        return this.failed(offset, `${how}: ${describe(callee)} is not callable`);
    }
    queueNested(via, args, offset) {
        const payloads = collectBytes(args, 3);
        if (payloads.length === 0 && containsUnknown(args, 3))
            this.nested.push({ via, offset, payload: null });
        for (const payload of payloads)
            this.nested.push({ via, offset, payload });
    }
    build(offset) {
        const s = this.stack;
        if (s.length - 2 < this.fence())
            return this.underflow(offset);
        const state = s.pop();
        const target = s[s.length - 1];
        if (target === FAILED)
            return;
        this.acted++;
        const at = where(offset, this.sink.entry);
        if (target instanceof PyGlobal) {
            if (!target.dynamic) {
                this.sink.add(RULES.dangerousGlobal, 'critical', offset, `${target.name} (BUILD target)`, () => `BUILD ${at} writes attributes into ${target.name} itself (a module, class or function object), poisoning it for everything loaded after. ${DO_NOT_LOAD}`);
            }
        }
        else if (target instanceof PyInstance) {
            const cls = target.cls;
            if (cls !== null && cls.allowed !== null && !cls.allowed.build) {
                this.sink.add(RULES.unknownGlobal, 'high', offset, `${cls.name} (BUILD)`, () => `BUILD ${at} sets the state of a ${cls.name} result, which the allowlist does not permit (it runs __setstate__ or setattr). ${DO_NOT_LOAD}`);
            }
        }
        else if (!(target instanceof PyOpaque)) {
            this.sink.malformed(offset, `BUILD on ${describe(target)}, which has no state to set`);
        }
        this.buildAction = this.onBuild?.(target, state, offset);
        if (this.buildAction?.value !== undefined)
            s[s.length - 1] = this.buildAction.value;
    }
    /**
     * APPEND(S), SETITEM(S), ADDITEMS of the stack items from `start` up: in place on a
     * literal container, a method call on anything else. The items leave the stack.
     */
    mutate(target, kind, start, how, offset) {
        // After error recovery the stack can sit below a recorded mark: the loader would have stopped.
        if (target === undefined)
            return this.underflow(offset);
        const s = this.stack;
        if (target instanceof PyContainer) {
            if (target.type === kind)
                this.itemBudget -= target.addRange(s, start, this.itemBudget);
            else if (!(kind === 'dict' && target.type === 'list')) {
                // `list[i] = v` is plain item assignment; anything else raises in the loader
                this.sink.malformed(offset, `${how} on a ${target.type}`);
            }
            s.length = start;
            return;
        }
        s.length = start;
        if (target === FAILED)
            return;
        this.acted++;
        const at = where(offset, this.sink.entry);
        const method = kind === 'list' ? 'extend/append' : kind === 'dict' ? '__setitem__' : 'add';
        if (target instanceof PyGlobal) {
            if (!target.dynamic) {
                this.sink.add(RULES.dangerousGlobal, 'critical', offset, `${target.name} (${how} target)`, () => `${how} ${at} mutates ${target.name} itself through ${method}, poisoning a module-level object. ${DO_NOT_LOAD}`);
            }
            return;
        }
        if (target instanceof PyInstance) {
            const cls = target.cls;
            if (cls !== null && cls.allowed !== null && !cls.allowed.items) {
                this.sink.add(RULES.unknownGlobal, 'high', offset, `${cls.name} (${how})`, () => `${how} ${at} calls ${method} on a ${cls.name} result, which the allowlist does not permit. ${DO_NOT_LOAD}`);
            }
            return;
        }
        if (target instanceof PyOpaque) {
            this.sink.add(RULES.unknownGlobal, 'high', offset, `${target.what} (${how})`, () => `${how} ${at} calls ${method} on ${target.what}, whose type is decided at load time. ${DO_NOT_LOAD}`);
            return;
        }
        if (!(target instanceof PyBytes && target.mutable))
            this.sink.malformed(offset, `${how} on ${describe(target)}`);
    }
}
/** Values only known at load time: results, globals, opaque objects, truncated strings. */
function isComputed(value) {
    return value !== null && typeof value === 'object' && (value.kind === 'instance' || value.kind === 'global' || value.kind === 'opaque' || value.kind === 'longstr');
}
function isConstant(value) {
    return !isComputed(value);
}
/** Bytes reachable from call arguments (through containers and wrapper calls such as `io.BytesIO`). */
function collectBytes(value, depth) {
    if (value instanceof PyBytes)
        return [value];
    if (depth === 0)
        return [];
    if (value instanceof PyContainer)
        return value.items.flatMap((v) => collectBytes(v, depth - 1));
    if (value instanceof PyInstance)
        return collectBytes(value.args, depth - 1);
    return [];
}
function containsUnknown(value, depth) {
    if (value instanceof PyOpaque)
        return !value.poisoned;
    if (value instanceof PyContainer)
        return value.partial || (depth > 0 && value.items.some((v) => containsUnknown(v, depth - 1)));
    if (value instanceof PyInstance && depth > 0)
        return containsUnknown(value.args, depth - 1);
    return value !== null && typeof value === 'object' && value.kind === 'longstr';
}
/** A pattern to suggest for `--allow-global`: the top-level package. */
function suggestPattern(name) {
    return `${name.split('.')[0]}.*`;
}

;// CONCATENATED MODULE: ./src/scan/pickle/analyze.ts
// Analyses a pickle byte stream: decodes it opcode by opcode (refilling from the chunk
// stream only when a decode step runs out of bytes), runs the symbolic machine, tracks
// FRAMEs, continues after STOP to the end of the stream (or `maxPickles`), scans bytes
// handed to nested deserializers, and keeps every finding made before a break.









/** Frames up to this size are buffered whole when they start, as the C unpickler checks them. */
const FRAME_PREFILL_MAX = 4 << 20;
/** Bytes of decoded payloads above `PREFIX` kept per stream; past it, payloads keep only a prefix. */
const RETAIN_BUDGET = 64 << 20;
const defaultNestedScanner = async (bytes, ctx) => (await analyzePickleStream(sourceChunks(bufferSource(bytes)), { ctx })).findings;
async function analyzePickleStream(stream, opts) {
    return new StreamAnalysis(stream, opts).run();
}
/**
 * One stream's analysis. The loop in `run` stays in one function (the hot path must not pay an
 * async call per opcode); the rarer steps (long arguments, STOP, FRAME, BUILD data) are methods.
 */
class StreamAnalysis {
    opts;
    ctx;
    sink;
    machine;
    input;
    dec = new Decoder();
    maxOpcodes;
    opcodes = 0;
    pickles = 0;
    inPickle = false;
    acted = false;
    retained = 0;
    frameStart = -1;
    frameEnd = -1;
    deferred;
    constructor(stream, opts) {
        this.opts = opts;
        this.ctx = opts.ctx;
        this.sink = new FindingSink(this.ctx.entry);
        this.machine = new Machine(this.sink, new GlobalPolicy(this.ctx.options.allowGlobals), opts.onBuild);
        this.input = new Input(stream, opts.baseOffset ?? 0);
        this.input.onRelease = () => this.machine.releaseInput();
        this.maxOpcodes = this.ctx.options.limits.maxOpcodes;
    }
    async run() {
        const { ctx, sink, machine, input, dec, maxOpcodes } = this;
        const fastPath = this.opts.dataFastPath ?? true;
        machine.startPickle();
        try {
            for (;;) {
                const deferred = this.deferred;
                if (deferred !== undefined && input.offset >= deferred.at) {
                    this.deferred = undefined;
                    if (!(await this.readInline(deferred.action, deferred.build)))
                        break;
                }
                if (fastPath && this.opcodes < maxOpcodes && input.pos < input.buf.length && this.runData())
                    continue;
                const step = dec.decode(input.buf, input.pos, input.buf.length, input.eof, input.offset);
                if (step === Step.Need) {
                    await input.fill(dec.need);
                    continue;
                }
                const offset = input.offset;
                if (step === Step.End) {
                    if (this.inPickle)
                        this.broken(offset, 'Ran out of input before STOP');
                    if (this.frameEnd > offset)
                        sink.malformed(this.frameStart, `FRAME announces data up to offset ${this.frameEnd} but the stream ends at ${offset}; the C unpickler fails at this FRAME`);
                    break;
                }
                if (step === Step.Invalid) {
                    this.broken(offset, dec.fault);
                    break;
                }
                if (this.opcodes >= maxOpcodes) {
                    sink.incomplete(offset, `the opcode limit (limits.maxOpcodes = ${maxOpcodes}) was reached`);
                    break;
                }
                if (ctx.budget?.spent(ctx, offset))
                    break; // the file's time budget (../budget.ts); scanFile reports the stop
                this.opcodes++;
                this.inPickle = true;
                if (step === Step.Large || step === Step.LongLine) {
                    if (!(await this.readLongArgument(step, offset)))
                        break;
                }
                else
                    input.pos = dec.next;
                const opEnd = input.offset;
                this.checkFrame(step, offset, opEnd);
                if (dec.code === Op.STOP) {
                    if (await this.stop(offset))
                        continue;
                    break;
                }
                if (dec.code === Op.FRAME) {
                    if (await this.frame(offset, opEnd))
                        continue;
                    break;
                }
                machine.exec(dec, offset);
                if (machine.nested.length > 0)
                    await scanNested(machine.nested.splice(0), sink, ctx, this.opts.nested ?? defaultNestedScanner);
                if (machine.buildAction !== undefined && !(await this.afterBuild(offset, opEnd)))
                    break;
            }
        }
        catch (err) {
            // A read past the time budget (../budget.ts): keep what was found; scanFile reports the stop.
            if (!(err instanceof BudgetStop))
                throw err;
            this.deferred = undefined;
        }
        if (this.deferred !== undefined && ctx.budget?.stopped !== true)
            this.broken(input.offset, `the stream ends before the inline data of the BUILD at offset ${this.deferred.build}`);
        this.acted ||= machine.acted > 0;
        return {
            findings: sink.findings,
            pickles: this.pickles,
            end: input.offset,
            opcodes: this.opcodes,
            sawPickle: this.pickles > 0 || this.acted,
            allAllowlisted: sink.allAllowlisted
        };
    }
    /**
     * The bulk of the stream: plain data opcodes run straight from the buffer (machine.runData), up
     * to the first opcode that needs the generic path (at most the rest of this buffer, so the time
     * budget, asked there and on every chunk read, still stops the loop promptly). True when a
     * deferred BUILD read is due before the generic path goes on.
     */
    runData() {
        const { input, machine } = this;
        const base = input.offset - input.pos;
        const start = input.pos;
        const limit = this.deferred !== undefined ? this.deferred.at - base : input.buf.length;
        const pos = machine.runData(input.buf, start, limit, input.buf.length, this.maxOpcodes - this.opcodes, this.frameEnd >= 0 ? this.frameEnd - base : -1);
        if (pos === start)
            return false;
        input.pos = pos;
        this.opcodes += machine.dataOps;
        this.inPickle = true;
        this.frameEnd = machine.dataFrameEnd < 0 ? -1 : base + machine.dataFrameEnd;
        if (machine.dataFrameStart >= 0)
            this.frameStart = base + machine.dataFrameStart;
        return this.deferred !== undefined;
    }
    /** The argument of a payload too large to keep or of a text line longer than LINE_MAX; false when it is cut short. */
    async readLongArgument(step, offset) {
        const { input, dec } = this;
        if (step === Step.Large) {
            const length = dec.num;
            input.pos = dec.next;
            const { prefix, taken } = await input.take(length, PREFIX);
            if (taken < length) {
                this.broken(offset, 'pickle data was truncated');
                return false;
            }
            dec.fromLarge(prefix, length, offset);
            return true;
        }
        input.pos++;
        const prefixes = [];
        const lengths = [];
        for (let i = dec.code === Op.GLOBAL || dec.code === Op.INST ? 2 : 1; i > 0; i--) {
            const line = await input.takeLine(PREFIX);
            if (!line.found) {
                this.broken(offset, 'pickle data was truncated');
                return false;
            }
            prefixes.push(line.prefix);
            lengths.push(line.length);
        }
        dec.fromLongLines(prefixes, lengths);
        return true;
    }
    /** Counts kept payload bytes (past the budget, payloads keep a prefix only) and checks the opcode against the current FRAME. */
    checkFrame(step, offset, opEnd) {
        if (opEnd - offset > PREFIX && step !== Step.Large) {
            this.retained += opEnd - offset;
            if (this.retained > RETAIN_BUDGET)
                this.dec.inlineMax = PREFIX;
        }
        if (this.frameEnd < 0)
            return;
        if (offset >= this.frameEnd)
            this.frameEnd = -1;
        else if (opEnd > this.frameEnd && this.dec.code !== Op.FRAME) {
            frameDesync(this.sink, offset, `${opName(this.dec.code)} crosses the end of the FRAME at offset ${this.frameStart} (frame ends at ${this.frameEnd}, the opcode at ${opEnd})`);
            this.frameEnd = -1;
        }
    }
    /** STOP: ends the pickle (or returns to the one that read it inline); false when the analysis ends here. */
    async stop(offset) {
        const { machine } = this;
        const result = machine.stop(offset);
        if (machine.popPickle(result))
            return true;
        this.pickles++;
        this.inPickle = false;
        this.acted ||= machine.acted > 0;
        this.frameEnd = -1;
        if (this.opts.maxPickles !== undefined && this.pickles >= this.opts.maxPickles)
            return false;
        if (!(await this.input.more()))
            return false;
        machine.startPickle();
        return true;
    }
    /** FRAME: checked against the one open, and buffered whole when small, as the C unpickler does; false when it is cut short. */
    async frame(offset, opEnd) {
        const size = this.dec.num;
        if (this.frameEnd >= 0 && offset < this.frameEnd)
            frameDesync(this.sink, offset, `FRAME starts before the FRAME at offset ${this.frameStart} is consumed (it ends at ${this.frameEnd})`);
        this.frameStart = offset;
        this.frameEnd = opEnd + size;
        if (size <= FRAME_PREFILL_MAX && !(await this.input.fill(size))) {
            this.broken(offset, `FRAME of ${size} bytes runs past the end of the data (pickle data was truncated); nothing in it runs`);
            return false;
        }
        return true;
    }
    /** What the BUILD at `offset` makes the loader read inline (joblib arrays, an inline pickle); false when it is cut short. */
    async afterBuild(offset, opEnd) {
        const action = this.machine.buildAction;
        this.machine.buildAction = undefined;
        if (this.frameEnd > opEnd) {
            // The loader reads inline data from the file, which is already past this frame: the
            // data comes from the frame's end while opcodes go on inside the frame (pure-Python
            // framer, as joblib uses it). Emulated by deferring the read to the frame's end.
            inlineDesync(this.sink, offset, this.frameStart, this.frameEnd);
            this.deferred = { action, at: this.frameEnd, build: offset };
            return true;
        }
        this.frameEnd = -1; // the loader reads this data from the file itself, outside any frame
        return this.readInline(action, offset);
    }
    /** Consumes what the BUILD at `build` makes the loader read inline; false when the data is cut short. */
    async readInline(action, build) {
        const { input } = this;
        if (!('skipBytes' in action)) {
            this.machine.pushPickle();
            return true;
        }
        // joblib's alignment: one length byte L, then L padding bytes, then the array data.
        let length = action.skipBytes;
        let taken = 0;
        if (action.padded === true) {
            const pad = await input.take(1, 1);
            length += 1 + (pad.taken === 1 ? pad.prefix[0] : 0);
            if (pad.taken === 1)
                taken = 1 + (await input.take(pad.prefix[0], 0)).taken;
        }
        if (taken === length - action.skipBytes)
            taken += (await input.take(action.skipBytes, 0)).taken;
        if (taken < length) {
            this.broken(input.offset, `inline data of ${length} bytes after the BUILD at offset ${build} was truncated`);
            return false;
        }
        return true;
    }
    broken(offset, problem) {
        const { sink, machine } = this;
        if (this.inPickle)
            sink.malformed(offset, machine.acted > 0 ? `${problem} (after ${machine.acted} imports or calls had already run)` : problem);
        else if (this.pickles > 0)
            sink.malformed(offset, `the data after pickle ${this.pickles} does not decode as a pickle (${problem}); a loader that reads on fails here`);
        else
            sink.malformed(offset, `not a readable pickle (${problem})`);
    }
}
function frameDesync(sink, offset, problem) {
    desync(sink, offset, `${problem}. When a loader reads from a file (pickle.load, torch.load) ` +
        `the C unpickler can then decode other opcodes than a linear parser sees (CPython issue 154848): a known way to hide a payload from scanners.`);
}
function inlineDesync(sink, offset, frameStart, frameEnd) {
    desync(sink, offset, `the BUILD makes the loader read inline array data from the file, which is already past ` +
        `the FRAME at offset ${frameStart}, so the data comes from offset ${frameEnd} while opcodes go on inside the frame. joblib's writer never does this; ` +
        `a linear parser reads other opcodes than the loader (a known way to hide a payload after an inline array).`);
}
function desync(sink, offset, detail) {
    sink.add(RULES.frameDesync, 'critical', offset, undefined, () => `Inconsistent pickle framing ${where(offset, sink.entry)}: ${detail} ${DO_NOT_LOAD}`);
}
async function scanNested(calls, sink, ctx, scanner) {
    for (const call of calls) {
        const at = where(call.offset, sink.entry);
        if (call.payload === null || call.payload.truncated) {
            const why = call.payload === null ? 'are computed at load time' : `(${call.payload.length} bytes) are too large to keep`;
            sink.incomplete(call.offset, `the bytes passed to ${call.via} ${why}, so the nested pickle was not analysed`);
            continue;
        }
        if (ctx.depth + 1 > ctx.options.limits.maxDepth) {
            sink.incomplete(call.offset, `the bytes passed to ${call.via} are nested deeper than limits.maxDepth = ${ctx.options.limits.maxDepth}`);
            continue;
        }
        const inner = await scanner(call.payload.data, { ...ctx, depth: ctx.depth + 1, entry: undefined });
        for (const finding of inner) {
            const innerOffset = finding.location?.offset;
            sink.adopt(`nested\0${call.via}\0${finding.rule}\0${String(finding.global ?? '')}`, {
                ...finding,
                message: `In the bytes passed to ${call.via} ${at} (nested offset ${innerOffset ?? 0}): ${finding.message}`,
                location: sink.entry === undefined ? { offset: call.offset } : { entry: sink.entry, offset: call.offset },
                nestedIn: call.via,
                ...(innerOffset !== undefined ? { nestedOffset: innerOffset } : {})
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/scan/formats/py-literal.ts
// `ast.literal_eval` for `.npy` headers (formats.md §3.1): dicts, tuples, lists, sets, str/bytes
// (prefixes, escapes, implicit concatenation), ints and floats (bases, `_`, unary signs on number
// tokens only), True/False/None, parentheses, comments, line continuations and the line layout
// CPython's tokenizer accepts around the value. What it returns is what Python builds; anything
// it does not model with certainty throws, and the caller fails closed on that.
class PyStr {
    value;
    bytes;
    constructor(value, bytes) {
        this.value = value;
        this.bytes = bytes;
    }
}
class PyTuple {
    items;
    constructor(items) {
        this.items = items;
    }
}
class PySet {
    items;
    constructor(items) {
        this.items = items;
    }
}
/** A dict display as written: every entry, duplicates included (see `strKeys` for what Python keeps). */
class PyDict {
    entries;
    constructor(entries) {
        this.entries = entries;
    }
}
class ParseError extends Error {
}
const py_literal_SIMPLE_ESCAPES = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };
const STRING_START = /^(?:[rRbBuU]|[rR][bB]|[bB][rR])?['"]/;
const DIGITS = String.raw `\d(?:_?\d)*`;
const NUMBER = new RegExp(String.raw `^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|` +
    String.raw `(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?)`);
/** A line whose indentation column is 0: a form feed resets the column. */
const COLUMN_ZERO = /^(?:[ \t]*\f)*/;
class Parser {
    py2;
    pos = 0;
    /** Open brackets: inside them newlines and comments are whitespace. */
    depth = 0;
    text;
    constructor(text, py2) {
        this.py2 = py2;
        if (text.includes('\0'))
            throw new ParseError('NUL character in the source');
        // literal_eval strips leading spaces and tabs; the tokenizer reads \r\n and \r as \n.
        this.text = text.replace(/^[ \t]+/, '').replace(/\r\n?/g, '\n');
    }
    fail(what) {
        throw new ParseError(`${what} at character ${this.pos}`);
    }
    skipSpace() {
        for (;;) {
            const c = this.text[this.pos];
            if (c === ' ' || c === '\t' || c === '\f')
                this.pos++;
            else if (c === '\\' && this.text[this.pos + 1] === '\n')
                this.pos += 2;
            else if (this.depth > 0 && c === '\n')
                this.pos++;
            else if (this.depth > 0 && c === '#') {
                while (this.pos < this.text.length && this.text[this.pos] !== '\n')
                    this.pos++;
            }
            else
                return;
        }
    }
    /** Blank and comment lines, then the value's line, which must not be indented. */
    leading() {
        for (let m; (m = /^[ \t\f]*(?:#[^\n]*)?\n/.exec(this.text.slice(this.pos))) !== null;)
            this.pos += m[0].length;
        this.pos += COLUMN_ZERO.exec(this.text.slice(this.pos))[0].length;
        const c = this.text[this.pos];
        if (c === ' ' || c === '\t' || c === '\\')
            this.fail('indentation or continuation before the value is not modelled');
    }
    /** After the value: the rest of its logical line, then only blank lines. */
    trailing() {
        this.skipSpace();
        if (this.text[this.pos] === '#')
            this.pos = this.text.indexOf('\n', this.pos) < 0 ? this.text.length : this.text.indexOf('\n', this.pos);
        if (this.pos === this.text.length)
            return;
        if (this.text[this.pos] !== '\n')
            this.fail('trailing characters');
        const lines = this.text.slice(this.pos + 1).split('\n');
        const last = lines.pop();
        if (lines.some((line) => !/^[ \t\f]*(?:#.*)?$/.test(line)))
            this.fail('trailing lines');
        // A last line without newline is blank only when empty, a comment, or at column 0.
        if (/^[ \t\f]*#/.test(last) || COLUMN_ZERO.exec(last)[0] === last)
            return;
        if (this.py2 && /^[ \t\f]*$/.test(last))
            return;
        this.fail('indented last line');
    }
    value() {
        this.skipSpace();
        const c = this.text[this.pos];
        if (c === undefined)
            this.fail('unexpected end');
        if (c === '{')
            return this.braces();
        if (c === '(')
            return this.sequence(')', true);
        if (c === '[')
            return this.sequence(']', false);
        if (c === '+' || c === '-') {
            this.pos++;
            // literal_eval takes a sign only on a number token (maybe parenthesised): not on True, not twice.
            const v = this.unsignedNumber();
            return c === '-' ? -v : v;
        }
        if (STRING_START.test(this.text.slice(this.pos, this.pos + 3)))
            return this.strings();
        const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64))?.[0];
        if (word !== undefined) {
            this.pos += word.length;
            if (word === 'True')
                return true;
            if (word === 'False')
                return false;
            if (word === 'None')
                return null;
            this.fail(`name ${word} is not a literal`);
        }
        return this.number();
    }
    unsignedNumber() {
        this.skipSpace();
        if (this.text[this.pos] !== '(')
            return this.number();
        this.pos++;
        this.depth++;
        const v = this.unsignedNumber();
        this.skipSpace();
        if (this.text[this.pos] !== ')')
            this.fail('expected )');
        this.pos++;
        this.depth--;
        return v;
    }
    /** Adjacent string literals concatenate (all str or all bytes). */
    strings() {
        let out;
        for (;;) {
            const s = this.string();
            if (out !== undefined && out.bytes !== s.bytes)
                this.fail('cannot mix bytes and str literals');
            out = new PyStr((out?.value ?? '') + s.value, s.bytes);
            this.skipSpace();
            if (!STRING_START.test(this.text.slice(this.pos, this.pos + 3)))
                return out;
        }
    }
    string() {
        const prefix = STRING_START.exec(this.text.slice(this.pos, this.pos + 3))[0].slice(0, -1).toLowerCase();
        this.pos += prefix.length;
        const raw = prefix.includes('r');
        const bytes = prefix.includes('b');
        const quote = this.text[this.pos];
        const triple = this.text.startsWith(quote.repeat(3), this.pos);
        this.pos += triple ? 3 : 1;
        let value = '';
        for (;;) {
            const c = this.text[this.pos];
            if (c === undefined)
                this.fail('unterminated string');
            if (triple ? this.text.startsWith(quote.repeat(3), this.pos) : c === quote) {
                this.pos += triple ? 3 : 1;
                return new PyStr(value, bytes);
            }
            if (c === '\n' && !triple)
                this.fail('newline in string');
            if (c === '\\' && !raw) {
                value += this.escape(bytes);
                continue;
            }
            if (c === '\\' && raw) {
                value += c + (this.text[this.pos + 1] ?? '');
                this.pos += 2;
                continue;
            }
            if (bytes && c.charCodeAt(0) > 0x7f)
                this.fail('non-ASCII character in bytes literal');
            value += c;
            this.pos++;
        }
    }
    escape(bytes) {
        const c = this.text[this.pos + 1];
        if (c === undefined)
            this.fail('unterminated escape');
        if (c in py_literal_SIMPLE_ESCAPES) {
            this.pos += 2;
            return py_literal_SIMPLE_ESCAPES[c];
        }
        const hex = (n) => {
            const digits = this.text.slice(this.pos + 2, this.pos + 2 + n);
            if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits) || parseInt(digits, 16) > 0x10ffff)
                this.fail('bad escape');
            this.pos += 2 + n;
            return String.fromCodePoint(parseInt(digits, 16));
        };
        if (c === 'x')
            return hex(2);
        if (!bytes && c === 'u')
            return hex(4);
        if (!bytes && c === 'U')
            return hex(8);
        if (/[0-7]/.test(c)) {
            const digits = /^[0-7]{1,3}/.exec(this.text.slice(this.pos + 1))[0];
            this.pos += 1 + digits.length;
            // Python 3.11: an octal escape above \377 wraps in bytes and is the code point in str.
            return String.fromCodePoint(parseInt(digits, 8) & (bytes ? 0xff : 0x1ff));
        }
        if (!bytes && c === 'N')
            this.fail('named escapes are not supported');
        // Unknown escapes keep the backslash.
        this.pos += 2;
        return '\\' + c;
    }
    number() {
        const m = NUMBER.exec(this.text.slice(this.pos, this.pos + 400));
        if (m === null)
            this.fail('not a literal');
        this.pos += m[0].length;
        if (this.py2)
            this.dropLong();
        // Imaginary numbers, `1__0`, `1_`, `1x`, `1.2.3`: not modelled or not Python.
        if (/[\w.]/.test(this.text[this.pos] ?? ''))
            this.fail('unsupported number');
        const digits = m[0].replace(/_/g, '');
        if (/^0[xXoObB]/.test(digits))
            return BigInt(digits.toLowerCase());
        if (/[.eE]/.test(digits))
            return Number(digits);
        if (/^0+[1-9]/.test(digits))
            this.fail('leading zeros in a decimal integer');
        return BigInt(digits);
    }
    /** `_filter_header`: the token after a number is the name `L` (spaces and continuations between): drop it. */
    dropLong() {
        const m = /^(?:[ \t\f]|\\\n)*L(?!\w)/.exec(this.text.slice(this.pos, this.pos + 200));
        if (m !== null)
            this.pos += m[0].length;
    }
    sequence(close, isTuple) {
        this.pos++;
        this.depth++;
        const items = [];
        let comma = false;
        for (;;) {
            this.skipSpace();
            if (this.text[this.pos] === close) {
                this.pos++;
                this.depth--;
                // `(x)` is x itself; `(x,)` and `()` are tuples.
                if (isTuple)
                    return items.length === 1 && !comma ? items[0] : new PyTuple(items);
                return items;
            }
            if (items.length > 0 && !comma)
                this.fail(`expected , or ${close}`);
            items.push(this.value());
            this.skipSpace();
            comma = this.text[this.pos] === ',';
            if (comma)
                this.pos++;
        }
    }
    braces() {
        this.pos++;
        this.depth++;
        const entries = [];
        const items = [];
        let comma = true;
        for (;;) {
            this.skipSpace();
            if (this.text[this.pos] === '}') {
                this.pos++;
                this.depth--;
                if (items.length > 0)
                    return new PySet(items);
                return new PyDict(entries);
            }
            if (!comma)
                this.fail('expected , or }');
            const key = this.value();
            this.skipSpace();
            if (this.text[this.pos] === ':' && items.length === 0) {
                this.pos++;
                entries.push([key, this.value()]);
            }
            else if (entries.length === 0)
                items.push(key);
            else
                this.fail('mixed dict and set display');
            this.skipSpace();
            comma = this.text[this.pos] === ',';
            if (comma)
                this.pos++;
        }
    }
}
/** `ast.literal_eval(text)`; an Error with a reason when the text is not a supported literal. */
function parsePyLiteral(text, options = {}) {
    const p = new Parser(text, options.py2 ?? false);
    p.leading();
    const value = p.value();
    p.trailing();
    return value;
}
/**
 * The dict Python builds from a display: for each str key, the value written last (a repeated
 * key keeps its first position); `other` holds the keys that are not str (extra keys, or
 * unhashable ones that make Python raise).
 */
function strKeys(dict) {
    const keys = new Map();
    const other = [];
    for (const [k, v] of dict.entries) {
        if (k instanceof PyStr && !k.bytes)
            keys.set(k.value, v);
        else
            other.push(k);
    }
    return { keys, other };
}

;// CONCATENATED MODULE: ./src/scan/formats/numpy.ts
// NumPy `.npy` (formats.md §3.1): the header is parsed as `ast.literal_eval` would (with numpy's
// Python 2 retry for format 1.0/2.0) and the dict it builds is checked as `_read_array_header`
// checks it: a repeated key keeps its last value. An object dtype (anywhere in the descr) means
// the data is `pickle.load(fp)`, which is analysed; numeric data is never read. Whenever the header
// is not certainly a numeric array (object dtype, unclassified descr, unparsed or refused header),
// the bytes after it are analysed as a pickle (fail closed).




const numpy_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
/** Header bytes read before the scan gives up (numpy's own limit is 10000 characters without allow_pickle). */
const MAX_HEADER = 16 * 1024 * 1024;
/** Type codes and names `numpy.dtype(str)` accepts for non-object dtypes. */
const PLAIN_CODES = /^[?bBhHiIlLqQpPnNefdgFDGSUVaMmc]$/;
const PLAIN_SIZED = /^(?:[biufcSUVa]\d+|[Mm]8(?:\[\w+\])?|[Mm](?:\[\w+\])?)$/;
const PLAIN_NAMES = new Set(('bool bool_ bool8 byte ubyte short ushort intc uintc int_ uint long ulong longlong ulonglong intp uintp half single double longdouble float ' +
    'csingle cdouble clongdouble complex str str_ unicode unicode_ bytes bytes_ string_ void int8 int16 int32 int64 uint8 uint16 uint32 uint64 ' +
    'float16 float32 float64 float128 complex64 complex128 complex256 datetime64 timedelta64 int float_ complex_').split(' '));
const OBJECT_NAMES = /^(?:O\d*|object_?)$/;
function classifyString(spec) {
    const parts = spec.split(',').map((p) => p.trim());
    if (parts.length > 1)
        return worst(parts.map((p) => classifyString(p.replace(/^\(\s*[\d\s,]*\)\s*/, ''))));
    const bare = spec.replace(/^[<>|=]/, '');
    if (OBJECT_NAMES.test(bare))
        return 'object';
    if (PLAIN_CODES.test(bare) || PLAIN_SIZED.test(bare) || PLAIN_NAMES.has(bare) || /^(?:datetime64|timedelta64)\[\w+\]$/.test(bare))
        return 'plain';
    return 'unknown';
}
function worst(kinds) {
    // descr_to_dtype raises on an invalid field wherever it is, so nothing after it matters.
    for (const k of ['invalid', 'object', 'unknown'])
        if (kinds.includes(k))
            return k;
    return 'plain';
}
/** `numpy.dtype((dt, shape))`: an int or a tuple of ints keeps dt; other second items are not modelled. */
function withShape(base, shape) {
    const isInt = (v) => typeof v === 'bigint' || typeof v === 'boolean';
    return isInt(shape) || (shape instanceof PyTuple && shape.items.every(isInt)) ? base : worst([base, 'unknown']);
}
/** The items `for x in value` yields, or null for a value Python cannot iterate. */
function iterate(value) {
    if (Array.isArray(value))
        return value;
    if (value instanceof PyTuple || value instanceof PySet)
        return value.items;
    if (value instanceof PyDict)
        return value.entries.map(([k]) => k);
    return null;
}
/**
 * `descr_to_dtype`: a str goes to `numpy.dtype`; a tuple is `(base, shape)` (items past the
 * second are ignored); anything else is iterated as fields `(name, descr[, shape])`, where a
 * field is any sized value (`['aO']` is field `a` of dtype `O`).
 */
function classifyDescr(descr, depth = 0) {
    if (depth > 32)
        return 'unknown';
    if (descr instanceof PyStr && !descr.bytes)
        return classifyString(descr.value);
    if (descr instanceof PyTuple)
        return descr.items.length < 2 ? 'invalid' : withShape(classifyDescr(descr.items[0], depth + 1), descr.items[1]);
    const fields = iterate(descr);
    // None, bools, numbers: not iterable; bytes iterate as ints, which have no len() (b'' is no field at all).
    if (fields === null)
        return descr instanceof PyStr && descr.value.length === 0 ? 'plain' : 'invalid';
    return worst(fields.map((field) => classifyField(field, depth + 1)));
}
function classifyField(field, depth) {
    if (field instanceof PyStr && !field.bytes) {
        const chars = Array.from(field.value);
        if (chars.length === 2)
            return classifyString(chars[1]);
        // A 3-character field is (name, descr, shape) with a one-character shape string: not modelled.
        return chars.length === 3 ? 'unknown' : 'invalid';
    }
    // Sets and dicts unpack in hash order: which item is the descr is not modelled.
    if (field instanceof PySet || field instanceof PyDict)
        return 'unknown';
    const items = Array.isArray(field) ? field : field instanceof PyTuple ? field.items : null;
    // bytes unpack into ints (no dtype); None, bools and numbers have no len().
    if (items === null)
        return 'invalid';
    if (items.length === 2)
        return classifyDescr(items[1], depth);
    if (items.length === 3)
        return withShape(classifyDescr(items[1], depth), items[2]);
    return 'invalid';
}
/** What `_read_array_header` makes of the dict `literal_eval` built. */
function checkHeader(header) {
    if (!(header instanceof PyDict))
        return { ok: false, problem: 'the header is not a dict' };
    const { keys, other } = strKeys(header);
    const want = ['descr', 'fortran_order', 'shape'];
    if (other.length > 0 || keys.size !== 3 || !want.every((k) => keys.has(k)))
        return { ok: false, problem: 'the header keys are not exactly descr, fortran_order, shape' };
    const shape = keys.get('shape');
    if (!(shape instanceof PyTuple) || !shape.items.every((d) => typeof d === 'bigint' || typeof d === 'boolean'))
        return { ok: false, problem: 'shape is not a tuple of ints' };
    if (typeof keys.get('fortran_order') !== 'boolean')
        return { ok: false, problem: 'fortran_order is not a bool' };
    const kind = classifyDescr(keys.get('descr'));
    if (kind === 'invalid')
        return { ok: false, problem: 'descr is not a valid dtype descriptor' };
    return { ok: true, kind };
}
function decodeHeader(bytes, major) {
    if (major < 3)
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    try {
        // Python keeps a BOM (and then refuses it as source), so the decoder must not strip it.
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    }
    catch {
        return null;
    }
}
/** `literal_eval`, retried for format 1.0/2.0 headers the way numpy retries them (`_filter_header`). */
function readHeader(text, major) {
    try {
        return { verdict: checkHeader(parsePyLiteral(text, { py2: major < 3 })) };
    }
    catch (err) {
        return { unparsed: err.message };
    }
}
/** Analyses one `.npy` stream. `location.entry` is `ctx.entry`; offsets are from the start of the `.npy`. */
async function scanNpy(input, ctx, nested) {
    const entry = ctx.entry;
    const note = (rule, severity, message, offset) => ({
        rule,
        severity,
        message,
        ...(entry !== undefined || offset !== undefined ? { location: { ...(entry !== undefined ? { entry } : {}), ...(offset !== undefined ? { offset } : {}) } } : {})
    });
    const refusedNote = (why, offset, scanned) => note(RULES.numpyInvalidHeader, 'low', scanned
        ? `numpy.load refuses this .npy file (${why}); the data after the header was still analysed as a pickle. Re-save it with numpy.save if it should be an array.`
        : `numpy.load refuses this .npy file (${why}), so nothing in it is loaded. Re-save it with numpy.save if it should be an array.`, offset);
    const refused = (why, offset) => ({ format: 'numpy', findings: [refusedNote(why, offset, false)] });
    let peeked = await peek(input, 12);
    const head = peeked.head;
    if (head.length < 10 || !numpy_MAGIC.every((b, i) => head[i] === b))
        return refused('truncated magic string', 0);
    const [major, minor] = [head[6], head[7]];
    if (!((major === 1 || major === 2 || major === 3) && minor === 0))
        return refused(`unsupported format version ${major}.${minor}`, 6);
    if (major > 1 && head.length < 12)
        return refused('truncated header length', 8);
    const headerLength = major === 1 ? head[8] | (head[9] << 8) : (head[8] | (head[9] << 8) | (head[10] << 16) | (head[11] << 24)) >>> 0;
    const dataStart = (major === 1 ? 10 : 12) + headerLength;
    if (headerLength > MAX_HEADER) {
        return { format: 'numpy', findings: [incompleteFinding(`.npy header of ${headerLength} bytes is larger than modelgate reads: the array was not analysed.`, entry, 8)] };
    }
    if (peeked.head.length < dataStart)
        peeked = await peek(peeked.stream, dataStart);
    if (peeked.head.length < dataStart)
        return refused('the header is truncated', 8);
    const headerAt = dataStart - headerLength;
    const text = decodeHeader(peeked.head.subarray(headerAt, dataStart), major);
    const reading = text === null ? { verdict: { ok: false, problem: 'the header is not valid UTF-8' } } : readHeader(text, major);
    // Whatever the header says, unless it is certainly a numeric array, the data is analysed (fail closed).
    const findings = [];
    let objectArray = false;
    if ('unparsed' in reading) {
        findings.push(note(RULES.numpyUnparsedHeader, 'medium', `The .npy header could not be parsed (${reading.unparsed}); numpy may still accept it, so the data after it was analysed as a pickle.`, headerAt));
    }
    else if (!reading.verdict.ok) {
        findings.push(refusedNote(reading.verdict.problem, headerAt, true));
    }
    else if (reading.verdict.kind === 'plain') {
        return { format: 'numpy', findings };
    }
    else if (reading.verdict.kind === 'unknown') {
        findings.push(note(RULES.numpyUnknownDtype, 'medium', 'The .npy dtype could not be classified with certainty; as it may hold objects, the data after the header was analysed as a pickle.', headerAt));
    }
    else
        objectArray = true;
    const stream = peeked.stream;
    if (stream.skip !== undefined)
        await stream.skip(dataStart);
    const result = await analyzePickleStream(stream, { ctx, nested, baseOffset: dataStart });
    // Behind a header numpy refuses, bytes that never decode as a pickle are nothing any loader runs.
    const certainlyRefused = 'verdict' in reading && !reading.verdict.ok;
    const analysed = certainlyRefused && !result.sawPickle ? result.findings.filter((f) => f.rule !== RULES.pickleMalformed) : result.findings;
    return {
        format: 'numpy',
        findings: [...findings, ...analysed],
        details: { objectArray, dataOffset: dataStart },
        ...(result.sawPickle ? { pickleSeen: { entry } } : {})
    };
}

;// CONCATENATED MODULE: ./src/scan/formats/joblib-arrays.ts
// joblib's inline arrays (formats.md §4). After the BUILD of a
// `joblib.numpy_pickle.NumpyArrayWrapper`, `NumpyUnpickler` reads the array straight from the
// file: for a non-object dtype an alignment length byte, that many padding bytes, then
// prod(shape) × itemsize bytes; for an object dtype one whole nested pickle. This hook sizes
// that read exactly from the wrapper's pickled state, so the analysis resumes at the next
// opcode (a payload placed after an array is found), and fails closed on dtypes it cannot size.



const NUMPY_ARRAY_WRAPPER = 'joblib.numpy_pickle.NumpyArrayWrapper';
/** Compat wrappers (joblib < 0.10): the array lives in a companion file named in the state. */
const COMPANION_WRAPPERS = new Set([
    'joblib.numpy_pickle.NDArrayWrapper',
    'joblib.numpy_pickle.ZNDArrayWrapper',
    'joblib.numpy_pickle_compat.NDArrayWrapper',
    'joblib.numpy_pickle_compat.ZNDArrayWrapper'
]);
/** Globals that are data inside a joblib file (and only there): the wrappers. NumPy's own are allowlisted everywhere. */
const JOBLIB_DATA_GLOBALS = [NUMPY_ARRAY_WRAPPER, ...COMPANION_WRAPPERS];
const DTYPE_GLOBALS = new Set(['numpy.dtype']);
/** Item sizes of the fixed-size kinds of a pickled dtype's descr (`f8`, `i4`, `b1`, `c16`, `M8`, ...). */
const FIXED_KINDS = new Set(['b', 'i', 'u', 'f', 'c', 'm', 'M']);
function dictGet(state, key) {
    if (!(state instanceof PyContainer) || state.type !== 'dict')
        return undefined;
    for (let i = 0; i + 1 < state.items.length; i += 2)
        if (state.items[i] === key)
            return state.items[i + 1];
    return undefined;
}
function globalName(value) {
    return value instanceof PyInstance ? value.cls?.name : undefined;
}
/** The item size of a pickled `numpy.dtype(descr, align, copy)` plus the state its BUILD set. */
function dtypeSize(dtype, states) {
    if (!(dtype instanceof PyInstance) || !DTYPE_GLOBALS.has(globalName(dtype) ?? ''))
        return { unknown: 'the dtype is not a pickled numpy.dtype' };
    const args = dtype.args;
    const descr = args instanceof PyContainer && args.type === 'tuple' ? args.items[0] : undefined;
    if (typeof descr !== 'string')
        return { unknown: 'the numpy.dtype arguments are not a literal descr string' };
    const match = /^([a-zA-Z?])(\d*)$/.exec(descr);
    if (match === null)
        return { unknown: `unsupported dtype descr ${JSON.stringify(descr)}` };
    const [, kind, digits] = match;
    const state = states.get(dtype);
    const fields = state instanceof PyContainer && state.type === 'tuple' ? state.items : [];
    // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
    if (fields.length >= 5 && (fields[2] !== null || fields[3] !== null || fields[4] !== null)) {
        return { unknown: 'structured or subarray dtypes are not sized' };
    }
    if (kind === 'O')
        return { object: true };
    if (FIXED_KINDS.has(kind) && digits !== '')
        return { itemsize: Number(digits) };
    if (kind === 'S' || kind === 'U' || kind === 'V') {
        const elsize = fields[5];
        if (typeof elsize === 'number' && elsize >= 0)
            return { itemsize: elsize };
        if (digits !== '')
            return { itemsize: Number(digits) * (kind === 'U' ? 4 : 1) };
    }
    return { unknown: `unsupported dtype descr ${JSON.stringify(descr)}` };
}
/** prod(shape) for a tuple of non-negative ints; undefined when it is not one or overflows. */
function elementCount(shape) {
    if (!(shape instanceof PyContainer) || shape.type !== 'tuple' || shape.partial)
        return undefined;
    let count = 1;
    for (const dim of shape.items) {
        const n = typeof dim === 'bigint' ? Number(dim) : dim;
        if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
            return undefined;
        count *= n;
    }
    return Number.isSafeInteger(count) ? count : undefined;
}
/** A BUILD hook that recognises joblib's wrappers and sizes their inline array data. `entry` goes into findings. */
function joblibArrays(entry) {
    const dtypeStates = new WeakMap();
    const findings = [];
    let isJoblib = false;
    const unsized = (offset, why) => {
        findings.push(incompleteFinding(`joblib array at offset ${offset} cannot be sized (${why}): joblib.load reads its data inline, so the opcodes after it were analysed as if there were none, which may not be what the loader sees. Review the file by hand.`, entry, offset));
        return undefined;
    };
    const onBuild = (target, state, offset) => {
        const name = globalName(target);
        if (name === undefined)
            return undefined;
        if (DTYPE_GLOBALS.has(name)) {
            dtypeStates.set(target, state);
            return undefined;
        }
        if (COMPANION_WRAPPERS.has(name)) {
            isJoblib = true;
            const file = dictGet(state, 'filename');
            findings.push({
                rule: RULES.joblibCompanionFile,
                severity: 'medium',
                message: `A joblib compat array wrapper at offset ${offset} makes joblib.load read ${typeof file === 'string' ? JSON.stringify(file) : 'a companion file'} with numpy.load(allow_pickle=True): that file is another pickle. Scan it too, or re-save the model with a current joblib.`,
                location: entry === undefined ? { offset } : { entry, offset },
                ...(typeof file === 'string' ? { file } : {})
            });
            return undefined;
        }
        if (name !== NUMPY_ARRAY_WRAPPER)
            return undefined;
        isJoblib = true;
        const size = dtypeSize(dictGet(state, 'dtype') ?? null, dtypeStates);
        if ('object' in size)
            return { inlinePickle: true };
        if ('unknown' in size)
            return unsized(offset, size.unknown);
        const count = elementCount(dictGet(state, 'shape'));
        if (count === undefined)
            return unsized(offset, 'the shape is not a tuple of non-negative integers');
        const bytes = count * size.itemsize;
        if (!Number.isSafeInteger(bytes))
            return unsized(offset, 'the array size overflows');
        const alignment = dictGet(state, 'numpy_array_alignment_bytes');
        return { skipBytes: bytes, padded: alignment !== undefined && alignment !== null };
    };
    return {
        onBuild,
        get isJoblib() {
            return isJoblib;
        },
        findings
    };
}

;// CONCATENATED MODULE: ./src/scan/formats/torch-legacy-magic.ts
// Recognises the legacy `torch.save` stream (formats.md §2.4) from its first bytes: pickle 1
// is the literal magic number 0x1950a86a20f9469cfc6c and pickle 2 the literal 1001. Both are
// matched as the bytes any protocol writes for a plain int (optional PROTO and FRAME, one
// int opcode, optional memo store, STOP), without running the pickle machine.
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL_VERSION = 1001n;
const PROTO = 0x80;
const FRAME = 0x95;
const STOP = 0x2e;
/** Little-endian two's complement, as LONG1/LONG4 encode it. */
function signedLE(bytes) {
    let value = 0n;
    for (let i = bytes.length - 1; i >= 0; i--)
        value = (value << 8n) | BigInt(bytes[i]);
    const bits = BigInt(bytes.length * 8);
    return bytes.length > 0 && (bytes[bytes.length - 1] & 0x80) !== 0 ? value - (1n << bits) : value;
}
function line(head, from) {
    const nl = head.indexOf(0x0a, from);
    if (nl < 0 || nl - from > 64)
        return undefined;
    return { text: String.fromCharCode(...head.subarray(from, nl)), next: nl + 1 };
}
/** The int literal at `pos` (one opcode) and the position after it. */
function intOpcode(head, pos) {
    const op = head[pos];
    if (op === 0x8a /* LONG1 */ && pos + 1 < head.length) {
        const n = head[pos + 1];
        if (pos + 2 + n > head.length)
            return undefined;
        return { value: signedLE(head.subarray(pos + 2, pos + 2 + n)), next: pos + 2 + n };
    }
    if (op === 0x4b /* BININT1 */ && pos + 1 < head.length)
        return { value: BigInt(head[pos + 1]), next: pos + 2 };
    if (op === 0x4d /* BININT2 */ && pos + 2 < head.length)
        return { value: BigInt(head[pos + 1] | (head[pos + 2] << 8)), next: pos + 3 };
    if (op === 0x4a /* BININT */ && pos + 4 < head.length)
        return { value: signedLE(head.subarray(pos + 1, pos + 5)), next: pos + 5 };
    if (op === 0x49 /* INT */ || op === 0x4c /* LONG */) {
        const l = line(head, pos + 1);
        const digits = l && (op === 0x4c ? l.text.replace(/L$/, '') : l.text);
        if (l === undefined || digits === undefined || !/^[+-]?\d+$/.test(digits))
            return undefined;
        return { value: BigInt(digits), next: l.next };
    }
    return undefined;
}
/** Memo stores a writer may put after the int: BINPUT, LONG_BINPUT, MEMOIZE, PUT. */
function skipMemo(head, pos) {
    switch (head[pos]) {
        case 0x71:
            return pos + 2;
        case 0x72:
            return pos + 5;
        case 0x94:
            return pos + 1;
        case 0x70: {
            const l = line(head, pos + 1);
            return l !== undefined && /^\d+$/.test(l.text) ? l.next : pos;
        }
        default:
            return pos;
    }
}
/** A pickle at `pos` that is just an int literal: its value and end offset. */
function intPickle(head, pos) {
    let p = pos;
    if (head[p] === PROTO)
        p += 2;
    if (head[p] === FRAME)
        p += 9;
    const int = intOpcode(head, p);
    if (int === undefined)
        return undefined;
    p = skipMemo(head, int.next);
    return p < head.length && head[p] === STOP ? { value: int.value, end: p + 1 } : undefined;
}
function literalIntPickle(head, pos, value) {
    return intPickle(head, pos)?.value === value;
}
/**
 * `literal`: pickle 1 is the literal magic (a legacy stream as torch writes it). `computed`:
 * pickle 1 is something else but a literal 1001 pickle follows a STOP in the head, the shape
 * of GHSA-97f8-7cmv-76j2 (the magic built by a call). null: not a legacy stream.
 */
function legacyMagic(head) {
    if (literalIntPickle(head, 0, LEGACY_MAGIC))
        return 'literal';
    for (let i = head.indexOf(STOP); i >= 0; i = head.indexOf(STOP, i + 1)) {
        if (literalIntPickle(head, i + 1, LEGACY_PROTOCOL_VERSION))
            return 'computed';
    }
    return null;
}

;// CONCATENATED MODULE: ./src/scan/formats/pickle-stream.ts
// Content that sniffs as pickle: a legacy `torch.save` stream (five pickles, then raw
// storages), or a pickle stream read to its end (several pickles), which is a joblib file
// when it holds a NumpyArrayWrapper (its inline arrays are skipped exactly, see joblib-arrays.ts).




/** Pickles `_legacy_load` reads: magic, protocol version, sys_info, the object, the storage keys. */
const LEGACY_PICKLES = 5;
const pickle_stream_at = (ctx) => (ctx.entry !== undefined ? { location: { entry: ctx.entry } } : {});
function legacyFindings(kind, ctx) {
    if (kind === 'literal') {
        return [
            {
                rule: RULES.torchLegacyFormat,
                severity: 'info',
                message: 'Legacy torch.save stream (_use_new_zipfile_serialization=False): torch.load unpickles its first five pickles, then reads raw storages. ' +
                    'Re-save it with the default zip format, or better as safetensors.',
                ...pickle_stream_at(ctx)
            }
        ];
    }
    return [
        {
            rule: RULES.torchLegacyMagic,
            severity: 'high',
            message: 'Legacy torch.save layout whose first pickle is not the literal magic number: the magic is computed at load time, and torch.load runs ' +
                'all five pickles before checking it (GHSA-97f8-7cmv-76j2). No writer produces this; treat the file as crafted.',
            ...pickle_stream_at(ctx)
        }
    ];
}
/**
 * Analyses a pickle stream. `head` is its first bytes (for the legacy check), `nested` the
 * scanner for bytes handed to nested deserializers; `joblib`: joblib.load may read it (false
 * for the records of a torch archive, which only torch reads).
 */
async function scanPickleStream(stream, head, ctx, nested, joblib) {
    const legacy = legacyMagic(head);
    if (legacy === 'literal') {
        const result = await analyzePickleStream(stream, { ctx, nested, maxPickles: LEGACY_PICKLES });
        return {
            format: 'pytorch-legacy',
            findings: [...legacyFindings(legacy, ctx), ...result.findings],
            details: { pickles: result.pickles, storagesOffset: result.end },
            ...(result.sawPickle ? { pickleSeen: { entry: ctx.entry } } : {})
        };
    }
    if (!joblib) {
        const result = await analyzePickleStream(stream, { ctx, nested });
        return {
            format: 'pickle',
            findings: result.findings,
            details: { pickles: result.pickles, opcodes: result.opcodes },
            ...(result.sawPickle ? { pickleSeen: { entry: ctx.entry } } : {})
        };
    }
    // Inside a pickle stream read by joblib, its array wrappers are data; the hook sizes their inline arrays.
    const arrays = joblibArrays(ctx.entry);
    const joblibCtx = { ...ctx, options: { ...ctx.options, allowGlobals: [...ctx.options.allowGlobals, ...JOBLIB_DATA_GLOBALS] } };
    const result = await analyzePickleStream(stream, { ctx: joblibCtx, nested, onBuild: arrays.onBuild });
    const findings = [...(legacy === 'computed' ? legacyFindings(legacy, ctx) : []), ...result.findings, ...arrays.findings];
    return {
        format: legacy === 'computed' ? 'pytorch-legacy' : arrays.isJoblib ? 'joblib' : 'pickle',
        findings,
        details: { pickles: result.pickles, opcodes: result.opcodes },
        ...(result.sawPickle ? { pickleSeen: { entry: ctx.entry } } : {})
    };
}

;// CONCATENATED MODULE: ./src/scan/zip/report.ts
// Finding construction for the zip reader. Names come from the archive and are hostile:
// they only ever appear JSON-quoted and truncated in messages, and as data in `location.entry`.

const NAME_LIMIT = 200;
/** Names listed in one finding's `entries` detail. */
const LISTED_ENTRIES = 10;
function report_quote(name) {
    return JSON.stringify(name.length > NAME_LIMIT ? `${name.slice(0, NAME_LIMIT)}…` : name);
}
function quoteList(names) {
    const shown = names.slice(0, LISTED_ENTRIES).map(report_quote).join(', ');
    return names.length > LISTED_ENTRIES ? `${shown} and ${names.length - LISTED_ENTRIES} more` : shown;
}
/** Archive member path for `location.entry`: nested archives prefix their own entry path. */
function entryPath(prefix, name) {
    if (name === undefined)
        return prefix;
    return prefix === undefined ? name : `${prefix}/${name}`;
}
function zipAnomaly(message, prefix, entries, offset, detail = {}) {
    return {
        rule: RULES.zipAnomaly,
        severity: 'high',
        message,
        location: { entry: entryPath(prefix, entries[0]), offset },
        ...(entries.length > 0 ? { entries: entries.slice(0, LISTED_ENTRIES) } : {}),
        ...detail
    };
}
function incomplete(message, prefix, entry, offset, detail = {}) {
    return { rule: RULES.incomplete, severity: 'high', message, location: { entry: entryPath(prefix, entry), offset }, ...detail };
}

;// CONCATENATED MODULE: ./src/scan/formats/sevenzip.ts




const START_HEADER = 32;
const K_HEADER = 0x01;
const K_MAIN_STREAMS = 0x04;
const K_PACK_INFO = 0x06;
const K_SIZE = 0x09;
const K_ENCODED_HEADER = 0x17;
/** 7z's variable-length UINT64: the leading one bits of the first byte count the extra bytes. */
function readNumber(b, pos) {
    const first = b[pos];
    if (first === undefined)
        return undefined;
    let mask = 0x80;
    let extra = 0;
    while (extra < 8 && first & mask) {
        extra++;
        mask >>= 1;
    }
    if (pos + 1 + extra > b.length)
        return undefined;
    let value = 0;
    for (let i = 0; i < extra; i++)
        value += b[pos + 1 + i] * 2 ** (8 * i);
    if (extra < 8)
        value += (first & (mask - 1)) * 2 ** (8 * extra);
    return Number.isSafeInteger(value) ? { value, next: pos + 1 + extra } : undefined;
}
function packInfo(b, pos) {
    if (b[pos] !== K_PACK_INFO)
        return undefined;
    const packPos = readNumber(b, pos + 1);
    const count = packPos && readNumber(b, packPos.next);
    if (packPos === undefined || count === undefined || count.value > 4096)
        return undefined;
    const sizes = [];
    let p = count.next;
    if (b[p] === K_SIZE) {
        p++;
        for (let i = 0; i < count.value; i++) {
            const size = readNumber(b, p);
            if (size === undefined)
                return undefined;
            sizes.push(size.value);
            p = size.next;
        }
    }
    return { packPos: packPos.value, sizes };
}
/** The content of LZMA2 data made only of uncompressed chunks; undefined when a chunk is LZMA-compressed or the data is not LZMA2. */
function lzma2Stored(data) {
    const parts = [];
    let pos = 0;
    while (pos < data.length) {
        const control = data[pos];
        if (control === 0x00)
            break;
        if (control !== 0x01 && control !== 0x02)
            return undefined;
        if (pos + 3 > data.length)
            return undefined;
        const size = ((data[pos + 1] << 8) | data[pos + 2]) + 1;
        if (pos + 3 + size > data.length)
            return undefined;
        parts.push(data.subarray(pos + 3, pos + 3 + size));
        pos += 3 + size;
    }
    return parts.length > 0 ? Buffer.concat(parts) : undefined;
}
async function scanSevenZip(source, ctx, scan) {
    const fail = (message, offset) => ({ format: 'compressed', findings: [incompleteFinding(message, ctx.entry, offset)] });
    const start = await source.read(0, START_HEADER);
    if (start.length < START_HEADER)
        return fail('7z archive is truncated: it was not analysed.', 0);
    const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
    const nextOffset = Number(view.getBigUint64(12, true));
    const nextSize = Number(view.getBigUint64(20, true));
    const headerAt = START_HEADER + nextOffset;
    if (!Number.isSafeInteger(headerAt) || headerAt + nextSize > source.size || nextSize > BUFFER_LIMIT)
        return fail('7z archive header lies outside the file: it was not analysed.', 12);
    const header = await source.read(headerAt, nextSize);
    // A plain header lists the packed streams of the files; an encoded one is itself packed, and the file data is everything before it.
    const info = header[0] === K_HEADER && header[1] === K_MAIN_STREAMS ? packInfo(header, 2) : header[0] === K_ENCODED_HEADER ? packInfo(header, 1) : undefined;
    if (info === undefined)
        return fail('7z archive header could not be read (unsupported layout): its files were not analysed.', headerAt);
    const streams = [];
    if (header[0] === K_HEADER) {
        let at = START_HEADER + info.packPos;
        for (const size of info.sizes) {
            streams.push([at, size]);
            at += size;
        }
    }
    else if (info.packPos > 0)
        streams.push([START_HEADER, info.packPos]);
    const findings = [];
    let pickleSeen;
    for (const [offset, size] of streams) {
        if (size > BUFFER_LIMIT || offset + size > source.size) {
            findings.push(incompleteFinding(`7z packed stream at offset ${offset} (${size} bytes) was not analysed: it is too large or lies outside the file.`, ctx.entry, offset));
            continue;
        }
        const packed = await source.read(offset, size);
        const decoded = lzma2Stored(packed) ?? ((await sniff(bufferSource(packed))).kind === 'other' ? undefined : packed);
        if (decoded === undefined) {
            findings.push(incompleteFinding(`7z packed stream at offset ${offset} (${size} bytes) is compressed (LZMA or another 7z codec), which modelgate does not decode: the files in it were not analysed. Unpack the archive and scan its files.`, ctx.entry, offset));
            continue;
        }
        const entry = entryPath(ctx.entry, `packed-stream@${offset}`);
        const child = deeper(ctx, entry, `7z packed stream at offset ${offset}`);
        if ('skipped' in child) {
            findings.push(child.skipped);
            continue;
        }
        const content = bufferSource(decoded);
        const scanned = await scan({ name: '', source: content, stream: sourceChunks(content), size: decoded.length }, child.ctx);
        findings.push(...scanned.findings);
        pickleSeen ??= scanned.pickleSeen;
    }
    return { format: 'compressed', findings, details: { packedStreams: streams.length }, ...(pickleSeen !== undefined ? { pickleSeen } : {}) };
}

;// CONCATENATED MODULE: ./src/scan/formats/tar.ts
// Tar archives, for the torch < 0.4 checkpoint format (formats.md §2.4): members `storages`,
// `tensors` and `pickle`, read by torch.load's `legacy_load` with tarfile mode "r:". Every
// member is scanned by content; in a torch tar, `storages` and `tensors` are walked the way
// legacy_load reads them (each small pickle analysed, raw data skipped by the sizes it
// declares), failing closed where a size cannot be known.






const tar_BLOCK = 512;
/** Members listed per archive before the walk stops with `scan/incomplete`. */
const MAX_MEMBERS = 100_000;
/** Storage or tensor records walked per member before the walk stops with `scan/incomplete`. */
const MAX_RECORDS = 1_000_000;
function tar_text(bytes) {
    const nul = bytes.indexOf(0);
    return Buffer.from(bytes.buffer, bytes.byteOffset, nul < 0 ? bytes.length : nul).toString('utf8');
}
/** tarfile's `nti`: octal digits, or base-256 when the first byte has its high bit set. */
function number(field) {
    if (field[0] & 0x80) {
        let n = 0;
        for (let i = 1; i < field.length; i++)
            n = n * 256 + field[i];
        return Number.isSafeInteger(n) ? n : undefined;
    }
    const digits = tar_text(field).trim();
    if (digits === '')
        return 0;
    return /^[0-7]+$/.test(digits) ? parseInt(digits, 8) : undefined;
}
/** tarfile accepts the unsigned or the signed header sum, with the checksum field as spaces. */
function checksumOk(block) {
    const stored = number(block.subarray(148, 156));
    let unsigned = 0;
    let signed = 0;
    for (let i = 0; i < tar_BLOCK; i++) {
        const b = i >= 148 && i < 156 ? 0x20 : block[i];
        unsigned += b;
        signed += b > 127 ? b - 256 : b;
    }
    return stored === unsigned || stored === signed;
}
function paxRecords(data) {
    const records = new Map();
    const all = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    for (const m of all.matchAll(/(\d+) ([^=\n]+)=([^\n]*)\n/g))
        records.set(m[2], m[3]);
    return records;
}
/** The regular members, as tarfile lists them (ustar prefix, GNU long names, pax path and size). */
async function listMembers(source, ctx) {
    const entry = ctx.entry;
    const members = [];
    const findings = [];
    let longName;
    let pax = new Map();
    let pos = 0;
    while (pos + tar_BLOCK <= source.size) {
        if (ctx.budget?.spent(ctx, pos))
            break; // a tar of many tiny members; scanFile reports the stop
        const block = await source.read(pos, tar_BLOCK);
        if (block.every((b) => b === 0))
            break;
        if (!checksumOk(block)) {
            findings.push(incompleteFinding(`The tar header at offset ${pos} has a bad checksum: tarfile stops reading here, other tools may not. Members from here on were not analysed.`, entry, pos));
            break;
        }
        const type = String.fromCharCode(block[156] || 0x30);
        const size = Number(pax.get('size') ?? number(block.subarray(124, 136)));
        if (!Number.isSafeInteger(size) || size < 0) {
            findings.push(incompleteFinding(`The tar header at offset ${pos} has an unreadable size: members from here on were not analysed.`, entry, pos));
            break;
        }
        const dataOffset = pos + tar_BLOCK;
        const data = () => source.read(dataOffset, Math.min(size, 1 << 20));
        const prefix = tar_text(block.subarray(345, 500));
        const name = pax.get('path') ?? longName ?? (prefix !== '' ? `${prefix}/${tar_text(block.subarray(0, 100))}` : tar_text(block.subarray(0, 100)));
        if (type === 'x')
            pax = paxRecords(await data());
        else if (type === 'L')
            longName = tar_text(await data());
        else if (type !== 'g' && type !== 'K') {
            if (type === '0' || type === '7')
                members.push({ name, offset: dataOffset, size });
            pax = new Map();
            longName = undefined;
        }
        if (members.length > MAX_MEMBERS) {
            findings.push(incompleteFinding(`More than ${MAX_MEMBERS} tar members: the rest were not analysed.`, entry, pos));
            break;
        }
        pos = dataOffset + Math.ceil(size / tar_BLOCK) * tar_BLOCK;
    }
    return { members, findings };
}
/** Element sizes of the storage classes legacy checkpoints name. */
const ELEMENT_SIZES = {
    DoubleStorage: 8,
    FloatStorage: 4,
    HalfStorage: 2,
    LongStorage: 8,
    IntStorage: 4,
    ShortStorage: 2,
    CharStorage: 1,
    ByteStorage: 1,
    BoolStorage: 1,
    BFloat16Storage: 2,
    ComplexDoubleStorage: 16,
    ComplexFloatStorage: 8
};
/**
 * Walks `storages` or `tensors` as legacy_load reads them: a count pickle, then per record a
 * pickle plus raw data whose size the record declares, then (storages) one more pickle.
 */
async function walkRecords(member, kind, ctx) {
    const findings = [];
    let sawPickle = false;
    let pos = 0;
    const pickle = async () => {
        const result = await analyzePickleStream(sourceChunks(member, pos), { ctx, baseOffset: pos, maxPickles: 1 });
        findings.push(...result.findings);
        sawPickle ||= result.sawPickle;
        if (result.pickles < 1)
            return undefined;
        const bytes = await member.read(pos, Math.min(result.end - pos, 4096));
        pos = result.end;
        return { end: result.end, bytes };
    };
    const stop = (why) => {
        findings.push(incompleteFinding(`The legacy torch ${kind} member could not be walked past offset ${pos} (${why}): the pickles after it were not analysed.`, ctx.entry, pos));
        return { findings, sawPickle };
    };
    const first = await member.read(0, 4096);
    const count = intPickle(first, 0);
    if ((await pickle()) === undefined)
        return { findings, sawPickle };
    if (count === undefined || count.value < 0n || count.value > BigInt(MAX_RECORDS))
        return stop('the record count is not a literal int');
    for (let i = 0n; i < count.value; i++) {
        const record = await pickle();
        if (record === undefined)
            return { findings, sawPickle };
        const fixed = await member.read(pos, 16);
        const view = new DataView(fixed.buffer, fixed.byteOffset, fixed.byteLength);
        if (kind === 'storages') {
            const storageType = /c(?:torch|torch\.cuda)\n(\w+)\n/.exec(Buffer.from(record.bytes).toString('latin1'))?.[1];
            const elementSize = storageType !== undefined ? ELEMENT_SIZES[storageType] : undefined;
            if (elementSize === undefined || fixed.length < 8)
                return stop('the storage type is not a known torch storage global');
            const elements = view.getBigInt64(0, true);
            const next = pos + 8 + Number(elements) * elementSize;
            if (elements < 0n || !Number.isSafeInteger(next) || next > member.size)
                return stop('the storage size runs past the member');
            pos = next;
        }
        else {
            if (fixed.length < 4)
                return stop('the tensor record is truncated');
            const ndim = view.getInt32(0, true);
            if (ndim < 0 || ndim > 64)
                return stop('the tensor rank is not plausible');
            pos += 8 + 16 * ndim + 8;
            if (pos > member.size)
                return stop('the tensor record runs past the member');
        }
    }
    if (kind === 'storages')
        await pickle();
    return { findings, sawPickle };
}
/**
 * The tensor types a `tensors` record names (`torch.FloatTensor`, ...): legacy_load only unpacks
 * them and never calls them, so inside that member they are data.
 */
const LEGACY_TENSOR_TYPES = ['Double', 'Float', 'Half', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool'].flatMap((t) => [`torch.${t}Tensor`, `torch.cuda.${t}Tensor`]);
async function scanTar(source, ctx, scan) {
    const { members, findings } = await listMembers(source, ctx);
    const names = new Set(members.map((m) => m.name));
    const torch = names.has('pickle') && names.has('storages') && names.has('tensors');
    if (torch) {
        findings.unshift({
            rule: RULES.torchLegacyFormat,
            severity: 'info',
            message: 'torch < 0.4 tar checkpoint: torch.load unpickles its storages, tensors and pickle members (weights_only=True refuses it). Re-save it with a current torch, or better as safetensors.',
            ...(ctx.entry !== undefined ? { location: { entry: ctx.entry } } : {})
        });
    }
    let pickleSeen;
    for (const member of members) {
        const entry = entryPath(ctx.entry, member.name);
        const child = deeper(ctx, entry, `tar member ${report_quote(member.name)}`);
        if ('skipped' in child) {
            findings.push(child.skipped);
            continue;
        }
        const data = sliceSource(source, member.offset, member.size);
        if (torch && (member.name === 'storages' || member.name === 'tensors')) {
            const options = { ...child.ctx.options, allowGlobals: [...child.ctx.options.allowGlobals, ...LEGACY_TENSOR_TYPES] };
            const walked = await walkRecords(data, member.name, member.name === 'tensors' ? { ...child.ctx, options } : child.ctx);
            findings.push(...walked.findings);
            if (walked.sawPickle)
                pickleSeen ??= { entry };
            continue;
        }
        const scanned = await scan({ name: member.name, source: data, stream: sourceChunks(data), size: member.size }, child.ctx);
        findings.push(...scanned.findings);
        pickleSeen ??= scanned.pickleSeen;
    }
    return { format: torch ? 'pytorch-legacy' : 'other', findings, details: { members: members.length }, ...(pickleSeen !== undefined ? { pickleSeen } : {}) };
}

;// CONCATENATED MODULE: ./src/scan/zip/window.ts
class window_ByteWindow {
    source;
    chunk;
    start = 0;
    buf = new Uint8Array(0);
    constructor(source, chunk) {
        this.source = source;
        this.chunk = chunk;
    }
    /** Up to `length` bytes at `offset` (fewer only at the end of the source). */
    async get(offset, length) {
        if (offset < 0 || length <= 0 || offset >= this.source.size)
            return new Uint8Array(0);
        const end = Math.min(offset + length, this.source.size);
        if (offset >= this.start && end <= this.start + this.buf.length) {
            return this.buf.subarray(offset - this.start, end - this.start);
        }
        this.buf = await this.source.read(offset, Math.max(end - offset, this.chunk));
        this.start = offset;
        return this.buf.subarray(0, Math.min(end - offset, this.buf.length));
    }
}
/**
 * First offset >= `from` (and < `to`) where one of `sigs` (little-endian u32) starts, reading
 * `chunk` bytes at a time. Used only where a reader has no size to jump by.
 */
async function findSignature(source, from, to, sigs, chunk) {
    let pos = Math.max(0, from);
    const end = Math.min(to, source.size);
    while (pos + 4 <= end) {
        const buf = await source.read(pos, Math.min(chunk, end - pos));
        if (buf.length < 4)
            return null;
        for (let i = 0; i + 4 <= buf.length; i++) {
            if (buf[i] !== 0x50 || buf[i + 1] !== 0x4b)
                continue;
            const sig = (buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16)) + buf[i + 3] * 0x1000000;
            if (sigs.includes(sig))
                return { offset: pos + i, sig };
        }
        // Overlap by 3 bytes so a signature straddling two chunks is still seen.
        pos += buf.length - 3;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/scan/zip/central.ts



/** Central directory entries read per archive before the scan stops with `scan/incomplete`. */
const MAX_ZIP_ENTRIES = 100_000;
/** Central directory bytes read per archive before the scan stops with `scan/incomplete`. */
const MAX_CENTRAL_DIRECTORY_BYTES = 256 * 1024 * 1024;
/** Python refuses archives with any entry needing a newer "version needed to extract" (6.3). */
const PYTHON_MAX_EXTRACT_VERSION = 63;
/**
 * Reads consecutive records in [start, start + size), in chunks. Records whose declared name,
 * extra or comment run past the region are kept with what fits (`clipped`): Python reads such a
 * record from its in-memory copy and gets short fields; miniz rejects it.
 */
async function scanCentral(source, start, size) {
    const window = new window_ByteWindow(source, DEFAULT_CHUNK);
    const limit = Math.min(size, MAX_CENTRAL_DIRECTORY_BYTES);
    const end = start + limit;
    const records = [];
    const result = { start, size, records };
    if (size > MAX_CENTRAL_DIRECTORY_BYTES)
        result.capped = 'bytes';
    let pos = start;
    while (pos < end) {
        if (records.length >= MAX_ZIP_ENTRIES) {
            result.capped = 'entries';
            return result;
        }
        const fixed = await window.get(pos, CENTRAL_SIZE);
        if (fixed.length < CENTRAL_SIZE || pos + CENTRAL_SIZE > end) {
            if (!result.capped)
                result.stop = { offset: pos, reason: 'truncated central directory' };
            return result;
        }
        if (u32(fixed, 0) !== SIG.central) {
            result.stop = { offset: pos, reason: 'bad signature in the central directory' };
            return result;
        }
        const f = parseCentralFixed(fixed);
        const available = Math.max(0, Math.min(end, source.size) - pos - CENTRAL_SIZE);
        const body = await window.get(pos + CENTRAL_SIZE, Math.min(f.nameLength + f.extraLength, available));
        // Views into the directory chunk: the whole directory is read anyway, so nothing extra is retained.
        const nameBytes = body.subarray(0, Math.min(f.nameLength, body.length));
        const extra = body.subarray(nameBytes.length, nameBytes.length + f.extraLength);
        records.push({
            offset: pos,
            length: f.length,
            clipped: pos + f.length > end,
            versionMadeBy: f.versionMadeBy,
            versionNeeded: f.versionNeeded,
            flags: f.flags,
            method: f.method,
            crc: f.crc,
            compSize: f.compSize,
            uncompSize: f.uncompSize,
            diskStart: f.diskStart,
            externalAttr: f.externalAttr,
            localOffset: f.localOffset,
            nameBytes,
            extra
        });
        pos += f.length;
    }
    return result;
}
/** miniz reads Zip64 extra values only for saturated fields (`mz_zip_file_stat_internal`). */
function minizZip64(record) {
    let { compSize, uncompSize, localOffset } = record;
    if (Math.max(compSize, uncompSize, localOffset) !== U32_MAX || record.extra.length === 0) {
        return { compSize, uncompSize, localOffset };
    }
    let pos = 0;
    const extra = record.extra;
    while (pos < extra.length) {
        if (extra.length - pos < 4)
            return 'a corrupt extra field';
        const id = extra[pos] | (extra[pos + 1] << 8);
        const size = extra[pos + 2] | (extra[pos + 3] << 8);
        if (pos + 4 + size > extra.length)
            return 'a corrupt extra field';
        if (id === EXTRA_ZIP64) {
            let p = pos + 4;
            const fieldEnd = p + size;
            for (const field of ['uncompSize', 'compSize', 'localOffset']) {
                const current = field === 'uncompSize' ? uncompSize : field === 'compSize' ? compSize : localOffset;
                if (current !== U32_MAX)
                    continue;
                if (fieldEnd - p < 8)
                    return 'a truncated Zip64 extra field';
                const value = records_u64(extra, p);
                p += 8;
                if (field === 'uncompSize')
                    uncompSize = value;
                else if (field === 'compSize')
                    compSize = value;
                else
                    localOffset = value;
            }
            break;
        }
        pos += 4 + size;
    }
    return { compSize, uncompSize, localOffset };
}
function minizView(end, scan, fileSize) {
    const view = { end, entries: [] };
    if (end.rejected)
        return { ...view, rejected: end.rejected };
    const count = Math.min(end.totalEntries, MAX_ZIP_ENTRIES);
    if (scan.records.length < count && !scan.capped) {
        return { ...view, rejected: scan.stop?.reason ?? 'fewer central directory records than the end record counts' };
    }
    const entries = [];
    for (let i = 0; i < Math.min(count, scan.records.length); i++) {
        const r = scan.records[i];
        const at = `central directory entry ${i} (offset ${r.offset})`;
        if (r.clipped)
            return { ...view, rejected: `${at} runs past the end of the central directory` };
        const sizes = minizZip64(r);
        if (typeof sizes === 'string')
            return { ...view, rejected: `${at} has ${sizes}` };
        if (sizes.compSize !== U32_MAX && sizes.uncompSize !== U32_MAX) {
            if (r.method === 0 && sizes.compSize !== sizes.uncompSize) {
                return { ...view, rejected: `${at} is stored with different compressed and uncompressed sizes` };
            }
            if (sizes.uncompSize !== 0 && sizes.compSize === 0)
                return { ...view, rejected: `${at} has data but no compressed size` };
        }
        if (r.diskStart === 0xffff || (r.diskStart !== end.disk && r.diskStart !== 1)) {
            return { ...view, rejected: `${at} starts on another disk` };
        }
        if (sizes.compSize !== U32_MAX && sizes.localOffset + LOCAL_SIZE + sizes.compSize > fileSize) {
            return { ...view, rejected: `${at} points past the end of the file` };
        }
        if (r.flags & FLAG.maskedLocal)
            return { ...view, rejected: `${at} has flag bit 13 (masked local headers) set` };
        entries.push({
            index: i,
            recordOffset: r.offset,
            nameBytes: r.nameBytes,
            name: displayName(r.nameBytes),
            flags: r.flags,
            method: r.method,
            crc: r.crc,
            compSize: sizes.compSize,
            uncompSize: sizes.uncompSize,
            localOffset: sizes.localOffset,
            versionNeeded: r.versionNeeded,
            externalAttr: r.externalAttr
        });
    }
    return { ...view, entries };
}
/** `_sanitize_filename` on POSIX: cut at the first NUL. */
function cutAtNul(name) {
    const nul = name.indexOf('\0');
    return nul >= 0 ? name.slice(0, nul) : name;
}
function pythonView(end, scan) {
    const view = { end, entries: [] };
    if (end.rejected)
        return { ...view, rejected: end.rejected };
    if (scan.stop)
        return { ...view, rejected: scan.stop.reason };
    const entries = [];
    for (const [i, r] of scan.records.entries()) {
        const at = `central directory entry ${i} (offset ${r.offset})`;
        const origName = decodePythonName(r.nameBytes, r.flags);
        if (origName === null)
            return { ...view, rejected: `${at} has a name flagged UTF-8 that is not valid UTF-8` };
        if (r.versionNeeded > PYTHON_MAX_EXTRACT_VERSION) {
            return { ...view, rejected: `${at} needs zip version ${(r.versionNeeded / 10).toFixed(1)}` };
        }
        let name = cutAtNul(origName);
        let { compSize, uncompSize, localOffset } = r;
        const { fields, corrupt } = splitExtra(r.extra);
        if (corrupt)
            return { ...view, rejected: `${at} has a corrupt extra field ${corrupt.id.toString(16).padStart(4, '0')}` };
        for (const field of fields) {
            if (field.id === EXTRA_ZIP64) {
                let p = 0;
                const take = () => {
                    if (field.data.length - p < 8)
                        return null;
                    p += 8;
                    return records_u64(field.data, p - 8);
                };
                if (uncompSize === U32_MAX) {
                    const v = take();
                    if (v === null)
                        return { ...view, rejected: `${at} has a corrupt Zip64 extra field` };
                    uncompSize = v;
                }
                if (compSize === U32_MAX) {
                    const v = take();
                    if (v === null)
                        return { ...view, rejected: `${at} has a corrupt Zip64 extra field` };
                    compSize = v;
                }
                if (localOffset === U32_MAX) {
                    const v = take();
                    if (v === null)
                        return { ...view, rejected: `${at} has a corrupt Zip64 extra field` };
                    localOffset = v;
                }
            }
            else if (field.id === EXTRA_UNICODE_PATH) {
                if (field.data.length < 5)
                    return { ...view, rejected: `${at} has a corrupt Unicode Path extra field` };
                if (field.data[0] === 1 && u32(field.data, 1) === crc32(0, r.nameBytes)) {
                    const unicode = decodePythonName(field.data.subarray(5), FLAG.utf8);
                    if (unicode === null)
                        return { ...view, rejected: `${at} has a Unicode Path extra field that is not UTF-8` };
                    if (unicode)
                        name = cutAtNul(unicode);
                }
            }
        }
        entries.push({
            index: i,
            recordOffset: r.offset,
            nameBytes: r.nameBytes,
            name,
            origName,
            flags: r.flags,
            method: r.method,
            crc: r.crc,
            compSize,
            uncompSize,
            localOffset: localOffset + end.concat,
            versionNeeded: r.versionNeeded,
            externalAttr: r.externalAttr
        });
    }
    return { ...view, entries };
}

;// CONCATENATED MODULE: ./src/scan/zip/local-walk.ts





/** Headers are small and mostly far apart: read a little more than a header with its name. */
const HEADER_READ = 4096;
/**
 * Bytes the walk may search for signatures per archive. Well-formed archives need none (or only
 * descriptor checks at known sizes); past this the walk stops and the scan is incomplete.
 */
const MAX_SEARCH_BYTES = 64 * 1024 * 1024;
/** Local headers the central directories name, fetched ahead together by a remote source. */
const PREFETCH_BATCH = 64;
/** Each with the first bytes of its data: what a torch storage's pickle probe reads. */
const PREFETCH_LENGTH = HEADER_READ + PROBE_FIRST;
class LocalHeaders {
    source;
    expected;
    cache = new Map();
    window;
    /** Where the next prefetch batch starts in `expected`. */
    prefetched = 0;
    /**
     * `expected`: the local header offsets the central directories name, ascending. Over HTTP each
     * header far from the others would be a request of its own; a source that can fetch ahead
     * gets them in batches (one multi-range request each where the server allows).
     */
    constructor(source, expected = []) {
        this.source = source;
        this.expected = expected;
        this.window = new window_ByteWindow(source, HEADER_READ);
    }
    /** Up to `length` bytes at `offset` through the same small cache (signature checks between entries). */
    async bytes(offset, length) {
        await this.prefetchFrom(offset);
        return this.window.get(offset, length);
    }
    /** The local header at `offset`, or null when there is no complete `PK\x03\x04` header there. */
    async get(offset) {
        const cached = this.cache.get(offset);
        if (cached !== undefined)
            return cached;
        await this.prefetchFrom(offset);
        const header = await this.read(offset);
        this.cache.set(offset, header);
        return header;
    }
    /** Fetches ahead the next batch of expected headers once a read reaches one not yet fetched. */
    async prefetchFrom(offset) {
        if (this.source.prefetch === undefined || this.prefetched >= this.expected.length)
            return;
        let i = this.prefetched;
        while (i < this.expected.length && this.expected[i] < offset)
            i++;
        if (this.expected[i] !== offset)
            return;
        const batch = this.expected.slice(i, i + PREFETCH_BATCH);
        this.prefetched = i + batch.length;
        await this.source.prefetch(batch.map((o) => [o, PREFETCH_LENGTH]));
    }
    async read(offset) {
        if (!Number.isSafeInteger(offset) || offset < 0)
            return null;
        const fixed = await this.window.get(offset, LOCAL_SIZE);
        if (fixed.length < LOCAL_SIZE || u32(fixed, 0) !== SIG.local)
            return null;
        const nameLength = u16(fixed, 26);
        const extraLength = u16(fixed, 28);
        const versionNeeded = u16(fixed, 4);
        const flags = u16(fixed, 6);
        const method = u16(fixed, 8);
        const crc = u32(fixed, 14);
        const compSize = u32(fixed, 18);
        const uncompSize = u32(fixed, 22);
        const body = await this.window.get(offset + LOCAL_SIZE, nameLength + extraLength);
        if (body.length < nameLength + extraLength)
            return null;
        // Copies: the cache outlives the read buffers, which must not be retained per header.
        return applyLocalZip64({
            offset,
            versionNeeded,
            flags,
            method,
            crc,
            compSize,
            uncompSize,
            nameBytes: body.slice(0, nameLength),
            dataOffset: offset + LOCAL_SIZE + nameLength + extraLength
        }, body.subarray(nameLength));
    }
}
const HEADER_SIGS = [SIG.local, SIG.central, SIG.eocd, SIG.zip64Eocd];
const DESCRIPTOR_SIGS = [...HEADER_SIGS, SIG.descriptor];
async function sigAt(headers, offset) {
    const b = await headers.bytes(offset, 4);
    return b.length === 4 ? u32(b, 0) : null;
}
class Search {
    source;
    left = MAX_SEARCH_BYTES;
    /** Where the budget ran out, if it did. */
    exhaustedAt = null;
    constructor(source) {
        this.source = source;
    }
    /** `findSignature` within what is left of the budget. */
    async find(from, sigs) {
        const to = Math.min(this.source.size, from + this.left);
        const hit = await findSignature(this.source, from, to, sigs, DEFAULT_CHUNK);
        this.left -= Math.max(0, (hit ? hit.offset : to) - from);
        if (!hit && to < this.source.size)
            this.exhaustedAt = to;
        return hit;
    }
}
/** A data descriptor right after `length` bytes of data, signed or not, declaring that length. */
async function descriptorAt(headers, header, length) {
    const at = header.dataOffset + length;
    const d = await headers.bytes(at, 24);
    const signed = d.length >= 4 && u32(d, 0) === SIG.descriptor ? 4 : 0;
    const fields = d.subarray(signed);
    if (fields.length >= 12 && u32(fields, 4) === length) {
        const descriptor = { offset: at, crc: u32(fields, 0), compSize: length, uncompSize: u32(fields, 8) };
        return { compSize: length, sizeFrom: 'descriptor', descriptor, next: at + signed + 12 };
    }
    if (fields.length >= 20 && records_u64(fields, 4) === length) {
        const descriptor = { offset: at, crc: u32(fields, 0), compSize: length, uncompSize: records_u64(fields, 12) };
        return { compSize: length, sizeFrom: 'descriptor', descriptor, next: at + signed + 20 };
    }
    return null;
}
/**
 * Finds where the data of a header with deferred sizes (flag bit 3, sizes zero) ends. Deflate
 * data delimits itself and a streaming reader stops where the stream does, followed by the data
 * descriptor: the sizes the central directories give are tried first. Stored data does not, so a
 * streaming reader can only search: the first descriptor whose size matches its distance from the
 * data, or the next header signature (a header inside the data is then taken as the next entry).
 */
async function deferredEnd(headers, header, hints, search) {
    const source = headers.source;
    for (const length of header.method === 8 ? hints : []) {
        const found = await descriptorAt(headers, header, length);
        if (found)
            return found;
    }
    let from = header.dataOffset;
    for (;;) {
        const hit = await search.find(from, DESCRIPTOR_SIGS);
        if (!hit)
            return { compSize: source.size - header.dataOffset, sizeFrom: 'end-of-file', next: null };
        const length = hit.offset - header.dataOffset;
        if (hit.sig !== SIG.descriptor)
            return { compSize: length, sizeFrom: 'next-signature', next: hit.offset };
        const found = await descriptorAt(headers, header, length);
        if (found)
            return found;
        from = hit.offset + 1;
    }
}
/** After data with a known size and flag bit 3: skip the descriptor, with or without its signature. */
async function skipDescriptor(headers, at) {
    const sig = await sigAt(headers, at);
    if (sig === SIG.descriptor)
        return at + 16;
    const after = await sigAt(headers, at + 12);
    return after !== null && HEADER_SIGS.includes(after) ? at + 12 : at;
}
/**
 * `hints`: compressed sizes the central directories give per local header offset, used to find
 * the data descriptor of entries with deferred sizes without searching.
 */
async function walkLocalHeaders(source, headers, hints) {
    const entries = [];
    const search = new Search(source);
    const stopped = (stoppedAt, stop) => search.exhaustedAt !== null
        ? { entries, stoppedAt: search.exhaustedAt, stop: 'search limit', capped: 'search' }
        : { entries, stoppedAt, stop };
    let pos = 0;
    if ((await sigAt(headers, 0)) !== SIG.local) {
        // Streaming readers that tolerate a preamble look for the first local header.
        const hit = await search.find(0, HEADER_SIGS);
        if (!hit || hit.sig !== SIG.local)
            return stopped(hit?.offset ?? source.size, 'no local header');
        pos = hit.offset;
    }
    while (pos !== null && pos < source.size) {
        if (entries.length >= MAX_ZIP_ENTRIES)
            return { entries, stoppedAt: pos, stop: 'entry limit', capped: 'entries' };
        const header = await headers.get(pos);
        if (!header)
            return { entries, stoppedAt: pos, stop: 'truncated local header' };
        let next;
        if (header.flags & FLAG.descriptor && (header.compSize === 0 || header.compSize === U32_MAX)) {
            const found = await deferredEnd(headers, header, hints.get(pos) ?? [], search);
            entries.push({ header, compSize: found.compSize, sizeFrom: found.sizeFrom, descriptor: found.descriptor });
            next = found.next;
        }
        else {
            entries.push({ header, compSize: header.compSize, sizeFrom: 'local' });
            next = header.dataOffset + header.compSize;
            if (header.flags & FLAG.descriptor)
                next = await skipDescriptor(headers, next);
        }
        if (next === null || next >= source.size)
            return stopped(source.size, 'end of file');
        const sig = await sigAt(headers, next);
        if (sig === SIG.local) {
            pos = next;
            continue;
        }
        if (sig === SIG.central || sig === SIG.eocd || sig === SIG.zip64Eocd)
            return { entries, stoppedAt: next, stop: 'central directory' };
        // Not a header where one should be: resynchronise on the next signature, as lenient readers do.
        const hit = await search.find(next, HEADER_SIGS);
        if (!hit)
            return stopped(source.size, 'end of file');
        if (hit.sig !== SIG.local)
            return { entries, stoppedAt: hit.offset, stop: 'central directory' };
        pos = hit.offset;
    }
    return { entries, stoppedAt: source.size, stop: 'end of file' };
}

;// CONCATENATED MODULE: ./src/scan/zip/prefix.ts
// What the bytes before an archive look like, for the prepended-data finding: loaders that read
// from offset 0 (pickle.load, np.load, torch.load's legacy path) act on them, not on the zip.


const STARTS = [
    [[0x23, 0x21], { kind: 'script', description: 'a script starting with #!, as self-extracting archives do' }],
    [[0x7f, 0x45, 0x4c, 0x46], { kind: 'elf', description: 'an ELF executable, as self-extractor stubs are' }],
    [[0x4d, 0x5a], { kind: 'pe', description: 'a Windows executable, as self-extractor stubs are' }]
];
const prefix_FORMATS = {
    pickle: 'a pickle stream, which pickle.load, np.load(allow_pickle=True) and torch.load (legacy path) read from offset 0',
    numpy: 'an NPY array, which np.load reads from offset 0',
    safetensors: 'a safetensors file, which safetensors loaders read from offset 0',
    zip: 'another zip archive, which readers that start at offset 0 read instead',
    'lfs-pointer': 'a Git LFS pointer',
    gguf: 'a GGUF file',
    hdf5: 'an HDF5 file',
    tar: 'a tar archive, which torch.load (legacy path) reads from offset 0'
};
/** Classifies the first `length` bytes of `source` with the same sniffing as whole files. */
async function describePrefix(source, length) {
    const prefix = sliceSource(source, 0, length);
    const sniffed = await sniff(prefix);
    if (sniffed.kind === 'compressed')
        return { kind: 'compressed', description: `${sniffed.compression ?? 'compressed'} data, which joblib.load decompresses and unpickles from offset 0` };
    const known = prefix_FORMATS[sniffed.kind];
    if (known !== undefined)
        return { kind: sniffed.kind, description: known };
    const head = await prefix.read(0, 4);
    const start = STARTS.find(([magic]) => magic.every((b, i) => head[i] === b));
    return start !== undefined ? start[1] : { kind: 'unrecognised', description: 'bytes no loader recognises' };
}

;// CONCATENATED MODULE: ./src/scan/zip/union.ts




/** Reference §9: a member is a likely bomb when it claims more than 256 MiB at a ratio above 100. */
const BOMB_SIZE = 256 * 1024 * 1024;
const BOMB_RATIO = 100;
/** Anomalies reported per archive; the rest are summarised in one more finding. */
const MAX_ANOMALIES = 200;
function end(m) {
    return m.dataOffset + m.compSize;
}
function cdViews(m) {
    return m.views.includes('miniz') || m.views.includes('python');
}
/** For an offset, the member whose [local header, data end) range contains it (after its start), if any. */
function containerFinder(candidates) {
    const sorted = [...candidates].sort((a, b) => a.localOffset - b.localOffset);
    // widest[i]: the member reaching furthest among sorted[0..i].
    const widest = [];
    for (const [i, m] of sorted.entries())
        widest.push(i > 0 && end(widest[i - 1]) >= end(m) ? widest[i - 1] : m);
    return (offset) => {
        let lo = 0;
        let hi = sorted.length - 1;
        let last = -1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            if (sorted[mid].localOffset < offset) {
                last = mid;
                lo = mid + 1;
            }
            else
                hi = mid - 1;
        }
        return last >= 0 && end(widest[last]) > offset ? widest[last] : undefined;
    };
}
async function unite(input) {
    const { miniz, python, walk, headers, prefix } = input;
    const anomalies = [];
    const incompletes = [];
    const byKey = new Map();
    const add = async (ref, localOffset, fields) => {
        const header = await headers.get(localOffset);
        if (!header)
            return undefined; // no loader can read an entry without its local header
        const key = `${localOffset}:${fields.method}:${fields.compSize}`;
        let member = byKey.get(key);
        if (!member) {
            member = {
                localOffset,
                dataOffset: header.dataOffset,
                method: fields.method,
                compSize: fields.compSize,
                uncompSize: fields.uncompSize,
                crc: fields.crc,
                flags: 0,
                localName: displayName(header.nameBytes),
                names: [],
                refs: [],
                views: [],
                label: ref.name
            };
            byKey.set(key, member);
        }
        member.uncompSize = Math.max(member.uncompSize, fields.uncompSize);
        member.flags |= fields.flags;
        member.refs.push(ref);
        if (!member.names.includes(ref.name))
            member.names.push(ref.name);
        if (!member.views.includes(ref.view))
            member.views.push(ref.view);
        return member;
    };
    for (const [view, entries] of [
        ['miniz', miniz.entries],
        ['python', python.entries]
    ]) {
        for (const e of entries)
            e.member = await add({ view, index: e.index, name: e.name }, e.localOffset, e);
    }
    const walkMembers = [];
    for (const [index, w] of walk.entries.entries()) {
        const member = await add({ view: 'walk', index, name: displayName(w.header.nameBytes) }, w.header.offset, {
            method: w.header.method,
            compSize: w.compSize,
            uncompSize: w.descriptor?.uncompSize ?? w.header.uncompSize,
            crc: w.descriptor?.crc ?? w.header.crc,
            flags: w.header.flags
        });
        if (member)
            walkMembers.push(member);
    }
    const members = [...byKey.values()].sort((a, b) => a.localOffset - b.localOffset || a.compSize - b.compSize);
    // --- End records and Zip64 ---------------------------------------------------------------
    const mEnd = miniz.end;
    const pEnd = python.end;
    if (mEnd && pEnd && mEnd.eocd.offset !== pEnd.eocd.offset) {
        anomalies.push(zipAnomaly(`torch.load (miniz) uses the end of central directory record at offset ${mEnd.eocd.offset}, Python zipfile the one at ${pEnd.eocd.offset}: they read different archives from one file`, prefix, [], mEnd.eocd.offset));
    }
    const cdStarts = [mEnd?.cdOffset, pEnd?.cdStart].filter((s) => s !== undefined && !Number.isNaN(s));
    const floor = cdStarts.length > 0 ? Math.min(...cdStarts) : 0;
    const used = new Set([mEnd?.eocd.offset, pEnd?.eocd.offset]);
    const extraEnds = input.endSignatures.filter((s) => s >= floor && !used.has(s));
    if (extraEnds.length > 0) {
        anomalies.push(zipAnomaly(`another end of central directory signature${extraEnds.length > 1 ? 's' : ''} at offset ${extraEnds.slice(0, 10).join(', ')}${extraEnds.length > 10 ? ', ...' : ''} after the central directory (in the archive comment or trailing data): readers that search differently pick different end records`, prefix, [], extraEnds[0], { offsets: extraEnds.slice(0, 10) }));
    }
    const locator = mEnd?.locator ?? pEnd?.locator;
    if (locator && mEnd && pEnd && mEnd.zip64?.offset !== pEnd.zip64?.offset) {
        const fixed = locator.offset - 56;
        anomalies.push(zipAnomaly(`the Zip64 locator points to offset ${locator.recordOffset} (used by torch.load/miniz) but Python zipfile reads the Zip64 end record at the fixed position ${fixed}${pEnd.zip64 ? '' : ' (none there, so it falls back to the 32-bit fields)'}: the loaders use different central directories`, prefix, [], locator.offset, { locatorOffset: locator.recordOffset, fixedOffset: fixed }));
    }
    // --- Whole-archive refusals ---------------------------------------------------------------
    const reading = (v) => `${v.entries.length} entr${v.entries.length === 1 ? 'y' : 'ies'}`;
    if (miniz.rejected && !python.rejected) {
        anomalies.push(zipAnomaly(`torch.load (miniz) refuses this archive (${miniz.rejected}) but Python zipfile reads ${reading(python)}: the loaders disagree`, prefix, [], mEnd?.eocd.offset ?? 0));
    }
    else if (python.rejected && !miniz.rejected) {
        anomalies.push(zipAnomaly(`Python zipfile refuses this archive (${python.rejected}) but torch.load (miniz) reads ${reading(miniz)}: the loaders disagree`, prefix, [], pEnd?.eocd.offset ?? mEnd?.eocd.offset ?? 0));
    }
    else if (python.rejected && miniz.rejected) {
        anomalies.push(zipAnomaly(`neither torch.load (miniz: ${miniz.rejected}) nor Python zipfile (${python.rejected}) can read the central directory, yet streaming unzippers see ${walk.entries.length} local entr${walk.entries.length === 1 ? 'y' : 'ies'}`, prefix, [], mEnd?.eocd.offset ?? pEnd?.eocd.offset ?? 0));
    }
    // --- Prepended data -----------------------------------------------------------------------
    const firstLocal = members.length > 0 ? members[0].localOffset : 0;
    if (!input.startsWithLocalHeader && members.length > 0) {
        const looks = await describePrefix(headers.source, firstLocal);
        anomalies.push(zipAnomaly(`${firstLocal} bytes precede the first local header: prepended data that looks like ${looks.description}. ` +
            `Python zipfile (zipfile.is_zipfile, Keras, custom loaders) still opens the archive${pEnd && pEnd.concat !== 0 ? `, shifting every offset by ${pEnd.concat}` : ''}; ` +
            'torch.load and np.load need PK\\x03\\x04 at offset 0 and read the leading bytes instead (torch.load\'s legacy path and np.load(allow_pickle=True) unpickle them): the loaders run different content', prefix, [], 0, { prepended: firstLocal, prependedKind: looks.kind }));
    }
    else if (pEnd && !python.rejected && pEnd.concat !== 0) {
        anomalies.push(zipAnomaly(`Python zipfile assumes ${pEnd.concat} bytes were prepended (the end record's directory offset and size do not meet it) and shifts every offset by that; torch.load (miniz) uses the offsets as written`, prefix, [], pEnd.eocd.offset, { concat: pEnd.concat }));
    }
    // --- miniz vs Python entry lists ----------------------------------------------------------
    if (!miniz.rejected && !python.rejected && mEnd && pEnd) {
        if (mEnd.cdOffset === pEnd.cdStart) {
            const onlyPython = python.entries.slice(miniz.entries.length).map((e) => e.name);
            const onlyMiniz = miniz.entries.slice(python.entries.length).map((e) => e.name);
            for (const [names, who, other] of [
                [onlyPython, 'Python zipfile', 'torch.load (miniz)'],
                [onlyMiniz, 'torch.load (miniz)', 'Python zipfile']
            ]) {
                if (names.length === 0)
                    continue;
                anomalies.push(zipAnomaly(`${names.length} central directory entr${names.length === 1 ? 'y is' : 'ies are'} read by ${who} but not by ${other} (the end record counts ${mEnd.totalEntries}, the directory holds more or fewer): ${quoteList(names)}`, prefix, names, mEnd.cdOffset));
            }
        }
        else {
            const at = (e) => `${e.name}\u0000${e.localOffset}`;
            const mKeys = new Set(miniz.entries.map(at));
            const pKeys = new Set(python.entries.map(at));
            const onlyM = miniz.entries.filter((e) => !pKeys.has(at(e)));
            const onlyP = python.entries.filter((e) => !mKeys.has(at(e)));
            const list = (es) => es.slice(0, 10).map((e) => `${report_quote(e.name)} at offset ${e.localOffset}`).join(', ');
            anomalies.push(zipAnomaly(`torch.load (miniz) reads the central directory at offset ${mEnd.cdOffset} (${reading(miniz)}), Python zipfile the one at ${pEnd.cdStart} (${reading(python)})${onlyM.length ? `; only miniz reads ${list(onlyM)}` : ''}${onlyP.length ? `; only Python reads ${list(onlyP)}` : ''}`, prefix, [...onlyM, ...onlyP].map((e) => e.name), mEnd.cdOffset));
        }
    }
    for (const e of python.entries) {
        if (e.name === e.origName)
            continue;
        anomalies.push(zipAnomaly(`Python zipfile names entry ${report_quote(e.origName)} ${report_quote(e.name)} (cut at a NUL byte or replaced by a Unicode Path extra field), while torch.load (miniz) and the local header use the raw name: the loaders look it up under different names`, prefix, [e.name, e.origName], e.recordOffset));
    }
    // --- Local header vs central directory ----------------------------------------------------
    const walkByOffset = new Map(walk.entries.map((w) => [w.header.offset, w]));
    const checked = new Set();
    for (const e of [...miniz.entries, ...python.entries]) {
        const header = e.member && (await headers.get(e.localOffset));
        if (!header)
            continue;
        const key = `${e.localOffset}:${e.recordOffset}`;
        if (checked.has(key))
            continue;
        checked.add(key);
        const localName = displayName(header.nameBytes);
        if (!bytesEqual(header.nameBytes, e.nameBytes)) {
            anomalies.push(zipAnomaly(`the local header at offset ${e.localOffset} names the entry ${report_quote(localName)} but the central directory ${report_quote(e.name)}: Python zipfile refuses to open it, torch.load (miniz) never compares the names, and streaming unzippers extract it as ${report_quote(localName)}`, prefix, [e.name, localName], e.localOffset));
        }
        const diffs = [];
        if (header.method !== e.method)
            diffs.push(`method ${header.method} vs ${e.method}`);
        const deferred = (header.flags & FLAG.descriptor) !== 0 && header.compSize === 0;
        if (!deferred) {
            if (header.compSize !== e.compSize)
                diffs.push(`compressed size ${header.compSize} vs ${e.compSize}`);
            if (header.uncompSize !== e.uncompSize)
                diffs.push(`uncompressed size ${header.uncompSize} vs ${e.uncompSize}`);
            if (header.crc !== e.crc && !(header.flags & FLAG.descriptor))
                diffs.push(`CRC ${header.crc} vs ${e.crc}`);
        }
        else {
            const w = walkByOffset.get(e.localOffset);
            if (w && w.compSize !== e.compSize) {
                diffs.push(`sizes deferred to a data descriptor (local sizes zero): a streaming reader ends the data after ${w.compSize} bytes (${w.sizeFrom}), the central directory says ${e.compSize}`);
            }
        }
        if (diffs.length > 0) {
            anomalies.push(zipAnomaly(`entry ${report_quote(e.name)}: local header and central directory disagree (${diffs.join('; ')}); loaders take the central directory, streaming unzippers the local header`, prefix, [e.name], e.localOffset));
        }
    }
    // --- Hidden local headers -----------------------------------------------------------------
    const referenced = new Set([...miniz.entries, ...python.entries].map((e) => e.localOffset));
    const hidden = new Set();
    if (!miniz.rejected || !python.rejected) {
        const containing = containerFinder(members.filter(cdViews));
        for (const m of walkMembers) {
            if (referenced.has(m.localOffset) || hidden.has(m))
                continue;
            hidden.add(m);
            const container = containing(m.localOffset);
            anomalies.push(zipAnomaly(`the local header at offset ${m.localOffset} (${report_quote(m.localName)}) is not in the central directory${container ? ` and lies inside the data of ${report_quote(container.label)}` : ''}: zip loaders do not list it, streaming unzippers extract it`, prefix, container ? [m.localName, container.label] : [m.localName], m.localOffset));
        }
    }
    // --- Overlapping and shared data ----------------------------------------------------------
    let cover;
    for (const m of members.filter(cdViews).sort((a, b) => a.localOffset - b.localOffset || end(b) - end(a))) {
        if (cover && m.localOffset < end(cover)) {
            anomalies.push(zipAnomaly(m.localOffset === cover.localOffset
                ? `entries ${report_quote(cover.label)} and ${report_quote(m.label)} start at the same local header (offset ${m.localOffset}) with different sizes or methods: readers decode different data for them`
                : `the local header of ${report_quote(m.label)} (offset ${m.localOffset}) lies inside the data of ${report_quote(cover.label)} (${cover.dataOffset}-${end(cover)}): an entry hidden inside another, which Python zipfile rejects as overlapped and miniz reads`, prefix, [m.label, cover.label], m.localOffset));
        }
        if (!cover || end(m) > end(cover))
            cover = m;
    }
    for (const m of members) {
        for (const view of ['miniz', 'python']) {
            const refs = m.refs.filter((r) => r.view === view);
            if (refs.length < 2)
                continue;
            const names = refs.map((r) => r.name);
            anomalies.push(zipAnomaly(`${refs.length} central directory entries (${quoteList(names)}) share the data at offset ${m.localOffset} in the ${view === 'miniz' ? 'miniz' : 'Python'} view: one local header read under several names (Python zipfile reports overlapped entries)`, prefix, names, m.localOffset));
            break;
        }
    }
    const directories = [
        mEnd && !miniz.rejected ? [mEnd.cdOffset, mEnd.cdOffset + mEnd.cdSize] : undefined,
        pEnd && !python.rejected ? [pEnd.cdStart, pEnd.cdStart + pEnd.cdSize] : undefined
    ].filter((d) => d !== undefined);
    for (const m of members.filter(cdViews)) {
        const dir = directories.find(([s, e]) => m.localOffset < e && end(m) > s);
        if (!dir)
            continue;
        anomalies.push(zipAnomaly(`the data of ${report_quote(m.label)} (${m.localOffset}-${end(m)}) overlaps the central directory (${dir[0]}-${dir[1]})`, prefix, [m.label], m.localOffset));
    }
    // --- Names --------------------------------------------------------------------------------
    const listing = !miniz.rejected ? miniz.entries : python.entries;
    const groups = new Map();
    for (const e of listing) {
        const k = asciiLowerKey(e.nameBytes);
        const group = groups.get(k);
        if (group)
            group.push(e);
        else
            groups.set(k, [e]);
    }
    for (const group of groups.values()) {
        if (group.length < 2)
            continue;
        const names = group.map((e) => e.name);
        const same = group.every((e) => bytesEqual(e.nameBytes, group[0].nameBytes));
        anomalies.push(zipAnomaly(same
            ? `${group.length} entries are named ${report_quote(group[0].name)}: Python zipfile uses the last one, torch.load (miniz) picks one unpredictably (all were scanned)`
            : `entry names ${quoteList(names)} differ only in letter case: torch.load (miniz) looks names up case-insensitively and may read any of them (all were scanned)`, prefix, names, group[1].recordOffset));
    }
    const pyGroups = new Map();
    for (const e of python.entries) {
        const group = pyGroups.get(e.name);
        if (group)
            group.push(e);
        else
            pyGroups.set(e.name, [e]);
    }
    for (const group of pyGroups.values()) {
        if (group.length < 2 || group.every((e) => bytesEqual(e.nameBytes, group[0].nameBytes)))
            continue;
        anomalies.push(zipAnomaly(`Python zipfile reads ${group.length} different entries under the name ${report_quote(group[0].name)} and uses the last one`, prefix, group.map((e) => e.origName), group[1].recordOffset));
    }
    // --- Per-member properties ----------------------------------------------------------------
    for (const m of members) {
        if (m.uncompSize > BOMB_SIZE && m.uncompSize > BOMB_RATIO * Math.max(m.compSize, 1)) {
            anomalies.push(zipAnomaly(`entry ${report_quote(m.label)} claims ${m.uncompSize} bytes from ${m.compSize} compressed (ratio above ${BOMB_RATIO}): possible zip bomb`, prefix, [m.label], m.localOffset, { compressedSize: m.compSize, uncompressedSize: m.uncompSize }));
        }
        const reasons = [];
        if (m.flags & (FLAG.encrypted | FLAG.strongEncryption)) {
            reasons.push('it is flagged encrypted (miniz refuses it, Python zipfile needs a password); its bytes were scanned as they are, but decrypted content could not be');
        }
        if (m.flags & FLAG.patched)
            reasons.push('it is flagged as compressed patch data, which no supported reader decodes');
        if (m.method !== 0 && ZIP_METHODS[m.method] === undefined)
            reasons.push(`it uses compression method ${methodName(m.method)}, which modelgate does not decode`);
        if (reasons.length > 0) {
            incompletes.push(incomplete(`entry ${report_quote(m.label)} was not fully analysed: ${reasons.join('; ')}`, prefix, m.label, m.localOffset, {
                method: m.method,
                flags: m.flags
            }));
        }
    }
    const findings = anomalies.slice(0, MAX_ANOMALIES);
    if (anomalies.length > MAX_ANOMALIES) {
        findings.push(zipAnomaly(`${anomalies.length - MAX_ANOMALIES} further zip anomalies were not listed`, prefix, [], 0, {
            count: anomalies.length - MAX_ANOMALIES
        }));
    }
    return { members, findings: [...findings, ...incompletes] };
}

;// CONCATENATED MODULE: ./src/scan/zip/entry-stream.ts




/**
 * `timed` wraps the compressed input of a decompressor (the time budget's `timedChunks`): data
 * that inflates to nothing is then stopped too, not only output that is read.
 */
function openMember(source, member, limits, timed = (input) => input) {
    const expected = member.method === 0 ? Math.min(member.compSize, member.uncompSize) : member.uncompSize;
    const cap = Math.min(expected, limits.maxDecompressedBytes);
    const state = { status: 'pending', bytes: 0, expected, cap };
    let crc = 0;
    let crcValid = true;
    const finish = (status, error) => {
        if (state.status !== 'pending')
            return null;
        state.status = status === 'complete' || state.bytes >= expected ? 'complete' : state.bytes >= cap ? 'capped' : status;
        if (error !== undefined && state.status !== 'complete')
            state.error = error;
        if (state.status === 'complete' && crcValid)
            state.crcMatches = crc === member.crc;
        return null;
    };
    const emit = (chunk) => {
        state.bytes += chunk.length;
        crc = crc32(crc, chunk);
        return chunk;
    };
    const codec = ZIP_METHODS[member.method];
    if (member.method !== 0 && codec === undefined) {
        state.status = 'unsupported';
        state.error = `compression method ${member.method}`;
        return { stream: { next: async () => null }, result: () => ({ ...state }) };
    }
    const inputEnd = Math.min(member.dataOffset + member.compSize, source.size);
    if (member.method === 0) {
        let pos = member.dataOffset;
        return {
            result: () => ({ ...state }),
            stream: {
                async next() {
                    if (state.status !== 'pending')
                        return null;
                    if (state.bytes >= cap)
                        return finish('capped');
                    const chunk = await source.read(pos, Math.min(DEFAULT_CHUNK, cap - state.bytes, inputEnd - pos));
                    if (chunk.length === 0)
                        return finish('short', 'the file ends inside the stored data');
                    pos += chunk.length;
                    return emit(chunk);
                },
                async skip(n) {
                    if (state.status !== 'pending')
                        return 0;
                    const k = Math.max(0, Math.min(n, cap - state.bytes, inputEnd - pos));
                    pos += k;
                    state.bytes += k;
                    crcValid = false;
                    return k;
                }
            }
        };
    }
    const inflated = decompressStream(timed(sourceChunks(sliceSource(source, member.dataOffset, inputEnd - member.dataOffset))), CODECS[codec], { cap });
    return {
        result: () => ({ ...state }),
        stream: {
            async next() {
                if (state.status !== 'pending')
                    return null;
                const chunk = await inflated.stream.next();
                if (chunk !== null)
                    return emit(chunk);
                const { status, error } = inflated.result();
                if (status === 'corrupt')
                    return finish('corrupt', error);
                return finish(status === 'capped' ? 'capped' : 'short', 'the compressed stream ends before the declared size');
            }
        }
    };
}
/**
 * Findings about one member read: `scan/incomplete` when the cap stopped the read or the deflate
 * data could not be decoded (`unsupported` is reported by `readZip` already), `zip/anomaly` for a
 * CRC mismatch or data shorter than declared.
 */
function memberReadFindings(member, result, prefix) {
    const name = report_quote(member.label);
    switch (result.status) {
        case 'capped':
            return [
                incomplete(`entry ${name} was analysed only up to ${result.bytes} of ${result.expected} bytes: the decompression limit (limits.maxDecompressedBytes = ${result.cap}) was reached; possible zip bomb`, prefix, member.label, member.localOffset, { limit: result.cap, declaredSize: result.expected })
            ];
        case 'corrupt':
            return [
                incomplete(`entry ${name}: the compressed data could not be decoded after ${result.bytes} bytes (${result.error ?? 'error'}); loaders may decode further`, prefix, member.label, member.localOffset)
            ];
        case 'short':
            return [
                zipAnomaly(`entry ${name} yields ${result.bytes} bytes but declares ${result.expected}: torch.load (miniz) fails on it, Python zipfile reads the ${result.bytes} bytes`, prefix, [member.label], member.localOffset)
            ];
        case 'complete':
            return result.crcMatches === false
                ? [
                    zipAnomaly(`entry ${name} does not match its CRC-32: torch.load (miniz) never checks it, and Python zipfile raises only after the whole entry was read (a pickle in it has already run)`, prefix, [member.label], member.localOffset)
                ]
                : [];
        default:
            return [];
    }
}

;// CONCATENATED MODULE: ./src/scan/zip/index.ts










async function readZip(source, opts) {
    const head = await source.read(0, 4);
    const startsWithLocalHeader = head.length === 4 && u32(head, 0) === SIG.local;
    const tail = await readTail(source);
    const [mEnd, pEnd] = await Promise.all([minizEnd(source, tail), pythonEnd(source, tail)]);
    const isZip = startsWithLocalHeader || 'eocd' in mEnd || 'eocd' in pEnd;
    const scans = new Map();
    const scan = (start, size) => {
        const key = `${start}:${size}`;
        let s = scans.get(key);
        if (!s) {
            s = scanCentral(source, start, size);
            scans.set(key, s);
        }
        return s;
    };
    const miniz = 'eocd' in mEnd
        ? mEnd.rejected
            ? { end: mEnd, entries: [], rejected: mEnd.rejected }
            : minizView(mEnd, await scan(mEnd.cdOffset, mEnd.cdSize), source.size)
        : { entries: [], rejected: mEnd.rejected };
    const python = 'eocd' in pEnd
        ? pEnd.rejected
            ? { end: pEnd, entries: [], rejected: pEnd.rejected }
            : pythonView(pEnd, await scan(pEnd.cdStart, pEnd.cdSize))
        : { entries: [], rejected: pEnd.rejected };
    const hints = new Map();
    for (const e of [...miniz.entries, ...python.entries]) {
        const sizes = hints.get(e.localOffset);
        if (!sizes)
            hints.set(e.localOffset, [e.compSize]);
        else if (!sizes.includes(e.compSize))
            sizes.push(e.compSize);
    }
    const headers = new LocalHeaders(source, [...hints.keys()].sort((a, b) => a - b));
    const walk = isZip ? await walkLocalHeaders(source, headers, hints) : { entries: [], stoppedAt: 0, stop: 'not a zip' };
    if (!isZip)
        return { isZip, startsWithLocalHeader, views: { miniz, python, walk }, members: [], findings: [] };
    const { members, findings } = await unite({
        miniz,
        python,
        walk,
        headers,
        endSignatures: tail.signatures,
        startsWithLocalHeader,
        prefix: opts.entry
    });
    for (const s of await Promise.all(scans.values())) {
        if (!s.capped)
            continue;
        findings.push(incomplete(s.capped === 'entries'
            ? `the central directory has more than ${MAX_ZIP_ENTRIES} entries: the rest were not analysed`
            : `the central directory is ${s.size} bytes, more than modelgate reads: entries past the limit were not analysed`, opts.entry, undefined, s.start));
    }
    if (walk.capped) {
        findings.push(incomplete(walk.capped === 'entries'
            ? `more than ${MAX_ZIP_ENTRIES} local headers: the rest were not analysed`
            : `local headers past offset ${walk.stoppedAt} were not searched for (search limit ${MAX_SEARCH_BYTES} bytes): hidden entries there were not analysed`, opts.entry, undefined, walk.stoppedAt));
    }
    return { isZip, startsWithLocalHeader, views: { miniz, python, walk }, members, findings };
}
/**
 * `mz_zip_reader_locate_file(name, flags=0)` as PyTorch calls it: ASCII case-insensitive over
 * raw name bytes. miniz's winner among several matches depends on an unstable sort, so every
 * match is returned (in directory order); scan them all.
 */
function minizLookup(archive, name) {
    const wanted = asciiLowerKey(new TextEncoder().encode(name));
    const found = [];
    for (const e of archive.views.miniz.entries) {
        if (e.member && asciiLowerKey(e.nameBytes) === wanted && !found.includes(e.member))
            found.push(e.member);
    }
    return found;
}
/** `ZipFile.getinfo(name)`: the exact final name, the last duplicate wins. */
function pythonLookup(archive, name) {
    const entries = archive.views.python.entries;
    for (let i = entries.length - 1; i >= 0; i--)
        if (entries[i].name === name)
            return entries[i].member;
    return undefined;
}
/**
 * torch's `archive_name_`: central directory entry 0's name up to its first `/`. Null when that
 * name has no `/` (torch then fails: "file in archive is not in a subdirectory"); undefined when
 * miniz reads no entries.
 */
function minizArchivePrefix(archive) {
    const first = archive.views.miniz.entries[0];
    if (!first)
        return undefined;
    const slash = first.nameBytes.indexOf(0x2f);
    return slash < 0 ? null : new TextDecoder().decode(first.nameBytes.subarray(0, slash));
}

;// CONCATENATED MODULE: ./src/scan/names.ts
// File-name facts used as hints (never as the verdict: content decides).
/** Lower-case last extension including the dot (`.pt`), or '' when there is none. */
function extensionOf(name) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
/**
 * Extensions whose loaders unpickle (torch.load, pickle.load, joblib.load, numpy.load with
 * allow_pickle). Any of them may appear before a compression suffix (`model.pkl.gz`).
 */
const PICKLE_LOADER_EXTENSIONS = ['pkl', 'pickle', 'pck', 'joblib', 'jbl', 'dill', 'sav', 'pt', 'pth', 'bin', 'ckpt', 'tar', 'npy', 'npz', 'model', 'mar'];
const PICKLE_LOADER_NAME = new RegExp(`\\.(${PICKLE_LOADER_EXTENSIONS.join('|')})(\\.|$)`, 'i');
function suggestsPickleLoader(name) {
    return PICKLE_LOADER_NAME.test(name.slice(name.lastIndexOf('/') + 1));
}
/** Model formats read by loaders other than pickle's (safetensors, GGUF, ONNX, Keras/HDF5, TF). */
const OTHER_MODEL_NAME = /\.(safetensors|gguf|ggml|onnx|ort|h5|hdf5|keras|pb|tflite|msgpack|mlmodel|pdparams|nemo)$/i;
/** Names that claim a model file of any format. */
function suggestsModel(name) {
    return suggestsPickleLoader(name) || OTHER_MODEL_NAME.test(name.slice(name.lastIndexOf('/') + 1));
}

;// CONCATENATED MODULE: ./src/scan/formats/torch-zip.ts
// The torch.save / torch.jit.save / torch.package zip layout (formats.md §2.2, §2.5, §2.7), read
// the way PyTorch's miniz reader reads it: the prefix is central directory entry 0's top folder,
// records are looked up ASCII-case-insensitively, and getAllRecords() refuses any entry outside
// the prefix. Member contents are scanned by zip.ts; this module says what kind of archive it is,
// which members are raw storages, and what is wrong with the layout itself.



/** Rule of the layout findings: torch.load and other readers disagree about the archive. */
const TORCH_ANOMALY = RULES.torchAnomaly;
const MAX_LISTED = 10;
/** The torch layout of a zip, or null when torch.load would not read it as one of its archives. */
function torchLayout(archive, entry) {
    const prefix = minizArchivePrefix(archive);
    if (prefix === undefined || prefix === null)
        return null;
    const has = (name) => minizLookup(archive, `${prefix}/${name}`).length > 0;
    const names = archive.views.miniz.entries.map((e) => e.name);
    const lower = (name) => name.toLowerCase();
    const under = (folder) => names.filter((n) => lower(n).startsWith(lower(`${prefix}/${folder}`)));
    const dataPkl = minizLookup(archive, `${prefix}/data.pkl`);
    const isPackage = has('.data/extern_modules');
    const scriptCode = under('code/');
    const isScript = has('constants.pkl') || scriptCode.length > 0;
    const code = isPackage ? names.filter((n) => lower(n).endsWith('.py')) : scriptCode;
    if (dataPkl.length === 0 && !isPackage && !isScript)
        return null;
    const findings = [];
    const anomaly = (message, entries, offset) => {
        findings.push({
            rule: TORCH_ANOMALY,
            severity: 'high',
            message,
            location: { entry: entryPath(entry, entries[0]), ...(offset !== undefined ? { offset } : {}) },
            entries: entries.slice(0, MAX_LISTED)
        });
    };
    const outside = archive.views.miniz.entries.filter((e) => !e.name.startsWith(`${prefix}/`));
    if (outside.length > 0) {
        anomaly(`${outside.length} entr${outside.length === 1 ? 'y lies' : 'ies lie'} outside the archive folder ${report_quote(prefix)} (${quoteList(outside.map((e) => e.name))}): ` +
            'torch.load refuses the archive (getAllRecords), while other zip readers read those entries. All were scanned.', outside.map((e) => e.name), outside[0].recordOffset);
    }
    const exact = `${prefix}/data.pkl`;
    if (dataPkl.length > 0 && !names.includes(exact)) {
        const found = dataPkl.map((m) => m.label);
        anomaly(`torch.load finds the pickle as ${quoteList(found)} through its case-insensitive lookup of ${report_quote(exact)}, which Python zipfile and most scanners do not find under that name. It was scanned.`, found, dataPkl[0].localOffset);
    }
    const storagePrefix = lower(`${prefix}/data/`);
    const storages = new Set();
    for (const e of archive.views.miniz.entries) {
        if (e.member !== undefined && lower(e.name).startsWith(storagePrefix) && e.name.length > storagePrefix.length)
            storages.add(e.member);
    }
    return {
        format: isPackage ? 'torch-package' : isScript ? 'torchscript' : 'pytorch-zip',
        prefix,
        storages,
        code,
        extra: under('extra/'),
        findings
    };
}
/** TorchScript's C++ unpickler resolves these itself (`torch/csrc/jit/serialization/unpickler.cpp`); they import nothing. */
const TORCHSCRIPT_BUILTINS = /^(torch\.jit\._pickle|__main__)\.\w+( \(.*\))?$/;
const TORCHSCRIPT_CLASS = /^(__torch__\.[\w.]+)( \(.*\))?$/;
/**
 * Pickles of a TorchScript archive are read by the C++ unpickler, which resolves `__torch__.*`
 * classes from the archive's own `code/` and a fixed set of builtins, never Python imports. Those
 * globals are taken out of the findings (the classes are named in `torchscript/code` instead).
 */
function torchScriptGlobals(findings, classes) {
    return findings.filter((f) => {
        const name = typeof f.global === 'string' ? f.global : undefined;
        if (name === undefined)
            return true;
        const cls = TORCHSCRIPT_CLASS.exec(name);
        if (cls !== null) {
            classes.add(cls[1]);
            return false;
        }
        return !TORCHSCRIPT_BUILTINS.test(name);
    });
}
/** The `torchscript/code` finding of a TorchScript or torch.package archive. */
function torchCodeFinding(layout, classes, entry) {
    const list = (what, items) => (items.length > 0 ? ` ${what}: ${quoteList(items)}.` : '');
    const message = layout.format === 'torch-package'
        ? `torch.package archive: torch.package.PackageImporter imports and runs the Python modules packaged in it.${list('Packaged sources', layout.code)}`
        : `TorchScript archive: torch.load (torch.jit.load) compiles and runs the TorchScript code it carries when the model is loaded, with access to every registered TorchScript op. ` +
            `Its classes are resolved by TorchScript from code/, not imported from Python.${list('Code', layout.code)}${list('Classes', [...classes].sort())}${list('Extra files', layout.extra)}`;
    return {
        rule: RULES.torchscriptCode,
        severity: 'high',
        message: `${message} Only load it from a trusted source; prefer safetensors weights with model code kept in the repository.`,
        ...(entry !== undefined ? { location: { entry } } : {}),
        ...(classes.size > 0 ? { classes: [...classes].sort().slice(0, 50) } : {}),
        ...(layout.code.length > 0 ? { code: layout.code.slice(0, 50) } : {})
    };
}

;// CONCATENATED MODULE: ./src/scan/formats/zip.ts
// Zip archives: torch.save / TorchScript / torch.package zips, NumPy .npz and any other zip.
// The reader (src/scan/zip) unites what miniz, Python zipfile and streaming unzippers read; every
// member of that union is scanned by content (a pickle named data.txt is still a pickle), with
// `location.entry` = the member's name, nested archives joined with `/`.











/** np.load of a zip: every member is a key; members without the NPY magic come back as raw bytes. */
function looksLikeNpz(archive, name) {
    if (extensionOf(name) === '.npz')
        return true;
    const files = archive.views.python.entries.filter((e) => !e.name.endsWith('/'));
    return files.length > 0 && files.every((e) => e.name.endsWith('.npy'));
}
function isDirectory(member) {
    return member.uncompSize === 0 && member.names.every((n) => n.endsWith('/'));
}
/** The first bytes of a member, its size as far as known, and a stream that still yields all of it. */
async function memberHead(stored, reader, member) {
    if (stored !== undefined)
        return { bytes: await stored.read(0, SNIFF_HEAD), size: stored.size, stream: reader.stream };
    const peeked = await peek(reader.stream, SNIFF_HEAD);
    return { bytes: peeked.head, size: peeked.ended ? peeked.head.length : member.uncompSize, stream: peeked.stream };
}
/**
 * A torch storage's head when it may be a pickle, else null. Stored data is probed on its first
 * bytes first: tensor data fails at once, so a remote archive pays a few KiB per storage
 * (fetched ahead with the local headers), not a whole sniff head.
 */
async function storagePickleHead(stored, reader, member) {
    if (stored !== undefined) {
        const why = whyNotPickle(await stored.read(0, PROBE_FIRST), stored.size);
        if (why !== null && why.short !== true)
            return null;
    }
    const head = await memberHead(stored, reader, member);
    return probePickle(head.bytes, head.size) ? { stream: head.stream } : null;
}
/**
 * Scans one member by content. Raw torch storages are only checked for a real pickle payload:
 * torch never unpickles them, and tensor bytes may start like a pickle by chance.
 */
async function scanMember(source, member, ctx, scan, torch) {
    const storage = torch?.storages.has(member) ?? false;
    const entry = entryPath(ctx.entry, member.label);
    const child = deeper(ctx, entry, `archive entry ${report_quote(member.label)}`);
    if ('skipped' in child)
        return { findings: [child.skipped] };
    const budget = child.ctx.budget;
    const reader = openMember(source, member, ctx.options.limits, budget && ((input) => timedChunks(input, budget, child.ctx, false)));
    // Stored data is a window of the archive: random access without buffering (nested zips).
    const stored = member.method === 0 ? sliceSource(source, member.dataOffset, Math.min(member.compSize, member.uncompSize)) : undefined;
    let stream = reader.stream;
    if (storage) {
        // Only the head of a storage is read (tensor data can be gigabytes): is it a pickle at all?
        const head = await storagePickleHead(stored, reader, member).catch((err) => {
            if (err instanceof BudgetStop)
                return null; // read past the time budget (budget.ts); scanFile reports the stop
            throw err;
        });
        if (head === null)
            return { findings: [] };
        stream = head.stream;
    }
    const scanned = await scan({ name: member.label, stream, source: storage ? undefined : stored, size: member.uncompSize, torchRecord: torch !== null }, child.ctx);
    const read = memberReadFindings(member, reader.result(), ctx.entry);
    if (storage)
        return { findings: [...scanned.findings.filter((f) => PICKLE_GLOBAL_RULES.has(f.rule)), ...read] };
    return { findings: [...scanned.findings, ...read], format: scanned.format, pickleSeen: scanned.pickleSeen };
}
async function scanZip(source, ctx, name, scan) {
    const archive = await readZip(source, { entry: ctx.entry, limits: ctx.options.limits });
    const torch = torchLayout(archive, ctx.entry);
    const format = torch?.format ?? (looksLikeNpz(archive, name) ? 'npz' : 'zip');
    const findings = [...archive.findings, ...(torch?.findings ?? [])];
    const classes = new Set();
    let pickleSeen;
    for (const member of archive.members) {
        if (ctx.budget?.spent(ctx))
            break; // the file's time budget: scanFile reports where it stopped
        if (isDirectory(member))
            continue;
        const result = await scanMember(source, member, ctx, scan, torch);
        if (format === 'torchscript') {
            findings.push(...torchScriptGlobals(result.findings, classes));
            continue; // its pickles are read by TorchScript's own unpickler, not Python's: no pickle/format verdict
        }
        findings.push(...result.findings, ...npzFindings(format, member, result, ctx));
        pickleSeen ??= result.pickleSeen;
    }
    if (torch !== null && torch.format !== 'pytorch-zip')
        findings.push(torchCodeFinding(torch, classes, ctx.entry));
    return { format, findings, details: { entries: archive.members.length }, ...(pickleSeen !== undefined ? { pickleSeen } : {}) };
}
/** np.load returns a non-NPY member of an .npz as raw bytes: worth a note, not a risk. */
function npzFindings(format, member, result, ctx) {
    if (format !== 'npz' || result.format === undefined || result.format === 'numpy')
        return [];
    return [
        {
            rule: RULES.numpyNonNpyMember,
            severity: 'info',
            message: `Entry ${report_quote(member.label)} of this .npz is not an NPY array (it is ${result.format} content): numpy.load returns it as raw bytes.`,
            location: { entry: entryPath(ctx.entry, member.label) ?? member.label }
        }
    ];
}

;// CONCATENATED MODULE: ./src/scan/formats/unsupported.ts
// Results for content the engine recognises but does not analyse, or does not recognise.


const unsupported_at = (ctx) => (ctx.entry !== undefined ? { location: { entry: ctx.entry } } : {});
/** Fail closed: a loader could read this, we did not analyse it. */
function notAnalysed(format, what, ctx, why = 'this format is not analysed yet') {
    return {
        format,
        findings: [
            {
                rule: RULES.incomplete,
                severity: 'high',
                message: `${what} not analysed (${why}): a loader could read it, so it is not known to be safe. Inspect it by hand or convert the model to safetensors.`,
                ...unsupported_at(ctx)
            }
        ]
    };
}
/**
 * Content matched no signature. Only worth a note when the name claims a model format;
 * `notPickle` says where a pickle loader would stop on it (before running anything).
 */
function unrecognised(name, ctx, notPickle) {
    if (!suggestsPickleLoader(name))
        return { format: 'other', findings: [] };
    const asPickle = notPickle !== undefined
        ? ` Read as a pickle it stops at offset ${notPickle.offset} (${notPickle.reason}) before any opcode that imports or calls, so a pickle loader raises an error without running code.`
        : '';
    return {
        format: 'other',
        findings: [
            {
                rule: RULES.unrecognized,
                severity: 'info',
                message: `The name suggests a model file, but the content matches no model format.${asPickle}`,
                ...unsupported_at(ctx)
            }
        ]
    };
}
/** No bytes at all. Only worth a note when the name claims a model format: no loader gets a model from it. */
function emptyContent(name, ctx) {
    if (!suggestsModel(name))
        return { format: 'other', findings: [] };
    return {
        format: 'other',
        findings: [
            {
                rule: RULES.empty,
                severity: 'low',
                message: 'The name suggests a model file, but it is empty (0 bytes): loaders fail on it, and the model it stands for was not scanned. Commit the real file or remove this one.',
                ...unsupported_at(ctx)
            }
        ]
    };
}

;// CONCATENATED MODULE: ./src/scan/templates/files.ts

/** tokenizer_config.json holds the vocabulary's added tokens too: a few MiB for large ones. */
const MAX_TEMPLATE_JSON_BYTES = 16 * 1024 * 1024;
const JSON_NAMES = new Set(['tokenizer_config.json', 'chat_template.json']);
/** Whether a file (or archive member) holds chat templates, by its base name. */
function templateFileKind(name) {
    const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    if (JSON_NAMES.has(base))
        return 'json';
    return base.toLowerCase().endsWith('.jinja') ? 'jinja' : undefined;
}
async function scanTemplateFile(source, ctx, kind, name) {
    const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    const at = (key, offset) => ({ key, ...(ctx.entry !== undefined ? { entry: ctx.entry } : {}), ...(offset !== undefined ? { offset } : {}) });
    const limit = kind === 'json' ? MAX_TEMPLATE_JSON_BYTES : MAX_TEMPLATE_BYTES;
    if (source.size > limit)
        return { format: 'other', findings: [unusualTemplate(`a ${kind === 'json' ? 'JSON file' : 'template'} of ${tooLarge(source.size, limit)}`, at(base, 0))] };
    const text = new TextDecoder('utf-8').decode(await source.read(0, source.size));
    const findings = kind === 'jinja' ? checkChatTemplate(text, at(base, 0)) : jsonTemplates(text, base, at);
    return { format: 'other', findings };
}
/** The templates of a tokenizer_config.json / chat_template.json, each checked under its JSON path. */
function jsonTemplates(text, base, at) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        // Python's json also reads NaN and Infinity: what it may read, we could not analyse.
        return [unusualTemplate(`JSON that does not parse (${err instanceof Error ? err.message : String(err)})`, at(base))];
    }
    const templates = typeof parsed === 'object' && parsed !== null ? parsed.chat_template : undefined;
    if (templates === undefined || templates === null)
        return [];
    if (typeof templates === 'string')
        return checkChatTemplate(templates, at(`${base}: chat_template`));
    if (!Array.isArray(templates))
        return [unusualTemplate(`chat_template that is neither a string nor a list`, at(base))];
    return templates.flatMap((item, i) => {
        const { name, template } = (typeof item === 'object' && item !== null ? item : {});
        const key = `${base}: chat_template[${i}]${typeof name === 'string' ? ` (${name})` : ''}`;
        return typeof template === 'string' ? checkChatTemplate(template, at(key)) : [unusualTemplate('a chat_template entry without a template string', at(key))];
    });
}

;// CONCATENATED MODULE: ./src/scan/dispatch.ts


















/** What a file name suggests, for content that matched no signature. */
const EXTENSION_HINTS = {
    '.safetensors': scanSafetensors,
    // ONNX has no magic (formats.md §7): a protobuf's first bytes match too much else to sniff.
    '.onnx': scanOnnx
};
/** Scans one file: its content, then the file-level `pickle/format` verdict. */
async function scanSource(source, ctx, name) {
    const scanned = await scanContent({ name, source, stream: sourceChunks(source), size: source.size }, ctx);
    return fileResult(scanned, ctx.options);
}
/** Bytes passed to `pickle.loads`, `torch.load`, ... inside a pickle: dispatched by content like a file. */
const nestedScanner = async (bytes, ctx) => {
    const source = bufferSource(bytes);
    return (await scanContent({ name: '', source, stream: sourceChunks(source), size: bytes.length }, ctx, true)).findings;
};
/** A random-access view of the content for scanners that need one; null (reported) when it is too large to buffer. */
async function withSource(content, ctx, what, scan) {
    const source = await randomAccess(content);
    return source !== null ? scan(source) : notAnalysed('other', what, ctx, 'the member is too large to buffer for random access');
}
/** The content with random access when it is at most BUFFER_LIMIT bytes; its stream replays what was read. */
async function buffered(content) {
    const peeked = await peek(content.stream, BUFFER_LIMIT + 1);
    return { ...content, stream: peeked.stream, ...(peeked.ended ? { source: bufferSource(peeked.head) } : {}) };
}
/**
 * Streamed content too large to buffer that matches nothing from its start: does it end like a
 * zip? Read through to its tail when nothing else reads the stream (no pickle loader, no hint).
 */
async function tooLargeZip(content, asPickle) {
    if (asPickle || EXTENSION_HINTS[extensionOf(content.name)] !== undefined)
        return false;
    const { tail, size } = await streamTail(content.stream, TAIL_WINDOW);
    return directoryFromEnd(tailSource(tail, size), size - tail.length);
}
/**
 * Python zipfile finds an archive from its end records, whatever precedes it (Keras, custom
 * loaders), while pickle, np.load, torch.load's legacy path and the other loaders read those
 * leading bytes from offset 0: content that is a zip from its end is scanned both ways. The zip
 * reader reports the leading bytes (`zip/anomaly`). Content that matches nothing from its start
 * is only read as the zip (there is nothing else to scan), unless a pickle loader reads it.
 */
async function scanBothWays(content, kind, ctx, asPickle) {
    const readsStart = kind !== 'other' || asPickle || EXTENSION_HINTS[extensionOf(content.name)] !== undefined;
    const start = readsStart ? await scanContent({ ...content, startOnly: true }, ctx, asPickle) : undefined;
    const zip = await scanZip(content.source, ctx, content.name, scanContent);
    if (start === undefined)
        return zip;
    const pickleSeen = start.pickleSeen ?? zip.pickleSeen;
    return {
        format: start.format === 'other' ? zip.format : start.format,
        findings: [...start.findings, ...zip.findings],
        details: { ...zip.details, ...start.details },
        ...(pickleSeen !== undefined ? { pickleSeen } : {})
    };
}
/**
 * Scans content of any kind. `asPickle`: the bytes are known to be read by a pickle loader
 * (nested deserializers), so content that matches no signature is still analysed as a pickle.
 */
async function scanContent(content, ctx, asPickle = false) {
    // Each member, decompressed stream and nested payload passes here: a natural point to stop
    // when the file's time budget is spent (scanFile reports it). Its stream is timed, and a read
    // past the deadline throws (budget.ts): caught here, below the findings of the levels above.
    if (ctx.budget?.spent(ctx))
        return { format: 'other', findings: [] };
    try {
        return await dispatchContent(content, ctx, asPickle);
    }
    catch (err) {
        if (err instanceof BudgetStop)
            return { format: 'other', findings: [] };
        throw err;
    }
}
async function dispatchContent(content, ctx, asPickle) {
    let sniffed;
    let head;
    let stream = ctx.budget !== undefined ? timedChunks(content.stream, ctx.budget, ctx) : content.stream;
    if (content.source !== undefined) {
        head = await content.source.read(0, SNIFF_HEAD);
        sniffed = await sniff(content.source, head);
    }
    else {
        const peeked = await peek(stream, SNIFF_HEAD);
        stream = peeked.stream;
        head = peeked.head;
        const size = peeked.ended ? head.length : Math.max(content.size ?? 0, head.length + 1);
        // Only the head is at hand: signatures past it (an HDF5 user block) read as absent.
        sniffed = await sniff({ size, read: async (offset, length) => peeked.head.subarray(Math.min(offset, head.length), Math.min(offset + length, head.length)) }, head);
    }
    let current = { ...content, stream };
    if (content.startOnly !== true && sniffed.kind !== 'zip' && sniffed.kind !== 'empty') {
        // Streamed content that matches nothing from its start is buffered to read its end.
        if (current.source === undefined && sniffed.kind === 'other') {
            current = await buffered(current);
            if (current.source === undefined && (await tooLargeZip(current, asPickle))) {
                return notAnalysed('zip', 'zip archive found from its end records', ctx, 'the member is too large to buffer for random access');
            }
        }
        const source = current.source;
        if (source !== undefined && (await directoryFromEnd(source)))
            return scanBothWays({ ...current, source }, sniffed.kind, ctx, asPickle);
        stream = current.stream;
    }
    switch (sniffed.kind) {
        case 'empty':
            // Only content known to hold 0 bytes: a decompressed stream that yielded nothing was
            // cut off or corrupt, which its decompressor reports.
            return content.source !== undefined || content.size === 0 ? emptyContent(content.name, ctx) : { format: 'other', findings: [] };
        case 'lfs-pointer':
            return withSource(current, ctx, 'Git LFS pointer', (s) => scanLfsPointer(s, ctx));
        case 'safetensors':
            return withSource(current, ctx, 'safetensors file', (s) => scanSafetensors(s, ctx));
        case 'pickle':
            return scanPickleStream(stream, head, ctx, nestedScanner, content.torchRecord !== true);
        case 'numpy':
            return scanNpy(stream, ctx, nestedScanner);
        case 'compressed':
            if (sniffed.compression === '7z')
                return withSource(current, ctx, '7z archive', (s) => scanSevenZip(s, ctx, scanContent));
            return scanCompressed(current, head, sniffed.compression ?? 'gzip', ctx, scanContent);
        case 'zip':
            return withSource(current, ctx, 'zip archive', (s) => scanZip(s, ctx, content.name, scanContent));
        case 'tar':
            return withSource(current, ctx, 'tar archive', (s) => scanTar(s, ctx, scanContent));
        case 'gguf':
            return withSource(current, ctx, 'GGUF file', (s) => scanGguf(s, ctx));
        case 'hdf5':
            return { format: sniffed.kind, findings: [] };
        case 'other': {
            if (asPickle)
                return scanPickleStream(stream, head, ctx, nestedScanner, true);
            const template = templateFileKind(content.name);
            if (template !== undefined)
                return withSource(current, ctx, 'chat template file', (s) => scanTemplateFile(s, ctx, template, content.name));
            const hinted = EXTENSION_HINTS[extensionOf(content.name)];
            if (hinted !== undefined)
                return withSource(current, ctx, `${extensionOf(content.name)} file`, (s) => hinted(s, ctx));
            return unrecognised(content.name, ctx, sniffed.notPickle);
        }
    }
}

;// CONCATENATED MODULE: ./src/scan/concurrency.ts
/** Maps `items` through `fn` with at most `limit` calls in flight; results keep input order. */
async function mapConcurrent(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/scan/scan.ts
// The engine entry: paths in, Report out. Knows nothing of GitHub or terminals.









const defaultIo = { openSource: openFileSource };
function listed(path, finding) {
    return { path, format: 'other', size: 0, findings: [finding] };
}
const skippedSpecial = (path) => listed(path, {
    rule: RULES.skippedSpecial,
    severity: 'info',
    message: 'Not a regular file (FIFO, socket or device): not opened and not scanned.'
});
const unreadable = (path, error) => listed(path, {
    rule: RULES.unreadable,
    severity: 'high',
    message: `Could not be read (${error}): not scanned, so it is not known to be safe. Fix the permissions and scan again.`
});
/**
 * Scans one regular file, reported as `path`; `target`: the file a link at `path` resolved to,
 * opened instead (and only if it is still that file). Never throws: a failure becomes a finding.
 */
async function scanFile(path, options, io = defaultIo, target) {
    let source;
    try {
        source = await (target === undefined ? io.openSource(path) : io.openSource(target.path, target));
    }
    catch (err) {
        if (err instanceof NotRegularFileError)
            return skippedSpecial(path);
        if (err instanceof ChangedFileError)
            return listed(path, unverifiedLinkFinding('whose target changed after it was resolved'));
        // O_NOFOLLOW refused a link swapped in after listing.
        if (err.code === 'ELOOP')
            return listed(path, unverifiedLinkFinding('swapped in after the file was listed'));
        return unreadable(path, describeError(err));
    }
    try {
        return await scanOpenSource(path, source, options, io.now, path);
    }
    finally {
        await source.close();
    }
}
/**
 * Scans an opened source (a local file, an HTTP object), reported as `path`, within the
 * file's time budget. Never throws: a failure becomes a finding. `localPath`: the local file's
 * path, for a local file only (ScanContext.localPath).
 */
async function scanOpenSource(path, source, options, now, localPath) {
    try {
        const budget = new TimeBudget(options.limits.timeBudgetMs, now);
        const result = await scanSource(source, { options, depth: 0, budget, ...(localPath !== undefined ? { localPath } : {}) }, path);
        const stopped = budget.finding();
        const findings = stopped !== undefined ? [...result.findings, stopped] : result.findings;
        return { path, format: result.format, size: source.size, findings, ...(result.details ? { details: result.details } : {}) };
    }
    catch (err) {
        // A scanner bug or an I/O error mid-file must not read as "clean".
        return {
            path,
            format: 'other',
            size: source.size,
            findings: [{ rule: RULES.incomplete, severity: 'high', message: `Scan failed (${describeError(err)}): the file was not fully analysed.` }]
        };
    }
}
async function scanCandidate(candidate, options, io) {
    switch (candidate.kind) {
        case 'link':
            return listed(candidate.path, candidate.finding);
        case 'special':
            return skippedSpecial(candidate.path);
        case 'unreadable':
            return unreadable(candidate.path, candidate.error);
        case 'file': {
            const { via } = candidate;
            if (via === undefined)
                return scanFile(candidate.path, options, io);
            const file = await scanFile(candidate.path, options, io, via.target);
            return { ...file, findings: [via.finding, ...file.findings] };
        }
    }
}
/**
 * Scans every regular file under `paths`, and what links lead to inside `options.workspace`,
 * in the order given. Throws MissingPathError for a path that does not exist.
 */
async function scanFiles(paths, options, io = defaultIo, onFile) {
    const candidates = await selectFiles(paths, options.workspace);
    return mapConcurrent(candidates, options.concurrency, async (c) => {
        const file = await scanCandidate(c, options, io);
        onFile?.(file);
        return file;
    });
}
async function scanPaths(paths, options, io = defaultIo) {
    return buildReport(await scanFiles(paths, options, io), options);
}

;// CONCATENATED MODULE: ./src/remote/block-cache.ts
// The bounded memory of an HTTP source: its aligned blocks, least recently used dropped first.
/** Aligned blocks, least recently used dropped first, at most `capacity` bytes. */
class BlockCache {
    capacity;
    blocks = new Map();
    bytes = 0;
    constructor(capacity) {
        this.capacity = capacity;
    }
    get(index) {
        const block = this.blocks.get(index);
        if (block !== undefined) {
            this.blocks.delete(index);
            this.blocks.set(index, block);
        }
        return block;
    }
    has(index) {
        return this.blocks.has(index);
    }
    /** Keeps a copy: a block must not pin the larger answer it was cut from. */
    set(index, block) {
        if (block.length > this.capacity || this.blocks.has(index))
            return;
        this.blocks.set(index, new Uint8Array(block));
        this.bytes += block.length;
        for (const [oldest, old] of this.blocks) {
            if (this.bytes <= this.capacity)
                break;
            this.blocks.delete(oldest);
            this.bytes -= old.length;
        }
    }
    clear() {
        this.blocks.clear();
        this.bytes = 0;
    }
    get size() {
        return this.bytes;
    }
}

;// CONCATENATED MODULE: ./src/remote/forward-stream.ts
const forward_stream_ignore = () => { };
/** The body of a 200 answer read forward: bytes are taken as needed, the rest is never downloaded. */
class ForwardStream {
    reader;
    traffic;
    leftover = new Uint8Array(0);
    pos = 0;
    constructor(reader, traffic) {
        this.reader = reader;
        this.traffic = traffic;
    }
    /** The next `n` bytes, fewer only at end of the body; bytes before them are skipped after `skip`. */
    async take(skip, n) {
        const out = new Uint8Array(n);
        let filled = 0;
        let toSkip = skip;
        while (filled < n) {
            if (this.leftover.length === 0) {
                const chunk = await this.reader.read();
                if (chunk.done)
                    break;
                this.traffic.bytes += chunk.value.length;
                this.leftover = chunk.value;
            }
            const dropped = Math.min(toSkip, this.leftover.length);
            toSkip -= dropped;
            const used = Math.min(n - filled, this.leftover.length - dropped);
            out.set(this.leftover.subarray(dropped, dropped + used), filled);
            filled += used;
            this.leftover = this.leftover.subarray(dropped + used);
            this.pos += dropped + used;
        }
        return filled === n ? out : out.subarray(0, filled);
    }
    cancel() {
        return this.reader.cancel().catch(forward_stream_ignore);
    }
}

;// CONCATENATED MODULE: ./src/remote/multipart.ts
// `multipart/byteranges` answers (RFC 9110 §14.6): the parts of a multi-range request. Each part
// is taken by the length its Content-Range gives, never by searching for the boundary inside
// the data (which may contain it).
/** The boundary parameter of a `multipart/byteranges` Content-Type, or null. */
function byterangesBoundary(contentType) {
    if (contentType === null || !/^\s*multipart\/byteranges\s*;/i.test(contentType))
        return null;
    const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
    return m === null ? null : (m[1] ?? m[2]);
}
const CRLF = [0x0d, 0x0a];
/** A part's headers are a few short lines: more is not a range answer. */
const MAX_PART_HEADERS = 4096;
function indexOf(haystack, needle, from, to = haystack.length) {
    outer: for (let i = from; i + needle.length <= to; i++) {
        for (let j = 0; j < needle.length; j++)
            if (haystack[i + j] !== needle[j])
                continue outer;
        return i;
    }
    return -1;
}
const multipart_at = (body, pos, bytes) => bytes.every((b, i) => body[pos + i] === b);
/** The parts of `body`, or null when it is not a well-formed byteranges body. */
function parseByteranges(body, boundary) {
    const delimiter = Buffer.from(`--${boundary}`);
    const parts = [];
    // A preamble may precede the first delimiter.
    let pos = indexOf(body, delimiter, 0, Math.min(body.length, MAX_PART_HEADERS + delimiter.length));
    if (pos < 0)
        return null;
    for (;;) {
        pos += delimiter.length;
        if (multipart_at(body, pos, [0x2d, 0x2d]))
            return parts; // closing delimiter `--boundary--`
        if (!multipart_at(body, pos, CRLF))
            return null;
        const headersEnd = indexOf(body, Buffer.from('\r\n\r\n'), pos, Math.min(body.length, pos + MAX_PART_HEADERS));
        if (headersEnd < 0)
            return null;
        const headers = Buffer.from(body.subarray(pos + 2, headersEnd)).toString('latin1');
        const range = /^content-range:\s*bytes\s+(\d+)-(\d+)\/(\d+)\s*$/im.exec(headers);
        if (range === null)
            return null;
        const [start, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
        if (last < start || last >= total)
            return null;
        const dataStart = headersEnd + 4;
        const dataEnd = dataStart + (last - start + 1);
        if (dataEnd > body.length)
            return null;
        parts.push({ start, bytes: body.subarray(dataStart, dataEnd), total });
        pos = dataEnd;
        if (!multipart_at(body, pos, CRLF))
            return null;
        pos += 2;
        if (!multipart_at(body, pos, [...delimiter]))
            return null;
    }
}

;// CONCATENATED MODULE: ./src/remote/fragments.ts
// Exact byte ranges fetched ahead (a zip's local headers with the first bytes of their data,
// signature probes): found by any offset inside them, oldest dropped past a byte budget.
class Fragments {
    capacity;
    /** Insertion order is age: the first entries go first. */
    byStart = new Map();
    /** The starts, ascending, for finding the fragment that holds an offset. */
    starts = [];
    bytes = 0;
    constructor(capacity) {
        this.capacity = capacity;
    }
    /** The bytes [offset, offset + length) when one fragment holds them all. */
    get(offset, length) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        const start = this.starts[lo];
        if (start === undefined || start > offset)
            return undefined;
        const fragment = this.byStart.get(start);
        return offset + length <= start + fragment.length ? fragment.subarray(offset - start, offset - start + length) : undefined;
    }
    /** Keeps a copy: a fragment must not pin the larger answer it was cut from. */
    set(start, bytes) {
        if (bytes.length > this.capacity || (this.byStart.get(start)?.length ?? -1) >= bytes.length)
            return;
        this.drop(start);
        this.byStart.set(start, new Uint8Array(bytes));
        this.starts.splice(this.insertionPoint(start), 0, start);
        this.bytes += bytes.length;
        for (const oldest of this.byStart.keys()) {
            if (this.bytes <= this.capacity)
                break;
            this.drop(oldest);
        }
    }
    clear() {
        this.byStart.clear();
        this.starts = [];
        this.bytes = 0;
    }
    drop(start) {
        const old = this.byStart.get(start);
        if (old === undefined)
            return;
        this.byStart.delete(start);
        this.starts.splice(this.insertionPoint(start), 1);
        this.bytes -= old.length;
    }
    /** Index of the first start >= `start`. */
    insertionPoint(start) {
        let lo = 0;
        let hi = this.starts.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.starts[mid] < start)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}

;// CONCATENATED MODULE: ./src/remote/prefetch.ts
// Which byte ranges a prefetch must fetch: small ranges exactly (a zip's local headers, HDF5
// signature probes: a whole block each would cost more than the header), large ones as the
// missing runs of aligned cache blocks. Overlapping small ranges become one.
function missingRuns(start, end, g, known) {
    const runs = [];
    const last = Math.floor((end - 1) / g.blockSize);
    for (let i = Math.floor(start / g.blockSize); i <= last; i++) {
        if (known.block(i))
            continue;
        let j = i;
        while (j < last && !known.block(j + 1))
            j++;
        runs.push({ start: i * g.blockSize, end: Math.min((j + 1) * g.blockSize, g.size), blocks: true });
        i = j;
    }
    return runs;
}
/** What to fetch for `ranges` ([offset, length] pairs), sorted, with nothing already held. */
function planPrefetch(ranges, g, known) {
    const wanted = [];
    for (const [offset, length] of ranges) {
        const start = Math.max(0, offset);
        const end = Math.min(g.size, offset + length);
        if (!(end > start) || !Number.isSafeInteger(start) || !Number.isSafeInteger(end))
            continue;
        const runs = missingRuns(start, end, g, known);
        if (runs.length === 0 || (end - start <= g.fragmentMax && known.fragment(start, end - start)))
            continue;
        if (end - start <= g.fragmentMax)
            wanted.push({ start, end, blocks: false });
        else
            wanted.push(...runs);
    }
    wanted.sort((a, b) => a.start - b.start || Number(b.blocks) - Number(a.blocks));
    const out = [];
    for (const w of wanted) {
        const prev = out.at(-1);
        if (prev !== undefined && w.start < prev.end && prev.blocks && w.end <= prev.end)
            continue; // inside a run already asked
        if (prev !== undefined && !prev.blocks && !w.blocks && w.start <= prev.end) {
            prev.end = Math.max(prev.end, w.end);
            continue;
        }
        if (prev !== undefined && prev.blocks && w.blocks && w.start <= prev.end) {
            prev.end = Math.max(prev.end, w.end);
            continue;
        }
        out.push(w);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/remote/http-source.ts






const DEFAULT_BLOCK = 64 * 1024;
const DEFAULT_CACHE = 8 * 1024 * 1024;
const DEFAULT_MAX_UNRANGED = 64 * 1024 * 1024;
/** Blocks fetched past a read that misses, for the reader's next step. */
const READ_AHEAD_BLOCKS = 1;
/** Requests in flight per source. */
const MAX_IN_FLIGHT = 4;
/** Prefetched ranges up to this length are fetched exactly (a zip local header, a signature probe), not as blocks. */
const FRAGMENT_MAX = 16 * 1024;
/** Memory for those exact ranges. */
const FRAGMENT_CACHE = 2 * 1024 * 1024;
/** Ranges per multi-range request: keeps the Range header well under servers' header limits. */
const MAX_RANGES_PER_REQUEST = 64;
/** Answers of a signed (redirected-to) URL that has expired: start again from the URL given. */
const EXPIRED = new Set([401, 403, 404, 410]);
const http_source_ignore = () => { };
// `bytes a-b/total` → [a, b + 1, total]; `bytes */total` (416) → [-1, -1, total]; null if malformed.
function parseContentRange(value) {
    const m = value === null ? null : /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+)$/i.exec(value.trim());
    if (m === null)
        return null;
    return m[1] === undefined ? [-1, -1, Number(m[3])] : [Number(m[1]), Number(m[2]) + 1, Number(m[3])];
}
const origin = (url) => new URL(url).origin;
const cancel = (response) => response.body?.cancel().catch(http_source_ignore) ?? Promise.resolve();
/** At most `limit` tasks at a time; the others wait in order. */
class Limiter {
    limit;
    active = 0;
    waiting = [];
    constructor(limit) {
        this.limit = limit;
    }
    async run(task) {
        if (this.active >= this.limit)
            await new Promise((resolve) => this.waiting.push(resolve));
        this.active++;
        try {
            return await task();
        }
        finally {
            this.active--;
            this.waiting.shift()?.();
        }
    }
}
class HttpObject {
    client;
    origin;
    target;
    identity;
    settings;
    traffic;
    controller;
    signal;
    stream;
    url;
    failure;
    cache;
    /** Blocks being fetched: every read of them awaits the same request. */
    pending = new Map();
    limiter = new Limiter(MAX_IN_FLIGHT);
    ifRange;
    /** Serializes use of the forward stream (servers that ignore Range). */
    streamTurn = Promise.resolve();
    closed = false;
    ranged;
    /** Small ranges fetched ahead. */
    fragments = new Fragments(FRAGMENT_CACHE);
    constructor(client, origin, target, identity, settings, traffic, controller, signal, 
    /** Set when the server ignores Range: reads come from this body, restarted for a backward read. */
    stream) {
        this.client = client;
        this.origin = origin;
        this.target = target;
        this.identity = identity;
        this.settings = settings;
        this.traffic = traffic;
        this.controller = controller;
        this.signal = signal;
        this.stream = stream;
        this.ranged = stream === null;
        this.url = displayUrl(origin.url);
        this.cache = new BlockCache(settings.cacheBytes);
        // If-Range takes a strong ETag or a date; a weak ETag cannot be used there.
        const etag = identity.etag !== null && !identity.etag.startsWith('W/') ? identity.etag : null;
        this.ifRange = etag ?? identity.lastModified ?? undefined;
    }
    get size() {
        return this.identity.size;
    }
    async read(offset, length) {
        const start = Math.max(0, offset);
        const n = Math.max(0, Math.min(length, this.size - start));
        if (n === 0)
            return new Uint8Array(0);
        try {
            if (this.closed)
                throw new HttpError(`GET ${this.url}: the source is closed`);
            const fragment = this.fragments.get(start, n);
            if (fragment !== undefined)
                return fragment;
            // A read larger than a quarter of the cache would only push out what the scanners reuse.
            if (n > this.settings.cacheBytes / 4)
                return await this.fetch(start, start + n);
            const block = this.settings.blockSize;
            const first = Math.floor(start / block);
            const parts = await Promise.all(this.blocks(first, Math.floor((start + n - 1) / block)));
            const from = start - first * block;
            return parts.length === 1 ? parts[0].subarray(from, from + n) : Buffer.concat(parts).subarray(from, from + n);
        }
        catch (err) {
            const failure = err instanceof HttpError ? err : new HttpError(`GET ${this.url}: ${err.message ?? String(err)}`);
            this.failure ??= failure;
            throw failure;
        }
    }
    async close() {
        this.closed = true;
        this.controller.abort(new HttpError(`GET ${this.url}: the source is closed`));
        await this.stream?.cancel();
        this.cache.clear();
        this.pending.clear();
    }
    /**
     * Fetches ranges a reader is about to read: in one multi-range request where the server
     * answers those with their parts, else a few requests at a time. Never rejects: a range it
     * could not fetch is fetched again, and fails, when it is read.
     */
    async prefetch(ranges) {
        if (!this.ranged || this.closed)
            return;
        const block = this.settings.blockSize;
        const wanted = planPrefetch(ranges, { size: this.size, blockSize: block, fragmentMax: FRAGMENT_MAX }, {
            block: (i) => this.cache.has(i) || this.pending.has(i),
            fragment: (start, length) => this.fragments.get(start, length) !== undefined
        });
        const rest = wanted.length > 1 ? await this.fetchAllParts(wanted) : wanted;
        await Promise.all(rest.map((w) => this.fetch(w.start, w.end).then((bytes) => this.keep(w, bytes), http_source_ignore)));
    }
    /**
     * Multi-range requests for `wanted`, unless this origin is known to refuse them; returns what
     * they did not deliver. The first file to ask an origin answers for the files scanned beside
     * it, which wait for that answer rather than each pay a refused request.
     */
    async fetchAllParts(wanted) {
        const host = origin(this.target.url);
        const known = await this.client.multiRange.get(host);
        if (known === false)
            return wanted;
        let learnt = (_) => { };
        if (known === undefined)
            this.client.multiRange.set(host, new Promise((resolve) => (learnt = resolve)));
        const rest = [];
        for (let i = 0; i < wanted.length; i += MAX_RANGES_PER_REQUEST) {
            const group = wanted.slice(i, i + MAX_RANGES_PER_REQUEST);
            rest.push(...(await this.fetchParts(group).catch(() => group)));
        }
        const value = this.client.multiRange.get(host);
        // A failed request taught nothing: the next file asks again.
        if (typeof value !== 'boolean')
            this.client.multiRange.delete(host);
        learnt(value === true);
        return rest;
    }
    /** Keeps prefetched bytes: block runs in the block cache, exact ranges as fragments. */
    keep(w, bytes) {
        if (this.closed)
            return;
        if (w.blocks)
            this.store(w.start, bytes);
        else
            this.fragments.set(w.start, bytes);
    }
    /** One multi-range request for `wanted`; returns what it did not deliver. */
    async fetchParts(wanted) {
        const range = `bytes=${wanted.map((w) => `${w.start}-${w.end - 1}`).join(',')}`;
        const response = await this.limiter.run(() => this.get({ range, ...(this.ifRange !== undefined ? { 'if-range': this.ifRange } : {}) }));
        if (response.status !== 206) {
            // 200: the server ignores multi-range requests (as S3 does) and sends the whole object.
            await cancel(response);
            this.client.multiRange.set(origin(response.url), false);
            return wanted;
        }
        const parts = await this.partsOf(response, wanted);
        const missing = wanted.filter((w) => {
            const part = parts.find((p) => p.start <= w.start && w.end <= p.start + p.bytes.length);
            if (part !== undefined)
                this.keep(w, part.bytes.subarray(w.start - part.start, w.end - part.start));
            return part === undefined;
        });
        this.client.multiRange.set(origin(response.url), missing.length === 0);
        return missing;
    }
    /** The parts of a 206 answer to a multi-range request: several (multipart) or one range. */
    async partsOf(response, wanted) {
        const boundary = byterangesBoundary(response.headers.get('content-type'));
        const asked = wanted.reduce((n, w) => n + w.end - w.start, 0);
        let parts;
        if (boundary === null) {
            const single = parseContentRange(response.headers.get('content-range'));
            if (single === null || single[0] < 0)
                throw new HttpError(`GET ${this.url}: 206 without a valid Content-Range`, 206);
            this.checkIdentity(response, single[2]);
            parts = [{ start: single[0], bytes: await readExact(response, single[1] - single[0], this.traffic, this.url), total: single[2] }];
        }
        else {
            // Part headers are a few dozen bytes; a server may merge ranges, never send much more.
            const body = await readBody(response, asked + wanted.length * 512 + 4096, this.traffic);
            const parsed = parseByteranges(body, boundary);
            if (parsed === null)
                throw new HttpError(`GET ${this.url}: a malformed multipart/byteranges answer`, 206);
            parts = parsed;
        }
        for (const part of parts)
            this.checkIdentity(response, part.total);
        return parts;
    }
    /** Stores the bytes [start, start + bytes.length) as whole blocks (the last block may end at the object's end). */
    store(start, bytes) {
        const block = this.settings.blockSize;
        for (let at = 0; at < bytes.length; at += block) {
            const part = bytes.subarray(at, at + block);
            if (part.length === block || start + at + part.length === this.size)
                this.cache.set((start + at) / block, part);
        }
    }
    /** Bytes held by the cache (tests check the bound). */
    get cachedBytes() {
        return this.cache.size;
    }
    /** One promise per block first..last, starting one request per missing run of blocks. */
    blocks(first, last) {
        const known = (i) => this.cache.has(i) || this.pending.has(i);
        const count = Math.ceil(this.size / this.settings.blockSize);
        for (let i = first; i <= last;) {
            if (known(i)) {
                i++;
                continue;
            }
            let end = i;
            while (end < last && !known(end + 1))
                end++;
            // Read-ahead saves a request only where requests are ranges (a stream goes forward anyway).
            if (end === last && this.ranged)
                while (end + 1 < count && end - last < READ_AHEAD_BLOCKS && !known(end + 1))
                    end++;
            this.fetchRun(i, end);
            i = end + 1;
        }
        const out = [];
        for (let i = first; i <= last; i++) {
            const hit = this.cache.get(i);
            out.push(hit !== undefined ? Promise.resolve(hit) : this.pending.get(i));
        }
        return out;
    }
    fetchRun(first, last) {
        const block = this.settings.blockSize;
        const start = first * block;
        const whole = this.fetch(start, Math.min((last + 1) * block, this.size));
        for (let i = first; i <= last; i++) {
            const part = whole.then((bytes) => bytes.subarray((i - first) * block, (i - first + 1) * block));
            part.catch(http_source_ignore); // read-ahead blocks nobody awaits must not be unhandled rejections
            this.pending.set(i, part);
        }
        const settle = (bytes) => {
            for (let i = first; i <= last; i++)
                this.pending.delete(i);
            if (bytes !== undefined && !this.closed)
                this.store(start, bytes);
        };
        whole.then(settle, () => settle());
    }
    /** Exactly the bytes [start, end) of the object (end <= size). */
    fetch(start, end) {
        if (this.ranged)
            return this.limiter.run(() => this.fetchRange(start, end));
        const turn = this.streamTurn.then(() => this.fromStream(start, end));
        this.streamTurn = turn.catch(http_source_ignore);
        return turn;
    }
    changed(why) {
        return new HttpError(`GET ${this.url}: changed while it was being read (${why})`);
    }
    /** Is this answer from the same object? (the validators and size of the first answer) */
    checkIdentity(response, total) {
        const { etag, lastModified, size } = this.identity;
        if (total !== size)
            throw this.changed(`size ${total}, was ${size}`);
        if (etag !== null && response.headers.get('etag') !== etag)
            throw this.changed('its ETag differs');
        if (etag === null && lastModified !== null && response.headers.get('last-modified') !== lastModified)
            throw this.changed('its Last-Modified differs');
    }
    /** GET at the sticky target; a signed URL that expired is retried once from the URL given. */
    async get(headers) {
        const send = (target) => this.client.request(target.url, { headers: { 'accept-encoding': 'identity', ...headers }, credentials: target.credentials, signal: this.signal, traffic: this.traffic });
        let response = await send(this.target);
        if (EXPIRED.has(response.status) && this.target !== this.origin) {
            await cancel(response);
            response = await send(this.origin);
        }
        if (response.status >= 200 && response.status <= 299)
            this.target = { url: response.url, credentials: response.credentials };
        return response;
    }
    async fetchRange(start, end) {
        // The zip end records and similar tail reads ask for a suffix: the server cuts it from its own total.
        const range = end === this.size ? `bytes=-${end - start}` : `bytes=${start}-${end - 1}`;
        const response = await this.get({ range, ...(this.ifRange !== undefined ? { 'if-range': this.ifRange } : {}) });
        if (response.status !== 206) {
            await cancel(response);
            if (response.status === 200 && this.ifRange !== undefined)
                throw this.changed('If-Range answered with the whole object');
            if (response.status === 200)
                throw new HttpError(`GET ${this.url}: the server ignored the Range request (${range})`, 200);
            throw new HttpError(`GET ${this.url}: HTTP ${response.status} for ${range}`, response.status, response.headers);
        }
        const parsed = parseContentRange(response.headers.get('content-range'));
        if (parsed === null || parsed[0] === -1) {
            await cancel(response);
            throw new HttpError(`GET ${this.url}: 206 without a valid Content-Range for ${range}`, 206);
        }
        try {
            this.checkIdentity(response, parsed[2]);
        }
        catch (err) {
            await cancel(response);
            throw err;
        }
        if (parsed[0] !== start || parsed[1] !== end) {
            await cancel(response);
            throw new HttpError(`GET ${this.url}: asked for ${range}, got ${response.headers.get('content-range')}`, 206);
        }
        return readExact(response, end - start, this.traffic, this.url);
    }
    /** Bytes [start, end) from the forward stream of a server that ignores Range. */
    async fromStream(start, end) {
        if (end > this.settings.maxUnrangedBytes) {
            throw new HttpError(`GET ${this.url}: server ignores Range requests; reading offset ${start} needs ${end} bytes (more than ${this.settings.maxUnrangedBytes})`);
        }
        if (this.closed)
            throw new HttpError(`GET ${this.url}: the source is closed`);
        const current = this.stream !== null && this.stream.pos <= start ? this.stream : null;
        let bytes = null;
        if (current !== null) {
            // A stream left open between reads may have timed out or dropped: start again once.
            bytes = await current.take(start - current.pos, end - start).catch(() => null);
        }
        if (bytes === null) {
            await this.stream?.cancel();
            this.stream = null;
            const stream = await this.restartStream();
            bytes = await stream.take(start, end - start);
        }
        if (bytes.length !== end - start)
            throw new HttpError(`GET ${this.url}: the answer ended at ${start + bytes.length} of ${this.size} bytes`, 200);
        return bytes;
    }
    async restartStream() {
        const response = await this.limiter.run(() => this.get({}));
        if (response.status !== 200) {
            await cancel(response);
            throw new HttpError(`GET ${this.url}: HTTP ${response.status}`, response.status, response.headers);
        }
        try {
            this.checkIdentity(response, Number(response.headers.get('content-length') ?? NaN));
        }
        catch (err) {
            await cancel(response);
            throw err;
        }
        this.stream = streamOf(response, this.traffic);
        return this.stream;
    }
}
function streamOf(response, traffic) {
    if (response.body === null)
        throw new HttpError(`GET ${displayUrl(response.url)}: HTTP 200 without a body`, 200);
    return new ForwardStream(response.body.getReader(), traffic);
}
function identityOf(response, size) {
    return { size, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
}
/**
 * Opens `url` for range reads: one GET of the first block learns the size (Content-Range total)
 * and the validators, and fills the cache with the head every reader sniffs.
 */
async function openHttpSource(client, url, options = {}) {
    const settings = {
        blockSize: options.blockSize ?? DEFAULT_BLOCK,
        cacheBytes: options.cacheBytes ?? DEFAULT_CACHE,
        maxUnrangedBytes: options.maxUnrangedBytes ?? DEFAULT_MAX_UNRANGED
    };
    for (const [key, value] of Object.entries(settings)) {
        if (!Number.isSafeInteger(value) || value < (key === 'blockSize' ? 1 : 0))
            throw new RangeError(`openHttpSource: ${key} ${value} is not a valid byte count`);
    }
    const name = displayUrl(url);
    const controller = new AbortController();
    const signal = options.signal !== undefined ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    const traffic = options.traffic ?? { requests: 0, bytes: 0 };
    const origin = { url, credentials: options.credentials ?? {} };
    const response = await client.request(url, {
        headers: { range: `bytes=0-${settings.blockSize - 1}`, 'accept-encoding': 'identity' },
        credentials: origin.credentials,
        signal,
        traffic
    });
    const fail = async (why) => {
        await cancel(response);
        throw new HttpError(`GET ${name}: ${why}`, response.status, response.headers);
    };
    // Redirected (a hub's resolve URL to a CDN): later reads go straight to where the bytes are.
    const target = response.url === new URL(url).href ? origin : { url: response.url, credentials: response.credentials };
    const range = parseContentRange(response.headers.get('content-range'));
    let size;
    if (response.status === 206) {
        if (range === null || range[0] !== 0 || range[1] !== Math.min(settings.blockSize, range[2]))
            return fail(`206 with Content-Range ${JSON.stringify(response.headers.get('content-range'))} for bytes=0-${settings.blockSize - 1}`);
        size = range[2];
    }
    else if (response.status === 200) {
        const length = response.headers.get('content-length');
        if (length === null || !/^\d+$/.test(length))
            return fail('the server ignores Range requests and sends no Content-Length');
        size = Number(length);
    }
    else if (response.status === 416 && range !== null && range[0] === -1 && range[2] === 0) {
        size = 0;
        await cancel(response);
    }
    else {
        return fail(`HTTP ${response.status}`);
    }
    if (options.expectedSize !== undefined && size !== options.expectedSize)
        return fail(`size ${size} differs from the expected ${options.expectedSize}`);
    const stream = response.status === 200 ? streamOf(response, traffic) : null;
    const source = new HttpObject(client, origin, target, identityOf(response, size), settings, traffic, controller, signal, stream);
    const head = Math.min(settings.blockSize, size);
    // A server that ignores Range keeps its body open at the end of the head for the next forward read.
    if (response.status === 206)
        source.store(0, await readExact(response, head, traffic, name));
    else if (stream !== null)
        source.store(0, await stream.take(0, head));
    return source;
}
async function readExact(response, n, traffic, name) {
    const body = await readBody(response, n, traffic);
    if (body.length !== n)
        throw new HttpError(`GET ${name}: the answer ended after ${body.length} of ${n} bytes`, response.status);
    return body;
}

;// CONCATENATED MODULE: ./src/remote/scan-remote.ts
// One remote file through the engine: opened as an HTTP Source, scanned as a local file would
// be, reported with where its bytes came from and what reading them cost. Bytes that could not
// be fetched are `remote/fetch-failed`, whatever the format scanners made of the failed read.




function fetchFailed(reason) {
    return {
        rule: RULES.remoteFetchFailed,
        severity: 'high',
        message: `Bytes a loader would read could not be fetched (${reason}): the file was not fully analysed, so it is not known to be safe.`
    };
}
function sourceOf(target, traffic) {
    return {
        url: displayUrl(target.url),
        ...(target.revision !== undefined ? { revision: target.revision } : {}),
        requests: traffic.requests,
        bytes: traffic.bytes
    };
}
/** Opens `target`; a failure to open is a report with `remote/fetch-failed`. */
async function openRemote(client, target) {
    const traffic = { requests: 0, bytes: 0 };
    try {
        return await openHttpSource(client, target.url, { credentials: target.credentials, expectedSize: target.size, traffic });
    }
    catch (err) {
        return { path: target.path, format: 'other', size: target.size ?? 0, findings: [fetchFailed(err.message)], source: sourceOf(target, traffic) };
    }
}
/** Scans an opened remote source and closes it. */
async function scanOpenRemote(source, target, options, lead = []) {
    try {
        const file = await scanOpenSource(target.path, source, options);
        const failure = source.failure;
        // The engine's own "scan failed" for the same error says nothing the fetch finding does not.
        const findings = failure === undefined ? file.findings : [...file.findings.filter((f) => !f.message.includes(failure.message)), fetchFailed(failure.message)];
        return { ...file, findings: [...lead, ...findings], source: sourceOf(target, source.traffic) };
    }
    finally {
        await source.close();
    }
}
async function scanRemote(client, target, options) {
    const opened = await openRemote(client, target);
    return 'findings' in opened ? opened : scanOpenRemote(opened, target, options);
}

;// CONCATENATED MODULE: ./src/remote/lfs-scan.ts
// Git LFS pointers among the scanned files: their objects are fetched through the LFS batch
// API and scanned by ranges in place of the pointer, under the pointer's path. An object the
// server lacks or that differs from the pointer is `lfs/object-missing`; objects small enough
// to be read whole are checked against the pointer's SHA-256.





/** Objects up to this size are read whole anyway (the scan reads most of them): their SHA-256 is checked. */
const LFS_VERIFY_LIMIT = 1024 * 1024;
/** The pointer a file report stands for: a top-level `lfs/pointer` finding (not one inside an archive). */
function pointerOf(file, index) {
    if (file.format !== 'lfs-pointer')
        return null;
    const finding = file.findings.find((f) => f.rule === RULES.lfsPointer && f.location?.entry === undefined);
    if (finding === undefined || typeof finding.oid !== 'string' || typeof finding.size !== 'string')
        return null;
    const size = Number(finding.size);
    return { index, oid: finding.oid.replace(/^sha256:/, ''), size };
}
const missing = (pointer, why) => ({
    rule: RULES.lfsObjectMissing,
    severity: 'high',
    message: `The LFS object for this pointer (oid sha256:${pointer.oid}, ${pointer.size} bytes) ${why}: git lfs would not fetch the file this pointer promises, and nothing was scanned.`,
    oid: `sha256:${pointer.oid}`,
    size: String(pointer.size)
});
/** The pointer's report with its `lfs/pointer` finding replaced by `finding`. */
function unresolved(file, finding) {
    return { ...file, findings: [finding, ...file.findings.filter((f) => f.rule !== RULES.lfsPointer)] };
}
async function scanObject(client, file, pointer, object, options) {
    if (object.kind === 'missing')
        return unresolved(file, missing(pointer, `is missing: ${object.message}`));
    if (object.kind === 'failed')
        return unresolved(file, fetchFailed(object.message));
    const target = { path: file.path, url: object.href, credentials: object.credentials };
    const opened = await openRemote(client, target);
    if ('findings' in opened)
        return { ...unresolved(file, opened.findings[0]), source: opened.source };
    const refuse = async (why) => {
        await opened.close();
        return { ...unresolved(file, missing(pointer, why)), source: sourceOf(target, opened.traffic) };
    };
    if (opened.size !== pointer.size)
        return refuse(`served by the server has ${opened.size} bytes`);
    if (pointer.size <= LFS_VERIFY_LIMIT) {
        const bytes = await opened.read(0, pointer.size).catch(() => null);
        const digest = bytes === null || bytes.length !== pointer.size ? null : (0,external_node_crypto_namespaceObject.createHash)('sha256').update(bytes).digest('hex');
        if (digest !== null && digest !== pointer.oid)
            return refuse(`served by the server has SHA-256 ${digest}`);
    }
    return scanOpenRemote(opened, target, options);
}
/**
 * Returns `files` with every top-level LFS pointer replaced by the scan of its object.
 * Throws RemoteError when the batch API as a whole fails (authentication, no endpoint).
 */
async function scanLfsObjects(client, files, lfs, options, traffic) {
    const pointers = files.map(pointerOf).filter((p) => p !== null);
    const out = [...files];
    // A size no JavaScript number holds exactly cannot be an object anyone stored.
    const valid = pointers.filter((p) => Number.isSafeInteger(p.size));
    for (const p of pointers)
        if (!valid.includes(p))
            out[p.index] = unresolved(files[p.index], missing(p, 'has a size beyond 2^53 bytes'));
    if (valid.length === 0)
        return out;
    const objects = await resolveLfsObjects(client, lfs.endpoint, lfs.token, valid.map((p) => ({ oid: p.oid, size: p.size })), traffic);
    const scanned = await mapConcurrent(valid, options.concurrency, (p, i) => scanObject(client, files[p.index], p, objects[i], options));
    valid.forEach((p, i) => (out[p.index] = scanned[i]));
    return out;
}

;// CONCATENATED MODULE: ./src/remote/targets.ts







const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** Classifies one command-line target; throws RemoteError for a scheme we do not read. */
function classifyTarget(text) {
    const scheme = SCHEME.exec(text)?.[1].toLowerCase();
    if (scheme === undefined)
        return { kind: 'path', path: text };
    if (scheme === 'http' || scheme === 'https')
        return { kind: 'url', url: text };
    if (scheme === 'hf')
        return { kind: 'hf', hf: parseHfTarget(text) };
    throw new RemoteError(`unsupported target ${JSON.stringify(displayUrl(text))}: expected a path, an http(s):// URL or hf://org/name`);
}
/** A URL on the hub's own host gets the hub token; any other URL only what it carries itself. */
function urlTarget(url, hf) {
    let sameHost = false;
    try {
        sameHost = new URL(url).origin === new URL(hf.endpoint).origin;
    }
    catch {
        // an invalid URL fails when opened, as a finding
    }
    const credentials = sameHost && hf.token !== undefined ? { authorization: `Bearer ${hf.token}` } : {};
    return { path: displayUrl(url), url, credentials };
}
async function scanTargets(texts, options, setup) {
    const targets = texts.map(classifyTarget);
    const shared = { requests: 0, bytes: 0 };
    const listings = new Map();
    for (const [i, t] of targets.entries()) {
        if (t.kind !== 'hf')
            continue;
        const listing = await listHfFiles(setup.client, t.hf, setup.hf);
        shared.requests += listing.traffic.requests;
        shared.bytes += listing.traffic.bytes;
        if (listing.files.length === 0)
            throw new RemoteError(`${texts[i]}: no files at commit ${listing.commit}`);
        // Path order, as a local folder is listed: reports do not depend on the server's order.
        listings.set(i, [...listing.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
    }
    const scanOne = async (target) => {
        const file = await scanRemote(setup.client, target, options);
        setup.onFile?.(file);
        return file;
    };
    let files = [];
    // Consecutive paths go to the engine together: it lists each file once however often named.
    let paths = [];
    const flush = async () => {
        if (paths.length > 0)
            files.push(...(await scanFiles(paths, options, undefined, setup.onFile)));
        paths = [];
    };
    for (const [i, t] of targets.entries()) {
        if (t.kind === 'path') {
            paths.push(t.path);
            continue;
        }
        await flush();
        if (t.kind === 'url')
            files.push(await scanOne(urlTarget(t.url, setup.hf)));
        else
            files.push(...(await mapConcurrent(listings.get(i), options.concurrency, scanOne)));
    }
    await flush();
    if (setup.lfs !== undefined)
        files = await scanLfsObjects(setup.client, files, setup.lfs, options, shared);
    return { files, shared };
}

;// CONCATENATED MODULE: ./src/report/json.ts
function orderFinding({ rule, severity, message, location, ...detail }) {
    return { rule, severity, message, ...(location !== undefined ? { location } : {}), ...detail };
}
function orderFile({ path, format, size, findings, source, details }) {
    return { path, format, size, findings: findings.map(orderFinding), ...(source !== undefined ? { source } : {}), ...(details !== undefined ? { details } : {}) };
}
function renderJson(report) {
    const { tool, files, summary } = report;
    return `${JSON.stringify({ tool, files: files.map(orderFile), summary }, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/report/escape.ts
// Untrusted text (file names, pickle strings, archive member names) in human-facing output.
const escape_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Control, line-separator and bidi-override characters made visible as `\xNN`/`\uNNNN`. */
function visible(text) {
    return text.replace(escape_CONTROL, (c) => {
        const code = c.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    });
}
/** Cuts `text` to `max` characters, saying how much was cut. */
function truncate(text, max = 300) {
    return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
/**
 * Markdown/HTML-safe inline text, also safe inside a table cell: every character that
 * Markdown or HTML could interpret becomes a numeric entity, so the text is shown, never parsed.
 */
function escapeMarkdown(text) {
    return visible(text).replace(/[^A-Za-z0-9 ,.;:=?@%/+\-]/gu, (c) => `&#${c.codePointAt(0)};`);
}

;// CONCATENATED MODULE: ./src/report/rules.ts
// What each rule means and what to do about it: shared by the job summary, the check
// run and SARIF (whose rules need a description and help text per rule id).
const rules_RULES = {
    'pickle/dangerous-global': {
        title: 'Pickle calls a dangerous global',
        description: 'The pickle data imports or calls a global on the denylist (code execution, processes, files, network, import machinery, nested deserializers or a known gadget). Loading the file runs it.',
        help: 'Do not load this file. If nobody meant to add it, treat the change as malicious. Otherwise re-export the weights as safetensors.'
    },
    'pickle/dynamic-global': {
        title: 'Pickle global cannot be resolved statically',
        description: 'The callable the pickle data invokes is computed at load time (non-constant STACK_GLOBAL operands, extension codes or memo misses), a technique used to hide dangerous calls.',
        help: 'Do not load this file. Re-export the model with a standard saver (torch.save, safetensors) from a trusted environment.'
    },
    'pickle/unknown-global': {
        title: 'Pickle uses a global outside the allowlist',
        description: 'The pickle data imports a global that is neither on the allowlist nor in allow-globals. Loading the file imports and may call it.',
        help: 'Check what the global is. If it is your own trusted class, add it to allow-globals (module.Name or module.*); otherwise convert the model to safetensors.'
    },
    'pickle/malformed': {
        title: 'Malformed pickle stream',
        description: 'The pickle stream is broken after opcodes the loader would already have executed, or is internally inconsistent (bad FRAME, memo miss, data after STOP).',
        help: 'Regenerate the file from a trusted source; a loader may act on the part that was read before the error.'
    },
    'pickle/frame-desync': {
        title: 'Pickle opcodes cross a FRAME boundary',
        description: 'An opcode crosses the end of a protocol-4 FRAME, or a FRAME starts inside an unconsumed one. Loaders and scanners then disagree about which bytes are opcodes: a known way to hide a payload.',
        help: 'Do not load this file. Re-export the model with a standard saver from a trusted environment.'
    },
    'pickle/format': {
        title: 'File holds pickle data',
        description: 'The file holds pickle data and every global in it is allowlisted. Pickle can run code, so the format itself is a risk.',
        help: 'Convert the model to safetensors, or set pickle-policy: allow-safe to accept pickle data whose globals are all allowlisted.'
    },
    'torchscript/code': {
        title: 'TorchScript or torch.package code',
        description: 'A TorchScript or torch.package archive: the compiled code it carries runs when the model is loaded.',
        help: 'Only load archives from a trusted source; prefer safetensors weights plus model code kept in the repository.'
    },
    'torch/anomaly': {
        title: 'PyTorch archive that readers see differently',
        description: 'torch.load and other readers disagree about this torch zip: entries outside the archive folder, or data.pkl found only through the case-insensitive lookup PyTorch uses.',
        help: 'Re-save the checkpoint with torch.save (better: as safetensors) from a trusted environment.'
    },
    'torch/legacy-magic': {
        title: 'Legacy PyTorch file with a computed magic number',
        description: 'A legacy torch.save layout whose first pickle is not the literal magic number: the check runs only after that pickle has executed.',
        help: 'Do not load this file. Re-export the weights as safetensors from a trusted source.'
    },
    'torch/legacy-format': {
        title: 'Legacy PyTorch serialization',
        description: 'A legacy torch.save stream or torch < 0.4 tar checkpoint: every pickle in it runs at load.',
        help: 'Re-save the checkpoint with a current torch.save, or better as safetensors.'
    },
    'numpy/invalid-header': {
        title: 'Invalid .npy header',
        description: 'numpy.load refuses this header (checked on the dict ast.literal_eval builds); the data after it is still analysed as a pickle.',
        help: 'Regenerate the array with numpy.save.'
    },
    'numpy/unparsed-header': {
        title: '.npy header not understood',
        description: 'The .npy header could not be parsed with certainty, so the data was analysed as a pickle.',
        help: 'Regenerate the array with numpy.save; prefer numeric dtypes (no pickle).'
    },
    'numpy/unknown-dtype': {
        title: '.npy dtype not classified',
        description: 'The dtype could not be classified with certainty (it may hold objects), so the data was analysed as a pickle.',
        help: 'Regenerate the array with a plain numeric dtype.'
    },
    'numpy/non-npy-member': {
        title: '.npz member that is not an array',
        description: 'An .npz member without the NPY magic: numpy.load returns it as raw bytes.',
        help: 'Check what the member is; rebuild the archive with numpy.savez if it is unexpected.'
    },
    'joblib/companion-file': {
        title: 'joblib file that loads another file',
        description: 'A compat NDArrayWrapper makes joblib.load unpickle another file from disk (named in the finding).',
        help: 'Scan the companion file too, or re-save the model with a current joblib (or without pickle).'
    },
    'zip/anomaly': {
        title: 'Zip archive that loaders read differently',
        description: 'Loaders could read this archive differently (local versus central names, entries inside other entries, duplicate or case-colliding names, overlaps, several end records).',
        help: 'Rebuild the archive with a standard tool (torch.save, numpy.savez) from a trusted environment.'
    },
    'scan/incomplete': {
        title: 'Not fully analysed',
        description: 'Something a loader would read was not analysed (unsupported compression, encrypted member, limits reached), so the file is not known to be safe.',
        help: 'Store the model uncompressed or as safetensors, or review it by hand before loading it.'
    },
    'scan/unreadable': {
        title: 'File could not be read',
        description: 'The file could not be read, so it was not scanned.',
        help: 'Fix the file permissions and run the scan again.'
    },
    'scan/not-in-checkout': {
        title: 'Changed file missing from the checkout',
        description: 'The file is listed as changed but is not in the checked-out workspace, so it was not scanned.',
        help: 'Check out the pull request (actions/checkout with its defaults) before the scan step.'
    },
    'fs/symlink': {
        title: 'Symbolic link inside the workspace',
        description: 'A symbolic link whose target lies inside the workspace: the target was scanned and its findings are reported under the link path.',
        help: 'Nothing to do if the target is expected; a link that renames a model deserves a look in review.'
    },
    'fs/symlink-outside': {
        title: 'Symbolic link not verified',
        description: 'A symbolic link whose target leaves the workspace, does not exist, or cannot be resolved (a loop, too long a chain): it was not followed, so what a loader would read through it is not known to be safe.',
        help: 'Replace the link with the file itself, or point it at a file inside the repository.'
    },
    'scan/skipped-special': {
        title: 'Special file not opened',
        description: 'A FIFO, socket or device: never opened.',
        help: 'Remove special files from the repository.'
    },
    'scan/unrecognized': {
        title: 'Model-like name, unknown content',
        description: 'The file name claims a model format but the content matches no known model format.',
        help: 'Check that the file is what its name says.'
    },
    'scan/empty': {
        title: 'Empty model file',
        description: 'The file name claims a model format but the file holds no bytes: no loader gets a model from it (a truncated upload, a placeholder, or a Git LFS object that was never pushed).',
        help: 'Commit the real model file, or remove the empty one.'
    },
    'lfs/pointer': {
        title: 'Git LFS pointer (model not scanned)',
        description: 'A Git LFS pointer: the model bytes are not in the checkout and were not scanned.',
        help: 'Scan the LFS objects by range requests (CLI --lfs; the action does it when its token is set, input lfs), or fetch them before the scan (actions/checkout with lfs: true, or git lfs pull).'
    },
    'lfs/object-missing': {
        title: 'Git LFS object missing',
        description: 'The LFS server has no object for the pointer, or the object it serves differs from the pointer (size, or SHA-256 where the object was read whole). `git lfs pull` and `actions/checkout` would fail or fetch something else.',
        help: 'Push the LFS object (`git lfs push --all`), or fix the pointer; check who changed it if nobody meant to.'
    },
    'remote/fetch-failed': {
        title: 'Remote bytes could not be fetched',
        description: 'Bytes a loader would read could not be fetched (an HTTP error, a timeout, too many retries, or the object changed while it was being read): that part of the file was not analysed.',
        help: 'Scan again; if it persists, check the URL, the token and the server. The file is not known to be safe until it is scanned.'
    },
    'safetensors/non-canonical': {
        title: 'Unusual safetensors header',
        description: 'The header is accepted by the reference parser but is unusual (leading whitespace, array-form entries, unknown fields, duplicate tensor names); parsers may disagree about it.',
        help: 'Re-save the file with the safetensors library.'
    },
    'safetensors/suspicious-metadata': {
        title: 'safetensors metadata looks like code or a URL',
        description: 'A `__metadata__` value looks like code or a URL, or is over 1 MiB. safetensors never runs it, but tools that read metadata might.',
        help: 'Check where the metadata comes from; re-save the file without it if it is not needed.'
    },
    'safetensors/large-header': {
        title: 'Very large safetensors header',
        description: 'The header is over 25 MB: valid for the reference parser, but some other parsers (the Hugging Face JavaScript parser) refuse it.',
        help: 'Nothing to do if the tensor count justifies it; otherwise re-save the file.'
    },
    'gguf/invalid-header': {
        title: 'GGUF header rejected by llama.cpp',
        description: "llama.cpp's GGUF reader (gguf.cpp) refuses the header: bad magic or version (including byte-swapped files), impossible counts, a string or array longer than the file, an invalid or nested value type, a duplicate or empty key, a bad `general.alignment`, an invalid tensor info (name, dimensions, element count, type, block size) or tensor data that is misplaced or past the end of the file. Malformed headers are how GGUF parsers have been attacked.",
        help: 'Do not load the file. Re-download it from a trusted source or re-convert the model with llama.cpp.'
    },
    'gguf/template-injection': {
        title: 'Chat template reaches Python internals',
        description: "A chat template (GGUF tokenizer.chat_template, tokenizer_config.json, *.jinja) does what Jinja's sandbox forbids: underscore or internal attributes (__class__, __globals__, mro), attribute names built at run time, attr/map/selectattr with such names, globals such as self, cycler, lipsum, config or request, or include/import/extends. Runtimes that render it without the sandbox run code (CVE-2024-34359).",
        help: 'Do not use this model with its template. Replace the template with the one the model publisher ships, or render templates only in a sandboxed environment.'
    },
    'gguf/template-unusual': {
        title: 'Chat template uses unusual constructs',
        description: 'A chat template uses constructs real chat templates do not (filters, tests, methods or calls outside the allowlist), is over 1 MiB, is too deeply nested, or could not be parsed: it was not shown to be safe.',
        help: 'Review the template by hand before a runtime renders it; prefer the template the model publisher ships.'
    },
    'safetensors/new-dtype': {
        title: 'safetensors dtype unknown to older readers',
        description: 'A dtype that older safetensors versions refuse (for example F8_E4M3FNUZ needs 0.8.0 or later).',
        help: 'Make sure every consumer uses a recent safetensors version.'
    },
    'onnx/invalid': {
        title: 'ONNX protobuf data the loaders reject',
        description: 'The ModelProto wire data is broken (truncated field, over-long varint, length past its message, group or invalid wire type): protobuf refuses to parse the model.',
        help: 'Re-export the model from a trusted source, or upload an intact copy.'
    },
    'onnx/external-data-escape': {
        title: 'ONNX external data outside the model folder',
        description: 'A tensor reads its data from a location that is absolute (POSIX, Windows drive, UNC), climbs out with `..` (either slash, after a NUL cut or percent-decoding), is a URL, or resolves outside the model folder through a symbolic link. Loaders that do not refuse it read any file on the machine (CVE-2022-25882, CVE-2024-27318).',
        help: 'Do not load this model. Re-save it with its external data next to the .onnx file, under relative paths.'
    },
    'onnx/external-data-missing': {
        title: 'ONNX external data file missing',
        description: 'A tensor reads its data from a file that does not exist next to the model (or is not a regular file): the model does not load as it is.',
        help: 'Commit the data file next to the model, or re-save the model with its data inline.'
    },
    'onnx/external-data-bounds': {
        title: 'ONNX external data range outside its file',
        description: 'A tensor reads bytes past the end of its external data file, or its offset/length is not a non-negative integer.',
        help: 'Re-save the model with onnx.save_model(..., save_as_external_data=True) from a trusted source.'
    },
    'onnx/custom-domain': {
        title: 'ONNX operators from a custom domain',
        description: 'Nodes use operators outside the standard ONNX domains and com.microsoft (and not defined as functions in the model): loading the model needs a native custom-operator library.',
        help: 'Make sure the operator library the model needs comes from a trusted source.'
    }
};
const FAMILIES = {
    safetensors: {
        title: 'safetensors header rejected',
        description: 'The safetensors header is rejected by the reference parser.',
        help: 'Re-save the file with the safetensors library from a trusted source.'
    },
    pickle: {
        title: 'Pickle finding',
        description: 'A problem in pickle data.',
        help: 'Do not load the file until the finding is understood; prefer safetensors.'
    }
};
const GENERIC = {
    title: 'Model file finding',
    description: 'A problem found in a model file.',
    help: 'Review the file before loading it.'
};
function ruleInfo(rule) {
    return rules_RULES[rule] ?? FAMILIES[rule.split('/')[0]] ?? GENERIC;
}

;// CONCATENATED MODULE: ./src/report/job-summary.ts
// The action's summary (job summary and check-run summary): verdict first, then what was
// scanned, what was not scanned, the findings per file with what to do, and safetensors
// facts. Every untrusted string goes through escapeMarkdown. The text is built block by
// block within a size budget, so a huge report is cut at a block boundary with a note.





/** GitHub rejects step summaries over 1 MiB; keep a margin for what other steps append. */
const STEP_SUMMARY_LIMIT = { max: 1000 * 1000, measure: (text) => Buffer.byteLength(text, 'utf8') };
/** Checks API: `output.summary` is at most 65,535 characters. */
const CHECK_SUMMARY_LIMIT = { max: 65_535, measure: (text) => text.length };
/** Rules that mean "this file was not analysed at all" (as opposed to a finding in its content). */
const NOT_SCANNED = new Set(['lfs/pointer', 'lfs/object-missing', 'remote/fetch-failed', 'fs/symlink-outside', 'scan/empty', 'scan/skipped-special', 'scan/unreadable', 'scan/not-in-checkout']);
const isNotScanned = (finding) => NOT_SCANNED.has(finding.rule) && finding.location?.entry === undefined;
const code = (text) => `<code>${escapeMarkdown(truncate(text, 300))}</code>`;
const plural = (n, word) => `${n} ${n === 1 ? word : word.replace(/y$/, 'ie') + 's'}`;
function verdict(report, failOn, notScanned) {
    const counts = report.summary.findings;
    const list = (keep) => SEVERITIES.filter((s) => keep(s) && counts[s] > 0)
        .map((s) => `${counts[s]} ${s}`)
        .join(', ');
    const unscanned = notScanned > 0 ? ` ⚠️ ${plural(notScanned, 'file')} could not be scanned (see **Not scanned**).` : '';
    if (report.summary.blocked) {
        const blocking = SEVERITIES.filter((s) => blocks(s, failOn)).reduce((n, s) => n + counts[s], 0);
        return `**Blocked** by ${plural(blocking, 'finding')} at or above \`fail-on: ${failOn}\`: ${list((s) => blocks(s, failOn))}.${unscanned}`;
    }
    const below = list(() => true);
    const rest = below ? ` Reported below the threshold: ${below}.` : '';
    if (failOn === 'never')
        return `**Passed**: \`fail-on: never\` reports findings without blocking.${rest}${unscanned}`;
    return `**Passed**: nothing at or above \`fail-on: ${failOn}\`.${rest}${unscanned}`;
}
function fileRow(file) {
    const worst = worstSeverity(file.findings.map((f) => f.severity)) ?? 'none';
    return `| ${code(file.path)} | ${file.format} | ${worst} | ${file.findings.length} |`;
}
function findingLine(finding) {
    const where = describeLocation(finding);
    const at = where ? ` (${escapeMarkdown(truncate(where, 300))})` : '';
    return `- **${finding.severity}** \`${finding.rule}\`: ${escapeMarkdown(truncate(finding.message, 1000))}${at}`;
}
function fileFindings(file, findings) {
    const rules = [...new Set(findings.map((f) => f.rule))];
    const advice = rules.map((rule) => `- \`${rule}\`: ${escapeMarkdown(ruleInfo(rule).help)}`);
    return [`#### ${code(file.path)} (${file.format})`, '', ...findings.map(findingLine), '', '**What to do:**', '', ...advice, ''].join('\n');
}
function detailValue(value) {
    if (Array.isArray(value)) {
        const shown = value.slice(0, 20).map((v) => detailValue(v));
        return shown.join(', ') + (value.length > 20 ? `, … (${value.length - 20} more)` : '') || '(none)';
    }
    if (value !== null && typeof value === 'object') {
        return detailValue(Object.entries(value).map(([k, v]) => `${k}: ${detailValue(v)}`));
    }
    return truncate(String(value), 200);
}
function safetensorsLine(file) {
    // `metadataKeys` -> "metadata keys".
    const label = (key) => key.replace(/([a-z])([A-Z])/g, (_, a, b) => `${a} ${b.toLowerCase()}`);
    const facts = Object.entries(file.details ?? {}).map(([key, value]) => `${escapeMarkdown(label(key))} ${escapeMarkdown(detailValue(value))}`);
    return `- ${code(file.path)}: ${facts.join('; ')}`;
}
/** Appends blocks while they fit in the budget, keeping room for the truncation note. */
class Budget {
    limit;
    parts = [];
    used = 0;
    omitted = 0;
    static RESERVE = 400;
    constructor(limit) {
        this.limit = limit;
    }
    add(block) {
        const size = this.limit.measure(block) + 1;
        if (this.omitted > 0 || this.used + size > this.limit.max - Budget.RESERVE) {
            this.omitted++;
            return;
        }
        this.parts.push(block);
        this.used += size;
    }
    text() {
        const note = this.omitted > 0
            ? [`\n> ✂️ Summary truncated at the size limit: ${plural(this.omitted, 'more entry')} left out. The log and the report-file output have everything.`]
            : [];
        return `${[...this.parts, ...note].join('\n')}\n`;
    }
}
function renderJobSummary(report, ctx, limit) {
    const out = new Budget(limit);
    const notScanned = report.files.filter((f) => f.findings.some(isNotScanned));
    const shown = report.files.filter((f) => f.format !== 'other' || f.findings.length > 0);
    const icon = report.summary.blocked ? '❌' : '✅';
    out.add(`## ${icon} modelgate: ${report.summary.blocked ? 'blocked' : 'passed'}\n`);
    out.add(`${verdict(report, ctx.failOn, notScanned.length)}\n`);
    const others = report.files.length - shown.length;
    const remote = describeRemote(report);
    out.add(`${escapeMarkdown(ctx.scope)}: ${plural(report.files.length, 'file')} scanned` +
        (remote !== '' ? ` (${remote})` : '') +
        (others > 0 ? `; not listed: ${plural(others, 'file')} with no model data and no findings.` : '.') +
        '\n');
    for (const note of ctx.notes)
        out.add(`> ⚠️ ${escapeMarkdown(truncate(note, 2000))}\n`);
    if (shown.length > 0) {
        const rank = (f) => {
            const worst = worstSeverity(f.findings.map((x) => x.severity));
            return worst === null ? SEVERITIES.length : SEVERITIES.indexOf(worst);
        };
        out.add('| File | Format | Worst severity | Findings |\n| --- | --- | --- | --- |');
        for (const file of [...shown].sort((a, b) => rank(a) - rank(b)))
            out.add(fileRow(file));
        out.add('');
    }
    if (notScanned.length > 0) {
        out.add('### Not scanned\n');
        for (const file of notScanned) {
            const reasons = [...new Set(file.findings.filter(isNotScanned).map((f) => ruleInfo(f.rule).title))];
            out.add(`- ${code(file.path)}: ${escapeMarkdown(reasons.join('; '))}`);
        }
        out.add('');
    }
    const withFindings = report.files
        .map((file) => ({ file, findings: bySeverity(file.findings.filter((f) => !isNotScanned(f))) }))
        .filter((x) => x.findings.length > 0);
    if (withFindings.length > 0) {
        out.add('### Findings\n');
        for (const { file, findings } of withFindings)
            out.add(fileFindings(file, findings));
    }
    const safetensors = report.files.filter((f) => f.format === 'safetensors' && f.details !== undefined);
    if (safetensors.length > 0) {
        out.add('### safetensors files\n');
        for (const file of safetensors)
            out.add(safetensorsLine(file));
        out.add('');
    }
    return out.text();
}

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/report/sarif.ts
// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).
//
// Results are file-level (no `region`): the upload step only computes its own
// line-hash fingerprint for results that have `region.startLine`, and doing so streams
// the whole file — a multi-GB model for us. We supply `partialFingerprints` instead:
// a hash of path + rule + what the finding is about (global, archive entry), never
// offsets, so an alert keeps its identity while a model is re-saved.







const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub keeps at most this many results per run. */
const MAX_RESULTS = 25_000;
const LEVEL = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub's bands: > 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
/**
 * A SARIF `uri` for a report path: repository-relative paths stay relative (percent-encoded
 * per segment, so `:`, `,`, `#`, spaces and newlines survive), absolute ones become file URIs.
 */
function sarifUri(path) {
    if ((0,external_node_path_namespaceObject.isAbsolute)(path))
        return (0,external_node_url_namespaceObject.pathToFileURL)(path).href;
    return path
        .split('/')
        .filter((segment, i) => !(segment === '.' && i === 0))
        .map(encodeURIComponent)
        .join('/');
}
function artifactLocation(path) {
    return (0,external_node_path_namespaceObject.isAbsolute)(path) ? { uri: sarifUri(path) } : { uri: sarifUri(path), uriBaseId: '%SRCROOT%' };
}
function fingerprintKey(path, finding) {
    const subject = typeof finding.global === 'string' ? finding.global : '';
    return [path, finding.rule, subject, finding.location?.entry ?? ''].join('\0');
}
function ruleFor(id, severity) {
    const info = ruleInfo(id);
    return {
        id,
        name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
        shortDescription: { text: info.title },
        fullDescription: { text: info.description },
        help: { text: `${info.description} ${info.help}`, markdown: `${info.description}\n\n**What to do:** ${info.help}` },
        defaultConfiguration: { level: LEVEL[severity] },
        properties: { tags: ['security', 'ml-model', id.split('/')[0]], precision: 'high', 'security-severity': SECURITY_SEVERITY[severity] }
    };
}
/**
 * Renders the report as SARIF. `info` findings (notes such as followed symlinks) are left
 * out: they are not security alerts and would only add noise to the Security tab.
 */
function renderSarif(report) {
    const entries = report.files
        .flatMap((file) => file.findings.map((finding) => ({ path: file.path, finding })))
        .filter((e) => e.finding.severity !== 'info')
        // Worst first, so that GitHub's per-run cap drops the least severe.
        .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity))
        .slice(0, MAX_RESULTS);
    // One rule per rule id, rated by the worst severity it has in this run.
    const worst = new Map();
    for (const { finding } of entries) {
        const seen = worst.get(finding.rule);
        if (seen === undefined || severityRank(finding.severity) > severityRank(seen))
            worst.set(finding.rule, finding.severity);
    }
    const ruleIds = [...worst.keys()].sort();
    const rules = ruleIds.map((id) => ruleFor(id, worst.get(id)));
    // Identical keys (same global in the same file twice) get an ordinal, so no alert swallows another.
    const occurrences = new Map();
    const results = entries.map(({ path, finding }) => {
        const key = fingerprintKey(path, finding);
        const n = occurrences.get(key) ?? 0;
        occurrences.set(key, n + 1);
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
        const where = describeLocation(finding);
        return {
            ruleId: finding.rule,
            ruleIndex: ruleIds.indexOf(finding.rule),
            level: LEVEL[finding.severity],
            message: { text: visible(truncate(`${finding.message}${where ? ` (${where})` : ''}`, 1000)) },
            locations: [
                {
                    physicalLocation: { artifactLocation: artifactLocation(path) },
                    ...(finding.location?.entry !== undefined ? { logicalLocations: [{ fullyQualifiedName: visible(truncate(finding.location.entry, 500)) }] } : {})
                }
            ],
            partialFingerprints: { primaryLocationLineHash: hash },
            properties: { severity: finding.severity, ...(typeof finding.global === 'string' ? { global: visible(truncate(finding.global, 500)) } : {}) }
        };
    });
    const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'modelgate', semanticVersion: report.tool.version, rules } },
                results
            }
        ]
    };
    return `${JSON.stringify(log, null, 2)}\n`;
}

;// CONCATENATED MODULE: ./src/report/text.ts



const COLORS = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
function renderText(report, options) {
    const paint = (severity, text) => (options.color ? `${COLORS[severity]}${text}${RESET}` : text);
    const lines = [];
    for (const file of report.files) {
        for (const finding of bySeverity(file.findings)) {
            if (options.quiet && !blocks(finding.severity, options.failOn))
                continue;
            const where = describeLocation(finding);
            lines.push(`${visible(truncate(file.path, 1000))}: ${paint(finding.severity, finding.severity.toUpperCase())} ${finding.rule}: ${visible(truncate(finding.message, 1000))}` +
                (where ? ` [${visible(truncate(where, 500))}]` : ''));
        }
    }
    lines.push(...hubCommits(report));
    const verdict = describeVerdict(report, options.failOn);
    const remote = describeRemote(report);
    const summary = `modelgate: ${report.summary.files} file(s) scanned${remote !== '' ? ` (${remote})` : ''}, ${describeCounts(report)}; ${verdict}`;
    lines.push(report.summary.blocked && report.summary.maxSeverity ? paint(report.summary.maxSeverity, summary) : summary);
    return `${lines.join('\n')}\n`;
}
const HUB_REPO = /^hf:\/\/(?:datasets\/|spaces\/)?[^/]+\/[^/]+/;
/** "hf://org/name: read at commit <sha> (3 files)", one line per hub repo and commit. */
function hubCommits(report) {
    const counts = new Map();
    for (const file of report.files) {
        const repo = HUB_REPO.exec(file.path)?.[0];
        if (repo === undefined || file.source?.revision === undefined)
            continue;
        const key = `${repo}: read at commit ${file.source.revision}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([line, n]) => `${visible(truncate(line, 1000))} (${n} file${n === 1 ? '' : 's'})`);
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The CLI front: parse, scan, render, exit status. Exit 0 = passed, 1 = blocked, 2 = usage,
// network (a remote listing or authentication) or internal error.
















const EXIT = { passed: 0, blocked: 1, error: 2 };
const RENDERERS = {
    json: (report) => renderJson(report),
    sarif: (report) => renderSarif(report),
    markdown: (report, cmd) => renderJobSummary(report, { failOn: cmd.failOn, scope: 'Paths given on the command line', notes: [] }, STEP_SUMMARY_LIMIT),
    text: (report, cmd, color) => renderText(report, { failOn: cmd.failOn, color, quiet: cmd.quiet })
};
async function main(argv, io) {
    try {
        const cmd = parseArgs(argv);
        if (cmd.command === 'help') {
            io.stdout(HELP);
            return EXIT.passed;
        }
        if (cmd.command === 'version') {
            io.stdout(`modelgate ${VERSION}\n`);
            return EXIT.passed;
        }
        // Links are followed only to targets under the working directory.
        const options = defaultScanOptions({ failOn: cmd.failOn, picklePolicy: cmd.picklePolicy, allowGlobals: cmd.allowGlobals, limits: cmd.limits, workspace: process.cwd() });
        const progress = io.stderrIsTTY === true ? new Progress(io.stderr) : undefined;
        const setup = await remoteSetup(cmd, io.env ?? process.env, progress);
        const scanned = await scanTargets(cmd.paths, options, setup).finally(() => progress?.clear());
        const report = summary_buildReport(scanned.files, options, scanned.shared);
        const text = RENDERERS[cmd.format](report, cmd, io.isTTY && cmd.output === undefined && cmd.format === 'text');
        if (cmd.output !== undefined)
            await (0,promises_namespaceObject.writeFile)(cmd.output, text);
        else
            io.stdout(text);
        return report.summary.blocked ? EXIT.blocked : EXIT.passed;
    }
    catch (err) {
        if (err instanceof UsageError || err instanceof MissingPathError || err instanceof RemoteError) {
            io.stderr(`modelgate: ${redact(err.message)}\n`);
        }
        else {
            io.stderr(`modelgate: internal error: ${redact(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
        }
        return EXIT.error;
    }
}
/** Network settings from the command and the environment; tokens are registered for redaction first. */
async function remoteSetup(cmd, env, progress) {
    const lfsToken = env.MODELGATE_LFS_TOKEN || undefined;
    if (lfsToken !== undefined)
        addSecret(lfsToken);
    const setup = { client: new HttpClient(), hf: hfEnv(env), onFile: progress?.file };
    if (cmd.lfs)
        setup.lfs = { endpoint: await findLfsEndpoint(process.cwd(), cmd.lfsUrl), token: lfsToken };
    return setup;
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
