// zarrita.js as a Zarr v3 peer for zarr4j's interop tests (driven by
// dev.zarr4j.interop.peers.ZarritaPeer).
//
//   node zarrita-peer.mjs write <storeDir> <spec.json>
//       Creates and fills every array of the spec ({"arrays": [ ... ]}) under storeDir, each with
//       zarrita's own create + set. Prints {"results": [{"path": P, "ok": true} | {"path": P,
//       "error": "..."}, ...]}: one array's failure does not stop the others.
//   node zarrita-peer.mjs read <storeDir> <arrayPath>
//       Prints one array as zarrita opens and reads it: {"path", "shape", "chunks" (zarrita's read
//       chunk shape: the inner chunks of a sharded array), "data_type", "fill_value", "attributes",
//       "metadata" (zarr.json as stored), "values"}. Exit status 1 and the message on stderr if it
//       fails. The spec files and this output are UTF-8 JSON on stdout.
//   node zarrita-peer.mjs read-many <storeDir> <arrayPath>...
//       {"arrays": [ <read's object> | {"path": P, "error": "..."}, ... ]}, one Node start for many.
//   node zarrita-peer.mjs info
//       {"node", "zarrita", "float16"}: what is installed.
//
// The modules are found through a node_modules next to this file (ZarritaPeer links the directory
// bin/test installs, .cache/node/node_modules, there).
//
// Spec of one array (the JSON of dev.zarr4j.interop.peers.PeerArraySpec):
//   {"path": "a/b", "shape": [10, 7], "chunk_shape": [4, 3], "data_type": "int16",
//    "codecs": [Zarr v3 codec objects, as in zarr.json], "fill_value": <value>,
//    "separator": "/" (optional), "values": [<value>, ...]}
// Values are flat, in C order, one JSON value per element:
//   - integers up to 32 bits, float16/32/64: JSON numbers; NaN, infinities and negative zero as
//     the strings "NaN", "Infinity", "-Infinity", "-0.0" (NaN payloads are not kept);
//   - int64 and uint64: decimal strings ("-9223372036854775808"), as JSON numbers lose digits;
//   - bool: true / false; string: JSON strings; complex64/128: [re, im] (no peer here has them).
// fill_value uses the same convention. Output ("read") uses it too.
//
// What zarrita 0.7.5 does, found by running it here (Node 20.20, numcodecs.js 0.3.2) against
// zarr-java 0.0.9 and zarr-python 3's arrays in /work/shared/fixtures (PeerInteropIT keeps the
// Java side's table, ZarritaPeer.SUPPORT, honest):
// Data types
//   - bool, int8, int16, int32, uint8, uint16, uint32, float32, float64: write and read.
//   - int64, uint64: write and read, values exact (BigInt64Array / BigUint64Array). Fill values
//     travel as JSON numbers: JSON.stringify cannot write a BigInt, so this script passes a Number
//     and refuses int64/uint64 fill values beyond 2^53-1; reading, JSON.parse keeps only what a
//     double holds (uint64 2^64-1 comes back as 18446744073709551616).
//   - float16: needs globalThis.Float16Array, which Node 20 lacks: "Unknown or unsupported
//     dataType: float16" on create and on open.
//   - string: reads (vlen-utf8; checked on zarr-python 3's arrays, unicode included). Does not
//     write: vlen-utf8 has no encoder. (A string array with a "bytes" codec "writes" without error
//     and stores nothing usable.)
//   - complex64/128, raw bits, datetime: unknown data types.
//   - A negative-zero fill value is written as 0 (JSON.stringify(-0) is "0").
// Codecs
//   - bytes: little and big endian, write and read; but bool with "big" is swapped in 4-byte groups
//     (zarrita takes a BoolArray's element size as 4) and comes out corrupted, both ways.
//   - transpose: any permutation, write and read, as zarr-java and zarr-python 3 do.
//   - gzip: zarrita decodes it (the platform's DecompressionStream) but has no encoder; this
//     script registers one on Node's zlib and keeps zarrita's decoder.
//   - zstd: numcodecs.js (WebAssembly, runs in Node 20 without any extra package), write and read;
//     "checksum" is ignored when writing, levels <= 0 become the default level.
//   - blosc: numcodecs.js (WebAssembly), write and read, snappy included. It writes every frame
//     with typesize 4 and without shuffle whatever the configuration says (numcodecs.js takes
//     numeric shuffle codes; the v3 names become 0): readers follow the frame header, so the data
//     is right, but zarr.json does not describe the frames.
//   - crc32c: read (the 4 bytes are dropped, not checked); no encoder.
//   - sharding_indexed: read, not written ("set on sharded arrays" is unsupported). Inner chunks
//     marked absent (2^64-1) read as the fill value. Only index_location "end" is implemented:
//     "start" is misread (garbage offsets: a RangeError, or Node itself aborts on an assertion in
//     its file reading). Codecs beside sharding_indexed in the array's chain are ignored (misread),
//     nested sharding is an unknown codec. Strings inside shards (written by zarr4j) read right.
//   - vlen-utf8: read only. zlib (a non-standard v3 name): read only.
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import * as zarr from "zarrita";
import FileSystemStore from "@zarrita/storage/fs";

// zarrita decodes gzip but cannot encode it: keep its decoder, add Node's zlib as the encoder.
const ZarritaGzip = await zarr.registry.get("gzip")();
class NodeZlibGzip extends ZarritaGzip {
  #level;
  constructor(configuration) {
    super();
    this.#level = configuration?.level ?? 5;
    this.encode = (bytes) =>
      new Uint8Array(zlib.gzipSync(bytes, { level: this.#level }));
  }
  static fromConfig(configuration) {
    return new NodeZlibGzip(configuration);
  }
}
zarr.registry.set("gzip", () => NodeZlibGzip);

const BIG = new Set(["int64", "uint64"]);
const FLOAT = new Set(["float16", "float32", "float64"]);

function fromJsonValue(dtype, v) {
  if (BIG.has(dtype)) return BigInt(v);
  if (FLOAT.has(dtype)) {
    if (v === "NaN") return NaN;
    if (v === "Infinity") return Infinity;
    if (v === "-Infinity") return -Infinity;
    if (v === "-0.0") return -0;
    return v;
  }
  return v;
}

function toJsonValue(dtype, v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && (FLOAT.has(dtype) || !Number.isFinite(v))) {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "-Infinity";
    if (Object.is(v, -0)) return "-0.0";
  }
  return v;
}

function cStrides(shape) {
  let stride = new Array(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    stride[i] = step;
    step *= shape[i];
  }
  return stride;
}

function typedArrayFor(dtype, values) {
  let n = values.length;
  switch (dtype) {
    case "bool":
      return new zarr.BoolArray(values.map((v) => v === true));
    case "int8": return Int8Array.from(values);
    case "int16": return Int16Array.from(values);
    case "int32": return Int32Array.from(values);
    case "uint8": return Uint8Array.from(values);
    case "uint16": return Uint16Array.from(values);
    case "uint32": return Uint32Array.from(values);
    case "int64": return BigInt64Array.from(values, (v) => BigInt(v));
    case "uint64": return BigUint64Array.from(values, (v) => BigInt(v));
    case "float32": return Float32Array.from(values, (v) => fromJsonValue(dtype, v));
    case "float64": return Float64Array.from(values, (v) => fromJsonValue(dtype, v));
    case "float16":
      if (typeof globalThis.Float16Array !== "function") {
        throw new Error("float16: this Node has no Float16Array");
      }
      return globalThis.Float16Array.from(values, (v) => fromJsonValue(dtype, v));
    case "string":
      return Array.from(values);
    default:
      throw new Error(`data type ${dtype}: not supported by this script (n=${n})`);
  }
}

function fillValueFor(dtype, v) {
  if (v === null || v === undefined) return null;
  if (BIG.has(dtype)) {
    let b = BigInt(v);
    if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new Error(`${dtype} fill value ${v}: zarrita writes fill values as JSON numbers, beyond 2^53 they lose digits`);
    }
    return Number(b);
  }
  return fromJsonValue(dtype, v);
}

async function writeOne(store, a) {
  let location = zarr.root(store).resolve(a.path);
  let arr = await zarr.create(location, {
    shape: a.shape,
    chunkShape: a.chunk_shape,
    dtype: a.data_type,
    codecs: a.codecs,
    fillValue: fillValueFor(a.data_type, a.fill_value),
    chunkSeparator: a.separator ?? "/",
  });
  let size = a.shape.reduce((x, y) => x * y, 1);
  if (a.values.length !== size) {
    throw new Error(`${a.values.length} values for shape [${a.shape}]`);
  }
  let data = typedArrayFor(a.data_type, a.values);
  if (a.shape.length === 0) {
    await zarr.set(arr, null, data instanceof zarr.BoolArray ? data.get(0) : data[0]);
  } else {
    await zarr.set(arr, null, { data, shape: a.shape, stride: cStrides(a.shape) });
  }
}

async function readOne(store, path) {
  let location = zarr.root(store).resolve(path);
  let arr = await zarr.open.v3(location, { kind: "array" });
  let raw = await store.get(location.resolve("zarr.json").path);
  let metadata = JSON.parse(new TextDecoder().decode(raw));
  let dtype = arr.dtype;
  let out = await zarr.get(arr, null);
  let values;
  if (arr.shape.length === 0) {
    values = [toJsonValue(dtype, out)];
  } else {
    let { data, shape, stride } = out;
    let get = data instanceof zarr.BoolArray ? (i) => data.get(i) : (i) => data[i];
    let size = shape.reduce((x, y) => x * y, 1);
    values = new Array(size);
    let idx = new Array(shape.length).fill(0);
    for (let n = 0; n < size; n++) {
      let off = 0;
      for (let d = 0; d < shape.length; d++) off += idx[d] * stride[d];
      values[n] = toJsonValue(dtype, get(off));
      for (let d = shape.length - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
  }
  return {
    path,
    shape: arr.shape,
    chunks: arr.chunks,
    data_type: dtype,
    fill_value: toJsonValue(dtype, arr.fillValue),
    attributes: arr.attrs,
    metadata,
    values,
  };
}

function message(e) {
  let parts = [];
  for (let c = e; c; c = c.cause) parts.push(c instanceof Error ? `${c.name}: ${c.message}` : String(c));
  return parts.join(" <- ");
}

async function main(argv) {
  let [command, ...args] = argv;
  switch (command) {
    case "write": {
      let [dir, specFile] = args;
      let spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
      let store = new FileSystemStore(dir);
      let results = [];
      for (let a of spec.arrays) {
        try {
          await writeOne(store, a);
          results.push({ path: a.path, ok: true });
        } catch (e) {
          results.push({ path: a.path, error: message(e) });
        }
      }
      return { results };
    }
    case "read":
      return readOne(new FileSystemStore(args[0]), args[1]);
    case "read-many": {
      let [dir, ...paths] = args;
      let store = new FileSystemStore(dir);
      let arrays = [];
      for (let p of paths) {
        try {
          arrays.push(await readOne(store, p));
        } catch (e) {
          arrays.push({ path: p, error: message(e) });
        }
      }
      return { arrays };
    }
    case "info": {
      let pkg = JSON.parse(
        fs.readFileSync(new URL("./node_modules/zarrita/package.json", import.meta.url), "utf8"));
      return {
        node: process.versions.node,
        zarrita: pkg.version,
        float16: typeof globalThis.Float16Array === "function",
      };
    }
    default:
      throw new Error(`usage: zarrita-peer.mjs write <storeDir> <spec.json> | read <storeDir> <arrayPath> | read-many <storeDir> <arrayPath>... | info (got ${command})`);
  }
}

try {
  let result = await main(process.argv.slice(2));
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (e) {
  process.stderr.write(`zarrita-peer: ${message(e)}\n${e?.stack ?? ""}\n`);
  process.exitCode = 1;
}
