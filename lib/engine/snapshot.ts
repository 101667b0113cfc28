/**
 * Canonical serialization and hashing of engine state.
 *
 * The host persists snapshots and compares state hashes across restarts, machines and Node versions,
 * so the byte form must not depend on insertion order, on `JSON.stringify`'s handling of bigint
 * (it throws) or on float formatting. Canonical JSON here means:
 * - object keys sorted by UTF-16 code unit order, no whitespace, `undefined` members omitted;
 * - `bigint` written as `{"$bigint":"<decimal>"}` so it is unambiguous and revivable;
 * - `number` must be a safe integer (the engine has no floats); anything else throws;
 * - arrays keep their order (callers sort collections whose order is not meaningful).
 * The hash is FNV-1a 64 over the UTF-8 bytes of that string, as 16 lowercase hex digits.
 */

/** A value that canonical JSON can represent. */
export type Canonical = null | boolean | number | bigint | string | readonly Canonical[] | { readonly [key: string]: Canonical | undefined };

/**
 * How numbers and nesting are treated. Engine state (the default) has safe integers only and bounded
 * depth, so anything else is a bug and throws. Plain JSON that was stored elsewhere (the audit log's
 * jsonb values, which may hold a scenario's 12.5 % drop) must hash exactly as it was hashed when
 * written: `numbers: "json"` writes every number as JSON.stringify does, and `maxDepth` may be lifted.
 */
export interface CanonicalJsonOptions {
  numbers?: "safe-integers" | "json";
  maxDepth?: number;
}

/** Serialize to canonical JSON (see module doc). Throws on floats (unless allowed), functions, Maps and cycles. */
export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  const out: string[] = [];
  write(value, out, 0, options.numbers === "json", options.maxDepth ?? 64);
  return out.join("");
}

function write(v: unknown, out: string[], depth: number, jsonNumbers: boolean, maxDepth: number): void {
  if (depth > maxDepth) throw new TypeError("canonicalJson: nesting too deep (cycle?)");
  switch (typeof v) {
    case "bigint":
      out.push('{"$bigint":"', v.toString(), '"}');
      return;
    case "number":
      if (jsonNumbers) {
        out.push(JSON.stringify(v));
        return;
      }
      if (!Number.isSafeInteger(v)) throw new TypeError(`canonicalJson: non-integer number ${v}`);
      out.push(String(v));
      return;
    case "string":
      out.push(JSON.stringify(v));
      return;
    case "boolean":
      out.push(v ? "true" : "false");
      return;
    case "object": {
      if (v === null) {
        out.push("null");
        return;
      }
      if (Array.isArray(v)) {
        out.push("[");
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out.push(",");
          write(v[i] === undefined ? null : v[i], out, depth + 1, jsonNumbers, maxDepth);
        }
        out.push("]");
        return;
      }
      if (v instanceof Map || v instanceof Set) throw new TypeError("canonicalJson: convert Map/Set to sorted arrays first");
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      out.push("{");
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out.push(",");
        out.push(JSON.stringify(keys[i]), ":");
        write(obj[keys[i]], out, depth + 1, jsonNumbers, maxDepth);
      }
      out.push("}");
      return;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof v}`);
  }
}

/** Inverse of {@link canonicalJson}: parses and revives `{"$bigint": "..."}` into bigint. */
export function parseCanonical<T = unknown>(text: string): T {
  return JSON.parse(text, (_k, v) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === "$bigint" && typeof v.$bigint === "string") return BigInt(v.$bigint);
    }
    return v;
  }) as T;
}

/**
 * FNV-1a 64 over the UTF-8 encoding of `text`, as 16 hex digits. The 64-bit state is two uint32
 * halves multiplied by the FNV prime 2^40 + 0x1b3 with exact integer arithmetic (each partial
 * product stays below 2^53), so no BigInt is needed on this path.
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const step = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    const t = lo * 0x1b3;
    const carry = Math.floor(t / 4294967296);
    const newLo = t >>> 0;
    hi = (Math.imul(hi, 0x1b3) + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = newLo;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) step(c);
    else if (c < 0x800) {
      step(0xc0 | (c >> 6));
      step(0x80 | (c & 63));
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(++i);
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      step(0xf0 | (c >> 18));
      step(0x80 | ((c >> 12) & 63));
      step(0x80 | ((c >> 6) & 63));
      step(0x80 | (c & 63));
    } else {
      step(0xe0 | (c >> 12));
      step(0x80 | ((c >> 6) & 63));
      step(0x80 | (c & 63));
    }
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** Hash of the canonical JSON of `value` (FNV-1a 64, hex). */
export function canonicalHash(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}
