import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The simulator must stay pure (time, ids and randomness are inputs) so that a seed reproduces a
// market and the host can run it anywhere; ESLint's engine boundary does not cover this folder.
describe("lib/simulation/market purity", () => {
  const dir = import.meta.dirname;
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

  it.each(files)("%s imports only lib/engine/index, lib/random/prng, zod and its own files; no clock, no Math.random", (f) => {
    // Comments may name what is forbidden; code may not.
    const src = readFileSync(path.join(dir, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    const imports = [...src.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]);
    for (const i of imports) expect(["../../engine/index", "../../random/prng", "zod"].includes(i) || /^\.\/[a-z-]+$/.test(i), `${f} imports ${i}`).toBe(true);
    expect(src).not.toMatch(/Date\.now|new Date\(|Math\.random|performance\.now|process\./);
  });
});
