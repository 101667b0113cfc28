import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild } from "./build-fingerprint";
import { writeComplianceMatrix } from "./compliance-matrix";
import { REPO_ROOT } from "./db/migrations";
import { failedTests, formatPhases, formatTiming, playwrightTimings, slowest, vitestTimings, type Phase, type TestTiming } from "./test-report";

/**
 * `npm test`: everything, in order of cost — type check and lint (at once), Vitest's unit tests, its database
 * tests (on a real PostgreSQL: DATABASE_URL when set, else an embedded one), then the build and
 * Playwright in Chromium. Every stage runs even when an earlier one failed. At the end: each phase's
 * wall time (also in test-results/phases.json, which .ci/run reads), the 10 slowest tests (also in
 * test-results/slowest.txt), the tally per stage, and last the plain `N passed, N failed` summary CI reads.
 */

interface Tally {
  stage: string;
  passed: number;
  failed: number;
  skipped: number;
}

const results: Tally[] = [];
const phases: Phase[] = [];
const timings: TestTiming[] = [];
const resultsDir = path.join(REPO_ROOT, "test-results");
fs.mkdirSync(resultsDir, { recursive: true });

/** Runs one phase and records its wall time. */
function timed<T>(name: string, fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    phases.push({ name, seconds: Math.round(performance.now() - started) / 1000 });
  }
}

/** Runs a command with its output held back, then printed whole, so commands run side by side stay readable. */
function runBuffered(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" } });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(String(error))));
    child.on("close", (code) => {
      console.log(`\n$ ${[command, ...args].join(" ")}`);
      process.stdout.write(Buffer.concat(output));
      resolve(code ?? 1);
    });
  });
}

function run(command: string, args: string[]): number {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" } });
  return result.status ?? 1;
}

const bin = (name: string) => path.join(REPO_ROOT, "node_modules/.bin", name);

/** One Vitest project, with its own JSON report (test-results/vitest-<project>.json). */
function vitest(stage: string, project: string) {
  const report = path.join(resultsDir, `vitest-${project}.json`);
  fs.rmSync(report, { force: true });
  const status = timed(stage, () => run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]));
  const json = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
  if (json) {
    // A crash outside any test (a failing global setup, say) still fails the stage.
    const crashed = status !== 0 && json.numFailedTests === 0 ? 1 : 0;
    results.push({ stage, passed: json.numPassedTests, failed: json.numFailedTests + crashed, skipped: json.numPendingTests + json.numTodoTests });
    timings.push(...vitestTimings(json, project, REPO_ROOT));
  } else {
    results.push({ stage, passed: 0, failed: 1, skipped: 0 });
  }
}

// The compliance page imports the matrix generated from docs/requirements.md and the test titles, so it
// is written before the type check. A catalogue it cannot parse is reported here and fails the
// generator's unit test; it does not stop the other stages.
try {
  writeComplianceMatrix();
} catch (error) {
  console.error(`compliance matrix: ${error instanceof Error ? error.message : String(error)}`);
}

// Type check, lint and the formatting check read the same files on different cores.
let typesClean = false;
{
  const started = performance.now();
  const [typecheck, lint, format] = await Promise.all([
    runBuffered(bin("tsc"), ["--noEmit", "-p", "."]),
    runBuffered(bin("eslint"), ["--max-warnings=0", "."]),
    runBuffered(bin("prettier"), ["--check", "--log-level=warn", "."]),
  ]);
  phases.push({ name: "typecheck, lint and format", seconds: Math.round(performance.now() - started) / 1000 });
  typesClean = typecheck === 0;
  for (const [stage, status] of [
    ["typecheck", typecheck],
    ["lint", lint],
    ["format", format],
  ] as const) {
    results.push({ stage, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
  }
  if (format !== 0) console.error("Formatting differs from Prettier's in the files listed above: run `npm run format`.");
}
vitest("unit", "unit");
vitest("database", "db");

{
  const built = timed("build", () => {
    try {
      // When the type check above passed, it covered every file the build compiles, so the build
      // skips its own second pass over them (after a failed one the build checks, and fails, itself).
      ensureBuild((message) => console.log(`\n${message}`), { typesChecked: typesClean });
      return true;
    } catch (error) {
      console.error(String(error));
      return false;
    }
  });
  if (!built) {
    results.push({ stage: "e2e", passed: 0, failed: 1, skipped: 0 });
  } else {
    const report = path.join(resultsDir, "playwright.json");
    fs.rmSync(report, { force: true });
    const status = timed("e2e", () => run(bin("playwright"), ["test"]));
    const json = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(report);
    if (json) {
      const crashed = status !== 0 && json.stats.unexpected === 0 ? 1 : 0;
      results.push({ stage: "e2e", passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected + crashed, skipped: json.stats.skipped });
      timings.push(...playwrightTimings(json, REPO_ROOT));
    } else {
      results.push({ stage: "e2e", passed: 0, failed: 1, skipped: 0 });
    }
  }
}

fs.writeFileSync(path.join(resultsDir, "phases.json"), JSON.stringify(phases, null, 2) + "\n");
console.log("\nPhases (wall time)");
for (const line of formatPhases(phases)) console.log(line);

const slowestLines = slowest(timings, 10).map(formatTiming);
fs.writeFileSync(path.join(resultsDir, "slowest.txt"), slowestLines.join("\n") + (slowestLines.length ? "\n" : ""));
console.log("\nSlowest tests");
for (const line of slowestLines.length ? slowestLines : ["  (no test timings: no report was written)"]) console.log(line);

const failedLines = failedTests(timings);
if (failedLines.length) {
  console.log("\nFailed tests");
  for (const line of failedLines) console.log(line);
}

console.log("\nSummary");
for (const r of results) console.log(`  ${r.stage.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
const summary = `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`;
fs.writeFileSync(path.join(resultsDir, "summary.txt"), summary + "\n");
console.log(summary);
process.exit(total.failed === 0 ? 0 : 1);

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}
