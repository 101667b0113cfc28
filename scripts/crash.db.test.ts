import { describe, expect, it } from "vitest";
import { testDatabase } from "../test/database";
import { runCrashHarness } from "./crash-harness";

const database = testDatabase();

describe("crash test: SIGKILL the engine at random points and recover", () => {
  it("20 kills, some during a liquidation cascade: the recovered state equals an uninterrupted replay and no acknowledged order is lost", async () => {
    const schema = database.kind === "embedded" ? "public" : `${database.schema}_crash`;
    const report = await runCrashHarness({ target: { url: database.url, schema }, kills: 20, seed: 20_261_122, log: (line) => console.log(`[crash] ${line}`) });
    console.log(`[crash] ${JSON.stringify(report)}`);
    expect(report.kills).toBeGreaterThanOrEqual(20);
    expect(report.killsDuringCascade, "at least one kill landed inside a liquidation cascade").toBeGreaterThan(0);
    expect(report.acknowledgedOrders).toBeGreaterThan(0);
    expect(report.missingAcknowledged).toEqual([]);
    expect(report.recoveredHash).toBe(report.replayedHash);
    expect(report.identical).toBe(true);
  }, 600_000);
});
