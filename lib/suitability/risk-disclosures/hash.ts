import "server-only";
import { createHash } from "node:crypto";
import { canonicalText, type RiskDisclosureVersion } from "./documents";

/** SHA-256 (hex) of the exact text a client is shown and acknowledges. */
export function contentHash(doc: RiskDisclosureVersion): string {
  return createHash("sha256").update(canonicalText(doc), "utf8").digest("hex");
}
