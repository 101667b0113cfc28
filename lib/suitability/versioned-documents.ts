/**
 * What every versioned client document has in common (the risk disclosures, the perps course): the
 * text that is hashed into a client's record, the rules of a version list, and which version a moment
 * falls in. Pure data and pure functions; the hash itself is versioned-document-hash.ts (server-only).
 *
 * A published version is never edited: the text changes by adding a version, so a record that names a
 * version id and hash can always be matched to the exact words the client saw.
 */

export interface DocumentLink {
  href: string;
  label: string;
}

export interface DocumentSection {
  /** Stable within a version, used for anchors, e.g. "insurance-fund". */
  id: string;
  heading: string;
  paragraphs: readonly string[];
  /** Public pages with the live figures and parameters: the text itself types no engine number. */
  seeAlso: readonly DocumentLink[];
}

export interface VersionedDocument {
  /** Stable id; the client record's reference. */
  id: string;
  title: string;
  /** The instant this version becomes current (ISO 8601 with offset). */
  effectiveFrom: string;
  language: DocumentLanguage;
  introduction: readonly string[];
}

/** The languages a versioned document is written in: English, and Traditional Chinese (Hong Kong). */
export type DocumentLanguage = "en" | "zh-HK";

/**
 * The exact text hashed into a client's record: every field a client reads, in display order, one
 * line per paragraph. Changing this function changes every stored hash, so it is part of the record
 * format.
 */
export function documentCanonicalText(doc: VersionedDocument, sections: readonly DocumentSection[]): string {
  const lines = [`# ${doc.title}`, `Version: ${doc.id}`, `Effective from: ${doc.effectiveFrom}`, `Language: ${doc.language}`, ""];
  for (const paragraph of doc.introduction) lines.push(paragraph, "");
  for (const section of sections) {
    lines.push(`## ${section.heading}`, "");
    for (const paragraph of section.paragraphs) lines.push(paragraph, "");
    for (const link of section.seeAlso) lines.push(`See: ${link.label} <${link.href}>`);
    if (section.seeAlso.length > 0) lines.push("");
  }
  return lines.join("\n");
}

/**
 * Problems with a version list, version by version: a duplicate id, an effective date that is not a
 * date or not later than the previous version's, then whatever `ownProblems` finds in that kind of
 * document. Empty when valid.
 */
export function versionListProblemsWith<V extends VersionedDocument>(versions: readonly V[], ownProblems: (version: V, index: number) => string[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  let previous = -Infinity;
  versions.forEach((version, index) => {
    if (ids.has(version.id)) problems.push(`duplicate version id ${version.id}`);
    ids.add(version.id);
    const at = Date.parse(version.effectiveFrom);
    if (Number.isNaN(at)) problems.push(`${version.id}: effectiveFrom is not a date`);
    else if (at <= previous) problems.push(`${version.id}: effectiveFrom must be later than the previous version's`);
    else previous = at;
    problems.push(...ownProblems(version, index));
  });
  return problems;
}

/** The latest version in effect at `now`, or null before the first one takes effect. */
export function versionInEffect<V extends VersionedDocument>(versions: readonly V[], now: Date): V | null {
  let current: V | null = null;
  for (const version of versions) if (Date.parse(version.effectiveFrom) <= now.getTime()) current = version;
  return current;
}

/** The version with this id, e.g. to re-render what a stored record names; null when unknown. */
export function versionById<V extends VersionedDocument>(versions: readonly V[], id: string): V | null {
  return versions.find((version) => version.id === id) ?? null;
}
