import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, DEFAULT_COLLATERAL_REGISTRY } from "../engine/index";
import { assertRegistryFitForProduction, engineConfigInput, parseRegistryFile } from "./collateral-config";

/** A registry file as an operator writes it: bigints as decimal strings. */
function fileText(entries: unknown[]): string {
  return JSON.stringify(entries, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

const fiat = DEFAULT_COLLATERAL_REGISTRY.filter((asset) => asset.kind === "FIAT");
const licensed = {
  ...DEFAULT_COLLATERAL_REGISTRY.find((asset) => asset.assetId === "HKDX-DEMO")!,
  assetId: "HKDR",
  name: "HKD R coin",
  licenceNo: "SC-0007",
  illustrative: false,
};

function write(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-"));
  const file = path.join(dir, "registry.json");
  writeFileSync(file, text);
  return file;
}

describe("COL-1: production refuses the demo collateral registry", () => {
  it("COL-1: the launch registry's illustrative entries are refused in production, each named", () => {
    const result = parseRegistryFile(fileText(DEFAULT_COLLATERAL_REGISTRY), { production: true });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      "HKDX-DEMO is an illustrative entry (a demo stand-in, not a real licensee)",
      "USDX-DEMO is an illustrative entry (a demo stand-in, not a real licensee)",
      "TD-HKD-DEMOBANK is an illustrative entry (a demo stand-in, not a real licensee)",
    ]);
    expect(() => assertRegistryFitForProduction(DEFAULT_COLLATERAL_REGISTRY)).toThrow(
      /refuses to start: the collateral registry in force HKDX-DEMO is an illustrative entry/,
    );
  });

  it("COL-1: a registry file is checked with the engine's own validation: a missing licence, a placeholder licence, a bad haircut", () => {
    const missing = parseRegistryFile(fileText([...fiat, { ...licensed, licenceNo: null }]), { production: true });
    expect(missing.ok ? [] : missing.problems).toEqual([
      expect.stringContaining("licenceNo: HKMA_LICENSED_STABLECOIN entries need the issuer's HKMA licence / AI number"),
    ]);
    const placeholder = parseRegistryFile(fileText([...fiat, { ...licensed, licenceNo: "ILLUSTRATIVE-SC-9" }]), { production: true });
    expect(placeholder.ok ? [] : placeholder.problems).toEqual([
      "HKDR has a placeholder licence reference (ILLUSTRATIVE-SC-9), not the issuer's HKMA licence number",
    ]);
    const haircut = parseRegistryFile(fileText([...fiat, { ...licensed, haircutRate: "1000000000" }]), { production: true });
    expect(haircut.ok ? [] : haircut.problems).toEqual([expect.stringContaining("haircutRate must be a bigint in [0, RATE_ONE) ppb")]);
    const typed = parseRegistryFile(fileText([...fiat, { ...licensed, maxDepositMinor: 5 }]), { production: true });
    expect(typed.ok ? [] : typed.problems).toEqual(['[2].maxDepositMinor: must be a whole number written as a string, e.g. "20000000"']);
    expect(parseRegistryFile("{", { production: true }).ok).toBe(false);
  });

  it("COL-1: a real registry file starts the engine with its entries; canonical bigints are accepted too", () => {
    const file = write(canonicalJson([...fiat, licensed]));
    const config = engineConfigInput({ PORTAL_MODE: "production", COLLATERAL_REGISTRY_FILE: file });
    expect(config.collateral.map((asset) => asset.assetId)).toEqual(["USD", "HKD", "HKDR"]);
    expect(config.collateral[2].haircutRate).toBe(20_000_000n);
    expect(() => assertRegistryFitForProduction(config.collateral)).not.toThrow();
    expect(() => engineConfigInput({ PORTAL_MODE: "production", COLLATERAL_REGISTRY_FILE: write(fileText(DEFAULT_COLLATERAL_REGISTRY)) })).toThrow(
      /COLLATERAL_REGISTRY_FILE .* is refused: HKDX-DEMO is an illustrative entry/,
    );
    expect(() => engineConfigInput({ PORTAL_MODE: "production" })).toThrow(/COLLATERAL_REGISTRY_FILE is required in production mode/);
    expect(engineConfigInput({ PORTAL_MODE: "demo" }).collateral).toBe(DEFAULT_COLLATERAL_REGISTRY);
  });
});
