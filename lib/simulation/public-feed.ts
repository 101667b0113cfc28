import type { EngineEvent } from "../engine/index";
import { emptySnapshot, foldIntoSnapshot, type MarketSnapshot, type PublicMessage } from "../wire/market-stream";
import type { Wire } from "../wire/plain";

export type { MarketSnapshot, PublicKind, PublicMessage } from "../wire/market-stream";

/**
 * What the public may see of the engine, per market. Engine events carry account ids (who traded,
 * who was liquidated, who received funding); public messages never do. Trades keep the
 * counterparty-class flags instead (affiliated market maker, liquidation, backstop, ADL: AFMM-5).
 * Bigints travel as decimal strings: JSON has no bigint.
 */

export function projectEvent(event: EngineEvent): PublicMessage | null {
  const base = { id: event.seq, atMs: event.nowMs };
  switch (event.type) {
    case "Trade":
      return {
        ...base,
        market: event.market,
        kind: "trade",
        data: wire({
          price: event.price,
          size: event.size,
          aggressor: event.aggressor,
          flags: {
            afmm: event.takerAfmm || event.makerAfmm,
            afmmSide: event.takerAfmm ? "taker" : event.makerAfmm ? "maker" : null,
            liquidation: event.liquidation,
            backstop: event.backstop,
            adl: event.adl,
          },
        }),
      };
    case "IndexTick": {
      const { seq: _seq, nowMs: _now, type: _type, market, ...tick } = event;
      return { ...base, market, kind: "index", data: wire(tick) };
    }
    case "MarkTick": {
      const { seq: _seq, nowMs: _now, type: _type, market, ...tick } = event;
      return { ...base, market, kind: "mark", data: wire(tick) };
    }
    case "FundingSampled":
      return {
        ...base,
        market: event.market,
        kind: "funding",
        data: wire({ phase: "sample", impactBid: event.impactBid, impactAsk: event.impactAsk, index: event.index, premium: event.premium }),
      };
    case "FundingSettled":
      // The per-account transfers stay private; the rate and the total exchanged are public.
      return {
        ...base,
        market: event.market,
        kind: "funding",
        data: wire({
          phase: "settlement",
          intervalEndMs: event.intervalEndMs,
          rate: event.rate,
          markPrice: event.markPrice,
          totalPaid: event.totalPaid,
          accounts: event.transfers.length,
        }),
      };
    case "LiqStageEntered":
      if (event.market === null) return null;
      return {
        ...base,
        market: event.market,
        kind: "liquidation",
        data: wire({
          stage: event.stage,
          reason: event.reason,
          sizeToClose: event.sizeToClose,
          sizeClosed: event.sizeClosed,
          bankruptcyPrice: event.bankruptcyPrice,
          markPrice: event.markPrice,
          amount: event.amount,
          counterparties: event.counterparties?.length ?? 0,
        }),
      };
    case "InsuranceFundChanged":
      return {
        ...base,
        market: event.market,
        kind: "insurance",
        data: wire({ change: "changed", delta: event.delta, balance: event.balance, reason: event.reason, causeSeq: event.causeSeq }),
      };
    case "InsuranceFundDeposited":
      return { ...base, market: event.market, kind: "insurance", data: wire({ change: "deposited", delta: event.amount, fundingId: event.fundingId }) };
    case "InsuranceFundDepleted":
      return {
        ...base,
        market: event.market,
        kind: "insurance",
        data: wire({ change: "depleted", balance: event.balance, floor: event.floor, causeSeq: event.causeSeq }),
      };
    default:
      return null;
  }
}

/** JSON-safe copy: bigint → decimal string, Map → entries; everything else as is. */
export function wire<const T>(value: T): Wire<T> {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v instanceof Map ? [...v.entries()] : v)));
}

type Listener = (message: PublicMessage) => void;

/**
 * The per-market fan-out point every stream reads from: recent messages for resumption, the latest
 * snapshot for REST, and subscribers. The in-process host feeds it directly; in multi-instance mode
 * each web instance feeds its own from Redis.
 */
export class FeedHub {
  private readonly rings = new Map<string, PublicMessage[]>();
  private readonly snapshots = new Map<string, MarketSnapshot>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Per market: every message with an id above this is in the ring (older ones are in the journal). */
  private readonly floors = new Map<string, number>();
  private readonly marketList: string[];

  /** `startId`: the journal's last event seq when this hub started; earlier messages are only in the journal. */
  constructor(
    markets: readonly string[],
    startId = 0,
    private readonly ringSize = 5_000,
    private readonly recentTrades = 100,
  ) {
    this.marketList = [...markets];
    for (const market of markets) {
      this.floors.set(market, startId);
      this.rings.set(market, []);
      this.snapshots.set(market, emptySnapshot(market));
      this.listeners.set(market, new Set());
    }
  }

  markets(): string[] {
    return this.marketList;
  }

  has(market: string): boolean {
    return this.rings.has(market);
  }

  ingest(messages: readonly PublicMessage[]): void {
    for (const message of messages) {
      const ring = this.rings.get(message.market);
      const snapshot = this.snapshots.get(message.market);
      if (!ring || !snapshot) continue;
      ring.push(message);
      if (ring.length > this.ringSize * 1.25) {
        const evicted = ring.splice(0, ring.length - this.ringSize);
        this.floors.set(message.market, evicted[evicted.length - 1].id);
      }
      foldIntoSnapshot(snapshot, message, this.recentTrades);
      for (const listener of this.listeners.get(message.market) ?? []) listener(message);
    }
  }

  snapshot(market: string): MarketSnapshot | undefined {
    return this.snapshots.get(market);
  }

  subscribe(market: string, listener: Listener): () => void {
    const set = this.listeners.get(market);
    if (!set) throw new Error(`unknown market ${market}`);
    set.add(listener);
    return () => set.delete(listener);
  }

  subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /**
   * Messages after `afterId` still held in memory, or null when the ring no longer reaches back that
   * far (the caller then reads the journal).
   */
  recentAfter(market: string, afterId: number): PublicMessage[] | null {
    const ring = this.rings.get(market);
    if (!ring || afterId < (this.floors.get(market) ?? 0)) return null;
    return ring.filter((message) => message.id > afterId);
  }
}
