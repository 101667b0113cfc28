import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineRuntimeTestDatabase } from "../../test/engine-runtime";
import { collateralView } from "@/lib/engine/index";
import { currentFxFeed } from "./fx-feed";
import { startEngineRuntime, type EngineRuntime } from "./runtime";

// COL-3: the running portal values HKD collateral from its first step: the engine runtime sends the
// USD/HKD rate (demo mode: the labelled demo rate) before the engine starts, journaled like any command.

const { prisma, clearJournal } = engineRuntimeTestDatabase();
let runtime: EngineRuntime | undefined;

beforeAll(async () => {
  await clearJournal();
  runtime = await startEngineRuntime();
});
afterAll(async () => {
  await runtime?.stop();
  await prisma.$disconnect();
});

describe("COL-3: the USD/HKD rate at engine start", () => {
  it("COL-3: demo mode sends the demo rate (7.8 HKD per USD) at start, journaled; HKD assets are valued instead of FX_RATE_UNAVAILABLE", async () => {
    const state = runtime!.host!.state;
    expect(state.fx?.usdPerHkd).toBe(128_205_128n);
    const view = collateralView(state);
    expect(view.assets.find((asset) => asset.assetId === "HKD")?.valuation?.status).toBe("EFFECTIVE");
    const journaled = await prisma.engineCommand.findMany({ where: { type: "SetFxRate" } });
    expect(journaled).toHaveLength(1);
    expect(journaled[0].source).toBe("admin");
    expect(currentFxFeed()?.status()).toMatchObject({ quote: { hkdPerUsd: "7.8", source: "demo" }, sourceUrl: null, stale: false });
  });
});
