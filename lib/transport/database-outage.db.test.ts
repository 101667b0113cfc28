import { afterAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as trades } from "@/app/api/public/markets/[symbol]/trades/route";
import { freePort } from "@/scripts/db/embedded";
import { createPrismaClient } from "@/lib/prisma-client";
import type { EngineRuntime } from "@/lib/simulation/runtime";
import { PEER_HEADER } from "@/lib/transport/client-address";

/**
 * During a database outage the public trades route (which reads the journal)
 * answered 500. It must answer 503 with a plain message, and tell nobody the driver's details.
 */
const slots = globalThis as unknown as { portalPrisma?: unknown; perpsEngineRuntime?: Promise<EngineRuntime> };
const saved = { prisma: slots.portalPrisma, runtime: slots.perpsEngineRuntime };

afterAll(async () => {
  const down = slots.portalPrisma as { $disconnect(): Promise<void> } | undefined;
  slots.portalPrisma = saved.prisma;
  slots.perpsEngineRuntime = saved.runtime;
  await down?.$disconnect();
});

describe("public routes during a database outage", () => {
  it("GET /api/public/markets/BTC-PERP/trades answers 503 with a plain message when the database does not answer", async () => {
    // The process's database client points at a port nothing listens on; the engine runs (it serves from memory).
    slots.portalPrisma = createPrismaClient(`postgresql://postgres@127.0.0.1:${await freePort()}/postgres?sslmode=disable`, "public");
    slots.perpsEngineRuntime = Promise.resolve({ mode: "remote", host: undefined, feed: { markets: () => ["BTC-PERP"] } } as unknown as EngineRuntime);
    const request = new NextRequest("http://localhost/api/public/markets/BTC-PERP/trades", { headers: { [PEER_HEADER]: "203.0.113.50" } });
    const response = await trades(request, { params: Promise.resolve({ symbol: "BTC-PERP" }) });
    const body = await response.text();
    expect(response.status).toBe(503);
    expect(JSON.parse(body).error).toMatch(/temporarily unavailable/i);
    expect(body).not.toMatch(/127\.0\.0\.1|Prisma|invocation|P1001|Internal error/);
    expect(response.headers.get("Retry-After")).toBe("5");
  });
});
