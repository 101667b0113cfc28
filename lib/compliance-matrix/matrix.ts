import generated from "./compliance-matrix.generated.json";

/**
 * The compliance matrix the page shows: docs/requirements.md joined with the test titles that name each
 * requirement. scripts/compliance-matrix.ts writes the JSON (git-ignored) before every type check and
 * build, so the page always shows the catalogue and the tests of the build it is part of.
 */

export interface MatrixTest {
  /** Repository-relative path of the test file. */
  file: string;
  /** Describe titles and the test's own, joined with " › ". */
  title: string;
}

export interface MatrixRequirement {
  id: string;
  /** The area's ID prefix, e.g. "PI". */
  area: string;
  text: string;
  source: string;
  /** Certainty tags of the source: P, S, M, I, D. */
  certainty: string[];
  verification: string;
  tests: MatrixTest[];
}

export interface MatrixArea {
  prefix: string;
  name: string;
  requirements: number;
  /** How many of the area's requirements at least one test title names. */
  named: number;
}

export interface ComplianceMatrix {
  areas: MatrixArea[];
  requirements: MatrixRequirement[];
  testFiles: number;
  tests: number;
}

export const COMPLIANCE_MATRIX: ComplianceMatrix = generated;
