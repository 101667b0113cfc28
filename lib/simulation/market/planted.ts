/**
 * Planted conduct patterns (AFMM-8): scenarios in which the affiliated market maker does what
 * surveillance must catch, through ordinary orders. Each trade is arranged so that it happens with
 * the intended counterparty whatever the book holds: the counterparty first rests an order strictly
 * inside the spread (the best price on its side), then the AFMM sends an IOC at that price, then the
 * counterparty's remainder is cancelled — three consecutive commands, applied before anyone else acts.
 *
 * - plant-front-run: the AFMM buys (sells) `afmmNotionalUsd` from the squeeze desk; `leadSec` later
 *   the squeeze desk (a client) sends a block IOC of `blockNotionalUsd` on the same side.
 * - plant-wash: the second affiliate account (created and funded when needed) and the AFMM trade
 *   with each other `trades` times, one per step, alternating sides.
 * - plant-spoof: the AFMM rests a large order 30 bps behind spot on `side`, sells (buys) to the
 *   squeeze desk on the other side, and cancels the large order `holdSec` later.
 */

import { accountView, marketView, type EngineState, type MarketSpec } from "../../engine/index";
import { AFMM_ACCOUNT_ID, AFMM_AFFILIATE_ACCOUNT_ID, SQUEEZE_DESK_ACCOUNT_ID } from "./config";
import { BPS, BUY, PPB, SELL, USD_CENTS, type OrderDesk } from "./order-desk";
import type { PlantFrontRunInput, PlantSpoofInput, PlantWashInput } from "./scenarios";

const USD = 1_000_000n;
/** Margin wired into the second affiliate account when a plant-wash scenario creates it, micro-USD. */
const AFFILIATE_DEPOSIT = 5_000_000n * USD;
/** The spoof order rests this far behind spot, ppb (30 bps). */
const SPOOF_DEPTH_PPB = 30 * BPS;

interface Plant {
  scenarioId: string;
  mi: number;
  input: PlantFrontRunInput | PlantWashInput | PlantSpoofInput;
  endMs: number;
  /** plant-front-run / plant-spoof: 0 = the first trade is still to do, 1 = done, 2 = all done. */
  phase: number;
  /** When the follow-up (client block, cancel) is due. */
  dueMs: number;
  /** plant-spoof: the large order's id. */
  spoofOrderId: number;
  /** plant-wash: trades sent. */
  sent: number;
}

export class Planter {
  private readonly plants: Plant[] = [];

  constructor(
    private readonly specs: MarketSpec[],
    private readonly desk: OrderDesk,
  ) {}

  start(scenarioId: string, mi: number, input: Plant["input"], endMs: number): void {
    this.plants.push({ scenarioId, mi, input, endMs, phase: 0, dueMs: 0, spoofOrderId: 0, sent: 0 });
  }

  /** Carry out what is due this step (called right after the scenarios start, before anyone else acts). */
  act(engine: EngineState, spot: (mi: number) => number, nowMs: number): void {
    for (const p of this.plants) {
      if (p.phase === 2) continue;
      const v = p.input;
      if (v.type === "plant-front-run") this.frontRun(engine, p, v, spot(p.mi), nowMs);
      else if (v.type === "plant-wash") this.wash(engine, p, v, nowMs);
      else this.spoof(engine, p, v, spot(p.mi), nowMs);
    }
    for (let i = this.plants.length - 1; i >= 0; i--) if (this.plants[i].phase === 2) this.plants.splice(i, 1);
  }

  /** A price strictly inside the spread (the best price on either side once rested), or 0 when there is none. */
  private inside(engine: EngineState, mi: number): number {
    const v = marketView(engine, this.specs[mi].symbol);
    if (v === undefined || v.bestBid <= 0 || v.bestAsk <= 0 || v.bestAsk - v.bestBid < 2) return 0;
    return Math.floor((v.bestBid + v.bestAsk) / 2);
  }

  /** `counterparty` rests `lots` on `side` at `price`, `taker` takes it with an IOC, the rest is cancelled. */
  private cross(counterparty: number, taker: number, mi: number, side: number, price: number, lots: number): number {
    const d = this.desk;
    d.place(counterparty, mi, side, "limit", price, lots);
    const id = d.place(taker, mi, side === BUY ? SELL : BUY, "limit", price, lots, { tif: "IOC" });
    d.out.push({ type: "CancelAll", nowMs: d.now, accountId: counterparty, market: this.specs[mi].symbol });
    return id;
  }

  private frontRun(engine: EngineState, p: Plant, v: PlantFrontRunInput, spot: number, nowMs: number): void {
    const side = v.side === "buy" ? BUY : SELL;
    if (p.phase === 0) {
      if (nowMs >= p.endMs) return void (p.phase = 2);
      const px = this.inside(engine, p.mi);
      if (px === 0) return;
      const lots = this.desk.lots(p.mi, BigInt(Math.round(v.afmmNotionalUsd)) * USD, px);
      // The squeeze desk rests the other side; the AFMM takes it.
      this.cross(SQUEEZE_DESK_ACCOUNT_ID, AFMM_ACCOUNT_ID, p.mi, side === BUY ? SELL : BUY, px, lots);
      p.phase = 1;
      p.dueMs = nowMs + v.leadSec * 1_000;
      return;
    }
    if (nowMs < p.dueMs || spot <= 0) return;
    const lots = this.desk.lots(p.mi, BigInt(Math.round(v.blockNotionalUsd)) * USD, spot);
    this.desk.place(SQUEEZE_DESK_ACCOUNT_ID, p.mi, side, "limit", this.desk.protect(spot, side, 100), lots, { tif: "IOC" });
    p.phase = 2;
  }

  private wash(engine: EngineState, p: Plant, v: PlantWashInput, nowMs: number): void {
    if (nowMs >= p.endMs || p.sent >= v.trades) return void (p.phase = 2);
    const d = this.desk;
    if (p.sent === 0 && accountView(engine, AFMM_AFFILIATE_ACCOUNT_ID) === undefined) {
      d.out.push({ type: "CreateAccount", nowMs, accountId: AFMM_AFFILIATE_ACCOUNT_ID, kind: "afmm" });
      const depositId = `sim-plant-${p.scenarioId}-affiliate`;
      d.out.push({ type: "Deposit", nowMs, accountId: AFMM_AFFILIATE_ACCOUNT_ID, depositId, assetId: "USD", amountMinor: AFFILIATE_DEPOSIT / USD_CENTS });
      d.out.push({ type: "SettleDeposit", nowMs, depositId });
    }
    const px = this.inside(engine, p.mi);
    if (px === 0) return;
    const lots = d.lots(p.mi, BigInt(Math.round(v.notionalUsd)) * USD, px);
    // The second affiliate rests (sell first, then alternating), the AFMM takes it.
    this.cross(AFMM_AFFILIATE_ACCOUNT_ID, AFMM_ACCOUNT_ID, p.mi, p.sent % 2 === 0 ? SELL : BUY, px, lots);
    p.sent++;
  }

  private spoof(engine: EngineState, p: Plant, v: PlantSpoofInput, spot: number, nowMs: number): void {
    const side = v.side === "buy" ? BUY : SELL;
    if (p.phase === 0) {
      if (nowMs >= p.endMs) return void (p.phase = 2);
      const px = this.inside(engine, p.mi);
      if (px === 0 || spot <= 0) return;
      const far = BigInt(spot) * (side === BUY ? PPB - BigInt(SPOOF_DEPTH_PPB) : PPB + BigInt(SPOOF_DEPTH_PPB));
      const spoofPx = Number(far / PPB);
      p.spoofOrderId = this.desk.place(
        AFMM_ACCOUNT_ID,
        p.mi,
        side,
        "limit",
        spoofPx,
        this.desk.lots(p.mi, BigInt(Math.round(v.spoofNotionalUsd)) * USD, spoofPx),
        {
          postOnly: true,
        },
      );
      // The squeeze desk rests on the spoof's side; the AFMM takes it (trading the other side).
      this.cross(SQUEEZE_DESK_ACCOUNT_ID, AFMM_ACCOUNT_ID, p.mi, side, px, this.desk.lots(p.mi, BigInt(Math.round(v.tradeNotionalUsd)) * USD, px));
      p.phase = 1;
      p.dueMs = nowMs + v.holdSec * 1_000;
      return;
    }
    if (nowMs < p.dueMs) return;
    if (this.desk.orders.has(p.spoofOrderId)) this.desk.cancel(AFMM_ACCOUNT_ID, p.spoofOrderId);
    p.phase = 2;
  }
}
