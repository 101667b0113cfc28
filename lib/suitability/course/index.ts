import { courseVersionProblems, type PerpsCourseVersion } from "./documents";
import { PERPS_COURSE_V1 } from "./v1";
import { PERPS_COURSE_V2 } from "./v2";
import { PERPS_COURSE_V3 } from "./v3";

export * from "./documents";
export { PERPS_COURSE_V1, PERPS_COURSE_V2, PERPS_COURSE_V3 };
export { perpsCourseV3For } from "./v3";

/** Every published version, oldest first. Add a version here; never edit a published one. */
export const PERPS_COURSE_VERSIONS: readonly PerpsCourseVersion[] = [PERPS_COURSE_V1, PERPS_COURSE_V2, PERPS_COURSE_V3];

const problems = courseVersionProblems(PERPS_COURSE_VERSIONS);
if (problems.length > 0) throw new Error(`Perps course versions are invalid: ${problems.join("; ")}`);
