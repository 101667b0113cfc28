// Uploaded files (evidence documents, complaint attachments) as bytes and names: what a file is, judged
// by its content, and the name it is stored and served under. Pure and client-safe: the proxy, the
// services and the pages share it. The one copy of the rule for every upload.

/**
 * The accepted formats, recognised by their first bytes: the browser's declared type and the file
 * name are the client's claim, the signature is what the file is.
 */
const FORMATS = [
  { mediaType: "application/pdf", extension: "pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: "image/png", extension: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: "image/jpeg", extension: "jpg", magic: [0xff, 0xd8, 0xff] },
] as const;

export type UploadMediaType = (typeof FORMATS)[number]["mediaType"];

/** What a file input offers to choose: the accepted types by extension and by media type (a hint; the bytes decide). */
export const UPLOAD_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

export function detectMediaType(bytes: Uint8Array): UploadMediaType | null {
  return FORMATS.find((f) => f.magic.every((b, i) => bytes[i] === b))?.mediaType ?? null;
}

/** The part of a client's file name kept, in UTF-8 bytes: short enough for every file system once the extension and a browser's " (1)" are added. */
const MAX_BASE_BYTES = 150;
const FALLBACK_BASE = "document";

/**
 * The name a document is stored and downloaded under: the client's own name for it, made harmless, with
 * the extension of the type its content was recognised as. So a PDF sent as "evil.html" is "evil.pdf",
 * and nothing in the name can address a folder, hide its real ending behind a right-to-left override, or
 * make a hidden file. Idempotent, so it is applied again when serving rows stored before it existed.
 */
export function safeDocumentName(clientName: string, mediaType: string): string {
  const extension = FORMATS.find((f) => f.mediaType === mediaType)?.extension ?? "bin";
  let base = clientName
    // Controls, bidi overrides and other invisible format characters, unpaired surrogates, line separators.
    .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, "")
    // Compatibility forms before the folder is cut off, so a fullwidth solidus counts as one.
    .normalize("NFKC")
    .replace(/^.*[/\\]/s, "")
    // Characters Windows refuses in file names.
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[. ]+/, "");
  // The client's extension: what the file claims to be, replaced by what it is.
  base = trimDotsAndSpacesAtEnd(base).replace(/\.(?=[0-9a-z]*[a-z])[0-9a-z]{1,10}$/i, "");
  base = trimDotsAndSpacesAtEnd(truncateUtf8(trimDotsAndSpacesAtEnd(base), MAX_BASE_BYTES));
  // Device names that Windows will not create a file under, whatever the extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `${base}_`;
  return `${base || FALLBACK_BASE}.${extension}`;
}

/** A client's file name quoted in a message: as they know it, without the characters that could disguise it. */
export function quotedFileName(name: string): string {
  return `"${name.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, "").slice(0, 100)}"`;
}

/** A loop, not /[.\s]+$/: that pattern is quadratic on a long run of spaces that does not end the name. */
function trimDotsAndSpacesAtEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === "." || text[end - 1] === " ")) end -= 1;
  return text.slice(0, end);
}

function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    if (bytes > maxBytes) break;
    end += character.length;
  }
  return text.slice(0, end);
}
