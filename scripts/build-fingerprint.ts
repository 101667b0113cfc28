import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./db/migrations";

/** Where `npm start` records the fingerprint of the sources the current .next build was made from. */
export const BUILD_FINGERPRINT_FILE = ".next/portal-build-fingerprint";

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "tsconfig.json",
  "package-lock.json",
  "instrumentation.ts",
  "proxy.ts",
];
const SKIP = /(\.test\.tsx?|\.md)$/;

/** A hash of every file that goes into `next build`, so start rebuilds exactly when one changed. */
export function buildFingerprint(): string {
  const hash = crypto.createHash("sha256");
  for (const input of BUILD_INPUTS) {
    for (const file of listFiles(path.join(REPO_ROOT, input))) {
      hash.update(path.relative(REPO_ROOT, file));
      hash.update("\0");
      hash.update(fs.readFileSync(file));
      hash.update("\0");
    }
  }
  return hash.digest("hex");
}

function listFiles(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  const stat = fs.statSync(entry);
  if (stat.isFile()) return SKIP.test(entry) ? [] : [entry];
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((child) => listFiles(path.join(entry, child.name)));
}

/**
 * Run `next build` unless the current build was made from exactly these sources. `typesChecked`: the
 * caller has just type-checked the whole repository and fails on an error (npm test), so the build
 * skips its own second pass over the same files; every other build (npm start) checks them.
 */
export function ensureBuild(log: (message: string) => void = console.log, options: { typesChecked?: boolean } = {}): void {
  const fingerprint = buildFingerprint();
  const recorded = path.join(REPO_ROOT, BUILD_FINGERPRINT_FILE);
  const buildId = path.join(REPO_ROOT, ".next/BUILD_ID");
  if (fs.existsSync(buildId) && fs.existsSync(recorded) && fs.readFileSync(recorded, "utf8") === fingerprint) return;
  log("building the portal (first start or sources changed)…");
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(options.typesChecked ? { PORTAL_BUILD_TYPES_CHECKED: "1" } : {}) },
  });
  if (result.status !== 0) throw new Error("next build failed (see the output above)");
  fs.writeFileSync(recorded, fingerprint);
}
