import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_CONFIG, type EngineState } from "../engine/index";
import { AFMM_ACCOUNT_ID, AFMM_AFFILIATE_ACCOUNT_ID, DEFAULT_START_MS, SQUEEZE_DESK_ACCOUNT_ID, parseScenario, runHeadless } from "../simulation/market/index";
import { DEFAULT_SURVEILLANCE_CONFIG } from "./config";
import { surveillanceSeedFromEngine } from "./seed";
import { createSurveillance, replayStartMs, runSurveillance, type SurveillanceSeed } from "./surveillance";
import type { JournaledEvent, SurveillanceAlert } from "./types";

const MIN = 60_000;
const venues = new Map(DEFAULT_ENGINE_CONFIG.markets.map((m) => [m.symbol, m.index.sources.map((s) => s.id)] as const));

describe("AFMM-8 / LIQ-4: planted conduct patterns", () => {
  it("AFMM-8: planted scenarios validate their fields like every scenario", () => {
    expect(parseScenario({ type: "plant-front-run", market: "BTC-PERP" }, venues)).toMatchObject({
      ok: true,
      value: { side: "buy", leadSec: 5, durationSec: 30 },
    });
    expect(parseScenario({ type: "plant-front-run", market: "BTC-PERP", leadSec: 40, durationSec: 30 }, venues)).toEqual({
      ok: false,
      errors: ["leadSec: must be less than durationSec"],
    });
    expect(parseScenario({ type: "plant-wash", market: "XRP-PERP" }, venues)).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^market: unknown market/)],
    });
    expect(parseScenario({ type: "plant-wash", market: "BTC-PERP", trades: 0 }, venues)).toEqual({ ok: false, errors: ["trades: must be ≥ 1"] });
    expect(parseScenario({ type: "plant-spoof", market: "ETH-PERP", spoofNotionalUsd: -1 }, venues)).toEqual({
      ok: false,
      errors: ["spoofNotionalUsd: must be > 0 USD"],
    });
    expect(parseScenario({ type: "plant-spoof", market: "ETH-PERP", size: 3 }, venues)).toEqual({ ok: false, errors: ["unknown field(s): size"] });
  });

  it("AFMM-8: a headless run with a planted front-run, wash and spoof raises the matching alerts at once, and a replay from a mid-run seed reproduces the alerts", () => {
    const journal: JournaledEvent[] = [];
    const captured: { seed: SurveillanceSeed | null; position: number } = { seed: null, position: 0 };
    const seedAt = DEFAULT_START_MS + 9 * MIN;
    const at = { frontRun: 10 * MIN, wash: 14 * MIN, spoof: 18 * MIN };
    runHeadless({
      seed: 42,
      durationMs: 24 * MIN,
      scenarios: [
        { atMs: at.frontRun, input: { type: "plant-front-run", market: "BTC-PERP", side: "buy" } },
        { atMs: at.wash, input: { type: "plant-wash", market: "ETH-PERP", trades: 3 } },
        { atMs: at.spoof, input: { type: "plant-spoof", market: "BTC-PERP", side: "sell" } },
      ],
      onEvents: (events, position, engine: EngineState) => {
        for (const event of events) journal.push({ event, position });
        if (captured.seed === null && engine.now >= seedAt) {
          captured.seed = surveillanceSeedFromEngine(engine);
          captured.position = position;
        }
      },
    });
    const options = { obligations: [], affiliateAccountIds: [AFMM_ACCOUNT_ID] };
    // Live: which entry emitted each alert (engine time), to measure the lag.
    const s = createSurveillance(options);
    const emittedAt = new Map<string, number>();
    const alerts: SurveillanceAlert[] = [];
    for (const e of journal) {
      for (const a of s.observe(e)) {
        alerts.push(a);
        emittedAt.set(a.id, e.event.nowMs);
      }
    }
    const lagOf = (a: SurveillanceAlert, completedMs: number) => emittedAt.get(a.id)! - completedMs;

    // Front run: the AFMM's taker buy at the start, the squeeze desk's block 5 s later.
    const t0 = DEFAULT_START_MS + at.frontRun;
    const block = journal.find((e) => e.event.type === "OrderAccepted" && e.event.accountId === SQUEEZE_DESK_ACCOUNT_ID && e.event.nowMs >= t0 + 5_000)!.event;
    const fr = alerts.find((a) => a.rule === "front_running" && a.market === "BTC-PERP" && a.triggerSeq === block.seq);
    expect(fr, "front_running raised").toBeDefined();
    expect(fr!.evidence.fills.some((f) => f.takerAccountId === AFMM_ACCOUNT_ID && f.aggressor === "buy" && f.atMs >= t0)).toBe(true);
    expect(fr!.evidence.orders.some((o) => o.accountId === SQUEEZE_DESK_ACCOUNT_ID && o.acceptedSeq === block.seq)).toBe(true);
    expect(lagOf(fr!, block.nowMs)).toBe(0);

    // Wash: the AFMM and the second affiliate account.
    const washTrade = journal.find(
      (e) =>
        e.event.type === "Trade" &&
        e.event.market === "ETH-PERP" &&
        [e.event.takerAccountId, e.event.makerAccountId].sort().join() === `${AFMM_ACCOUNT_ID},${AFMM_AFFILIATE_ACCOUNT_ID}`,
    )!.event;
    const wash = alerts.find((a) => a.rule === "wash_trade" && a.market === "ETH-PERP");
    expect(wash, "wash_trade raised").toBeDefined();
    expect(wash!.triggerSeq).toBe(washTrade.seq);
    expect(wash!.afmmAccountIds).toEqual([AFMM_ACCOUNT_ID, AFMM_AFFILIATE_ACCOUNT_ID]);
    expect(lagOf(wash!, washTrade.nowMs)).toBe(0);

    // Spoof: the large AFMM sell rested at the start and cancelled 2 s later, unfilled.
    const t2 = DEFAULT_START_MS + at.spoof;
    const spoofOrder = journal.find(
      (e) =>
        e.event.type === "OrderAccepted" && e.event.accountId === AFMM_ACCOUNT_ID && e.event.nowMs >= t2 && e.event.side === "sell" && e.event.size >= 2_500,
    )!.event;
    const spoof = alerts.find((a) => a.rule === "spoofing" && a.metrics.orderId === (spoofOrder as { orderId: number }).orderId);
    expect(spoof, "spoofing raised").toBeDefined();
    expect(spoof!.metrics.lifeMs).toBe(2_000);
    expect(lagOf(spoof!, spoof!.triggerAtMs)).toBe(0);

    // Nothing else in this clean run (no quote obligations passed).
    expect(alerts.filter((a) => a !== fr && a !== wash && a !== spoof)).toEqual([]);

    // Replay from a seed read from the engine at minute 9 gives the same alerts (same ids, same evidence).
    expect(captured.seed).not.toBeNull();
    const sd = captured.seed!;
    const replay = runSurveillance(
      journal.filter((e) => e.position > captured.position),
      { ...options, seed: sd },
    );
    const whole = runSurveillance(journal, options);
    const reproducible = (a: SurveillanceAlert) => replayStartMs(a, DEFAULT_SURVEILLANCE_CONFIG) >= sd.atMs;
    expect(whole.filter(reproducible).length).toBeGreaterThanOrEqual(3);
    expect(replay.filter(reproducible)).toEqual(whole.filter(reproducible));
  }, 60_000);
});
