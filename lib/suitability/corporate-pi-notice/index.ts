import { noticeVersionProblems, type CorporatePiNoticeVersion } from "./documents";
import { CORPORATE_PI_NOTICE_V1 } from "./v1";

export * from "./documents";

/** Every published version of the 15.3B notice, oldest first. Add a version here; never edit a published one. */
export const CORPORATE_PI_NOTICE_VERSIONS: readonly CorporatePiNoticeVersion[] = [CORPORATE_PI_NOTICE_V1];

const problems = noticeVersionProblems(CORPORATE_PI_NOTICE_VERSIONS);
if (problems.length > 0) throw new Error(`Corporate professional investor notice versions are invalid: ${problems.join("; ")}`);
