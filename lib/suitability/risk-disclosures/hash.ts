import "server-only";
import { canonicalTextHash } from "../versioned-document-hash";
import { canonicalText, type RiskDisclosureVersion } from "./documents";

/** SHA-256 (hex) of the exact text a client is shown and acknowledges. */
export function contentHash(doc: RiskDisclosureVersion): string {
  return canonicalTextHash(canonicalText(doc));
}
