/**
 * Loader for the shared order-book workload (`../shared/bench/workload-1m.*`, format in
 * `shared/bench/README.md`). Used by the golden-replay test and by the order-book benchmark so that
 * both read the file the same way. Node-only; lib/engine never imports it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Directory of the shared bench files. The shared tree sits beside the repository (CI clones it
 * there), so it is resolved from this file's location rather than the working directory.
 */
export function benchDir(): string {
  return path.resolve(repoRoot, "../shared/bench");
}

/** Reads and validates `<name>.bin` (default `workload-1m`). Throws if the header is not as documented. */
export function loadWorkload(name = "workload-1m"): Workload {
  const buf = readFileSync(path.join(benchDir(), `${name}.bin`));
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
  return readFileSync(path.join(benchDir(), `${name}.final-book.txt`), "utf8")
    .split("\n")
    .filter((line) => line.length > 0);
}

/** `reference` from `<name>.meta.json`. */
export function loadReference(name = "workload-1m"): WorkloadReference {
  const meta = JSON.parse(readFileSync(path.join(benchDir(), `${name}.meta.json`), "utf8")) as { reference: WorkloadReference };
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
