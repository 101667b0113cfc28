/**
 * Versioned risk-disclosure documents (DISC-8, issue 7 pt 5). Pure data and pure functions: the
 * content hash (hash.ts) is taken over `canonicalText`, the page renders the same structure, so what a
 * client acknowledged can be reconstructed exactly from the version id (issue 7 pt 8, REC-6).
 *
 * A published version is never edited: change the text by adding a version. `material: false` marks
 * a change that does not alter the risks described (wording, a broken link); an acknowledgement of an
 * earlier version then still covers it. The first version is always material.
 */

export interface DisclosureLink {
  href: string;
  label: string;
}

export interface DisclosureSection {
  id: string;
  heading: string;
  paragraphs: readonly string[];
  /** Pages that publish the live figures and parameters: the text itself types no engine number. */
  seeAlso: readonly DisclosureLink[];
}

export interface RiskDisclosureVersion {
  /** Stable id, e.g. "rd-2026-11-v1"; also the acknowledgement's foreign reference. */
  id: string;
  title: string;
  /** The instant this version becomes current (ISO 8601 with offset). */
  effectiveFrom: string;
  /** Whether acknowledging an earlier version stops counting once this one is current. */
  material: boolean;
  language: "en";
  introduction: readonly string[];
  sections: readonly DisclosureSection[];
}

/**
 * The exact text hashed and acknowledged: every field a client sees, in display order, one line per
 * paragraph. Changing this function changes every hash, so it is part of the record format.
 */
export function canonicalText(doc: RiskDisclosureVersion): string {
  const lines = [`# ${doc.title}`, `Version: ${doc.id}`, `Effective from: ${doc.effectiveFrom}`, `Language: ${doc.language}`, ""];
  for (const paragraph of doc.introduction) lines.push(paragraph, "");
  for (const section of doc.sections) {
    lines.push(`## ${section.heading}`, "");
    for (const paragraph of section.paragraphs) lines.push(paragraph, "");
    for (const link of section.seeAlso) lines.push(`See: ${link.label} <${link.href}>`);
    if (section.seeAlso.length > 0) lines.push("");
  }
  return lines.join("\n");
}

/** Problems with a version list (duplicate ids, unordered dates, a non-material first version); empty when valid. */
export function versionListProblems(versions: readonly RiskDisclosureVersion[]): string[] {
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
    if (index === 0 && !version.material) problems.push(`${version.id}: the first version must be material`);
  });
  return problems;
}

/** The latest version in effect at `now`, or null before the first one takes effect. */
export function currentVersion(versions: readonly RiskDisclosureVersion[], now: Date): RiskDisclosureVersion | null {
  let current: RiskDisclosureVersion | null = null;
  for (const version of versions) if (Date.parse(version.effectiveFrom) <= now.getTime()) current = version;
  return current;
}

/**
 * Whether an acknowledgement of `acknowledgedId` still covers `current`: the same version, or an
 * earlier one with no material version after it up to and including the current one.
 */
export function acknowledgementCovers(versions: readonly RiskDisclosureVersion[], acknowledgedId: string, current: RiskDisclosureVersion): boolean {
  const from = versions.findIndex((v) => v.id === acknowledgedId);
  const to = versions.findIndex((v) => v.id === current.id);
  if (from < 0 || to < 0 || from > to) return false;
  return versions.slice(from + 1, to + 1).every((v) => !v.material);
}
