/**
 * Scheduled parameter changes (advance notice), the preview of an account and a market under
 * proposed values, and the tightening rule.
 *
 * Units: BTC-PERP tick 0.1 USD, lot 0.001 BTC, so one tick × one lot = 100 micro-USD.
 */
import { describe, expect, it } from "vitest";
import {
  accountView,
  apply,
  configHash,
  DEFAULT_ENGINE_CONFIG,
  marketImpactOfChanges,
  previewAccountUnderChanges,
  replay,
  scheduledParameterChanges,
  snapshot,
  stateHash,
  tighteningChanges,
  type EngineState,
} from "./index";
import { FIXED_MARKET_PARAMETERS, PARAMETER_TIGHTENING, docPathOf, flattenParameters, marketSpecInputOf } from "./parameters";
import { BTC_PERP } from "./default-config";
import { T0, T1 as t, must, newEngine, quietConfig, restoredFromText, SOURCES } from "./test-helpers";
import type { Command, MarketParametersScheduled, MarketParametersUpdated } from "./types";

const MMR = "marginTiers[0].maintenanceMarginRate";

function schedule(changes: Array<{ path: string; value: unknown }>, nowMs: number, effectiveAtMs: number, market = "BTC-PERP"): Command {
  return { type: "UpdateMarketParameters", nowMs, market, changes, reason: "Risk committee decision RC-2026-07", effectiveAtMs };
}

/** The scenario's commands: quotes, a 12x short (account 2) against a deep long (account 1). */
function journal(): Command[] {
  const q = (nowMs: number, price: number): Command => ({
    type: "IndexQuotes",
    nowMs,
    market: "BTC-PERP",
    quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price, timestampMs: nowMs })),
  });
  return [
    q(t, 600_000),
    { type: "CreateAccount", nowMs: t, accountId: 1, kind: "client" },
    { type: "Deposit", nowMs: t, accountId: 1, depositId: "d1", assetId: "USD", amountMinor: 100_000_000n },
    { type: "SettleDeposit", nowMs: t, depositId: "d1" },
    { type: "CreateAccount", nowMs: t, accountId: 2, kind: "client" },
    { type: "Deposit", nowMs: t, accountId: 2, depositId: "d2", assetId: "USD", amountMinor: 50_000n },
    { type: "SettleDeposit", nowMs: t, depositId: "d2" },
    { type: "PlaceOrder", nowMs: t, accountId: 2, orderId: 1, market: "BTC-PERP", side: "sell", orderType: "limit", price: 600_000, size: 100 },
    { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 2, market: "BTC-PERP", side: "buy", orderType: "market", size: 100 },
    { type: "PlaceOrder", nowMs: t, accountId: 1, orderId: 3, market: "BTC-PERP", side: "buy", orderType: "limit", price: 590_000, size: 20 },
    q(t + 1, 645_000),
  ];
}

function scenario(): EngineState {
  const s = newEngine(quietConfig());
  for (const c of journal()) must(s, c);
  return s;
}

describe("scheduled parameter changes (advance notice)", () => {
  it("MRG-5 / DISC-1: a change with a future effectiveAtMs is validated now, held, and applied exactly at its instant before the command's own work", () => {
    const s = scenario();
    const hash = configHash(s);
    const at = t + 60_000;
    const r = must(s, schedule([{ path: MMR, value: 8_000_000n }], t + 2, at));
    expect(r.events).toHaveLength(1);
    const ev = r.events[0] as MarketParametersScheduled;
    expect(ev).toMatchObject({
      type: "MarketParametersScheduled",
      scheduleId: ev.seq,
      market: "BTC-PERP",
      changes: [{ path: MMR, previous: 5_000_000n, next: 8_000_000n }],
      effectiveAtMs: at,
      nowMs: t + 2,
    });
    // Nothing in force changed; it is listed as pending.
    expect(configHash(s)).toBe(hash);
    expect(scheduledParameterChanges(s)).toEqual([
      {
        scheduleId: ev.seq,
        market: "BTC-PERP",
        changes: [{ path: MMR, previous: 5_000_000n, next: 8_000_000n }],
        rawChanges: [{ path: MMR, value: 8_000_000n }],
        reason: "Risk committee decision RC-2026-07",
        effectiveAtMs: at,
        scheduledAtMs: t + 2,
      },
    ]);
    // One millisecond before: still pending.
    expect(must(s, { type: "Tick", nowMs: at - 1 }).events.some((e) => e.type === "MarketParametersUpdated")).toBe(false);
    expect(s.marketBySymbol.get("BTC-PERP")!.spec.marginTiers[0].maintenanceMarginRate).toBe(5_000_000n);
    // A later command applies it first, stamped with the effective instant, then does its own work.
    const tick = must(s, { type: "Tick", nowMs: at + 5_000 });
    const upd = tick.events[0] as MarketParametersUpdated;
    expect(upd).toMatchObject({ type: "MarketParametersUpdated", scheduleId: ev.seq, effectiveFromMs: at, nowMs: at, reason: ev.reason });
    expect(upd.changes).toEqual([{ path: MMR, previous: 5_000_000n, next: 8_000_000n }]);
    // Its follow-ups (margin calls of holders now below initial margin) are stamped with it; the Tick's own work comes after.
    const atUpdate = tick.events.filter((e) => e.nowMs === at);
    expect(atUpdate.slice(1).every((e) => e.type === "MarginCall" && e.causeSeq === upd.seq)).toBe(true);
    expect(tick.events.slice(atUpdate.length).every((e) => e.nowMs === at + 5_000)).toBe(true);
    expect(s.marketBySymbol.get("BTC-PERP")!.spec.marginTiers[0].maintenanceMarginRate).toBe(8_000_000n);
    expect(scheduledParameterChanges(s)).toEqual([]);
    expect(s.nextScheduledMs).toBe(Number.POSITIVE_INFINITY);
    expect(s.now).toBe(at + 5_000);
  });

  it("MRG-5: effectiveAtMs at or before nowMs is today's immediate change; a scheduled change is refused exactly like an immediate one", () => {
    const s = scenario();
    const r = must(s, schedule([{ path: MMR, value: 8_000_000n }], t + 2, t + 2));
    expect(r.events[0]).toMatchObject({ type: "MarketParametersUpdated", effectiveFromMs: t + 2 });
    expect((r.events[0] as MarketParametersUpdated).scheduleId).toBeUndefined();
    for (const [c, part] of [
      [schedule([{ path: MMR, value: 30_000_000n }], t + 3, t + 9_000), "IM_NOT_ABOVE_MM"],
      [schedule([{ path: "tickSize", value: "1" }], t + 3, t + 9_000), "fixed for the life of the market"],
      [{ ...schedule([{ path: MMR, value: 9_000_000n }], t + 3, t + 9_000), effectiveAtMs: 1.5 }, "effectiveAtMs must be a safe integer"],
    ] as Array<[Command, string]>) {
      const hash = stateHash(s);
      const res = apply(s, c);
      expect(res.rejection?.code).toBe("INVALID_PARAMETER_CHANGE");
      expect(res.rejection?.message).toContain(part);
      expect(stateHash(s)).toBe(hash);
    }
  });

  it("MRG-5: due changes apply in effective-time order, then by scheduleId; one no longer valid at its instant fails and changes nothing", () => {
    const s = scenario();
    const a = must(s, schedule([{ path: "fees.takerFeeRate", value: 700_000n }], t + 2, t + 20_000)).events[0].seq;
    const b = must(s, schedule([{ path: "fees.takerFeeRate", value: 600_000n }], t + 3, t + 10_000)).events[0].seq;
    // Same instant as b, later id: re-validated after b it is a no-op, so it fails.
    const c = must(s, schedule([{ path: "fees.takerFeeRate", value: 600_000n }], t + 4, t + 10_000)).events[0].seq;
    expect(scheduledParameterChanges(s).map((x) => x.scheduleId)).toEqual([b, c, a]);
    const r = must(s, { type: "Tick", nowMs: t + 30_000 });
    const head = r.events.filter((e) => e.type === "MarketParametersUpdated" || e.type === "ScheduledParametersFailed");
    expect(head.map((e) => [e.type, e.nowMs])).toEqual([
      ["MarketParametersUpdated", t + 10_000],
      ["ScheduledParametersFailed", t + 10_000],
      ["MarketParametersUpdated", t + 20_000],
    ]);
    expect(head[1]).toMatchObject({ scheduleId: c, market: "BTC-PERP" });
    expect((head[1] as { message: string }).message).toContain("no change: fees.takerFeeRate");
    expect((head[2] as MarketParametersUpdated).changes).toEqual([{ path: "fees.takerFeeRate", previous: 600_000n, next: 700_000n }]);
    expect(s.marketBySymbol.get("BTC-PERP")!.spec.fees.takerFeeRate).toBe(700_000n);
  });

  it("MRG-5: a pending change can be withdrawn; an unknown, applied or repeated id is refused with UNKNOWN_SCHEDULE and changes nothing", () => {
    const s = scenario();
    const id = must(s, schedule([{ path: MMR, value: 8_000_000n }], t + 2, t + 60_000)).events[0].seq;
    const refuse = (c: Command, code: string) => {
      const hash = stateHash(s);
      const r = apply(s, c);
      expect(r.rejection?.code).toBe(code);
      expect(r.events).toEqual([]);
      expect(stateHash(s)).toBe(hash);
    };
    refuse({ type: "CancelScheduledParameters", nowMs: t + 3, scheduleId: id, reason: "x" }, "INVALID_PARAMETER_CHANGE");
    refuse({ type: "CancelScheduledParameters", nowMs: t + 3, scheduleId: 999_999, reason: "withdrawn" }, "UNKNOWN_SCHEDULE");
    refuse({ type: "CancelScheduledParameters", nowMs: t + 3, scheduleId: "1" as unknown as number, reason: "withdrawn" }, "UNKNOWN_SCHEDULE");
    const r = must(s, { type: "CancelScheduledParameters", nowMs: t + 3, scheduleId: id, reason: "Committee withdrew RC-2026-07" });
    expect(r.events).toEqual([
      { type: "ScheduledParametersCancelled", seq: r.events[0].seq, nowMs: t + 3, scheduleId: id, market: "BTC-PERP", reason: "Committee withdrew RC-2026-07" },
    ]);
    refuse({ type: "CancelScheduledParameters", nowMs: t + 4, scheduleId: id, reason: "again" }, "UNKNOWN_SCHEDULE");
    must(s, { type: "Tick", nowMs: t + 70_000 });
    expect(s.marketBySymbol.get("BTC-PERP")!.spec.marginTiers[0].maintenanceMarginRate).toBe(5_000_000n);
    // After its instant a change can no longer be withdrawn: the cancel itself applies it first.
    const id2 = must(s, schedule([{ path: MMR, value: 8_000_000n }], t + 70_001, t + 80_000)).events[0].seq;
    refuse({ type: "CancelScheduledParameters", nowMs: t + 80_000, scheduleId: id2, reason: "too late" }, "UNKNOWN_SCHEDULE");
    expect(scheduledParameterChanges(s).map((x) => x.scheduleId)).toEqual([id2]);
  });

  it("MRG-5 / INV-8: a command rejected at the due time changes nothing; the next accepted command applies the change identically", () => {
    const s = scenario();
    must(s, schedule([{ path: MMR, value: 8_000_000n }], t + 2, t + 10_000));
    const hash = stateHash(s);
    const seq = s.seq;
    // The order is checked under the new values (then refused); the state is as before.
    const r = apply(s, {
      type: "PlaceOrder",
      nowMs: t + 20_000,
      accountId: 99,
      orderId: 50,
      market: "BTC-PERP",
      side: "buy",
      orderType: "limit",
      price: 1,
      size: 1,
    });
    expect(r.rejection?.code).toBe("UNKNOWN_ACCOUNT");
    expect(r.events).toEqual([]);
    expect([stateHash(s), s.seq]).toEqual([hash, seq]);
    expect(s.marketBySymbol.get("BTC-PERP")!.spec.marginTiers[0].maintenanceMarginRate).toBe(5_000_000n);
    const next = must(s, { type: "Tick", nowMs: t + 20_000 });
    expect(next.events[0]).toMatchObject({ type: "MarketParametersUpdated", seq: seq + 1, nowMs: t + 10_000 });
  });

  it("MRG-5 / INV-9: pending changes are in the snapshot; restore and replay reproduce them and their application; none = the old image", () => {
    const s = scenario();
    const before = snapshot(s);
    expect("scheduledParameters" in before).toBe(false);
    const cmds: Command[] = [
      schedule([{ path: MMR, value: 8_000_000n }], t + 2, t + 10_000),
      schedule([{ path: "fees.takerFeeRate", value: 600_000n }], t + 3, t + 5_000),
    ];
    for (const c of cmds) must(s, c);
    expect(snapshot(s).scheduledParameters?.map((x) => x.effectiveAtMs)).toEqual([t + 5_000, t + 10_000]);
    const restored = restoredFromText(s);
    expect(stateHash(restored)).toBe(stateHash(s));
    expect(restored.nextScheduledMs).toBe(t + 5_000);
    const later: Command = { type: "Tick", nowMs: t + 15_000 };
    const e1 = must(s, later).events;
    const e2 = must(restored, later).events;
    expect(e2).toEqual(e1);
    expect(stateHash(restored)).toBe(stateHash(s));
    expect(stateHash(replay({ config: quietConfig(), startMs: T0 }, [...journal(), ...cmds, later]))).toBe(stateHash(s));
    expect(snapshot(s).scheduledParameters).toBeUndefined();
  });
});

describe("preview under proposed values", () => {
  const proposal = [{ path: MMR, value: 10_000_000n }];

  it("MRG-5: an account's preview under a proposed change equals its view once the change is in force (engine replayed with the change)", () => {
    const s = scenario();
    const hash = stateHash(s);
    const p = previewAccountUnderChanges(s, 2, "BTC-PERP", proposal);
    if (!p.ok) throw new Error(p.message);
    expect(stateHash(s)).toBe(hash);
    const now = accountView(s, 2)!;
    expect(p.before).toEqual({
      equity: now.equity,
      maintenanceMargin: now.maintenanceMargin,
      initialMargin: now.initialMargin,
      marginRatioPpb: now.marginRatioPpb,
      positions: now.positions.map((x) => ({
        market: x.market,
        size: x.size,
        liquidationPrice: x.liquidationPrice,
        maintenanceMargin: x.maintenanceMargin,
        initialMargin: x.initialMargin,
      })),
    });
    const applied = replay({ config: quietConfig(), startMs: T0 }, [
      ...journal(),
      { type: "UpdateMarketParameters", nowMs: t + 2, market: "BTC-PERP", changes: proposal, reason: "in force" },
    ]);
    for (const id of [1, 2]) {
      const pr = previewAccountUnderChanges(s, id, "BTC-PERP", proposal);
      if (!pr.ok) throw new Error(pr.message);
      const v = accountView(applied, id)!;
      expect(pr.after).toEqual({
        equity: v.equity,
        maintenanceMargin: v.maintenanceMargin,
        initialMargin: v.initialMargin,
        marginRatioPpb: v.marginRatioPpb,
        positions: v.positions.map((x) => ({
          market: x.market,
          size: x.size,
          liquidationPrice: x.liquidationPrice,
          maintenanceMargin: x.maintenanceMargin,
          initialMargin: x.initialMargin,
        })),
      });
    }
    // The short's liquidation price moves toward the mark under the higher rate.
    expect(p.after.positions[0].liquidationPrice).toBeLessThan(p.before.positions[0].liquidationPrice);
  });

  it("MRG-5: the market impact sums the holders' maintenance margin and names those who would be below maintenance or initial margin", () => {
    const s = scenario();
    const hash = stateHash(s);
    const impact = marketImpactOfChanges(s, "BTC-PERP", proposal);
    expect(stateHash(s)).toBe(hash);
    const applied = replay({ config: quietConfig(), startMs: T0 }, [
      ...journal(),
      { type: "UpdateMarketParameters", nowMs: t + 2, market: "BTC-PERP", changes: proposal, reason: "in force" },
    ]);
    const mm = (st: EngineState) => accountView(st, 1)!.positions[0].maintenanceMargin + accountView(st, 2)!.positions[0].maintenanceMargin;
    expect(impact).toEqual({
      ok: true,
      holders: 2,
      belowMaintenanceAfter: [2],
      belowInitialAfter: [2],
      maintenanceBefore: mm(s),
      maintenanceAfter: mm(applied),
    });
    // 12x short after a 7.5 % rise: 645,000 ticks × 100 lots × 100 µUSD = 6,450 USD at 1 % = 64.50 USD, above its ~48.80 USD equity.
    expect(accountView(applied, 2)!.maintenanceMargin).toBe(64_500_000n);
  });

  it("MRG-5: a preview of a refused change, an unknown account or market returns the reason and changes nothing", () => {
    const s = scenario();
    const hash = stateHash(s);
    expect(previewAccountUnderChanges(s, 2, "BTC-PERP", [{ path: MMR, value: 30_000_000n }])).toMatchObject({ ok: false });
    expect(previewAccountUnderChanges(s, 77, "BTC-PERP", proposal)).toEqual({ ok: false, message: "unknown account 77" });
    expect(marketImpactOfChanges(s, "NO-SUCH", proposal)).toEqual({ ok: false, message: "unknown market NO-SUCH" });
    expect(stateHash(s)).toBe(hash);
    // The cached initial margin of the account is not the preview's: a real view is unchanged.
    expect(accountView(s, 2)!.maintenanceMargin).toBe(accountView(restoredFromText(s), 2)!.maintenanceMargin);
  });
});

describe("the tightening rule", () => {
  it("MRG-5: every changeable parameter leaf is classified, and only changeable ones", () => {
    const leaves = new Set<string>();
    for (const m of DEFAULT_ENGINE_CONFIG.markets) for (const [p] of flattenParameters(marketSpecInputOf(m))) leaves.add(docPathOf(p));
    // The other funding cap rule, not in the default configuration.
    leaves.add("funding.cap.rate");
    const compound = "liquidation.backstopEquityBelowMaintenance";
    const changeable = [...leaves].filter((p) => FIXED_MARKET_PARAMETERS[p] === undefined);
    for (const p of changeable) expect(PARAMETER_TIGHTENING[p.startsWith(compound + ".") ? compound : p], p).toBeDefined();
    for (const p of Object.keys(PARAMETER_TIGHTENING)) expect(FIXED_MARKET_PARAMETERS[p], p).toBeUndefined();
  });

  it("MRG-5: higher MMR, lower leverage, lower tier floor or position limit, higher liquidation fee and backstop fraction tighten; the reverse and fees do not", () => {
    const T = (path: string, value: unknown) => tighteningChanges(BTC_PERP, [{ path, value }]);
    expect(T(MMR, 6_000_000n)).toEqual([MMR]);
    expect(T(MMR, 4_000_000n)).toEqual([]);
    expect(T("marginTiers[0].maxLeverage", 20)).toEqual(["marginTiers[0].maxLeverage"]);
    expect(T("marginTiers[0].maxLeverage", 100)).toEqual([]);
    expect(T("marginTiers[1].floorNotional", 1n)).toEqual(["marginTiers[1].floorNotional"]);
    expect(T("maxPositionNotional", BTC_PERP.maxPositionNotional - 1n)).toEqual(["maxPositionNotional"]);
    expect(T("maxPositionNotional", BTC_PERP.maxPositionNotional + 1n)).toEqual([]);
    expect(T("liquidation.liquidationFeeRate", BTC_PERP.liquidation.liquidationFeeRate + 1n)).toEqual(["liquidation.liquidationFeeRate"]);
    expect(T("liquidation.backstopEquityBelowMaintenance", { numerator: 3, denominator: 4 })).toEqual(["liquidation.backstopEquityBelowMaintenance"]);
    expect(T("liquidation.backstopEquityBelowMaintenance", { numerator: 3, denominator: 5 })).toEqual([]);
    expect(T("liquidation.backstopEquityBelowMaintenance.numerator", 1)).toEqual([]);
    expect(T("fees.takerFeeRate", 900_000n)).toEqual([]);
    expect(T("index.bandRate", BTC_PERP.index.bandRate - 1n)).toEqual(["index.bandRate"]);
    // A whole-array replacement counts when anything inside tightens; removing a tier is not provably looser.
    const tiers = marketSpecInputOf(BTC_PERP).marginTiers;
    expect(T("marginTiers", tiers.slice(0, -1))).toEqual(["marginTiers"]);
    expect(
      T(
        "marginTiers",
        tiers.map((x, i) => (i === 0 ? { ...x, maintenanceMarginRate: x.maintenanceMarginRate - 1n } : x)),
      ),
    ).toEqual([]);
    // Several changes: only the tightening ones are returned, in the given order; unresolvable paths are left out.
    expect(
      tighteningChanges(BTC_PERP, [
        { path: "fees.takerFeeRate", value: 900_000n },
        { path: "no.such", value: 1n },
        { path: MMR, value: 6_000_000n },
      ]),
    ).toEqual([MMR]);
  });
});
