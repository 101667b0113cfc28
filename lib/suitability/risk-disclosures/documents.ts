/**
 * Versioned risk-disclosure documents (DISC-8, REC-6). Pure data and pure functions, a versioned
 * document like the perps course (../versioned-documents.ts): the content hash (hash.ts) is taken over
 * `canonicalText`, the page renders the same structure, so what a client acknowledged can be
 * reconstructed exactly from the version id.
 *
 * A published version is never edited: change the text by adding a version. `material: false` marks
 * a change that does not alter the risks described (wording, a broken link); an acknowledgement of an
 * earlier version then still covers it. The first version is always material.
 */
import {
  documentCanonicalText,
  versionInEffect,
  versionListProblemsWith,
  type DocumentLink,
  type DocumentSection,
  type VersionedDocument,
} from "../versioned-documents";

export type DisclosureLink = DocumentLink;

export type DisclosureSection = DocumentSection;

export interface RiskDisclosureVersion extends VersionedDocument {
  /** Stable id, e.g. "rd-2026-11-v1"; also the acknowledgement's foreign reference. */
  id: string;
  /** Whether acknowledging an earlier version stops counting once this one is current. */
  material: boolean;
  sections: readonly DisclosureSection[];
}

/** The exact text hashed and acknowledged (see documentCanonicalText); part of the record format. */
export function canonicalText(doc: RiskDisclosureVersion): string {
  return documentCanonicalText(doc, doc.sections);
}

/** Problems with a version list (duplicate ids, unordered dates, a non-material first version); empty when valid. */
export function versionListProblems(versions: readonly RiskDisclosureVersion[]): string[] {
  return versionListProblemsWith(versions, (version, index) => (index === 0 && !version.material ? [`${version.id}: the first version must be material`] : []));
}

/** The latest version in effect at `now`, or null before the first one takes effect. */
export const currentVersion: (versions: readonly RiskDisclosureVersion[], now: Date) => RiskDisclosureVersion | null = versionInEffect;

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
