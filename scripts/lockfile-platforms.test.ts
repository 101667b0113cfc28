import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM script without type declarations
import { missingOptionalEntries } from "./lockfile-platforms.mjs";

describe("package-lock.json stays installable with npm ci on a fresh machine", () => {
  it("has an entry for every optional platform binary (run `npm run lockfile:fix` after npm install if this fails)", () => {
    const lock = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../package-lock.json"), "utf8"));
    expect(Object.keys(missingOptionalEntries(lock))).toEqual([]);
  });

  it("detects a missing platform entry (the check can fail)", () => {
    const lock = { packages: { "": {}, "node_modules/next": { optionalDependencies: { "@next/swc-darwin-arm64": "16.4.6" } } } };
    expect(missingOptionalEntries(lock)).toEqual({
      "node_modules/@next/swc-darwin-arm64": { version: "16.4.6", cpu: ["arm64"], os: ["darwin"], optional: true },
    });
  });
});
