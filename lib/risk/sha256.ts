import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * SHA-256 of a string's UTF-8 bytes, hex, from an audited pure-JS implementation: the stress suite must
 * stay free of node:* imports, yet name the parameters it ran against with the same hash the approval
 * records use (SHA-256 of the market's canonical JSON).
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
