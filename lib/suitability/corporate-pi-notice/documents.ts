/**
 * The Code of Conduct 15.3B notice to a corporate professional investor (PI-6, PI-7): what being treated
 * as a corporate professional investor means and the right to withdraw at any time. A versioned document
 * like the risk disclosures (../versioned-documents.ts), in English and Traditional Chinese: the content
 * hash (hash.ts) covers both texts, so a consent that names a version id and hash can be matched to the
 * exact words the client was shown in either language. Pure data and pure functions.
 *
 * A published version is never edited: change the text by adding a version. Every version is material
 * (a consent covers only the version it names).
 */
import { documentCanonicalText, versionInEffect, versionListProblemsWith, type DocumentSection, type VersionedDocument } from "../versioned-documents";

export type NoticeLanguage = "en" | "zh-HK";

/** One language's text of a notice version. */
export interface NoticeText {
  title: string;
  introduction: readonly string[];
  sections: readonly DocumentSection[];
}

export interface CorporatePiNoticeVersion extends VersionedDocument {
  /** Stable id, e.g. "cpi-notice-2026-12-v1"; the consent record's reference. */
  id: string;
  sections: readonly DocumentSection[];
  /** The Traditional Chinese text, section for section the same as the English. */
  zhHK: NoticeText;
}

/** The text of a version in one language. */
export function noticeText(doc: CorporatePiNoticeVersion, language: NoticeLanguage): NoticeText {
  return language === "zh-HK" ? doc.zhHK : { title: doc.title, introduction: doc.introduction, sections: doc.sections };
}

/**
 * The exact text hashed into a consent: the English canonical text (as the risk disclosures), then the
 * Traditional Chinese in the same layout. Part of the record format.
 */
export function noticeCanonicalText(doc: CorporatePiNoticeVersion): string {
  const english = documentCanonicalText(doc, doc.sections);
  const chinese = documentCanonicalText({ ...doc, title: doc.zhHK.title, introduction: doc.zhHK.introduction }, doc.zhHK.sections).replace(
    "Language: en",
    "Language: zh-HK",
  );
  return `${english}\n${chinese}`;
}

/** Problems with a version list; empty when valid. The two languages must have the same sections in the same order. */
export function noticeVersionProblems(versions: readonly CorporatePiNoticeVersion[]): string[] {
  return versionListProblemsWith(versions, (version) => {
    const problems: string[] = [];
    const en = version.sections.map((s) => s.id).join(",");
    const zh = version.zhHK.sections.map((s) => s.id).join(",");
    if (en !== zh) problems.push(`${version.id}: the Traditional Chinese sections (${zh}) differ from the English (${en})`);
    if (!version.sections.some((s) => s.id === "right-to-withdraw")) problems.push(`${version.id}: the notice must state the right to withdraw`);
    if (!version.sections.some((s) => s.id === "consequences")) problems.push(`${version.id}: the notice must explain the consequences`);
    for (const [language, text] of [
      ["en", noticeText(version, "en")],
      ["zh-HK", version.zhHK],
    ] as const) {
      if (!text.title.trim()) problems.push(`${version.id}: the ${language} title is empty`);
      for (const section of text.sections)
        if (section.paragraphs.length === 0 || section.paragraphs.some((p) => !p.trim()))
          problems.push(`${version.id}: ${language} section ${section.id} has an empty paragraph`);
    }
    return problems;
  });
}

/** The latest version in effect at `now`, or null before the first one takes effect. */
export const currentNoticeVersion: (versions: readonly CorporatePiNoticeVersion[], now: Date) => CorporatePiNoticeVersion | null = versionInEffect;
