/**
 * Versioned perps course (SUIT-3, EDU-1). Pure data and pure functions, a versioned document like the
 * risk disclosures (../versioned-documents.ts): the content hash (hash.ts) is taken over
 * `canonicalText`, and the page renders the same structure, so the course a client completed can be
 * reconstructed exactly from its version id.
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
import {
  documentCanonicalText,
  versionById,
  versionInEffect,
  versionListProblemsWith,
  type DocumentLink,
  type DocumentSection,
  type VersionedDocument,
} from "../versioned-documents";

export type CourseLink = DocumentLink;

export interface CourseModule extends DocumentSection {
  /** The end-quiz topic this module teaches (quiz-bank.ts QUIZ_TOPICS): one module per topic. */
  topic: QuizTopic;
}

export interface PerpsCourseVersion extends VersionedDocument {
  /** Stable id, e.g. "perps-course-2026-11-v1"; the completion record's reference. */
  id: string;
  modules: readonly CourseModule[];
}

/** The exact text hashed for the completion record (see documentCanonicalText); part of the record format. */
export function canonicalText(course: PerpsCourseVersion): string {
  return documentCanonicalText(course, course.modules);
}

/** Problems with a version list (duplicate ids, unordered or invalid dates, duplicate module ids); empty when valid. */
export function courseVersionProblems(versions: readonly PerpsCourseVersion[]): string[] {
  return versionListProblemsWith(versions, (version) => {
    const problems: string[] = [];
    if (version.modules.length === 0) problems.push(`${version.id}: a course needs at least one module`);
    const moduleIds = new Set<string>();
    for (const courseModule of version.modules) {
      if (moduleIds.has(courseModule.id)) problems.push(`${version.id}: duplicate module id ${courseModule.id}`);
      moduleIds.add(courseModule.id);
      if (courseModule.paragraphs.length === 0) problems.push(`${version.id}: module ${courseModule.id} has no text`);
    }
    return problems;
  });
}

/**
 * The latest version in effect at `now`, or null before the first one takes effect. For a completion,
 * pass the moment the end quiz was passed: that is the version the client was taught.
 */
export const currentCourse: (versions: readonly PerpsCourseVersion[], now: Date) => PerpsCourseVersion | null = versionInEffect;

/** The version with this id, e.g. to re-render the course a stored completion names; null when unknown. */
export const courseVersionById: (versions: readonly PerpsCourseVersion[], id: string) => PerpsCourseVersion | null = versionById;
