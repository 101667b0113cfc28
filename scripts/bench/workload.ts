/**
 * Loader for the order-book workload (`scripts/bench/data/workload-1m.*`, format in
 * `scripts/bench/data/README.md`). Used by the golden-replay test and by the order-book benchmark so
 * that both read the file the same way. Node-only; lib/engine never imports it.
 *
 * The files are kept in the repository (gzip-compressed) so a fresh clone needs nothing beside it,
 * and each is checked against the SHA-256 of the original it was compressed from.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

/** Op types in the workload file. */
export const OP_LIMIT = 0;
export const OP_CANCEL = 1;
export const OP_MARKET = 2;

const MAGIC = 0x4c4f4257;
const FIELDS = 5;

/** The ops as parallel columns, so a replay loop reads typed arrays and builds nothing. */
export interface Workload {
  count: number;
  type: Int32Array;
  /** 0 = buy, 1 = sell */
  side: Int32Array;
  /** ticks; 0 for cancel and market */
  price: Int32Array;
  /** lots; 0 for cancel */
  size: Int32Array;
  /** order id for limit and cancel; 0 for market */
  id: Int32Array;
}

/** The expected outcome recorded by the workload generator (`.meta.json` → `reference`). */
export interface WorkloadReference {
  trades: number;
  tradedQty: number;
  finalState: { restingOrders: number; bestBid: number; bestAsk: number; bidVolume: number; askVolume: number };
}

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "data");

/** SHA-256 of each original file, as published with the workload. */
export const WORKLOAD_SHA256: Record<string, string> = {
  "workload-1m.bin": "adeaf2d612db739a6d6f4c44076034fd3b33c3758b875f7efd408a675ab262ff",
  "workload-1m.final-book.txt": "9b0681eaa52cbf467014c1413dacc90a354c057ac09cb0032704ef614cd15653",
  "workload-1m.meta.json": "4106f4b152ff65324ec91fd387987e555f0ac4ab2223789b224f8149ec7722f9",
};

/** A data file's original bytes (gunzipped when stored as `.gz`), refused unless its SHA-256 is the recorded one. */
export function readWorkloadFile(file: string): Buffer {
  const expected = WORKLOAD_SHA256[file];
  if (!expected) throw new Error(`${file}: no recorded SHA-256 for this workload file`);
  const bytes = file.endsWith(".json") ? readFileSync(path.join(DATA_DIR, file)) : gunzipSync(readFileSync(path.join(DATA_DIR, `${file}.gz`)));
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== expected) throw new Error(`${file}: SHA-256 ${actual} differs from the recorded ${expected}: the workload file is damaged`);
  return bytes;
}

/** Reads and validates `<name>.bin` (default `workload-1m`). Throws if the header is not as documented. */
export function loadWorkload(name = "workload-1m"): Workload {
  const buf = readWorkloadFile(`${name}.bin`);
  if (buf.byteLength % 4 !== 0) throw new Error(`${name}.bin: length ${buf.byteLength} is not a multiple of 4`);
  // Copy into an aligned buffer: a Node Buffer's byteOffset need not be a multiple of 4.
  const words = new Int32Array(buf.byteLength / 4);
  new Uint8Array(words.buffer).set(buf);
  if (!littleEndian()) throw new Error("workload loader assumes a little-endian host");
  const [magic, version, count, fields] = words;
  if (magic !== MAGIC || version !== 1 || fields !== FIELDS) {
    throw new Error(`${name}.bin: bad header [${magic}, ${version}, ${count}, ${fields}]`);
  }
  if (words.length !== 4 + count * FIELDS) throw new Error(`${name}.bin: ${count} ops declared, ${(words.length - 4) / FIELDS} present`);
  const w: Workload = {
    count,
    type: new Int32Array(count),
    side: new Int32Array(count),
    price: new Int32Array(count),
    size: new Int32Array(count),
    id: new Int32Array(count),
  };
  for (let i = 0, j = 4; i < count; i++, j += FIELDS) {
    w.type[i] = words[j];
    w.side[i] = words[j + 1];
    w.price[i] = words[j + 2];
    w.size[i] = words[j + 3];
    w.id[i] = words[j + 4];
  }
  return w;
}

/** The expected final book as lines `id side price remaining`, sorted by id, exactly as in the file. */
export function loadExpectedFinalBook(name = "workload-1m"): string[] {
  return readWorkloadFile(`${name}.final-book.txt`)
    .toString("utf8")
    .split("\n")
    .filter((line) => line.length > 0);
}

/** `reference` from `<name>.meta.json`. */
export function loadReference(name = "workload-1m"): WorkloadReference {
  const meta = JSON.parse(readWorkloadFile(`${name}.meta.json`).toString("utf8")) as { reference: WorkloadReference };
  return meta.reference;
}

/** Formats resting orders the way the expected file does: `id side price remaining`, sorted by id. */
export function formatBook(rows: Iterable<{ id: number; side: number; price: number; remaining: number }>): string[] {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  return sorted.map((r) => `${r.id} ${r.side} ${r.price} ${r.remaining}`);
}

/** Index of the first differing line, or -1 when `actual` equals `expected`. */
export function firstDifference(actual: readonly string[], expected: readonly string[]): number {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
