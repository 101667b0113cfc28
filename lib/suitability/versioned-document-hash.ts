import "server-only";
import { createHash } from "node:crypto";

/**
 * SHA-256 (hex) of a versioned document's canonical text (versioned-documents.ts) as UTF-8: the hash
 * kept with a client's record of what was shown. Part of the record format, like the canonical text.
 */
export function canonicalTextHash(canonicalText: string): string {
  return createHash("sha256").update(canonicalText, "utf8").digest("hex");
}
