import { versionListProblems, type RiskDisclosureVersion } from "./documents";
import { RISK_DISCLOSURE_V1 } from "./v1";
import { RISK_DISCLOSURE_V2 } from "./v2";
import { RISK_DISCLOSURE_V3 } from "./v3";

export * from "./documents";

/** Every published version, oldest first. Add a version here; never edit a published one. */
export const RISK_DISCLOSURE_VERSIONS: readonly RiskDisclosureVersion[] = [RISK_DISCLOSURE_V1, RISK_DISCLOSURE_V2, RISK_DISCLOSURE_V3];

const problems = versionListProblems(RISK_DISCLOSURE_VERSIONS);
if (problems.length > 0) throw new Error(`Risk disclosure versions are invalid: ${problems.join("; ")}`);
