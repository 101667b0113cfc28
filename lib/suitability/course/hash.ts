import "server-only";
import { canonicalTextHash } from "../versioned-document-hash";
import { canonicalText, type PerpsCourseVersion } from "./documents";

/** SHA-256 (hex) of the exact course text a client is taught; kept with the completion record (SUIT-3). */
export function courseContentHash(course: PerpsCourseVersion): string {
  return canonicalTextHash(canonicalText(course));
}
