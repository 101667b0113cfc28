// Evidence files (PI-5 uploads) as bytes and names: what a file is, judged by its content, and the name
// it is stored and served under. Pure and client-safe: the proxy, the services and the pages share it.
// The rule itself is shared with the other uploads (lib/uploads/file-type.ts).

// The size limits live with the request-body limit they must fit under (plain JavaScript, for the HTTP server).
export { MAX_EVIDENCE_BYTES, formatFileSize } from "../request-limits.mjs";
export { detectMediaType, safeDocumentName, type UploadMediaType as EvidenceMediaType } from "../uploads/file-type";
