import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { testDatabase } from "../../../test/database";
import { MAKER, quietMarket, T0 } from "../../../test/quiet-market";
import { accountView, priceBandOf, protectiveLimitOf, stateHash, type Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { CLIENT_DEPOSIT_CONFIRMATION_MS, DepositConfirmations } from "@/lib/simulation/client-deposits";
import { SimulationHost } from "@/lib/simulation/host";
import { EngineJournal } from "@/lib/simulation/journal";
import type { EngineRuntime } from "@/lib/simulation/runtime";
import { Forbidden, ServiceError } from "@/lib/services/errors";
import { getTradingView } from "@/lib/services/trading/get-trading-view";
import { openTradingAccount } from "@/lib/services/trading/open-trading-account";
import { placeOrder } from "@/lib/services/trading/place-order";
import { previewOrder } from "@/lib/services/trading/preview-order";
import type { OrderTicketInput } from "@/lib/services/trading/schemas";
import { approvedForPerps, contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);

let now = T0;
const clock = () => now;
let host: SimulationHost;
let deposits: DepositConfirmations;
const journal = new EngineJournal(prisma);
const runtimeSlot = globalThis as unknown as { perpsEngineRuntime?: Promise<EngineRuntime> };

beforeAll(async () => {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
  deposits = new DepositConfirmations({ now: clock, submit: (command) => host.submit(command, "admin") });
  host = await SimulationHost.open({
    database,
    journal,
    clock,
    seed: 1,
    simulation: quietMarket,
    publish: (_messages, batch) => batch.entries.forEach((entry) => deposits.observe(entry.events)),
  });
  runtimeSlot.perpsEngineRuntime = Promise.resolve({
    mode: "in-process",
    host,
    deposits,
    submit: (command: Command) => host.submit(command, "client"),
  } as unknown as EngineRuntime);
});

afterAll(async () => {
  runtimeSlot.perpsEngineRuntime = undefined;
  await host?.stop();
  await prisma.$disconnect();
});

/** A client approved for perps with an open, funded simulated account. */
async function fundedClient() {
  const actor = await signedInUser(prisma, ["CLIENT"]);
  await approvedForPerps(prisma, actor);
  const ctx = contextFor(prisma, actor);
  const { engineAccountId } = await openTradingAccount({ ctx });
  now += CLIENT_DEPOSIT_CONFIRMATION_MS;
  await host.step();
  await deposits.settleDue();
  return { actor, ctx, engineAccountId };
}

describe("ORD pre-trade estimate for the client's own account (previewOrder)", () => {
  it("MRG-1, LIQ-3: the estimate before sending equals what the order then does; previewing changes nothing and records nothing", async () => {
    const { actor, ctx, engineAccountId } = await fundedClient();
    const input: OrderTicketInput = { market: "BTC-PERP", side: "buy", orderType: "market", size: "5" };
    const hash = stateHash(host.state);
    const audits = await prisma.auditLog.count({ where: { actorId: actor.userId } });
    const preview = await previewOrder({ ctx, input });
    expect(stateHash(host.state)).toBe(hash);
    expect(await prisma.auditLog.count({ where: { actorId: actor.userId } })).toBe(audits);
    if (!preview.ok) throw new Error(preview.message);
    const market = host.state.marketBySymbol.get("BTC-PERP")!;
    const band = priceBandOf(market.spec, market.mark)!;
    expect(preview).toMatchObject({
      market: "BTC-PERP",
      estimatedFillLots: 5_000,
      estimatedAveragePrice: 600_010,
      worstPrice: 600_010,
      protectivePrice: protectiveLimitOf(market.spec, market.mark, true), // mark + 2 %
      band: { low: band.low, high: band.high, rate: "50000000" },
      wouldBeRejected: null,
    });
    expect(band.low).toBe(Math.ceil(market.mark * 0.95));
    expect(preview.marginUsed).toBeGreaterThan(0n);
    const placed = await placeOrder({ ctx, input });
    expect(placed).toMatchObject({ status: "accepted", filledLots: 5_000 });
    const after = accountView(host.state, engineAccountId)!;
    expect(preview.positionAfter).toBe(after.positions[0].size);
    expect(preview.liquidationPriceAfter).toBe(after.positions[0].liquidationPrice);
    expect(preview.freeCollateralAfter).toBe(after.freeCollateral);
    const view = await getTradingView({ ctx });
    const marketNow = host.state.marketBySymbol.get("BTC-PERP")!;
    const bandNow = priceBandOf(marketNow.spec, marketNow.mark)!;
    expect(view.markets.find((m) => m.symbol === "BTC-PERP")!.priceBand).toMatchObject({
      low: bandNow.low,
      high: bandNow.high,
      marketBuyLimit: protectiveLimitOf(marketNow.spec, marketNow.mark, true),
      marketSellLimit: protectiveLimitOf(marketNow.spec, marketNow.mark, false),
    });
  });

  it("DISC-1: a limit sell at 1.0 USD is previewed with the band refusal, and sending it is refused with the band; nothing changes", async () => {
    const { ctx, engineAccountId } = await fundedClient();
    const input: OrderTicketInput = { market: "BTC-PERP", side: "sell", orderType: "limit", price: "1.0", size: "0.01" };
    const preview = await previewOrder({ ctx, input });
    expect(preview).toMatchObject({
      ok: true,
      wouldBeRejected: {
        code: "PRICE_OUTSIDE_BAND",
        message: expect.stringMatching(/^limit price 1\.0 USD is outside the price band: prices must be within 5% of mark /),
      },
    });
    const before = accountView(host.state, engineAccountId);
    const placed = await placeOrder({ ctx, input });
    expect(placed).toMatchObject({
      status: "rejected",
      rejection: {
        code: "PRICE_OUTSIDE_BAND",
        check: "Pre-trade check: price band",
        message: expect.stringContaining("limit price 1.0 USD is outside the price band"),
      },
    });
    expect(accountView(host.state, engineAccountId)).toEqual(before);
  });

  it("ORD: only the signed-in client's own account — an account id in the input is ignored", async () => {
    const { ctx, engineAccountId } = await fundedClient();
    const makerBefore = accountView(host.state, MAKER)!;
    const hostile = {
      market: "BTC-PERP",
      side: "buy",
      orderType: "market",
      size: "1",
      accountId: MAKER,
      engineAccountId: MAKER,
    } as unknown as OrderTicketInput;
    const preview = await previewOrder({ ctx, input: hostile });
    if (!preview.ok) throw new Error(preview.message);
    // The client is flat: after 1 BTC it is long 1,000 lots (the maker is short thousands).
    expect(preview.positionAfter).toBe(1_000);
    expect(accountView(host.state, engineAccountId)!.positions).toEqual([]);
    expect(accountView(host.state, MAKER)).toEqual(makerBefore);
  });

  it("ORD: hostile input is refused with field errors and changes nothing", async () => {
    const { ctx } = await fundedClient();
    const hash = stateHash(host.state);
    const bad: unknown[] = [
      { market: "BTC-PERP", side: "buy", orderType: "limit", price: "9".repeat(41), size: "1" },
      { market: "X".repeat(10_000), side: "buy", orderType: "market", size: "1" },
      { market: "BTC-PERP", side: "buy", orderType: "stop", size: "1" },
      { market: "BTC-PERP", side: "short", orderType: "market", size: "1" },
      { market: "BTC-PERP", side: "buy", orderType: "limit", price: "60000.05", size: "1" },
      { market: "BTC-PERP", side: "buy", orderType: "market", size: "-1" },
      { market: "BTC-PERP", side: "buy", orderType: "market", price: "1", size: "1" },
      { market: "BTC-PERP", side: "buy", orderType: "market", size: { $gt: 0 } },
      null,
    ];
    for (const input of bad) await expect(previewOrder({ ctx, input: input as OrderTicketInput })).rejects.toBeInstanceOf(ZodError);
    // A size the schema accepts but the engine does not: the engine's own refusal, not an estimate.
    expect(await previewOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "100000" } })).toMatchObject({
      ok: false,
      code: "INVALID_SIZE",
    });
    expect(stateHash(host.state)).toBe(hash);
  });

  it("ORD: only a client who may trade; one without an account is told to open it", async () => {
    const staff = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const input: OrderTicketInput = { market: "BTC-PERP", side: "buy", orderType: "market", size: "1" };
    await expect(previewOrder({ ctx: contextFor(prisma, staff), input })).rejects.toBeInstanceOf(Forbidden);
    await expect(previewOrder({ ctx: contextFor(prisma, null), input })).rejects.toBeInstanceOf(ServiceError);
    const fresh = await signedInUser(prisma, ["CLIENT"]);
    await approvedForPerps(prisma, fresh);
    await expect(previewOrder({ ctx: contextFor(prisma, fresh), input })).rejects.toMatchObject({ status: 412 });
  });
});
