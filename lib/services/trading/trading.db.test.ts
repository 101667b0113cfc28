import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { quietMarket, T0 } from "../../../test/quiet-market";
import { accountView, canonicalJson, stateHash as stateHashOf, type Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { PORTAL_CLIENT_ACCOUNT_BASE_ID, CLIENT_DEPOSIT_CONFIRMATION_MS, DepositConfirmations } from "@/lib/simulation/client-deposits";
import { SimulationHost } from "@/lib/simulation/host";
import { EngineJournal } from "@/lib/simulation/journal";
import type { EngineRuntime } from "@/lib/simulation/runtime";
import { cancelOrder } from "@/lib/services/trading/cancel-order";
import { depositCollateral } from "@/lib/services/trading/deposit-collateral";
import { getTradingView } from "@/lib/services/trading/get-trading-view";
import { DEMO_OPENING_DEPOSIT_CENTS } from "@/lib/services/trading/internal";
import { openTradingAccount } from "@/lib/services/trading/open-trading-account";
import { placeOrder } from "@/lib/services/trading/place-order";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { getDisclosureStatus } from "@/lib/services/suitability/get-disclosure-status";
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
  // What startEngineRuntime installs for this process; the services find the engine through it.
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

async function tradingAuditActions(userId: string) {
  return prisma.auditLog.findMany({
    where: { actorId: userId, action: { startsWith: "trading." } },
    orderBy: { seq: "asc" },
    select: { action: true, entityId: true, after: true, reason: true },
  });
}

/** A signed-in client whom compliance has approved for perps (the approval path is tested in lib/services/suitability). */
async function approvedClient(options: { capMicroUsd?: bigint; acknowledgeDisclosure?: boolean } = {}) {
  const actor = await signedInUser(prisma, ["CLIENT"]);
  await approvedForPerps(prisma, actor, options);
  return actor;
}

describe("COL-2, LIQ-5: a client's simulated trading account", () => {
  it("COL-2, LIQ-5: open → demo deposit pending → refused until confirmed → settled → orders rest, fill, and are refused with explanations; every step audited", async () => {
    const actor = await approvedClient();
    const ctx = contextFor(prisma, actor);

    expect((await getTradingView({ ctx })).account).toBeNull();

    const opened = await openTradingAccount({ ctx });
    expect(opened.created).toBe(true);
    expect(opened.engineAccountId).toBeGreaterThanOrEqual(PORTAL_CLIENT_ACCOUNT_BASE_ID);
    expect(await prisma.tradingAccount.findUnique({ where: { userId: actor.userId } })).toMatchObject({ engineAccountId: opened.engineAccountId });
    // Opening again completes nothing new and keeps the same account.
    expect(await openTradingAccount({ ctx })).toEqual({ engineAccountId: opened.engineAccountId, created: false });

    let view = await getTradingView({ ctx });
    const demoMicros = (DEMO_OPENING_DEPOSIT_CENTS * 10_000n).toString();
    expect(view.account).toMatchObject({ engineAccountId: opened.engineAccountId, inEngine: true, equity: "0", pendingDeposits: demoMicros });
    expect(view.account!.pending).toEqual([
      expect.objectContaining({
        assetId: "USD",
        amountMinor: DEMO_OPENING_DEPOSIT_CENTS.toString(),
        indicativeValueUsd: demoMicros,
        pendingSinceMs: now,
        confirmsAtMs: now + CLIENT_DEPOSIT_CONFIRMATION_MS,
        refusal: null,
      }),
    ]);

    // COL-2: pending collateral never counts.
    const early = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "0.01" } });
    expect(early).toMatchObject({ status: "rejected", rejection: { code: "COLLATERAL_NOT_RECEIVED", check: "Pre-trade check: collateral received (COL-2)" } });

    // The simulated confirmation: not a millisecond before its time, then settled.
    now += CLIENT_DEPOSIT_CONFIRMATION_MS - 1;
    await host.step();
    await deposits.settleDue();
    expect((await getTradingView({ ctx })).account!.pending).toHaveLength(1);
    now += 1;
    await deposits.settleDue();
    view = await getTradingView({ ctx });
    expect(view.account!.pending).toEqual([]);
    expect(view.account!.cash).toBe(demoMicros);

    // A limit buy below the book rests, and can be cancelled.
    const resting = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.01" } });
    expect(resting).toMatchObject({ status: "accepted", acceptedLots: 10, filledLots: 0, restingLots: 10 });
    expect((await getTradingView({ ctx })).account!.openOrders).toEqual([
      { orderId: resting.orderId, market: "BTC-PERP", side: "buy", price: 590_000, remaining: 10, reduceOnly: false },
    ]);
    expect(await cancelOrder({ ctx, input: { orderId: String(resting.orderId) } })).toEqual({
      status: "cancelled",
      orderId: resting.orderId,
      cancelledLots: 10,
    });
    expect((await getTradingView({ ctx })).account!.openOrders).toEqual([]);
    expect(await cancelOrder({ ctx, input: { orderId: resting.orderId } })).toMatchObject({ status: "rejected", rejection: { code: "UNKNOWN_ORDER" } });

    // A leveraged market buy (5 BTC, about 3× the equity) fills against the maker; the position
    // carries the engine's liquidation, bankruptcy and ADL figures.
    const filled = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "5" } });
    expect(filled).toMatchObject({ status: "accepted", acceptedLots: 5_000, filledLots: 5_000, restingLots: 0, fillPrices: { low: 600_010, high: 600_010 } });
    view = await getTradingView({ ctx });
    const engineView = accountView(host.state, opened.engineAccountId)!;
    const position = view.account!.positions[0];
    expect(position).toMatchObject({ market: "BTC-PERP", size: 5_000, averageEntry: 600_010 });
    expect(position.liquidationPrice).toBe(engineView.positions[0].liquidationPrice);
    expect(position.bankruptcyPrice).toBe(engineView.positions[0].bankruptcyPrice);
    expect(position.liquidationPrice).toBeGreaterThan(position.bankruptcyPrice);
    expect(position.bankruptcyPrice).toBeGreaterThan(1);
    expect(position.adlLights).toBe(engineView.positions[0].adlLights);
    expect(position.adlLights).toBeGreaterThanOrEqual(1);
    expect(position.adlLights).toBeLessThanOrEqual(5);
    expect(view.account!.marginRatioPpb).toBe(engineView.marginRatioPpb!.toString());

    // Oversize: the initial-margin check refuses it, explained.
    const oversize = await placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "60000", size: "100" } });
    expect(oversize).toMatchObject({ status: "rejected", rejection: { code: "INSUFFICIENT_MARGIN", check: "Pre-trade check: initial margin (COL-2)" } });
    // Reduce-only with nothing to reduce in that market.
    const reduceOnly = await placeOrder({ ctx, input: { market: "ETH-PERP", side: "sell", orderType: "market", size: "1", reduceOnly: "on" } });
    expect(reduceOnly).toMatchObject({ status: "rejected", rejection: { code: "REDUCE_ONLY_WOULD_INCREASE", check: "Pre-trade check: reduce-only" } });
    // Off-tick input never reaches the engine.
    await expect(placeOrder({ ctx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "60000.05", size: "0.01" } })).rejects.toThrow(
      /not a multiple of 0\.1 USD/,
    );

    // COL-1: an eligible stablecoin is taken as a pending notice; HKD needs an FX rate the engine does not have.
    const usdx = await depositCollateral({ ctx, input: { assetId: "USDX-DEMO", amount: "250.5" } });
    expect(usdx).toMatchObject({ status: "pending", assetId: "USDX-DEMO", amountMinor: 250_500_000n, confirmationMs: CLIENT_DEPOSIT_CONFIRMATION_MS });
    const hkd = await depositCollateral({ ctx, input: { assetId: "HKD", amount: "100" } });
    expect(hkd).toMatchObject({ status: "rejected", rejection: { code: "INELIGIBLE_COLLATERAL", check: "Eligible collateral (COL-1)" } });
    now += CLIENT_DEPOSIT_CONFIRMATION_MS;
    await deposits.settleDue();
    view = await getTradingView({ ctx });
    expect(view.account!.collateral).toEqual([expect.objectContaining({ assetId: "USDX-DEMO", amountMinor: "250500000", decimals: 6, haircut: "20000000" })]);

    const audit = await tradingAuditActions(actor.userId);
    expect(audit.map((row) => row.action)).toEqual([
      "trading.account_open",
      "trading.order_place",
      "trading.command_rejected",
      "trading.order_place",
      "trading.order_cancel",
      "trading.order_cancel",
      "trading.command_rejected",
      "trading.order_place",
      "trading.order_place",
      "trading.command_rejected",
      "trading.order_place",
      "trading.command_rejected",
      "trading.deposit",
      "trading.deposit",
      "trading.command_rejected",
    ]);
    expect(audit[0]).toMatchObject({
      entityId: String(opened.engineAccountId),
      after: { engineAccountId: opened.engineAccountId, demoDeposit: { assetId: "USD", amountMinor: DEMO_OPENING_DEPOSIT_CENTS.toString() } },
    });
    expect(audit[2].after).toMatchObject({ command: "PlaceOrder", code: "COLLATERAL_NOT_RECEIVED" });
  });

  it("accounts are per user; one client cannot cancel another's order; staff cannot trade or see the page's data", async () => {
    const first = contextFor(prisma, await approvedClient());
    const second = contextFor(prisma, await approvedClient());
    const a = await openTradingAccount({ ctx: first });
    const b = await openTradingAccount({ ctx: second });
    expect(b.engineAccountId).not.toBe(a.engineAccountId);
    now += CLIENT_DEPOSIT_CONFIRMATION_MS;
    await deposits.settleDue();
    const order = await placeOrder({ ctx: first, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.01" } });
    expect(order.status).toBe("accepted");
    expect(await cancelOrder({ ctx: second, input: { orderId: order.orderId } })).toMatchObject({ status: "rejected", rejection: { code: "UNKNOWN_ORDER" } });
    expect((await getTradingView({ ctx: second })).account!.openOrders).toEqual([]);
    expect((await getTradingView({ ctx: first })).account!.openOrders).toHaveLength(1);

    const staff = contextFor(prisma, await signedInUser(prisma, ["COMPLIANCE_OFFICER"]));
    await expect(openTradingAccount({ ctx: staff })).rejects.toMatchObject({ status: 403 });
    await expect(getTradingView({ ctx: staff })).rejects.toMatchObject({ status: 403 });
    await expect(placeOrder({ ctx: staff, input: { market: "BTC-PERP", side: "buy", orderType: "market", size: "0.01" } })).rejects.toMatchObject({
      status: 403,
    });
    await expect(getTradingView({ ctx: contextFor(prisma, null) })).rejects.toMatchObject({ status: 401 });
  });

  it("cancelling another client's resting order reads exactly like cancelling an id that does not exist", async () => {
    const first = contextFor(prisma, await approvedClient());
    const second = contextFor(prisma, await approvedClient());
    await openTradingAccount({ ctx: first });
    await openTradingAccount({ ctx: second });
    now += CLIENT_DEPOSIT_CONFIRMATION_MS;
    await deposits.settleDue();
    const order = await placeOrder({ ctx: first, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.01" } });
    if (order.status !== "accepted") throw new Error("the resting order was refused");
    const unused = 2_000_000_000;
    const foreign = await cancelOrder({ ctx: second, input: { orderId: order.orderId } });
    const missing = await cancelOrder({ ctx: second, input: { orderId: unused } });
    const anonymised = (outcome: unknown, id: number) => JSON.stringify(outcome).replaceAll(String(id), "<id>");
    expect(anonymised(foreign, order.orderId)).toBe(anonymised(missing, unused));
    expect(foreign).toMatchObject({ status: "rejected", rejection: { code: "UNKNOWN_ORDER", message: `you have no resting order ${order.orderId}` } });
    expect((await getTradingView({ ctx: first })).account!.openOrders).toHaveLength(1);
  });

  it("a deposit of 1 followed by a million zeros USD, or of 10^39 USD, is refused with a specific message and changes nothing", async () => {
    const actor = await approvedClient();
    const ctx = contextFor(prisma, actor);
    const { engineAccountId } = await openTradingAccount({ ctx });
    const before = { audit: await prisma.auditLog.count(), engine: stateHashOf(host.state), account: canonicalJson(accountView(host.state, engineAccountId)) };
    const started = Date.now();
    await expect(depositCollateral({ ctx, input: { assetId: "USD", amount: "1" + "0".repeat(1_000_000) } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["amount"], message: "Enter at most 40 characters." })],
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(depositCollateral({ ctx, input: { assetId: "USD", amount: "1" + "0".repeat(39) } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["amount"], message: "A single deposit of USD is at most 1,000,000,000.00 USD." })],
    });
    await expect(depositCollateral({ ctx, input: { assetId: "USDX-DEMO", amount: "1000000000.000001" } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ message: "A single deposit of USDX-DEMO is at most 1,000,000,000.000000 USDX-DEMO." })],
    });
    expect({ audit: await prisma.auditLog.count(), engine: stateHashOf(host.state), account: canonicalJson(accountView(host.state, engineAccountId)) }).toEqual(
      before,
    );
  });

  it("COL-2: a deposit still pending when the engine reopens keeps its notice time from the journal", async () => {
    const ctx = contextFor(prisma, await approvedClient());
    await openTradingAccount({ ctx });
    const pendingSince = now;
    now += 3_000;
    const restored = new DepositConfirmations({ now: clock, submit: (command) => host.submit(command, "admin") });
    await restored.restore(host.state, (ids) => journal.depositNoticeTimes(ids));
    const view = await getTradingView({ ctx });
    const depositId = view.account!.pending[0].depositId;
    expect(restored.status(depositId)).toEqual({ pendingSinceMs: pendingSince, confirmsAtMs: pendingSince + CLIENT_DEPOSIT_CONFIRMATION_MS, refusal: null });
  });

  it("without an engine in this process the services answer 503 with the reason", async () => {
    const saved = runtimeSlot.perpsEngineRuntime;
    runtimeSlot.perpsEngineRuntime = undefined;
    try {
      const ctx = contextFor(prisma, await approvedClient());
      await expect(getTradingView({ ctx })).rejects.toMatchObject({
        status: 503,
        code: "ENGINE_UNAVAILABLE",
        message: expect.stringMatching(/engine has not started/),
      });
      runtimeSlot.perpsEngineRuntime = Promise.resolve({ mode: "remote" } as unknown as EngineRuntime);
      await expect(openTradingAccount({ ctx })).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/follows a standalone engine/) });
      expect(await prisma.tradingAccount.count({ where: { userId: ctx.actor!.userId } })).toBe(0);
    } finally {
      runtimeSlot.perpsEngineRuntime = saved;
    }
  });

  it("PI-1, SUIT-5: the order service itself refuses a client compliance has not approved, and the engine enforces an approved client's exposure cap", async () => {
    const unapproved = await signedInUser(prisma, ["CLIENT"]);
    const ctx = contextFor(prisma, unapproved);
    await expect(openTradingAccount({ ctx })).rejects.toMatchObject({ status: 403, code: "NOT_APPROVED_PI" });
    expect(await prisma.tradingAccount.count({ where: { userId: unapproved.userId } })).toBe(0);

    // DISC-8: approved, but the disclosure in effect is not acknowledged: nothing until it is.
    const unacknowledged = contextFor(prisma, await approvedClient({ acknowledgeDisclosure: false }));
    await expect(openTradingAccount({ ctx: unacknowledged })).rejects.toMatchObject({ status: 403, code: "DISCLOSURE_NOT_ACKNOWLEDGED" });
    const { current } = await getDisclosureStatus({ ctx: unacknowledged });
    await acknowledgeDisclosure({ ctx: unacknowledged, input: { versionId: current.version.id, contentHash: current.contentHash, confirmed: "on" } });
    expect((await openTradingAccount({ ctx: unacknowledged })).created).toBe(true);

    // Approved for a cap of 50 USD initial margin: a small order passes, one needing more margin does not.
    const capped = await approvedClient({ capMicroUsd: 50_000_000n });
    const cappedCtx = contextFor(prisma, capped);
    const { engineAccountId } = await openTradingAccount({ ctx: cappedCtx });
    expect(host.state.accounts.get(engineAccountId)!.maxInitialMargin).toBe(50_000_000n);
    now += CLIENT_DEPOSIT_CONFIRMATION_MS;
    await deposits.settleDue();
    expect(await placeOrder({ ctx: cappedCtx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.005" } })).toMatchObject({
      status: "accepted",
    });
    expect(await placeOrder({ ctx: cappedCtx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.5" } })).toMatchObject({
      status: "rejected",
      rejection: { code: "EXPOSURE_CAP" },
    });

    // The approval lapses (a compliance officer withdrew it): only reduce-only orders get through, and the refusal is on the record.
    await prisma.onboardingCase.update({ where: { userId: capped.userId }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(
      placeOrder({ ctx: cappedCtx, input: { market: "BTC-PERP", side: "buy", orderType: "limit", price: "59000", size: "0.001" } }),
    ).rejects.toMatchObject({ status: 403, code: "PI_STATUS_EXPIRED" });
    expect(
      await placeOrder({ ctx: cappedCtx, input: { market: "BTC-PERP", side: "sell", orderType: "market", size: "0.001", reduceOnly: "on" } }),
    ).toMatchObject({ status: "rejected", rejection: { code: "REDUCE_ONLY_WOULD_INCREASE" } });
    const refused = (await tradingAuditActions(capped.userId)).filter((row) => row.action === "trading.order_refused");
    expect(refused).toEqual([
      expect.objectContaining({
        after: expect.objectContaining({ code: "PI_STATUS_EXPIRED", market: "BTC-PERP" }),
        reason: expect.stringMatching(/only reduce-only orders/),
      }),
    ]);
  });
});
