import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineRuntimeTestDatabase, within } from "../../../test/engine-runtime";
import { currentAfmmGates } from "@/lib/services/afmm/internal";
import { runAfmmOrderEntryJob, syncAfmmOrderEntryAtStart } from "@/lib/services/afmm/sync-order-entry";
import { startEngineRuntime, type EngineRuntime } from "@/lib/simulation/runtime";

// AFMM-4, AFMM-9: the engine start's AFMM reconciliation (its beforeStart hook) and the recurring job's
// run take turns. On a restart the job's waiting run is often due at once, so it can start while the
// engine is still restoring; it waits for the engine, and the engine's start hook waits its turn behind
// it. Before the fix the run waited for the engine while holding the turn: the start never finished,
// and nor did the portal's instrumentation, so no request was ever answered.

const { prisma, clearJournal } = engineRuntimeTestDatabase();
let runtime: EngineRuntime | undefined;

beforeAll(clearJournal);
afterAll(async () => {
  await runtime?.stop();
  const { db } = await import("@/lib/db");
  await db().$disconnect();
  await prisma.$disconnect();
});

describe("AFMM-4, AFMM-9: the AFMM reconciliation at engine start", () => {
  it("AFMM-4, AFMM-9: a recurring reconciliation that starts while the engine is still starting neither blocks the start nor is lost", async () => {
    const starting = startEngineRuntime(undefined, { beforeStart: syncAfmmOrderEntryAtStart });
    // The job's run begins now, while the host is still opening (as a due run does right after a restart).
    const jobRun = runAfmmOrderEntryJob({ db: prisma, now: () => new Date() });
    runtime = await within(starting, 20_000, "the engine start");
    expect(runtime.host!.position()).toBeGreaterThan(0);
    // The run found the engine once it was up (it was not told there is none), and after the start
    // hook had brought AFMM order entry in line with the gates it had nothing left to send. The gates
    // are whatever the AFMM registers hold: files run before this one on the same schema may have met them.
    const gates = await currentAfmmGates({ db: prisma, now: () => new Date() });
    await expect(within(jobRun, 20_000, "the recurring reconciliation")).resolves.toMatchObject({ status: "in_sync", suspended: !gates.enabled });
    const commands = await prisma.engineCommand.findMany({ where: { type: "SetAfmmOrderEntry" } });
    expect(commands.length, "only the start hook changed order entry, once at most").toBeLessThanOrEqual(1);
  });
});
