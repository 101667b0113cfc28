import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EngineEvent } from "../engine/index";
import { DEFAULT_SURVEILLANCE_CONFIG, RULE_DOCS, type AfmmQuoteObligation } from "./config";
import { createSurveillance, runSurveillance, type SurveillanceOptions } from "./surveillance";
import { SURVEILLANCE_RULES, type JournaledEvent, type SurveillanceAlert } from "./types";

/** A hand-made journal: events get increasing seqs and one position each. */
class J {
  entries: JournaledEvent[] = [];
  private seq = 0;
  private nextOrder = 1;
  constructor(public now = 3_600_000 * 100) {}
  private push(e: Record<string, unknown>): JournaledEvent {
    this.seq++;
    const entry = { event: { seq: this.seq, nowMs: this.now, ...e } as unknown as EngineEvent, position: this.seq };
    this.entries.push(entry);
    return entry;
  }
  at(ms: number): this {
    this.now = ms;
    return this;
  }
  after(ms: number): this {
    this.now += ms;
    return this;
  }
  order(
    accountId: number,
    side: "buy" | "sell",
    price: number,
    size: number,
    o: { market?: string; tif?: "GTC" | "IOC"; orderType?: "limit" | "market" } = {},
  ): number {
    const orderId = this.nextOrder++;
    this.push({
      type: "OrderAccepted",
      orderId,
      accountId,
      market: o.market ?? "BTC-PERP",
      side,
      orderType: o.orderType ?? "limit",
      tif: o.tif ?? "GTC",
      price,
      size,
      requestedSize: size,
      postOnly: false,
      reduceOnly: false,
      requiredMargin: null,
      availableMargin: 0n,
    });
    return orderId;
  }
  trade(
    taker: { accountId: number; orderId: number; afmm?: boolean },
    maker: { accountId: number; orderId: number; afmm?: boolean; remaining?: number },
    aggressor: "buy" | "sell",
    price: number,
    size: number,
    o: { market?: string; liquidation?: boolean; adl?: boolean; backstop?: boolean } = {},
  ): void {
    this.push({
      type: "Trade",
      market: o.market ?? "BTC-PERP",
      price,
      size,
      aggressor,
      takerOrderId: taker.orderId,
      makerOrderId: maker.orderId,
      takerAccountId: taker.accountId,
      makerAccountId: maker.accountId,
      takerFee: 0n,
      makerFee: 0n,
      makerRemaining: maker.remaining ?? 0,
      liquidation: o.liquidation ?? false,
      backstop: o.backstop ?? false,
      adl: o.adl ?? false,
      takerAfmm: taker.afmm ?? taker.accountId <= 2,
      makerAfmm: maker.afmm ?? maker.accountId <= 2,
    });
  }
  close(orderId: number, accountId: number, cancelledSize: number, reason = "cancelled", market = "BTC-PERP"): void {
    this.push({ type: "OrderClosed", orderId, accountId, market, reason, cancelledSize });
  }
  mark(price: number, index: number, market = "BTC-PERP"): void {
    this.push({ type: "MarkTick", market, price, inputs: { index }, chosen: "p1", fallback: false });
  }
  tick(): void {
    this.push({ type: "FundingSampled", market: "BTC-PERP" });
  }
}

const OBLIGATIONS: AfmmQuoteObligation[] = [{ market: "BTC-PERP", maxSpreadBps: 10, minSizeLots: 100, minTimeOnBookPct: 90 }];
const opts = (o: Partial<SurveillanceOptions> = {}): SurveillanceOptions => ({ obligations: [], affiliateAccountIds: [1, 2], ...o });
const run = (j: J, o: Partial<SurveillanceOptions> = {}, endMs?: number): SurveillanceAlert[] =>
  runSurveillance(j.entries, { ...opts(o), ...(endMs === undefined ? {} : { endMs }) });
const rules = (a: SurveillanceAlert[]) => a.map((x) => x.rule);
const CLIENT = 1_001;

describe("AFMM-8 / LIQ-4: surveillance rules", () => {
  it("AFMM-8: every rule has documentation naming existing parameters", () => {
    for (const r of SURVEILLANCE_RULES) {
      expect(RULE_DOCS[r].description.length).toBeGreaterThan(20);
      for (const p of RULE_DOCS[r].parameters) {
        if (p.startsWith("quoteObligations[]")) continue;
        const [group, key] = p.split(".");
        expect((DEFAULT_SURVEILLANCE_CONFIG as unknown as Record<string, Record<string, unknown>>)[group][key], p).toBeDefined();
      }
    }
  });

  it("AFMM-8: wash trade between two affiliate accounts raises an alert with the trade and both orders; an AFMM–client trade does not", () => {
    const j = new J();
    const a = j.order(2, "sell", 600_000, 50);
    const b = j.order(1, "buy", 600_000, 50, { tif: "IOC" });
    j.trade({ accountId: 1, orderId: b }, { accountId: 2, orderId: a }, "buy", 600_000, 50);
    const alerts = run(j);
    expect(rules(alerts)).toEqual(["wash_trade"]);
    const w = alerts[0];
    expect(w.id).toBe(`wash_trade:BTC-PERP:${w.triggerSeq}`);
    expect(w.afmmAccountIds).toEqual([1, 2]);
    expect(w.evidence.fills).toHaveLength(1);
    expect(w.evidence.orders.map((o) => o.orderId).sort()).toEqual([a, b].sort());
    expect(w.severity).toBe("high");

    const near = new J();
    const c = near.order(CLIENT, "sell", 600_000, 50);
    const d = near.order(1, "buy", 600_000, 50, { tif: "IOC" });
    near.trade({ accountId: 1, orderId: d }, { accountId: CLIENT, orderId: c }, "buy", 600_000, 50);
    expect(run(near)).toEqual([]);
  });

  it("AFMM-8: one wash episode of 100 trades raises one alert (cool-down bucket)", () => {
    const j = new J();
    for (let i = 0; i < 100; i++) {
      j.after(500);
      j.trade({ accountId: 1, orderId: 0 }, { accountId: 2, orderId: 0 }, i % 2 ? "buy" : "sell", 600_000, 10);
    }
    expect(rules(run(j))).toEqual(["wash_trade"]);
  });

  it("AFMM-8: a fill between the AFMM and a client 160 bps from mark alerts; 140 bps and an ADL transfer do not", () => {
    const mk = (price: number, o: { adl?: boolean } = {}) => {
      const j = new J();
      j.mark(600_000, 600_000);
      const c = j.order(CLIENT, "buy", price, 20, { tif: "IOC" });
      j.trade({ accountId: CLIENT, orderId: c }, { accountId: 1, orderId: 99 }, "buy", price, 20, o);
      return run(j);
    };
    const hit = mk(609_600);
    expect(rules(hit)).toEqual(["off_mark_fill"]);
    expect(hit[0].metrics).toMatchObject({ distanceBps: 160, thresholdBps: 150 });
    expect(hit[0].counterpartyAccountIds).toEqual([CLIENT]);
    expect(hit[0].afmmAccountIds).toEqual([1]);
    expect(mk(608_400)).toEqual([]);
    expect(mk(640_000, { adl: true })).toEqual([]);
  });

  it("AFMM-8: AFMM same-side taker fills 10 s before a large client order raise front running with both in the evidence; 40 s before, or the other side, do not", () => {
    const mk = (gapMs: number, clientSide: "buy" | "sell") => {
      const j = new J();
      j.mark(600_000, 600_000);
      const r = j.order(CLIENT + 1, "sell", 600_050, 200);
      const a = j.order(1, "buy", 600_100, 150, { tif: "IOC" });
      j.trade({ accountId: 1, orderId: a }, { accountId: CLIENT + 1, orderId: r, remaining: 50 }, "buy", 600_050, 150);
      j.after(gapMs);
      const c = j.order(CLIENT, clientSide, clientSide === "buy" ? 601_000 : 599_000, 2_500, { tif: "IOC" });
      return { alerts: run(j), afmmOrder: a, clientOrder: c };
    };
    const { alerts, afmmOrder, clientOrder } = mk(10_000, "buy");
    expect(rules(alerts)).toEqual(["front_running"]);
    const f = alerts[0];
    expect(f.metrics).toMatchObject({ flow: "client_order", side: "buy", afmmLots: 150, clientLots: 2_500, leadMs: 10_000 });
    expect(f.counterpartyAccountIds).toEqual([CLIENT]);
    expect(f.evidence.fills.map((x) => x.size)).toEqual([150]);
    expect(f.evidence.orders.map((o) => o.orderId)).toEqual([afmmOrder, clientOrder]);
    // The book as tracked: the client's resting ask with 50 lots left.
    expect(f.evidence.book).toMatchObject({ bestAsk: 600_050, askLots: 50, mark: 600_000 });
    expect(mk(40_000, "buy").alerts).toEqual([]);
    expect(mk(10_000, "sell").alerts).toEqual([]);
  });

  it("LIQ-4 / AFMM-8: AFMM same-side taker fills before a liquidation order's fills raise front running on liquidation flow", () => {
    const j = new J();
    const a = j.order(1, "sell", 599_000, 300, { tif: "IOC" });
    j.trade({ accountId: 1, orderId: a }, { accountId: CLIENT, orderId: 500 }, "sell", 599_900, 300);
    j.after(3_000);
    j.trade({ accountId: CLIENT + 5, orderId: 0 }, { accountId: 1, orderId: 600 }, "sell", 599_000, 80, { liquidation: true });
    const alerts = run(j);
    expect(rules(alerts)).toEqual(["front_running"]);
    expect(alerts[0].metrics).toMatchObject({ flow: "liquidation", side: "sell", afmmLots: 300 });
    expect(alerts[0].severity).toBe("high");
    expect(alerts[0].counterpartyAccountIds).toEqual([CLIENT + 5]);
  });

  it("AFMM-8: a large AFMM order cancelled after 2 s unfilled while the AFMM sold raises spoofing; cancelled after 12 s, or partly filled, does not", () => {
    const mk = (lifeMs: number, fillIt: boolean) => {
      const j = new J();
      const spoof = j.order(1, "buy", 598_000, 3_000);
      j.after(1_000);
      const ask = j.order(1, "sell", 600_100, 100);
      j.trade({ accountId: CLIENT, orderId: 0 }, { accountId: 1, orderId: ask, remaining: 0 }, "buy", 600_100, 100);
      if (fillIt) j.trade({ accountId: CLIENT, orderId: 0 }, { accountId: 1, orderId: spoof, remaining: 2_990 }, "sell", 598_000, 10);
      j.after(lifeMs - 1_000);
      j.close(spoof, 1, fillIt ? 2_990 : 3_000);
      return { alerts: run(j), spoof };
    };
    const { alerts, spoof } = mk(2_000, false);
    expect(rules(alerts)).toEqual(["spoofing"]);
    expect(alerts[0].metrics).toMatchObject({ orderId: spoof, orderLots: 3_000, lifeMs: 2_000, oppositeLots: 100, side: "buy" });
    expect(alerts[0].evidence.orders.find((o) => o.orderId === spoof)).toMatchObject({ filled: 0, closeReason: "cancelled" });
    expect(alerts[0].counterpartyAccountIds).toEqual([CLIENT]);
    expect(mk(12_000, false).alerts).toEqual([]);
    expect(mk(2_000, true).alerts).toEqual([]);
  });

  it("AFMM-8: quotes within the obligation for 30 minutes of an hour raise quote_obligation when the hour closes; the whole hour does not; a partly observed hour is not judged", () => {
    const H = 3_600_000;
    const mk = (quoteMin: number, startOffset = 0) => {
      const j = new J(100 * H + startOffset);
      j.tick();
      const b = j.order(1, "buy", 599_800, 100);
      const a = j.order(1, "sell", 600_200, 100);
      j.after(quoteMin * 60_000 - startOffset);
      if (quoteMin < 60) {
        j.close(b, 1, 100);
        j.close(a, 1, 100);
      }
      return run(j, { obligations: OBLIGATIONS }, 101 * H);
    };
    const low = mk(30);
    expect(rules(low)).toEqual(["quote_obligation"]);
    expect(low[0].metrics).toMatchObject({ quotedPct: 50, minTimeOnBookPct: 90 });
    expect(low[0].triggerAtMs).toBe(101 * H);
    expect(low[0].fromMs).toBe(100 * H);
    expect(mk(60)).toEqual([]);
    expect(mk(30, 60_000)).toEqual([]);
    // Too wide a spread (600,000 ± 0.1 %: 20 bps) never counts as quoting.
    const j = new J(100 * H);
    j.order(1, "buy", 599_400, 100);
    j.order(1, "sell", 600_600, 100);
    expect(rules(run(j, { obligations: OBLIGATIONS }, 101 * H))).toEqual(["quote_obligation"]);
  });

  it("AFMM-8: a live stream raises the closed hour at the first event after it, with the same id as a flush", () => {
    const H = 3_600_000;
    const j = new J(100 * H);
    j.order(1, "buy", 599_800, 100);
    j.at(101 * H + 5).tick();
    const s = createSurveillance(opts({ obligations: OBLIGATIONS }));
    const seen = j.entries.flatMap((e) => s.observe(e));
    expect(rules(seen)).toEqual(["quote_obligation"]);
    expect(seen[0].triggerSeq).toBe(1);
    expect(seen[0].triggerAtMs).toBe(101 * H);
    // The same hour closed by a flush instead (no later event) has the same id.
    const viaFlush = run(Object.assign(new J(), { entries: j.entries.slice(0, 1) }), { obligations: OBLIGATIONS }, 101 * H);
    expect(viaFlush.map((a) => a.id)).toEqual(seen.map((a) => a.id));
  });

  it("AFMM-8: an AFMM share of 98 % of an hour's lots raises volume_share; 96 % does not", () => {
    const H = 3_600_000;
    const mk = (afmmPct: number) => {
      const j = new J(100 * H);
      j.tick();
      for (let i = 0; i < 100; i++) {
        j.after(30_000);
        const afmm = i < afmmPct;
        j.trade({ accountId: CLIENT, orderId: 0 }, { accountId: afmm ? 1 : CLIENT + 1, orderId: 0 }, "buy", 600_000, 100);
      }
      return run(j, {}, 101 * H);
    };
    const hit = mk(98);
    expect(rules(hit)).toEqual(["volume_share"]);
    expect(hit[0].metrics).toMatchObject({ sharePct: 98, limitPct: 97, totalLots: 10_000 });
    expect(mk(96)).toEqual([]);
  });

  it("LIQ-4: mark 110 bps from index after an AFMM trade raises price_divergence; without a recent AFMM trade it does not", () => {
    const mk = (afmmAgoMs: number) => {
      const j = new J();
      j.trade({ accountId: CLIENT, orderId: 0 }, { accountId: 1, orderId: 0 }, "buy", 600_000, 10);
      j.after(afmmAgoMs);
      j.mark(606_600, 600_000);
      return run(j);
    };
    const hit = mk(5_000);
    expect(rules(hit)).toEqual(["price_divergence"]);
    expect(hit[0].metrics).toMatchObject({ divergenceBps: 110, thresholdBps: 100 });
    expect(hit[0].evidence.fills).toHaveLength(1);
    expect(mk(90_000)).toEqual([]);
  });

  it("AFMM-8: evidence lists are capped and the rest counted", () => {
    const H = 3_600_000;
    const j = new J(100 * H);
    j.tick();
    for (let i = 0; i < 120; i++) {
      j.after(1_000);
      const b = j.order(1, "buy", 590_000, 10);
      j.close(b, 1, 10);
    }
    const a = run(j, { obligations: OBLIGATIONS }, 101 * H);
    expect(rules(a)).toEqual(["quote_obligation"]);
    expect(a[0].evidence.orders).toHaveLength(50);
    expect(a[0].metrics.ordersTruncated).toBe(70);
  });

  it("AFMM-8: feeding a journal in arbitrary batches (flush at each batch end) gives the alerts of one pass (property)", () => {
    const H = 3_600_000;
    const step = fc.record({
      kind: fc.constantFrom("wash", "client", "afmmTake", "bigClient", "mark", "quote", "cancel", "gap"),
      ms: fc.integer({ min: 0, max: 400_000 }),
      px: fc.integer({ min: -120, max: 120 }),
    });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }),
        (steps, cuts) => {
          const j = new J(100 * H);
          const open: number[] = [];
          for (const s of steps) {
            j.after(s.ms);
            const p = 600_000 + s.px * 60;
            switch (s.kind) {
              case "wash":
                j.trade({ accountId: 1, orderId: 0 }, { accountId: 2, orderId: 0 }, "buy", p, 10);
                break;
              case "client":
                j.trade({ accountId: CLIENT, orderId: 0 }, { accountId: 1, orderId: 0 }, "sell", p, 40);
                break;
              case "afmmTake":
                j.trade({ accountId: 1, orderId: 0 }, { accountId: CLIENT, orderId: 0 }, "buy", p, 150);
                break;
              case "bigClient":
                j.order(CLIENT, "buy", p, 3_000, { tif: "IOC" });
                break;
              case "mark":
                j.mark(p, 600_000);
                break;
              case "quote":
                open.push(j.order(1, s.px > 0 ? "buy" : "sell", s.px > 0 ? 599_800 : 600_200, 3_000));
                break;
              case "cancel":
                if (open.length > 0) j.close(open.shift()!, 1, 3_000);
                break;
              case "gap":
                j.after(H / 2);
                break;
            }
          }
          const o = opts({ obligations: OBLIGATIONS });
          const whole = runSurveillance(j.entries, o);
          const s = createSurveillance(o);
          const batched: SurveillanceAlert[] = [];
          let i = 0;
          let c = 0;
          while (i < j.entries.length) {
            const n = cuts[c++ % cuts.length];
            const batch = j.entries.slice(i, i + n);
            i += n;
            for (const e of batch) batched.push(...s.observe(e));
            batched.push(...s.flush(batch[batch.length - 1].event.nowMs));
          }
          expect(batched).toEqual(whole);
          expect(new Set(whole.map((a) => a.id)).size).toBe(whole.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
