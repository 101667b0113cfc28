import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./db/migrations";
import { formatPhases, parsePhases, type Phase } from "./test-report";

/**
 * `.ci/run`'s phase table: the phases it timed itself, given as `name=seconds` arguments (install,
 * Chromium), then the ones `npm test` recorded in test-results/phases.json.
 */
const own: Phase[] = process.argv.slice(2).flatMap((arg) => {
  const [name, seconds] = arg.split("=");
  return name && Number.isFinite(Number(seconds)) ? [{ name, seconds: Number(seconds) }] : [];
});
let recorded: Phase[] = [];
try {
  recorded = parsePhases(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test-results/phases.json"), "utf8")));
} catch {
  console.log("(npm test recorded no phase times: test-results/phases.json is missing)");
}
console.log("Phases (wall time)");
for (const line of formatPhases([...own, ...recorded])) console.log(line);
