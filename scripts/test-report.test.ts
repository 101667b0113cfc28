import { describe, expect, it } from "vitest";
import { failedTests, formatPhases, formatTiming, parsePhases, playwrightTimings, slowest, vitestTimings, type TestTiming } from "./test-report";

const ROOT = "/repo";

const vitestReport = {
  numPassedTests: 3,
  testResults: [
    {
      name: "/repo/lib/a.test.ts",
      assertionResults: [
        { ancestorTitles: ["outer", "inner"], title: "adds", fullName: "outer inner adds", duration: 12.5, status: "passed" },
        { ancestorTitles: [], title: "top level", fullName: "top level", duration: 3_400, status: "passed" },
        { ancestorTitles: ["outer"], title: "skipped one", fullName: "outer skipped one", status: "skipped" },
      ],
    },
    {
      name: "/repo/lib/b.db.test.ts",
      assertionResults: [
        {
          ancestorTitles: ["db"],
          title: "writes",
          fullName: "db writes",
          duration: 900,
          status: "failed",
          failureMessages: ["\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at lib/b.db.test.ts:4:5"],
        },
      ],
    },
    { name: "/repo/lib/broken.test.ts", assertionResults: "not a list" },
  ],
};

const playwrightReport = {
  config: {
    rootDir: "/repo/e2e",
    projects: [
      { name: "postgres", testDir: "/repo/e2e" },
      { name: "embedded", testDir: "/repo/e2e" },
    ],
  },
  suites: [
    {
      title: "fuzz.spec.ts",
      file: "fuzz.spec.ts",
      specs: [
        {
          title: "survives random input",
          file: "fuzz.spec.ts",
          tests: [
            { projectName: "postgres", results: [{ duration: 97_100 }] },
            { projectName: "embedded", results: [{ duration: 40_000 }, { duration: 45_000 }] },
          ],
        },
      ],
      suites: [
        {
          title: "sign-in",
          file: "fuzz.spec.ts",
          specs: [
            {
              title: "locks out",
              file: "fuzz.spec.ts",
              tests: [
                {
                  projectName: "postgres",
                  status: "unexpected",
                  results: [{ duration: 1_500, error: { message: "\nError: Timed out 15000ms waiting for expect(locator).toBeVisible()\n  at x" } }],
                },
              ],
            },
          ],
        },
      ],
    },
    { title: "skipped.spec.ts", file: "skipped.spec.ts", specs: [{ title: "never ran", tests: [{ projectName: "postgres", results: [] }] }] },
  ],
};

describe("npm test's slowest-tests list (scripts/test-report.ts)", () => {
  it("reads Vitest's JSON report: file relative to the root, describe blocks and title, tests without a duration left out", () => {
    expect(vitestTimings(vitestReport, "unit", ROOT)).toEqual([
      { durationMs: 12.5, label: "unit", file: "lib/a.test.ts", title: "outer › inner › adds" },
      { durationMs: 3_400, label: "unit", file: "lib/a.test.ts", title: "top level" },
      { durationMs: 900, label: "unit", file: "lib/b.db.test.ts", title: "db › writes", failure: "AssertionError: expected 1 to be 2" },
    ]);
  });

  it("reads Playwright's JSON report: nested suites, one entry per project, retries summed and said", () => {
    expect(playwrightTimings(playwrightReport, ROOT)).toEqual([
      { durationMs: 97_100, label: "e2e [postgres]", file: "e2e/fuzz.spec.ts", title: "survives random input" },
      { durationMs: 85_000, label: "e2e [embedded]", file: "e2e/fuzz.spec.ts", title: "survives random input (2 attempts)" },
      {
        durationMs: 1_500,
        label: "e2e [postgres]",
        file: "e2e/fuzz.spec.ts",
        title: "sign-in › locks out",
        failure: "Error: Timed out 15000ms waiting for expect(locator).toBeVisible()",
      },
    ]);
  });

  it("lists the failed tests of both reports with the first line of each error, so CI's printed tail names what broke", () => {
    const lines = failedTests([...vitestTimings(vitestReport, "db", ROOT), ...playwrightTimings(playwrightReport, ROOT)]);
    expect(lines).toEqual([
      "  e2e [postgres] e2e/fuzz.spec.ts › sign-in › locks out\n      Error: Timed out 15000ms waiting for expect(locator).toBeVisible()",
      "  db lib/b.db.test.ts › db › writes\n      AssertionError: expected 1 to be 2",
    ]);
    expect(failedTests(vitestTimings(vitestReport, "unit", ROOT).filter((timing) => timing.failure === undefined))).toEqual([]);
  });

  it("a missing or malformed report gives no timings instead of throwing", () => {
    for (const report of [
      undefined,
      null,
      "text",
      42,
      [],
      {},
      { testResults: [null, 1, { assertionResults: [null] }] },
      { suites: [null, { specs: [null, { tests: [null] }] }] },
    ]) {
      expect(vitestTimings(report, "unit", ROOT)).toEqual([]);
      expect(playwrightTimings(report, ROOT)).toEqual([]);
    }
  });

  it("merges both reports and ranks by duration, longest first, at most the count asked for", () => {
    const merged = [...vitestTimings(vitestReport, "db", ROOT), ...playwrightTimings(playwrightReport, ROOT)];
    const top = slowest(merged, 3);
    expect(top.map((t) => t.durationMs)).toEqual([97_100, 85_000, 3_400]);
    expect(slowest(merged, 10)).toHaveLength(6);
    expect(slowest([], 10)).toEqual([]);
    // Ties keep a stable order (file, then title), and the input is not reordered.
    const tied: TestTiming[] = [
      { durationMs: 5, label: "unit", file: "b.ts", title: "x" },
      { durationMs: 5, label: "unit", file: "a.ts", title: "y" },
    ];
    expect(slowest(tied).map((t) => t.file)).toEqual(["a.ts", "b.ts"]);
    expect(tied[0].file).toBe("b.ts");
  });

  it("formats a line as seconds, label, file and title", () => {
    expect(formatTiming({ durationMs: 97_100, label: "e2e [postgres]", file: "e2e/fuzz.spec.ts", title: "title" })).toBe(
      "  97.1 s  e2e [postgres] e2e/fuzz.spec.ts › title",
    );
    expect(formatTiming({ durationMs: 123_456, label: "db", file: "scripts/crash.db.test.ts", title: "t" })).toBe(" 123.5 s  db scripts/crash.db.test.ts › t");
  });

  it("phases: parsed leniently from phases.json and printed one a line with a total", () => {
    const phases = parsePhases([{ name: "unit", seconds: 12.34 }, { name: "bad" }, null, { name: "database", seconds: 50 }]);
    expect(phases).toEqual([
      { name: "unit", seconds: 12.34 },
      { name: "database", seconds: 50 },
    ]);
    expect(parsePhases(undefined)).toEqual([]);
    expect(formatPhases(phases)).toEqual(["  unit        12.3 s", "  database    50.0 s", "  total       62.3 s"]);
  });
});
