/**
 * Liquidation index: per market, the price at which each account breaches maintenance margin,
 * kept like stop orders in tick buckets (ENGINE-ANCHORS §3, "liquidation book"), so that finding
 * the accounts to liquidate after a mark move costs O(buckets crossed + k) instead of a scan of
 * every account.
 *
 * Entries are addressed by a dense account slot (0 … n−1, assigned by the engine), which lets the
 * per-slot bookkeeping live in typed arrays. A LONG entry is triggered when `mark ≤ key`; a SHORT
 * entry when `mark ≥ key`. Keys are prices in ticks; the engine computes them (liquidation.ts) and
 * re-keys an account whenever something that moves its breach price changes.
 *
 * Layout: one `Map<bucket, Bucket>` per side, bucket = key >> shift, each bucket two contiguous
 * Int32Arrays (slots, keys) with swap-remove. Buckets strictly beyond the mark's bucket are copied
 * out wholesale (every key in them is triggered); only the mark's own bucket is checked key by key.
 */

/** Side of an index entry: a long position's breach is below the mark, a short's above. */
export const LONG = 0;
export const SHORT = 1;

class Bucket {
  slots: Int32Array;
  keys: Int32Array;
  n = 0;
  constructor(cap: number) {
    this.slots = new Int32Array(cap);
    this.keys = new Int32Array(cap);
  }
}

const ABSENT = -1;

export class LiquidationIndex {
  /** log2 of the bucket width in ticks. */
  readonly shift: number;
  private readonly sides: [Map<number, Bucket>, Map<number, Bucket>] = [new Map(), new Map()];
  private slotSide = new Int8Array(64).fill(ABSENT);
  private slotKey = new Int32Array(64);
  private slotPos = new Int32Array(64);
  /** Upper bound of occupied LONG buckets / lower bound of occupied SHORT buckets (tightened lazily). */
  private hiLong = -1;
  private loShort = 0x7fffffff;
  private count = 0;

  /** `bucketShift`: bucket width = 2^shift ticks; pick it so a typical mark move spans ≤ a few thousand buckets. */
  constructor(bucketShift = 0) {
    if (!Number.isInteger(bucketShift) || bucketShift < 0 || bucketShift > 30) throw new RangeError("bucketShift 0…30");
    this.shift = bucketShift;
  }

  /** Number of indexed entries. */
  get size(): number {
    return this.count;
  }

  has(slot: number): boolean {
    return slot < this.slotSide.length && this.slotSide[slot] !== ABSENT;
  }

  /** Key (ticks) of an entry, or undefined. */
  keyOf(slot: number): number | undefined {
    return this.has(slot) ? this.slotKey[slot] : undefined;
  }

  sideOf(slot: number): number | undefined {
    return this.has(slot) ? this.slotSide[slot] : undefined;
  }

  /**
   * Insert or re-key an entry. `key` in ticks (1 … 2^31−1). O(1) amortized; an unchanged bucket and
   * side is updated in place.
   */
  set(slot: number, side: number, key: number): void {
    if (slot >= this.slotSide.length) this.grow(slot + 1);
    const oldSide = this.slotSide[slot];
    const b = key >> this.shift;
    if (oldSide !== ABSENT) {
      if (oldSide === side && this.slotKey[slot] >> this.shift === b) {
        this.slotKey[slot] = key;
        const bucket = this.sides[side].get(b)!;
        bucket.keys[this.slotPos[slot]] = key;
        return;
      }
      this.unlink(slot);
    } else {
      this.count++;
    }
    const map = this.sides[side];
    let bucket = map.get(b);
    if (bucket === undefined) {
      bucket = new Bucket(8);
      map.set(b, bucket);
    } else if (bucket.n === bucket.slots.length) {
      const s = new Int32Array(bucket.n * 2);
      s.set(bucket.slots);
      const k = new Int32Array(bucket.n * 2);
      k.set(bucket.keys);
      bucket.slots = s;
      bucket.keys = k;
    }
    const pos = bucket.n++;
    bucket.slots[pos] = slot;
    bucket.keys[pos] = key;
    this.slotSide[slot] = side;
    this.slotKey[slot] = key;
    this.slotPos[slot] = pos;
    if (side === LONG) {
      if (b > this.hiLong) this.hiLong = b;
    } else if (b < this.loShort) this.loShort = b;
  }

  /** Remove an entry (no-op when absent). O(1). */
  delete(slot: number): void {
    if (!this.has(slot)) return;
    this.unlink(slot);
    this.slotSide[slot] = ABSENT;
    this.count--;
  }

  private unlink(slot: number): void {
    const side = this.slotSide[slot];
    const bucket = this.sides[side].get(this.slotKey[slot] >> this.shift)!;
    const pos = this.slotPos[slot];
    const last = --bucket.n;
    if (pos !== last) {
      const moved = bucket.slots[last];
      bucket.slots[pos] = moved;
      bucket.keys[pos] = bucket.keys[last];
      this.slotPos[moved] = pos;
    }
  }

  private grow(min: number): void {
    let cap = this.slotSide.length;
    while (cap < min) cap *= 2;
    const side = new Int8Array(cap).fill(ABSENT);
    side.set(this.slotSide);
    const key = new Int32Array(cap);
    key.set(this.slotKey);
    const pos = new Int32Array(cap);
    pos.set(this.slotPos);
    this.slotSide = side;
    this.slotKey = key;
    this.slotPos = pos;
  }

  /**
   * Every entry triggered at `mark` (longs with key ≥ mark, shorts with key ≤ mark), written into
   * `out` from index 0; returns the count. `out` must have room (size ≤ `this.size`). Order:
   * bucket by bucket, unspecified within a bucket; callers sort if they need determinism.
   */
  collect(mark: number, out: Int32Array): number {
    let k = 0;
    const bm = mark >> this.shift;
    // Longs: buckets from the top down to the mark's bucket; the top bound is tightened on the way.
    const longs = this.sides[LONG];
    let tightening = true;
    for (let b = this.hiLong; b >= bm; b--) {
      const bucket = longs.get(b);
      if (bucket === undefined || bucket.n === 0) {
        if (tightening) this.hiLong = b - 1;
        continue;
      }
      tightening = false;
      if (b > bm) {
        out.set(bucket.slots.subarray(0, bucket.n), k);
        k += bucket.n;
      } else {
        const keys = bucket.keys;
        const slots = bucket.slots;
        for (let i = 0; i < bucket.n; i++) if (keys[i] >= mark) out[k++] = slots[i];
      }
    }
    const shorts = this.sides[SHORT];
    tightening = true;
    for (let b = this.loShort; b <= bm; b++) {
      const bucket = shorts.get(b);
      if (bucket === undefined || bucket.n === 0) {
        if (tightening) this.loShort = b + 1;
        continue;
      }
      tightening = false;
      if (b < bm) {
        out.set(bucket.slots.subarray(0, bucket.n), k);
        k += bucket.n;
      } else {
        const keys = bucket.keys;
        const slots = bucket.slots;
        for (let i = 0; i < bucket.n; i++) if (keys[i] <= mark) out[k++] = slots[i];
      }
    }
    return k;
  }

  /** Convenience wrapper of {@link collect} returning a fresh sorted array of slots. */
  triggered(mark: number): number[] {
    const out = new Int32Array(this.count);
    const n = this.collect(mark, out);
    return Array.from(out.subarray(0, n)).sort((a, b) => a - b);
  }

  /** Test oracle: the same set by scanning every slot's key (O(capacity)). */
  scanTriggered(mark: number): number[] {
    const res: number[] = [];
    for (let s = 0; s < this.slotSide.length; s++) {
      const side = this.slotSide[s];
      if (side === LONG ? this.slotKey[s] >= mark : side === SHORT && this.slotKey[s] <= mark) res.push(s);
    }
    return res;
  }
}
