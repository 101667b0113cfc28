/**
 * Map from positive int32 keys (order ids, 1 … 2^31−1) to values: open addressing with linear
 * probing and backward-shift deletion (no tombstones), keys in an Int32Array (0 = empty).
 *
 * Why not `Map`: the engine inserts and deletes an entry per resting order (a million per million
 * orders) while only thousands are live; V8's ordered hash table handles that churn with deleted
 * markers and periodic rehashing, and ids above 2^30 are heap numbers. This table does no
 * allocation per operation and keeps probe runs short at ≤ 50 % load. Iteration order is slot
 * order (not insertion order): callers that need an order sort.
 */
export class IntMap<V> {
  private keys: Int32Array;
  private vals: (V | undefined)[];
  private mask: number;
  /** 32 − log2(capacity): the slot is the top bits of the multiplicative hash. */
  private shift: number;
  private n = 0;

  /** `capacity` is rounded up to a power of two (at least 16). */
  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.keys = new Int32Array(cap);
    this.vals = new Array<V | undefined>(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  get size(): number {
    return this.n;
  }

  /** Home slot: Fibonacci hashing (top bits of key × 2^32/φ). */
  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  get(key: number): V | undefined {
    const keys = this.keys;
    const mask = this.mask;
    let i = this.slot(key);
    for (;;) {
      const k = keys[i];
      if (k === key) return this.vals[i];
      if (k === 0) return undefined;
      i = (i + 1) & mask;
    }
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Insert or replace. `key` must be an integer in 1 … 2^31−1. */
  set(key: number, value: V): void {
    if ((key | 0) !== key || key <= 0) throw new RangeError(`IntMap key must be an integer in 1 … 2^31−1, got ${key}`);
    const keys = this.keys;
    const mask = this.mask;
    let i = this.slot(key);
    for (;;) {
      const k = keys[i];
      if (k === key) {
        this.vals[i] = value;
        return;
      }
      if (k === 0) break;
      i = (i + 1) & mask;
    }
    keys[i] = key;
    this.vals[i] = value;
    if (++this.n * 2 > keys.length) this.grow();
  }

  delete(key: number): boolean {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = this.slot(key);
    for (;;) {
      const k = keys[i];
      if (k === key) break;
      if (k === 0) return false;
      i = (i + 1) & mask;
    }
    // Backward-shift: pull later entries of the probe run into the hole when their home slot
    // does not lie strictly between the hole and their position (cyclically).
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j];
      if (k === 0) break;
      const home = this.slot(k);
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        keys[hole] = k;
        vals[hole] = vals[j];
        hole = j;
      }
    }
    keys[hole] = 0;
    vals[hole] = undefined;
    this.n--;
    return true;
  }

  /** Values in slot order. */
  values(): V[] {
    const out: V[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) out.push(this.vals[i] as V);
    return out;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = oldKeys.length * 2;
    this.keys = new Int32Array(cap);
    this.vals = new Array<V | undefined>(cap);
    this.mask = cap - 1;
    this.shift--;
    const keys = this.keys;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k === 0) continue;
      let j = this.slot(k);
      while (keys[j] !== 0) j = (j + 1) & this.mask;
      keys[j] = k;
      this.vals[j] = oldVals[i];
    }
  }
}
