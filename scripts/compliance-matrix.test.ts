import { describe, expect, it } from "vitest";
import { buildMatrix, describeUnknown, extractTestTitles, idsIn, parseCatalogue, readCatalogue, readTestTitles } from "./compliance-matrix";

const SAMPLE_CATALOGUE = `# Requirements

| ID | Requirement | Source | Certainty | How it is verified |
|---|---|---|---|---|
| XX-1 | A row before any area is not a requirement. | nowhere | [D] | none |

## Professional-investor eligibility (PI)

| ID | Requirement | Source | Certainty | How it is verified |
|---|---|---|---|---|
| PI-1 | Perps only for professional investors. | Perps Framework; SFO | [S] framework; [P] SFO | Database test |
| PI-2 | Portfolio of at least HK$8m, with a \\| in the text. | PI Rules s.5 | [P/S] | Unit tests |

## Disclosures and client notices (DISC)

| ID | Requirement | Source | Certainty | How it is verified |
|---|---|---|---|---|
| DISC-7 | Post-event report within 24 hours. | Perps Framework | [S] | Not built |

## Source register

| Ref | Document | Where found (URL) | Tag |
|---|---|---|---|
| S1 | Davis Polk | https://example.com | S |
`;

const SAMPLE_TESTS = `
import { describe, expect, it } from "vitest";
const TITLE = "PI-2: a title held in a constant";
describe("PI evaluator (PI-1)", () => {
  it("PI-2: HK$7,999,999.99 fails", () => {});
  it.each([1, 2])("PI-2 / DISC-7: case %s", () => {});
  describe.skip("nested", () => {
    it(\`template \${"x"} names DISC-7\`, () => {});
  });
  it(TITLE, () => {});
  it("PI-" + "1 joined", () => {});
});
test.describe.serial("browser (DISC-7)", () => {
  test.beforeEach(async () => {});
  test.step("PI-1 is a step, not a test", async () => {});
  test("@smoke opens the page", async () => {});
  test.skip("ZZ-9 is not in the catalogue", async () => {});
});
it("UTF-8 and SHA-256 and INV-9 are not requirement IDs", () => {});
`;

describe("compliance matrix generator", () => {
  it("parses the catalogue: areas from `## Name (PREFIX)` headings, one requirement per row, certainty tags split", () => {
    const { areas, requirements } = parseCatalogue(SAMPLE_CATALOGUE);
    expect(areas).toEqual([
      { name: "Professional-investor eligibility", prefix: "PI" },
      { name: "Disclosures and client notices", prefix: "DISC" },
    ]);
    expect(requirements.map((r) => r.id)).toEqual(["PI-1", "PI-2", "DISC-7"]);
    expect(requirements[0]).toEqual({
      id: "PI-1",
      area: "PI",
      text: "Perps only for professional investors.",
      source: "Perps Framework; SFO",
      certainty: ["S", "P"],
      verification: "Database test",
    });
    expect(requirements[1].text).toBe("Portfolio of at least HK$8m, with a | in the text.");
    expect(requirements[1].certainty).toEqual(["P", "S"]);
  });

  it("refuses a catalogue row it cannot place: wrong area, duplicate, missing cells, no certainty tag", () => {
    const area = "## Collateral (COL)\n\n| ID | Requirement | Source | Certainty | How |\n|---|---|---|---|---|\n";
    expect(() => parseCatalogue(`${area}| PI-1 | text | src | [S] | how |`)).toThrow(/PI-1 is listed under Collateral/);
    expect(() => parseCatalogue(`${area}| COL-1 | text | src | [S] | how |\n| COL-1 | again | src | [S] | how |`)).toThrow(/COL-1 is listed twice/);
    expect(() => parseCatalogue(`${area}| COL-1 | text | src | [S] |`)).toThrow(/COL-1 has 4 cells/);
    expect(() => parseCatalogue(`${area}| COL-1 | text | src | secondary | how |`)).toThrow(/COL-1 has no certainty tag/);
  });

  it("reads test titles from the source: describe chains, modifiers, each-tables, templates, constants; not hooks or steps", () => {
    const titles = extractTestTitles(SAMPLE_TESTS, "lib/sample.test.ts").map((t) => t.title);
    expect(titles).toEqual([
      "PI evaluator (PI-1) › PI-2: HK$7,999,999.99 fails",
      "PI evaluator (PI-1) › PI-2 / DISC-7: case %s",
      'PI evaluator (PI-1) › nested › template ${"x"} names DISC-7',
      "PI evaluator (PI-1) › PI-2: a title held in a constant",
      "PI evaluator (PI-1) › PI-1 joined",
      "browser (DISC-7) › @smoke opens the page",
      "browser (DISC-7) › ZZ-9 is not in the catalogue",
      "UTF-8 and SHA-256 and INV-9 are not requirement IDs",
    ]);
    expect(extractTestTitles(SAMPLE_TESTS, "lib/sample.test.ts")[0]).toMatchObject({ file: "lib/sample.test.ts", line: 5 });
  });

  it("finds IDs in a title once each, and not inside longer words", () => {
    expect(idsIn("PI-2 / PI-5 / PI-2: (DISC-10, AFMM-7) FNV-1a xPI-3")).toEqual(["PI-2", "PI-5", "DISC-10", "AFMM-7"]);
  });

  it("joins requirements and titles, counts per area, and reports IDs the catalogue lacks", () => {
    const catalogue = parseCatalogue(SAMPLE_CATALOGUE);
    const titles = extractTestTitles(SAMPLE_TESTS, "lib/sample.test.ts");
    const { matrix, unknown } = buildMatrix(catalogue, titles, 1);
    const tests = (id: string) => matrix.requirements.find((r) => r.id === id)!.tests.map((t) => t.title);
    // A describe that names an ID names it for every test inside.
    expect(tests("PI-1")).toHaveLength(5);
    expect(tests("PI-2")).toEqual([
      "PI evaluator (PI-1) › PI-2: HK$7,999,999.99 fails",
      "PI evaluator (PI-1) › PI-2 / DISC-7: case %s",
      "PI evaluator (PI-1) › PI-2: a title held in a constant",
    ]);
    expect(tests("DISC-7")).toHaveLength(4);
    expect(matrix.areas).toEqual([
      { name: "Professional-investor eligibility", prefix: "PI", requirements: 2, named: 2 },
      { name: "Disclosures and client notices", prefix: "DISC", requirements: 1, named: 1 },
    ]);
    expect(matrix).toMatchObject({ testFiles: 1, tests: 8 });
    expect([...unknown.keys()]).toEqual(["ZZ-9"]);
    expect(describeUnknown(unknown)).toEqual([
      "ZZ-9 (not in docs/requirements.md):",
      "  lib/sample.test.ts:17  browser (DISC-7) › ZZ-9 is not in the catalogue",
    ]);
  });

  it("every requirement ID a test title in this repository names is in docs/requirements.md", () => {
    const catalogue = readCatalogue();
    const { files, titles } = readTestTitles();
    expect(files.length).toBeGreaterThan(0);
    expect(files).toContain("scripts/compliance-matrix.test.ts");
    expect(files.some((file) => file.startsWith("e2e/") && file.endsWith(".spec.ts"))).toBe(true);
    const { unknown } = buildMatrix(catalogue, titles, files.length);
    // Printed in full so the fix is obvious: add the ID to the catalogue, or correct the title.
    expect(describeUnknown(unknown).join("\n")).toBe("");
  });

  it("the catalogue has every area of the research with its requirements, each with a source and a certainty tag", () => {
    const { areas, requirements } = readCatalogue();
    expect(areas.map((area) => area.prefix)).toEqual(["PI", "SUIT", "COL", "MRG", "LIQ", "DISC", "EDU", "CMP", "AFMM", "REC", "RPT", "SEC"]);
    const count = (prefix: string) => requirements.filter((r) => r.area === prefix).length;
    expect(areas.map((area) => count(area.prefix))).toEqual([8, 10, 4, 5, 5, 10, 2, 3, 10, 7, 10, 2]);
    for (const requirement of requirements) {
      expect(requirement.text, requirement.id).not.toBe("");
      expect(requirement.source, requirement.id).not.toBe("");
      expect(requirement.verification, requirement.id).not.toBe("");
      expect(
        requirement.certainty.every((tag) => ["P", "S", "M", "I", "D"].includes(tag)),
        requirement.id,
      ).toBe(true);
    }
  });
});
