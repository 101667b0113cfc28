import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { canonicalHash, configHash, liveConfig, type CollateralAssetUpdated } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { SimulationHost } from "@/lib/simulation/host";
import { EngineJournal } from "@/lib/simulation/journal";
import { loadParameterRegistry } from "./parameter-registry";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const T0 = 1_767_225_600_000 + 86_400_000;

beforeEach(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
});

function manualClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("parameter registry and change log from the journal (DISC-1, DISC-10)", () => {
  it("DISC-1: a submitted change appears in the change log with before/after values and its effective time, and the registry shows it", async () => {
    const clock = manualClock();
    const host = await SimulationHost.open({ database, journal: new EngineJournal(prisma), clock: clock.now, seed: 1 });
    const genesisHash = configHash(host.state);

    let registry = await loadParameterRegistry(prisma, liveConfig(host.state));
    expect(registry.genesisMs).toBe(T0);
    expect(registry.changeLog).toEqual([]);
    const fee = registry.rows.find((row) => row.subject === "BTC-PERP" && row.path === "fees.takerFeeRate")!;
    expect(fee).toMatchObject({ scope: "market", value: 500_000n, effectiveFromMs: T0, previous: null, reason: null, label: "Taker fee", unit: "ppb" });

    clock.advance(60_000);
    const result = await host.submit(
      {
        type: "UpdateMarketParameters",
        nowMs: 0,
        market: "BTC-PERP",
        changes: [
          { path: "fees.takerFeeRate", value: 600_000n },
          { path: "marginTiers[0].maintenanceMarginRate", value: 8_000_000n },
        ],
        reason: "Risk committee RC-7",
      },
      "admin",
    );
    expect(result.accepted).toBe(true);
    const refused = await host.submit(
      { type: "UpdateMarketParameters", nowMs: 0, market: "BTC-PERP", changes: [{ path: "tickSize", value: "1" }], reason: "Not allowed" },
      "admin",
    );
    expect(refused).toMatchObject({ accepted: false, code: "INVALID_PARAMETER_CHANGE" });

    registry = await loadParameterRegistry(prisma, liveConfig(host.state));
    expect(registry.changeLog).toHaveLength(1);
    const entry = registry.changeLog[0];
    expect(entry).toMatchObject({
      kind: "MarketParametersUpdated",
      scope: "market",
      subject: "BTC-PERP",
      reason: "Risk committee RC-7",
      effectiveFromMs: T0 + 60_000,
    });
    expect(entry.requested).toEqual([
      { path: "fees.takerFeeRate", previous: 500_000n, next: 600_000n },
      { path: "marginTiers[0].maintenanceMarginRate", previous: 5_000_000n, next: 8_000_000n },
    ]);
    // Derived values that moved are logged too: tier 2's maintenance amount 50,000 × (1 % − MMR₁).
    expect(entry.changes).toContainEqual({ path: "marginTiers[1].maintenanceAmount", previous: 250_000_000n, next: 100_000_000n });
    const row = registry.rows.find((r) => r.subject === "BTC-PERP" && r.path === "fees.takerFeeRate")!;
    expect(row).toMatchObject({ value: 600_000n, previous: 500_000n, effectiveFromMs: T0 + 60_000, reason: "Risk committee RC-7", changeSeq: entry.seq });
    const untouched = registry.rows.find((r) => r.subject === "ETH-PERP" && r.path === "fees.takerFeeRate")!;
    expect(untouched).toMatchObject({ effectiveFromMs: T0, previous: null });

    // DISC-1: folding the journal gives the configuration the engine runs.
    expect(registry.configHash).toBe(configHash(host.state));
    expect(registry.journalConfigHash).toBe(registry.configHash);
    expect(registry.configHash).not.toBe(genesisHash);
    await host.stop();
  });

  it("DISC-10: collateral updates and circuit breakers are logged with before/after; the registry's collateral equals the engine's list", async () => {
    const clock = manualClock();
    const host = await SimulationHost.open({ database, journal: new EngineJournal(prisma), clock: clock.now, seed: 2 });
    const hkd = host.state.registry.find((asset) => asset.assetId === "HKD")!;
    clock.advance(1_000);
    expect((await host.submit({ type: "UpdateCollateralAsset", nowMs: 0, asset: { ...hkd, haircutRate: 15_000_000n } }, "admin")).accepted).toBe(true);
    clock.advance(1_000);
    expect(
      (
        await host.submit(
          {
            type: "SuspendCollateral",
            nowMs: 0,
            breaker: { assetId: "USDX-DEMO", mode: "HAIRCUT_100", cause: "DEPEG", sinceMs: T0 + 2_000, note: "Depeg below 0.97" },
          },
          "admin",
        )
      ).accepted,
    ).toBe(true);
    clock.advance(1_000);
    expect((await host.submit({ type: "LiftCollateralSuspension", nowMs: 0, assetId: "USDX-DEMO" }, "admin")).accepted).toBe(true);

    const registry = await loadParameterRegistry(prisma, liveConfig(host.state));
    expect(registry.changeLog.map((e) => [e.kind, e.subject, e.effectiveFromMs])).toEqual([
      ["CollateralAssetUpdated", "HKD", T0 + 1_000],
      ["CollateralSuspended", "USDX-DEMO", T0 + 2_000],
      ["CollateralSuspensionLifted", "USDX-DEMO", T0 + 3_000],
    ]);
    expect(registry.changeLog[0].changes).toEqual([{ path: "haircutRate", previous: 10_000_000n, next: 15_000_000n }]);
    expect(registry.changeLog[1]).toMatchObject({
      reason: "Depeg below 0.97",
      changes: [{ path: "circuitBreaker", previous: null, next: { assetId: "USDX-DEMO", mode: "HAIRCUT_100" } }],
    });
    expect(registry.changeLog[2].changes).toEqual([{ path: "circuitBreaker", previous: expect.objectContaining({ mode: "HAIRCUT_100" }), next: null }]);
    const haircut = registry.rows.find((row) => row.scope === "collateral" && row.subject === "HKD" && row.path === "haircutRate")!;
    expect(haircut).toMatchObject({ value: 15_000_000n, previous: 10_000_000n, effectiveFromMs: T0 + 1_000 });
    // The registry lists exactly the assets the engine accepts, in the engine's order.
    const listed = [...new Set(registry.rows.filter((row) => row.scope === "collateral").map((row) => row.subject))];
    expect(listed).toEqual(host.state.registry.map((asset) => asset.assetId));
    expect(canonicalHash(registry.config.collateral)).toBe(canonicalHash(host.state.registry));
    expect(registry.journalConfigHash).toBe(configHash(host.state));
    const updated = (await prisma.engineEvent.findFirst({ where: { type: "CollateralAssetUpdated" }, select: EVENT_COLUMNS }))!;
    expect((decodeEvent(updated) as CollateralAssetUpdated).asset.assetId).toBe("HKD");
    await host.stop();
  });
});
