import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild } from "./build-fingerprint";
import { REPO_ROOT } from "./db/migrations";

/**
 * `npm test`: everything, in order of cost — type check, lint, Vitest (unit and database tests on a
 * real PostgreSQL: DATABASE_URL when set, else an embedded one), then the build and Playwright in
 * Chromium. Every stage runs even when an earlier one failed, and the last line is the plain
 * `N passed, N failed` summary CI reads.
 */

interface Tally {
  stage: string;
  passed: number;
  failed: number;
  skipped: number;
}

const results: Tally[] = [];
const resultsDir = path.join(REPO_ROOT, "test-results");
fs.mkdirSync(resultsDir, { recursive: true });

function run(command: string, args: string[]): number {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1" } });
  return result.status ?? 1;
}

const bin = (name: string) => path.join(REPO_ROOT, "node_modules/.bin", name);

function check(stage: string, command: string, args: string[]) {
  const status = run(command, args);
  results.push({ stage, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

check("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
check("lint", bin("eslint"), ["--max-warnings=0", "."]);

{
  const report = path.join(resultsDir, "vitest.json");
  fs.rmSync(report, { force: true });
  const status = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const json = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
  if (json) {
    // A crash outside any test (a failing global setup, say) still fails the stage.
    const crashed = status !== 0 && json.numFailedTests === 0 ? 1 : 0;
    results.push({ stage: "vitest", passed: json.numPassedTests, failed: json.numFailedTests + crashed, skipped: json.numPendingTests + json.numTodoTests });
  } else {
    results.push({ stage: "vitest", passed: 0, failed: 1, skipped: 0 });
  }
}

{
  let built = true;
  try {
    ensureBuild((message) => console.log(`\n${message}`));
  } catch (error) {
    console.error(String(error));
    built = false;
  }
  if (!built) {
    results.push({ stage: "e2e", passed: 0, failed: 1, skipped: 0 });
  } else {
    const report = path.join(resultsDir, "playwright.json");
    fs.rmSync(report, { force: true });
    const status = run(bin("playwright"), ["test"]);
    const json = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(report);
    if (json) {
      const crashed = status !== 0 && json.stats.unexpected === 0 ? 1 : 0;
      results.push({ stage: "e2e", passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected + crashed, skipped: json.stats.skipped });
    } else {
      results.push({ stage: "e2e", passed: 0, failed: 1, skipped: 0 });
    }
  }
}

console.log("\nSummary");
for (const r of results) console.log(`  ${r.stage.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`);
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
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
