import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_COLLATERAL_REGISTRY,
  KNOWN_INELIGIBLE_ASSETS,
  collateralSchedule,
  evaluateCollateral,
  usdPerHkdFromHkdPerUsd,
  validateCollateralRegistry,
  type CollateralAsset,
  type CollateralCircuitBreaker,
} from "./collateral";
import { RATE_ONE, pct, usd } from "./fixed-point";

const NOW = 1_780_000_000_000; // 2026-05-28, after the launch registry's effective date
const FX = { usdPerHkd: usdPerHkdFromHkdPerUsd("7.8") };
const REG = DEFAULT_COLLATERAL_REGISTRY;

describe("FX input", () => {
  it("7.8 HKD per USD → ⌊1e9 / 7.8⌋ = 128,205,128 ppb USD per HKD (rounded down: values collateral conservatively)", () => {
    expect(usdPerHkdFromHkdPerUsd("7.8")).toBe(128_205_128n);
    expect(usdPerHkdFromHkdPerUsd("7.85")).toBe(127_388_535n); // ⌊1e11 / 785⌋
    expect(() => usdPerHkdFromHkdPerUsd("0")).toThrow(RangeError);
  });
});

describe("COL-1: eligible collateral valuation", () => {
  it("USD fiat: 1,000.00 USD (100,000 cents) → 1,000 USD, no haircut", () => {
    expect(evaluateCollateral(REG, "USD", 100_000n, NOW, FX)).toEqual({
      eligible: true,
      assetId: "USD",
      valueUsd: usd(1_000),
      grossValueUsd: usd(1_000),
      haircut: 0n,
    });
  });

  it("HKD fiat: 7,800.00 HKD at 128,205,128 ppb = 999.9999984 → 999.999998 USD; after 1 % haircut 989.999998 USD (floor)", () => {
    // 780,000 cents × 1e6 × 128,205,128 / (100 × 1e9) = 999,999,998.4 → 999,999,998
    // × 0.99 = 989,999,998.416 → 989,999,998 (one division, not two roundings)
    const r = evaluateCollateral(REG, "HKD", 780_000n, NOW, FX);
    expect(r).toMatchObject({ eligible: true, grossValueUsd: 999_999_998n, valueUsd: 989_999_998n, haircut: pct("1") });
  });

  it("HKMA-licensed HKD stablecoin (6 dp, 2 % haircut): 1,000 HKDX = 128.205128 USD gross, 125.641025 USD net", () => {
    // 1e9 × 1e6 × 128,205,128 / (1e6 × 1e9) = 128,205,128; × 0.98 = 125,641,025.44 → 125,641,025
    const r = evaluateCollateral(REG, "HKDX-DEMO", 1_000_000_000n, NOW, FX);
    expect(r).toMatchObject({ eligible: true, grossValueUsd: 128_205_128n, valueUsd: 125_641_025n });
  });

  it("AI tokenized deposit (HKD, 0.5 % haircut) is eligible", () => {
    const r = evaluateCollateral(REG, "TD-HKD-DEMOBANK", 780_000n, NOW, FX);
    expect(r).toMatchObject({ eligible: true, haircut: pct("0.5") });
  });

  it("USD stablecoin does not need an FX rate", () => {
    expect(evaluateCollateral(REG, "USDX-DEMO", 5_000_000n, NOW, null)).toMatchObject({ eligible: true, valueUsd: 4_900_000n });
  });

  it("HKD without an FX rate is rejected with FX_RATE_UNAVAILABLE, not valued at par", () => {
    expect(evaluateCollateral(REG, "HKD", 100n, NOW, null)).toMatchObject({ eligible: false, code: "FX_RATE_UNAVAILABLE" });
    expect(evaluateCollateral(REG, "HKD", 100n, NOW, { usdPerHkd: 0n })).toMatchObject({ eligible: false, code: "FX_RATE_UNAVAILABLE" });
  });

  it("negative amounts are rejected", () => {
    expect(evaluateCollateral(REG, "USD", -1n, NOW, FX)).toMatchObject({ eligible: false, code: "COLLATERAL_INVALID_AMOUNT" });
  });
});

describe("COL-1: ineligible assets", () => {
  it.each(["USDT", "USDC", "BTC", "ETH"])("COL-1: %s sent to perps margin is rejected COLLATERAL_NOT_ELIGIBLE with the reason", (asset) => {
    const r = evaluateCollateral(REG, asset, 1_000_000n, NOW, FX);
    expect(r).toMatchObject({ eligible: false, code: "COLLATERAL_NOT_ELIGIBLE" });
    if (!r.eligible) {
      expect(r.reason).toMatch(/HKMA/);
      expect(r.reason).toMatch(/not fiat|neither fiat/);
    }
  });
  it("an unknown asset gets the generic COL-1 explanation", () => {
    const r = evaluateCollateral(REG, "DOGE", 1n, NOW, FX);
    expect(r).toMatchObject({ eligible: false, code: "COLLATERAL_NOT_ELIGIBLE" });
    if (!r.eligible) expect(r.reason).toMatch(/not in the eligible-collateral registry/);
  });
  it("asset ids are case-sensitive in the registry (usd ≠ USD) but reasons match case-insensitively", () => {
    expect(evaluateCollateral(REG, "usd", 1n, NOW, FX).eligible).toBe(false);
    const r = evaluateCollateral(REG, "usdt", 1n, NOW, FX);
    if (!r.eligible) expect(r.reason).toBe(KNOWN_INELIGIBLE_ASSETS.USDT);
  });
});

describe("COL-1: effective dates", () => {
  const coin: CollateralAsset = { ...REG[2], assetId: "OLDCOIN", effectiveFromMs: NOW - 1_000, effectiveToMs: NOW };
  const reg = [...REG, coin];
  it("COL-1: a stablecoin with effectiveTo in the past is not counted (COLLATERAL_EXPIRED); effectiveTo is exclusive", () => {
    expect(evaluateCollateral(reg, "OLDCOIN", 1n, NOW, FX)).toMatchObject({ eligible: false, code: "COLLATERAL_EXPIRED" });
    expect(evaluateCollateral(reg, "OLDCOIN", 1n, NOW + 1, FX)).toMatchObject({ code: "COLLATERAL_EXPIRED" });
    expect(evaluateCollateral(reg, "OLDCOIN", 1_000_000n, NOW - 1, FX).eligible).toBe(true);
  });
  it("before effectiveFrom: COLLATERAL_NOT_YET_EFFECTIVE; effectiveFrom is inclusive", () => {
    expect(evaluateCollateral(reg, "OLDCOIN", 1n, NOW - 1_001, FX)).toMatchObject({ code: "COLLATERAL_NOT_YET_EFFECTIVE" });
    expect(evaluateCollateral(reg, "OLDCOIN", 1n, NOW - 1_000, FX).eligible).toBe(true);
  });
});

describe("COL-4: depeg / licence-revocation circuit breaker", () => {
  const depeg: CollateralCircuitBreaker = { assetId: "HKDX-DEMO", mode: "HAIRCUT_100", cause: "DEPEG", sinceMs: NOW - 60_000 };
  const revoked: CollateralCircuitBreaker = {
    assetId: "HKDX-DEMO",
    mode: "INELIGIBLE",
    cause: "LICENCE_REVOKED",
    sinceMs: NOW - 1,
    note: "HKMA revoked licence",
  };

  it("COL-4: HAIRCUT_100 keeps the asset but values it at 0 and reports the breaker", () => {
    const r = evaluateCollateral(REG, "HKDX-DEMO", 1_000_000_000n, NOW, FX, [depeg]);
    expect(r).toMatchObject({ eligible: true, valueUsd: 0n, grossValueUsd: 128_205_128n, haircut: RATE_ONE, suspendedBy: depeg });
  });
  it("COL-4: INELIGIBLE rejects with COLLATERAL_SUSPENDED and the cause", () => {
    const r = evaluateCollateral(REG, "HKDX-DEMO", 1n, NOW, FX, [depeg, revoked]);
    expect(r).toMatchObject({ eligible: false, code: "COLLATERAL_SUSPENDED" });
    if (!r.eligible) expect(r.reason).toMatch(/LICENCE_REVOKED.*HKMA revoked licence/);
  });
  it("a breaker scheduled for the future or for another asset has no effect", () => {
    const later = { ...revoked, sinceMs: NOW + 1 };
    expect(evaluateCollateral(REG, "HKDX-DEMO", 1_000_000n, NOW, FX, [later]).eligible).toBe(true);
    expect(evaluateCollateral(REG, "USD", 100n, NOW, FX, [revoked])).toMatchObject({ eligible: true, valueUsd: usd(1) });
  });
  it("the public schedule reflects breakers (DISC-6 pattern)", () => {
    const rows = collateralSchedule(REG, NOW, [depeg]);
    expect(rows.find((r) => r.assetId === "HKDX-DEMO")).toMatchObject({ status: "HAIRCUT_100", haircutRate: RATE_ONE });
  });
});

describe("DISC-10 / COL-3: public eligible-collateral list is rendered from the registry", () => {
  it("one row per registry entry, same order, same ids, basis, haircut and licence", () => {
    const rows = collateralSchedule(REG, NOW);
    expect(rows.map((r) => r.assetId)).toEqual(REG.map((a) => a.assetId));
    rows.forEach((r, i) => {
      expect(r).toMatchObject({
        kind: REG[i].kind,
        regulatoryBasis: REG[i].regulatoryBasis,
        valuationMethod: REG[i].valuationMethod,
        haircutRate: REG[i].haircutRate,
        licenceNo: REG[i].licenceNo,
        status: "EFFECTIVE",
      });
    });
  });
  it("defaults: USD and HKD fiat, ≥ 1 HKMA-licensed stablecoin, ≥ 1 AI tokenized deposit; demo issuers marked illustrative", () => {
    const kinds = REG.map((a) => a.kind);
    expect(
      REG.filter((a) => a.kind === "FIAT")
        .map((a) => a.currency)
        .sort(),
    ).toEqual(["HKD", "USD"]);
    expect(kinds).toContain("HKMA_LICENSED_STABLECOIN");
    expect(kinds).toContain("AI_TOKENIZED_DEPOSIT");
    for (const a of REG.filter((x) => x.kind !== "FIAT")) {
      expect(a.illustrative).toBe(true);
      expect(a.issuer).toMatch(/illustrative/i);
      expect(a.name).toMatch(/illustrative/i);
    }
    expect(REG.some((a) => ["USDT", "USDC", "BTC", "ETH"].includes(a.assetId))).toBe(false);
  });
});

describe("validateCollateralRegistry", () => {
  it("the default registry is valid", () => {
    expect(validateCollateralRegistry(REG)).toEqual([]);
  });
  it("COL-1: registering BTC is rejected; stablecoins need a licence number; dates must be ordered; ids unique", () => {
    const btc = { ...REG[0], assetId: "BTC" };
    const noLicence = { ...REG[2], assetId: "X1", licenceNo: null };
    const badDates = { ...REG[0], assetId: "X2", effectiveToMs: REG[0].effectiveFromMs };
    const dup = { ...REG[0] };
    const codes = validateCollateralRegistry([...REG, btc, noLicence, badDates, dup]).map((e) => [e.path, e.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ["[5].assetId", "COLLATERAL_INELIGIBLE_ASSET"],
        ["[6].licenceNo", "LICENCE_REQUIRED"],
        ["[7].effectiveToMs", "EFFECTIVE_RANGE_INVALID"],
        ["[8].assetId", "DUPLICATE_ID"],
      ]),
    );
  });
  it("haircut must be in [0, 100 %)", () => {
    expect(validateCollateralRegistry([{ ...REG[0], haircutRate: RATE_ONE }])[0]?.code).toBe("OUT_OF_RANGE");
  });
});

describe("valuation properties", () => {
  it("value is monotone in amount, ≤ gross, and gross − value ≈ haircut (within 1 micro-USD)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REG.map((a) => a.assetId)),
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.bigInt({ min: 100_000_000n, max: 200_000_000n }),
        (id, a, b, usdPerHkd) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const rl = evaluateCollateral(REG, id, lo, NOW, { usdPerHkd });
          const rh = evaluateCollateral(REG, id, hi, NOW, { usdPerHkd });
          if (!rl.eligible || !rh.eligible) throw new Error("expected eligible");
          expect(rl.valueUsd <= rh.valueUsd).toBe(true);
          expect(rh.valueUsd <= rh.grossValueUsd).toBe(true);
          // value·1e9 ≤ gross_exact·(1e9 − h) < (gross + 1)·(1e9 − h)
          expect(rh.valueUsd * RATE_ONE < (rh.grossValueUsd + 1n) * (RATE_ONE - rh.haircut)).toBe(true);
        },
      ),
    );
  });
});
