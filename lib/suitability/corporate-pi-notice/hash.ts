import "server-only";
import { canonicalTextHash } from "../versioned-document-hash";
import { noticeCanonicalText, type CorporatePiNoticeVersion } from "./documents";

/** SHA-256 (hex) of the exact text (both languages) a corporate client is shown and consents to. */
export function noticeContentHash(doc: CorporatePiNoticeVersion): string {
  return canonicalTextHash(noticeCanonicalText(doc));
}
