import path from "node:path";

/**
 * What `npm test` prints after its stages: the slowest tests of the run, from the JSON reports Vitest
 * and Playwright write, and how long each stage took. Pure functions over parsed JSON (scripts/test.ts
 * reads the files): a report that is missing or not the expected shape contributes nothing.
 */

export interface TestTiming {
  durationMs: number;
  /** Where the test ran: "unit", "db", "e2e [postgres]"… */
  label: string;
  /** Relative to the repository root, with forward slashes. */
  file: string;
  /** Describe blocks and test title, joined with " › ". */
  title: string;
  /** Set when the test failed: the first line of its error (so CI's printed tail names what broke). */
  failure?: string;
}

export interface Phase {
  name: string;
  seconds: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const number = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);

function relative(root: string, file: string): string {
  const rel = path.isAbsolute(file) ? path.relative(root, file) : file;
  return rel.split(path.sep).join("/");
}

/** Tests of a Vitest JSON report (`--reporter=json`): testResults[].assertionResults[]. */
export function vitestTimings(report: unknown, label: string, root: string): TestTiming[] {
  if (!isObject(report)) return [];
  return list(report.testResults).flatMap((file) => {
    if (!isObject(file)) return [];
    const name = relative(root, text(file.name));
    return list(file.assertionResults).flatMap((test) => {
      if (!isObject(test) || typeof test.duration !== "number") return [];
      const titles = [...list(test.ancestorTitles).map(text), text(test.title)].filter(Boolean);
      const timing: TestTiming = { durationMs: number(test.duration), label, file: name, title: titles.length ? titles.join(" › ") : text(test.fullName) };
      if (test.status === "failed") timing.failure = firstLine(list(test.failureMessages).map(text).join("\n"));
      return [timing];
    });
  });
}

/**
 * Tests of a Playwright JSON report: suites nest (file, then describe blocks), each spec has one test
 * per project, each test one result per attempt; a test's time is the sum of its attempts.
 */
export function playwrightTimings(report: unknown, root: string): TestTiming[] {
  if (!isObject(report)) return [];
  const config = isObject(report.config) ? report.config : {};
  const testDirs = new Map<string, string>();
  for (const project of list(config.projects)) if (isObject(project)) testDirs.set(text(project.name), text(project.testDir));
  const rootDir = text(config.rootDir);
  const out: TestTiming[] = [];
  const walk = (suite: unknown, titles: string[]) => {
    if (!isObject(suite)) return;
    for (const spec of list(suite.specs)) {
      if (!isObject(spec)) continue;
      for (const test of list(spec.tests)) {
        if (!isObject(test)) continue;
        const results = list(test.results).filter(isObject);
        if (results.length === 0) continue;
        const project = text(test.projectName);
        const dir = testDirs.get(project) || rootDir;
        const file = text(spec.file) || text(suite.file);
        const attempts = results.length > 1 ? ` (${results.length} attempts)` : "";
        const timing: TestTiming = {
          durationMs: results.reduce((sum, result) => sum + number(result.duration), 0),
          label: project ? `e2e [${project}]` : "e2e",
          file: relative(root, dir ? path.resolve(dir, file) : file),
          title: [...titles, text(spec.title)].filter(Boolean).join(" › ") + attempts,
        };
        if (test.status === "unexpected") {
          const last = results[results.length - 1];
          const error = last && isObject(last.error) ? text(last.error.message) : "";
          timing.failure = firstLine(error);
        }
        out.push(timing);
      }
    }
    // A file's suite is titled with the file name; describe blocks below it carry their titles.
    for (const child of list(suite.suites)) if (isObject(child)) walk(child, [...titles, text(child.title)]);
  };
  for (const suite of list(report.suites)) walk(suite, []);
  return out;
}

/** The first non-blank line of an error, without terminal colour codes, at most 300 characters. */
function firstLine(message: string): string {
  const plain = message.replace(/\u001b\[[0-9;]*m/g, "");
  const line = plain.split("\n").find((candidate) => candidate.trim() !== "") ?? "";
  return line.trim().slice(0, 300) || "(no error message)";
}

/** The failed tests, in file and title order; each with the first line of its error. */
export function failedTests(timings: TestTiming[]): string[] {
  return timings
    .filter((timing) => timing.failure !== undefined)
    .sort((a, b) => a.file.localeCompare(b.file) || a.title.localeCompare(b.title))
    .map((timing) => `  ${timing.label} ${timing.file} › ${timing.title}\n      ${timing.failure}`);
}

/** The `count` longest tests, longest first (ties in file and title order, so the list is stable). */
export function slowest(timings: TestTiming[], count = 10): TestTiming[] {
  return [...timings].sort((a, b) => b.durationMs - a.durationMs || a.file.localeCompare(b.file) || a.title.localeCompare(b.title)).slice(0, count);
}

/** `  97.1 s  e2e [postgres] e2e/fuzz.spec.ts › title` */
export function formatTiming(timing: TestTiming): string {
  return `${(timing.durationMs / 1000).toFixed(1).padStart(6)} s  ${timing.label} ${timing.file} › ${timing.title}`;
}

/** One line per phase, then the total: `  unit            12.3 s`. */
export function formatPhases(phases: Phase[]): string[] {
  const width = Math.max(5, ...phases.map((phase) => phase.name.length));
  const line = (name: string, seconds: number) => `  ${name.padEnd(width)} ${seconds.toFixed(1).padStart(7)} s`;
  const total = phases.reduce((sum, phase) => sum + phase.seconds, 0);
  return [...phases.map((phase) => line(phase.name, phase.seconds)), line("total", total)];
}

/** Phases from a phases.json (an array of { name, seconds }); anything malformed is left out. */
export function parsePhases(json: unknown): Phase[] {
  return list(json).flatMap((phase) =>
    isObject(phase) && typeof phase.name === "string" && typeof phase.seconds === "number" ? [{ name: phase.name, seconds: phase.seconds }] : [],
  );
}
