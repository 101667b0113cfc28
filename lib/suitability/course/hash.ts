import "server-only";
import { createHash } from "node:crypto";
import { canonicalText, type PerpsCourseVersion } from "./documents";

/** SHA-256 (hex) of the exact course text a client is taught; kept with the completion record (SUIT-3). */
export function courseContentHash(course: PerpsCourseVersion): string {
  return createHash("sha256").update(canonicalText(course), "utf8").digest("hex");
}
