import { readFileSync, statSync } from "node:fs";
import { validateCollateralRegistry, DEFAULT_ENGINE_CONFIG_INPUT, type CollateralAsset, type EngineConfigInput } from "../engine/index";

/**
 * COL-1, COL-3, DISC-10: which collateral registry the engine starts with, and the production refusals.
 * Demo mode runs the launch registry, whose stablecoins and tokenized deposit are illustrative
 * stand-ins. Production needs COLLATERAL_REGISTRY_FILE: a JSON array of registry entries with real
 * issuer licence references, checked with the engine's own validation; and the engine may not run
 * any illustrative entry, whatever its journal holds.
 */

/** Largest registry file read: a registry is a few dozen entries, never megabytes. */
export const MAX_REGISTRY_FILE_BYTES = 1_048_576;

const BIGINT_FIELDS = ["haircutRate", "maxDepositMinor", "maxAccountMinor"] as const;

export type RegistryFileResult = { ok: true; registry: CollateralAsset[] } | { ok: false; problems: string[] };

/**
 * Read registry entries from JSON text. The bigint fields (haircutRate in ppb, the deposit limits in
 * minor units) are written as decimal strings ("20000000") or canonical {"$bigint":"20000000"}.
 */
export function parseRegistryFile(text: string, { production }: { production: boolean }): RegistryFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  if (!Array.isArray(raw)) return { ok: false, problems: ["must be a JSON array of registry entries"] };
  const problems: string[] = [];
  const registry = raw.map((entry: unknown, i) => {
    if (typeof entry !== "object" || entry === null) return entry as CollateralAsset;
    const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
    for (const field of BIGINT_FIELDS) {
      const value = copy[field];
      const digits = typeof value === "string" ? value : typeof value === "object" && value !== null ? (value as { $bigint?: unknown }).$bigint : undefined;
      if (typeof digits === "string" && /^\d{1,30}$/.test(digits)) copy[field] = BigInt(digits);
      else problems.push(`[${i}].${field}: must be a whole number written as a string, e.g. "20000000"`);
    }
    return copy as unknown as CollateralAsset;
  });
  if (problems.length) return { ok: false, problems };
  const invalid = validateCollateralRegistry(registry).map((error) => `${error.path}: ${error.message}`);
  if (invalid.length) return { ok: false, problems: invalid };
  if (production) {
    const refused = productionRegistryProblems(registry);
    if (refused.length) return { ok: false, problems: refused };
  }
  return { ok: true, registry };
}

/**
 * Why a registry may not run in production: an illustrative entry, or a licence reference that is a
 * demo placeholder. Each problem names the asset.
 */
export function productionRegistryProblems(registry: readonly CollateralAsset[]): string[] {
  const problems: string[] = [];
  for (const asset of registry) {
    if (asset.illustrative) problems.push(`${asset.assetId} is an illustrative entry (a demo stand-in, not a real licensee)`);
    else if (asset.kind !== "FIAT" && /^ILLUSTRATIVE/i.test(asset.licenceNo ?? ""))
      problems.push(`${asset.assetId} has a placeholder licence reference (${asset.licenceNo}), not the issuer's HKMA licence number`);
  }
  return problems;
}

/** Read and check COLLATERAL_REGISTRY_FILE; throws one message listing every problem. */
export function loadRegistryFile(path: string, { production }: { production: boolean }): CollateralAsset[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new Error(`COLLATERAL_REGISTRY_FILE ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (size > MAX_REGISTRY_FILE_BYTES)
    throw new Error(`COLLATERAL_REGISTRY_FILE ${path} is ${size} bytes; a registry file is at most ${MAX_REGISTRY_FILE_BYTES}`);
  const result = parseRegistryFile(readFileSync(path, "utf8"), { production });
  if (!result.ok) throw new Error(`COLLATERAL_REGISTRY_FILE ${path} is refused: ${result.problems.join("; ")}`);
  return result.registry;
}

/** The configuration a fresh engine starts with: the launch configuration, with the registry file's entries when one is given. */
export function engineConfigInput(settings: { PORTAL_MODE: "demo" | "production"; COLLATERAL_REGISTRY_FILE?: string }): EngineConfigInput {
  if (!settings.COLLATERAL_REGISTRY_FILE) {
    if (settings.PORTAL_MODE === "production") throw new Error("COLLATERAL_REGISTRY_FILE is required in production mode");
    return DEFAULT_ENGINE_CONFIG_INPUT;
  }
  return {
    ...DEFAULT_ENGINE_CONFIG_INPUT,
    collateral: loadRegistryFile(settings.COLLATERAL_REGISTRY_FILE, { production: settings.PORTAL_MODE === "production" }),
  };
}

/**
 * The start-up check on the engine as opened (a journal may hold a registry written in demo mode):
 * production refuses to run while the registry in force has an illustrative entry, naming it.
 */
export function assertRegistryFitForProduction(registry: readonly CollateralAsset[]): void {
  const problems = productionRegistryProblems(registry);
  if (problems.length)
    throw new Error(
      `production mode refuses to start: the collateral registry in force ${problems.join("; ")}. A production engine starts from a new journal whose registry comes from COLLATERAL_REGISTRY_FILE.`,
    );
}
