import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/index";
import { ObligationMeter, spreadBpsX100 } from "./obligation-hours";

const H = Date.UTC(2026, 0, 2, 3); // an hour boundary
const MIN = 60_000;
const ev = (e: Record<string, unknown>) => e as unknown as EngineEvent;
const accepted = (nowMs: number, orderId: number, side: "buy" | "sell", price: number, size: number, accountId = 7) =>
  ev({ type: "OrderAccepted", seq: 0, nowMs, orderId, accountId, market: "BTC-PERP", side, orderType: "limit", tif: "GTC", price, size });

describe("AFMM-10: the AFMM's quotes measured against its obligations, hour by hour", () => {
  const run = (minTimeOnBookPct: number) => {
    const meter = new ObligationMeter([{ market: "BTC-PERP", maxSpreadBps: 10, minSizeLots: 10, minTimeOnBookPct }], H, H + 2 * 60 * MIN);
    for (const event of [
      ev({ type: "AccountCreated", seq: 1, nowMs: H - MIN, accountId: 7, kind: "afmm" }),
      ev({ type: "AccountCreated", seq: 2, nowMs: H - MIN, accountId: 8, kind: "client" }),
      // Resting before the window: counted from the window's start.
      accepted(H - MIN, 1, "buy", 100_000, 10),
      accepted(H - MIN, 2, "sell", 100_010, 10),
      // A client's order is not the AFMM's.
      accepted(H, 3, "buy", 100_005, 50, 8),
      // After 30 min a client lifts 5 lots of the ask: below the minimum size.
      ev({ type: "Trade", seq: 5, nowMs: H + 30 * MIN, market: "BTC-PERP", price: 100_010, size: 5, takerOrderId: 9, makerOrderId: 2, makerRemaining: 5 }),
      // After 45 min the bid is cancelled: one-sided.
      ev({ type: "OrderClosed", seq: 6, nowMs: H + 45 * MIN, orderId: 1, accountId: 7, market: "BTC-PERP", reason: "cancelled", cancelledSize: 10 }),
      // In the second hour a new bid far away: two-sided but too wide (20 bps).
      accepted(H + 60 * MIN, 10, "buy", 99_810, 10),
    ])
      meter.observe(event);
    return meter.flush(H + 90 * MIN);
  };

  it("AFMM-10: time two-sided, time within spread and size, time-weighted spread, hour met or not", () => {
    const [first, second] = run(50);
    expect(spreadBpsX100(100_000, 100_010)).toBe(99);
    expect(first).toEqual({
      market: "BTC-PERP",
      hourStartMs: H,
      observedMs: 60 * MIN,
      bothSidesMs: 45 * MIN,
      compliantMs: 30 * MIN,
      spreadBpsX100: 99,
      met: true,
      complete: true,
    });
    expect(second).toMatchObject({ hourStartMs: H + 60 * MIN, observedMs: 30 * MIN, bothSidesMs: 30 * MIN, compliantMs: 0, met: false, complete: false });
    expect(second.spreadBpsX100).toBe(spreadBpsX100(99_810, 100_010));
    expect(run(90)[0].met).toBe(false);
  });

  it("AFMM-10: seeded from an engine image, the meter measures the same as from the journal's start", () => {
    const meter = new ObligationMeter([{ market: "BTC-PERP", maxSpreadBps: 10, minSizeLots: 10, minTimeOnBookPct: 50 }], H, H + 60 * MIN);
    meter.seed(
      [7],
      [
        { market: "BTC-PERP", orderId: 1, accountId: 7, side: "buy", price: 100_000, remaining: 10 },
        { market: "BTC-PERP", orderId: 2, accountId: 7, side: "sell", price: 100_010, remaining: 10 },
        { market: "BTC-PERP", orderId: 3, accountId: 8, side: "buy", price: 100_005, remaining: 50 },
      ],
      H - MIN,
    );
    meter.observe(
      ev({ type: "Trade", seq: 5, nowMs: H + 30 * MIN, market: "BTC-PERP", price: 100_010, size: 5, takerOrderId: 9, makerOrderId: 2, makerRemaining: 5 }),
    );
    meter.observe(
      ev({ type: "OrderClosed", seq: 6, nowMs: H + 45 * MIN, orderId: 1, accountId: 7, market: "BTC-PERP", reason: "cancelled", cancelledSize: 10 }),
    );
    expect(meter.flush(H + 60 * MIN)).toEqual([run(50)[0]]);
  });
});
