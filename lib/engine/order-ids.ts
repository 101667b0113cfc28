/**
 * Which order ids the engine still accepts, in bounded memory: a sliding window in id space.
 *
 * The host hands out order ids in increasing order (one counter for the simulation and for clients),
 * but a client's id can reach the engine after higher ids the simulation drew meanwhile, so the
 * engine cannot insist on strictly increasing ids. It remembers the highest id it accepted (`high`)
 * and exactly which of the ORDER_ID_WINDOW ids at or below it were used; an id at or below
 * high − ORDER_ID_WINDOW is refused without a lookup (it may or may not have been used, and the
 * engine no longer knows). So every reuse is refused, memory and the snapshot are constant, and an
 * id that arrives late is refused only when more than ORDER_ID_WINDOW ids were accepted after it.
 *
 * ORDER_ID_WINDOW = 2^16. The simulation places at most a few dozen orders per step whatever its
 * speed (about 6–10 per simulated second at 1–4 steps a second; 40–70 per step when one step covers
 * minutes), so the host hands out at most a few hundred ids per wall-clock second. A client's id
 * waits only for one audit insert and the batch in progress (milliseconds, seconds under load), and
 * while the host is stuck the simulation does not step either. 65,536 ids is minutes of allocation:
 * far beyond any real allocate → submit delay; and a refused late order is harmless (the client is
 * told, places it again and gets a fresh id). The window costs 8 KiB in memory and 10,924 base64
 * characters in each snapshot.
 */

export const ORDER_ID_WINDOW = 1 << 16;
const MASK = ORDER_ID_WINDOW - 1;
const WORDS = ORDER_ID_WINDOW >>> 5;

/** What `status` returns. */
export const ID_FREE = 0;
export const ID_USED = 1;
export const ID_TOO_OLD = 2;

/** The window as a snapshot carries it. */
export interface OrderIdWindowImage {
  /** Highest accepted id; 0 before the first order. */
  high: number;
  /** ORDER_ID_WINDOW of the engine that wrote it (a different size is converted on restore). */
  window: number;
  /**
   * Base64 of the window's bitset: bit (id mod window) of little-endian 32-bit words is set when that
   * id, the one in (high − window, high] with that remainder, was accepted.
   */
  used: string;
}

export class OrderIdWindow {
  /** Highest accepted id; 0 before the first. */
  high = 0;
  /** Ring of ORDER_ID_WINDOW bits: bit (id & MASK) stands for the one id in (high − WINDOW, high] with that remainder. */
  private readonly bits = new Uint32Array(WORDS);

  /** ID_FREE, ID_USED (accepted before) or ID_TOO_OLD (at or below high − ORDER_ID_WINDOW). */
  status(id: number): number {
    if (id > this.high) return ID_FREE;
    if (id <= this.high - ORDER_ID_WINDOW) return ID_TOO_OLD;
    const p = id & MASK;
    return (this.bits[p >>> 5] & (1 << (p & 31))) !== 0 ? ID_USED : ID_FREE;
  }

  /** Record an accepted id; `status(id)` must be ID_FREE. */
  add(id: number): void {
    const high = this.high;
    // The ring positions of high+1 … id−1 still hold ids a window older: those leave the window now.
    if (id > high + 1) this.clear(high + 1, id - high - 1);
    if (id > high) this.high = id;
    const p = id & MASK;
    this.bits[p >>> 5] |= 1 << (p & 31);
  }

  /** Clear the ring positions of `count` consecutive ids from `from`. */
  private clear(from: number, count: number): void {
    if (count >= ORDER_ID_WINDOW) {
      this.bits.fill(0);
      return;
    }
    let p = from & MASK;
    while (count > 0) {
      const bit = p & 31;
      const n = Math.min(32 - bit, count);
      // Words never straddle the ring's end (ORDER_ID_WINDOW is a multiple of 32).
      this.bits[p >>> 5] &= n === 32 ? 0 : ~(((1 << n) - 1) << bit);
      p = (p + n) & MASK;
      count -= n;
    }
  }

  toImage(): OrderIdWindowImage {
    const bytes = new Uint8Array(WORDS * 4);
    for (let w = 0; w < WORDS; w++) {
      const x = this.bits[w];
      bytes[w * 4] = x & 0xff;
      bytes[w * 4 + 1] = (x >>> 8) & 0xff;
      bytes[w * 4 + 2] = (x >>> 16) & 0xff;
      bytes[w * 4 + 3] = x >>> 24;
    }
    return { high: this.high, window: ORDER_ID_WINDOW, used: toBase64(bytes) };
  }

  /** The window from a snapshot's image; one written with another window size is rebuilt from its ids. */
  static fromImage(image: OrderIdWindowImage): OrderIdWindow {
    const { high, window } = image;
    if (!Number.isSafeInteger(high) || high < 0 || !Number.isSafeInteger(window) || window < 32 || (window & (window - 1)) !== 0) {
      throw new Error(`snapshot order-id window is malformed (high ${String(high)}, window ${String(window)})`);
    }
    const bytes = fromBase64(image.used);
    if (bytes.length !== window / 8) throw new Error(`snapshot order-id window holds ${bytes.length} bytes, expected ${window / 8}`);
    const ids: number[] = [];
    for (let id = Math.max(1, high - window + 1); id <= high; id++) {
      const p = id & (window - 1);
      if ((bytes[p >>> 3] & (1 << (p & 7))) !== 0) ids.push(id);
    }
    const out = OrderIdWindow.fromIds(ids);
    // The high-water mark is state even when its own id is not in the list (it always is when written here).
    if (out.high < high) out.advanceTo(high);
    return out;
  }

  /** The window after accepting these ids (any order); ids older than the window are forgotten. */
  static fromIds(ids: readonly number[]): OrderIdWindow {
    const out = new OrderIdWindow();
    // Ascending, so each add is at or above the high-water mark and clears what falls out.
    for (const id of [...ids].sort((a, b) => a - b)) {
      if (!Number.isSafeInteger(id) || id < 1) throw new Error(`snapshot lists an invalid order id ${String(id)}`);
      if (out.status(id) === ID_FREE) out.add(id);
    }
    return out;
  }

  private advanceTo(high: number): void {
    this.clear(this.high + 1, high - this.high);
    this.high = high;
  }
}

// btoa/atob: web-platform globals in Node and in browsers alike (the engine also runs in client bundles).
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error("snapshot order-id window is not base64");
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
