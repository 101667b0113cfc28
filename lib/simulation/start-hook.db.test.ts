import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { startEngineRuntime, type EngineRuntime } from "./runtime";

// The portal answers no request until instrumentation's register(), which awaits the engine start, has
// returned: a beforeStart hook that never settles must not hold the start (and the portal) for ever.

const database = testDatabase();
// The runtime reads the environment as the portal does; point it at this run's schema, engine only.
process.env.DATABASE_URL = database.url;
process.env.DATABASE_SCHEMA = database.schema;
process.env.SIMULATION = "off";
const prisma = createPrismaClient(database.url, database.schema);
let runtime: EngineRuntime | undefined;

beforeAll(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
});
afterAll(async () => {
  await runtime?.stop();
  await prisma.$disconnect();
});

describe("the engine start and its beforeStart hook", () => {
  it("a beforeStart hook that never settles is given up after its time: the engine starts and takes commands", async () => {
    const logged: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logged.push(args.join(" "));
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const starting = startEngineRuntime(undefined, { beforeStart: () => new Promise(() => {}), beforeStartTimeoutMs: 300 });
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("the engine start did not settle within 20 s")), 20_000)));
      runtime = await Promise.race([starting, late]);
    } finally {
      clearTimeout(timer);
      console.log = log;
    }
    expect(logged.some((line) => line.includes("start hook did not finish within 0.3 s"))).toBe(true);
    expect(logged.some((line) => line.includes("engine host running"))).toBe(true);
    const result = await runtime.submit({ type: "CreateAccount", nowMs: 0, accountId: 910, kind: "client" }, "admin");
    expect(result.accepted).toBe(true);
  });
});
