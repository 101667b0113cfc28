/**
 * Deposit limits: every registry asset has a largest single deposit and a most
 * one account may have deposited of it. The engine refuses a Deposit beyond either, from any path
 * (client form, administrator, simulation), and a refusal changes nothing.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_COLLATERAL_REGISTRY, MAX_COLLATERAL_LIMIT_MINOR, collateralSchedule, depositLimitProblem, validateCollateralRegistry } from "./collateral";
import { apply, restore, snapshot, stateHash } from "./index";
import { T1 as t, fundedAccount, must, newEngine } from "./test-helpers";

const USD_ASSET = DEFAULT_COLLATERAL_REGISTRY.find((asset) => asset.assetId === "USD")!;

describe("the engine bounds every deposit by the collateral registry's limits", () => {
  it("a deposit of 1 followed by a million zeros USD is refused with DEPOSIT_LIMIT_EXCEEDED and changes nothing", () => {
    const s = newEngine();
    fundedAccount(s, 1, 0n, t);
    const before = stateHash(s);
    const started = performance.now();
    const result = apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "huge", assetId: "USD", amountMinor: BigInt("1" + "0".repeat(1_000_000)) });
    expect(result.rejection).toMatchObject({ code: "DEPOSIT_LIMIT_EXCEEDED", message: expect.stringContaining("a 1000001-digit number") });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(stateHash(s)).toBe(before);
  });

  it("10^39 USD is refused; exactly the largest single deposit is accepted, one cent more is not", () => {
    const s = newEngine();
    fundedAccount(s, 1, 0n, t);
    expect(apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "e39", assetId: "USD", amountMinor: 10n ** 41n }).rejection?.code).toBe(
      "DEPOSIT_LIMIT_EXCEEDED",
    );
    expect(
      apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "over", assetId: "USD", amountMinor: USD_ASSET.maxDepositMinor + 1n }).rejection?.code,
    ).toBe("DEPOSIT_LIMIT_EXCEEDED");
    expect(
      apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "max", assetId: "USD", amountMinor: USD_ASSET.maxDepositMinor }).rejection,
    ).toBeUndefined();
  });

  it("per account, pending and settled deposits count; withdrawals free room; restore keeps the count", () => {
    const s = newEngine();
    fundedAccount(s, 1, 0n, t);
    const deposits = Number(USD_ASSET.maxAccountMinor / USD_ASSET.maxDepositMinor);
    for (let i = 0; i < deposits; i++) {
      must(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: `d${i}`, assetId: "USD", amountMinor: USD_ASSET.maxDepositMinor });
      if (i % 2 === 0) must(s, { type: "SettleDeposit", nowMs: t, depositId: `d${i}` });
    }
    const full = apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "one-cent", assetId: "USD", amountMinor: 1n });
    expect(full.rejection).toMatchObject({ code: "DEPOSIT_LIMIT_EXCEEDED", message: expect.stringMatching(/at most 0 more/) });
    // Another account is not affected.
    fundedAccount(s, 2, 100n, t);
    // The pending part survives a snapshot and restore (it is rebuilt from the deposit records).
    const restored = restore(snapshot(s));
    expect(apply(restored, { type: "Deposit", nowMs: t, accountId: 1, depositId: "one-cent", assetId: "USD", amountMinor: 1n }).rejection?.code).toBe(
      "DEPOSIT_LIMIT_EXCEEDED",
    );
    // Settling every pending deposit keeps the total; withdrawing 1 USD makes room for 1 USD.
    for (let i = 1; i < deposits; i += 2) must(s, { type: "SettleDeposit", nowMs: t, depositId: `d${i}` });
    expect(apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "one-cent", assetId: "USD", amountMinor: 1n }).rejection?.code).toBe(
      "DEPOSIT_LIMIT_EXCEEDED",
    );
    must(s, { type: "Withdraw", nowMs: t, accountId: 1, withdrawalId: "w", amount: 1_000_000n });
    must(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "one-usd", assetId: "USD", amountMinor: 100n });
    expect(apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "one-more-cent", assetId: "USD", amountMinor: 1n }).rejection?.code).toBe(
      "DEPOSIT_LIMIT_EXCEEDED",
    );
  });

  it("non-USD assets count the holding in their own minor units", () => {
    const s = newEngine();
    fundedAccount(s, 1, 0n, t);
    const usdx = DEFAULT_COLLATERAL_REGISTRY.find((asset) => asset.assetId === "USDX-DEMO")!;
    must(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "x", assetId: "USDX-DEMO", amountMinor: usdx.maxDepositMinor });
    must(s, { type: "SettleDeposit", nowMs: t, depositId: "x" });
    expect(depositLimitProblem(usdx, 1n, usdx.maxAccountMinor)).toMatch(/at most 0 more/);
    expect(
      apply(s, { type: "Deposit", nowMs: t, accountId: 1, depositId: "y", assetId: "USDX-DEMO", amountMinor: usdx.maxDepositMinor + 1n }).rejection?.code,
    ).toBe("DEPOSIT_LIMIT_EXCEEDED");
  });

  it("the registry must carry both limits, positive, ordered and bounded; the public list shows them", () => {
    expect(validateCollateralRegistry(DEFAULT_COLLATERAL_REGISTRY)).toEqual([]);
    const { maxDepositMinor: _drop, ...withoutLimit } = USD_ASSET;
    expect(validateCollateralRegistry([withoutLimit])).toEqual([expect.objectContaining({ path: "[0].maxDepositMinor", code: "OUT_OF_RANGE" })]);
    expect(validateCollateralRegistry([{ ...USD_ASSET, maxAccountMinor: USD_ASSET.maxDepositMinor - 1n }])).toEqual([
      expect.objectContaining({ path: "[0].maxAccountMinor" }),
    ]);
    expect(validateCollateralRegistry([{ ...USD_ASSET, maxDepositMinor: MAX_COLLATERAL_LIMIT_MINOR + 1n }])).toEqual([
      expect.objectContaining({ path: "[0].maxDepositMinor" }),
    ]);
    expect(validateCollateralRegistry([{ ...USD_ASSET, maxDepositMinor: 0n }])).toEqual([expect.objectContaining({ path: "[0].maxDepositMinor" })]);
    for (const row of collateralSchedule(DEFAULT_COLLATERAL_REGISTRY, t)) {
      const asset = DEFAULT_COLLATERAL_REGISTRY.find((entry) => entry.assetId === row.assetId)!;
      expect(row).toMatchObject({ decimals: asset.decimals, maxDepositMinor: asset.maxDepositMinor, maxAccountMinor: asset.maxAccountMinor });
    }
  });
});
