/**
 * Versioned perps course (SUIT-3, EDU-1; issue 7). Pure data and pure functions, shaped like the
 * risk disclosures (../risk-disclosures): the content hash (hash.ts) is taken over `canonicalText`, and
 * the page renders the same structure, so the course a client completed can be reconstructed exactly
 * from its version id.
 *
 * A published version is never edited: change the text by adding a version. A completion records the
 * version in force when its end quiz was passed, so a new version never changes an assessment already
 * made (SUIT-3). There is no "material" flag as for disclosures: a completed course stays completed.
 *
 * The text types no engine figure. The live parameters are shown beside each module by
 * components/perps-course.tsx from the configuration the engine runs, so the text stays true when a
 * parameter changes and the hash changes only when the words do.
 */
import type { QuizTopic } from "../quiz-bank";

export interface CourseLink {
  href: string;
  label: string;
}

export interface CourseModule {
  /** Stable within a version, used for anchors, e.g. "insurance-fund". */
  id: string;
  /** The end-quiz topic this module teaches (quiz-bank.ts QUIZ_TOPICS): one module per topic. */
  topic: QuizTopic;
  heading: string;
  paragraphs: readonly string[];
  /** Public pages with the live figures and parameters. */
  seeAlso: readonly CourseLink[];
}

export interface PerpsCourseVersion {
  /** Stable id, e.g. "perps-course-2026-11-v1"; the completion record's reference. */
  id: string;
  title: string;
  /** The instant this version becomes current (ISO 8601 with offset). */
  effectiveFrom: string;
  language: "en";
  introduction: readonly string[];
  modules: readonly CourseModule[];
}

/**
 * The exact text hashed for the completion record: every field a client reads, in display order, one
 * line per paragraph. Changing this function changes every hash, so it is part of the record format.
 */
export function canonicalText(course: PerpsCourseVersion): string {
  const lines = [`# ${course.title}`, `Version: ${course.id}`, `Effective from: ${course.effectiveFrom}`, `Language: ${course.language}`, ""];
  for (const paragraph of course.introduction) lines.push(paragraph, "");
  for (const courseModule of course.modules) {
    lines.push(`## ${courseModule.heading}`, "");
    for (const paragraph of courseModule.paragraphs) lines.push(paragraph, "");
    for (const link of courseModule.seeAlso) lines.push(`See: ${link.label} <${link.href}>`);
    if (courseModule.seeAlso.length > 0) lines.push("");
  }
  return lines.join("\n");
}

/** Problems with a version list (duplicate ids, unordered or invalid dates, duplicate module ids); empty when valid. */
export function courseVersionProblems(versions: readonly PerpsCourseVersion[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  let previous = -Infinity;
  for (const version of versions) {
    if (ids.has(version.id)) problems.push(`duplicate version id ${version.id}`);
    ids.add(version.id);
    const at = Date.parse(version.effectiveFrom);
    if (Number.isNaN(at)) problems.push(`${version.id}: effectiveFrom is not a date`);
    else if (at <= previous) problems.push(`${version.id}: effectiveFrom must be later than the previous version's`);
    else previous = at;
    if (version.modules.length === 0) problems.push(`${version.id}: a course needs at least one module`);
    const moduleIds = new Set<string>();
    for (const courseModule of version.modules) {
      if (moduleIds.has(courseModule.id)) problems.push(`${version.id}: duplicate module id ${courseModule.id}`);
      moduleIds.add(courseModule.id);
      if (courseModule.paragraphs.length === 0) problems.push(`${version.id}: module ${courseModule.id} has no text`);
    }
  }
  return problems;
}

/**
 * The latest version in effect at `now`, or null before the first one takes effect. For a completion,
 * pass the moment the end quiz was passed: that is the version the client was taught.
 */
export function currentCourse(versions: readonly PerpsCourseVersion[], now: Date): PerpsCourseVersion | null {
  let current: PerpsCourseVersion | null = null;
  for (const version of versions) if (Date.parse(version.effectiveFrom) <= now.getTime()) current = version;
  return current;
}

/** The version with this id, e.g. to re-render the course a stored completion names; null when unknown. */
export function courseVersionById(versions: readonly PerpsCourseVersion[], id: string): PerpsCourseVersion | null {
  return versions.find((version) => version.id === id) ?? null;
}
