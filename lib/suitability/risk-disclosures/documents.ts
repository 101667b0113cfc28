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
  type DocumentLanguage,
  versionInEffect,
  versionListProblemsWith,
  type DocumentLink,
  type DocumentSection,
  type VersionedDocument,
} from "../versioned-documents";

export type DisclosureLink = DocumentLink;

export type DisclosureSection = DocumentSection;

/** The same version in another language: every field a client reads, section for section (same ids and links). */
export interface DisclosureTranslation {
  title: string;
  introduction: readonly string[];
  sections: readonly DisclosureSection[];
}

export interface RiskDisclosureVersion extends VersionedDocument {
  /** Stable id, e.g. "rd-2026-11-v1"; also the acknowledgement's foreign reference. */
  id: string;
  /** Whether acknowledging an earlier version stops counting once this one is current. */
  material: boolean;
  sections: readonly DisclosureSection[];
  /**
   * The version in Traditional Chinese (DISC-8), when it has one. It is part of the version: the hash
   * covers both texts, so one acknowledgement record names exactly what either reader was shown.
   */
  translations?: { readonly "zh-HK"?: DisclosureTranslation };
}

/**
 * The exact text hashed and acknowledged (see documentCanonicalText); part of the record format. A
 * version with a translation appends it, in the same layout with its own Language line; a version
 * without one (v1) hashes exactly as before.
 */
export function canonicalText(doc: RiskDisclosureVersion): string {
  const english = documentCanonicalText(doc, doc.sections);
  const chinese = doc.translations?.["zh-HK"];
  if (!chinese) return english;
  return `${english}\n${documentCanonicalText({ ...doc, title: chinese.title, introduction: chinese.introduction, language: "zh-HK" }, chinese.sections)}`;
}

/** The text to show a reader of `locale`: the translation when the version has one, else the English. */
export function localizedDisclosure(doc: RiskDisclosureVersion, locale: string): DisclosureTranslation & { language: DocumentLanguage } {
  const chinese = locale === "zh-HK" ? doc.translations?.["zh-HK"] : undefined;
  return chinese ? { ...chinese, language: "zh-HK" } : { title: doc.title, introduction: doc.introduction, sections: doc.sections, language: doc.language };
}

/** A translation must mirror the English section for section: same ids, same links, no empty text. */
function translationProblems(doc: RiskDisclosureVersion): string[] {
  const chinese = doc.translations?.["zh-HK"];
  if (!chinese) return [];
  const problems: string[] = [];
  if (!chinese.title.trim() || chinese.introduction.length !== doc.introduction.length)
    problems.push(`${doc.id}: zh-HK title or introduction does not match the English`);
  if (JSON.stringify(chinese.sections.map((s) => s.id)) !== JSON.stringify(doc.sections.map((s) => s.id)))
    problems.push(`${doc.id}: zh-HK sections differ from the English`);
  chinese.sections.forEach((section, i) => {
    const english = doc.sections[i];
    if (!english) return;
    if (section.paragraphs.length !== english.paragraphs.length) problems.push(`${doc.id}: zh-HK section ${section.id} has a different number of paragraphs`);
    if (JSON.stringify(section.seeAlso.map((l) => l.href)) !== JSON.stringify(english.seeAlso.map((l) => l.href)))
      problems.push(`${doc.id}: zh-HK section ${section.id} links elsewhere`);
  });
  return problems;
}

/** Problems with a version list (duplicate ids, unordered dates, a non-material first version); empty when valid. */
export function versionListProblems(versions: readonly RiskDisclosureVersion[]): string[] {
  return versionListProblemsWith(versions, (version, index) => [
    ...(index === 0 && !version.material ? [`${version.id}: the first version must be material`] : []),
    ...translationProblems(version),
  ]);
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
