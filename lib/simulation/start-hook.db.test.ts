import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineRuntimeTestDatabase, within } from "../../test/engine-runtime";
import { startEngineRuntime, type EngineRuntime } from "./runtime";

// The portal answers no request until instrumentation's register(), which awaits the engine start, has
// returned: a beforeStart hook that never settles must not hold the start (and the portal) for ever.

const { prisma, clearJournal } = engineRuntimeTestDatabase();
let runtime: EngineRuntime | undefined;

beforeAll(clearJournal);
afterAll(async () => {
  await runtime?.stop();
  await prisma.$disconnect();
});

describe("the engine start and its beforeStart hook", () => {
  it("a beforeStart hook that never settles is given up after its time: the engine starts and takes commands", async () => {
    const logged: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logged.push(args.join(" "));
    try {
      runtime = await within(
        startEngineRuntime(undefined, { beforeStart: () => new Promise(() => {}), beforeStartTimeoutMs: 300 }),
        20_000,
        "the engine start",
      );
    } finally {
      console.log = log;
    }
    expect(logged.some((line) => line.includes("start hook did not finish within 0.3 s"))).toBe(true);
    expect(logged.some((line) => line.includes("engine host running"))).toBe(true);
    const result = await runtime.submit({ type: "CreateAccount", nowMs: 0, accountId: 910, kind: "client" }, "admin");
    expect(result.accepted).toBe(true);
  });
});
