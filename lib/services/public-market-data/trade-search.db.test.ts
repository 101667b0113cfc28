import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { GAP_AT, emptyJournalAndProjections, writeIncidentJournal } from "../../../test/incident-journal";
import { createPrismaClient } from "@/lib/prisma-client";
import type { EngineRuntime } from "@/lib/simulation/runtime";
import { tradesInput } from "@/lib/transport/public-query";
import type { PublicTrade } from "@/lib/wire/public-api";
import { NO_TRADE_FILTER, tradeMatches, type TradeFilter } from "@/lib/wire/trade-filter";
import { contextFor } from "@/test/service-context";
import { listTrades } from "./list-trades";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

type Page = { trades: PublicTrade[]; nextBefore: number | null; next: string | null; filter: Record<string, string> };
const page = async (query: string) => (await listTrades({ ctx: contextFor(prisma, null), input: tradesInput("BTC-PERP", new URLSearchParams(query)) })) as Page;

/** Every trade the API gives for `query`, following `next` to the end. */
async function allPages(query: string): Promise<{ trades: PublicTrade[]; pages: number }> {
  const trades: PublicTrade[] = [];
  let pages = 0;
  let next: string | null = `?${query}`;
  while (next !== null) {
    const answer = await page(next.slice(next.indexOf("?") + 1));
    trades.push(...answer.trades);
    pages += 1;
    expect(pages, "paging ends").toBeLessThan(200);
    next = answer.next;
  }
  return { trades, pages };
}

let everything: PublicTrade[];

const runtimeSlot = globalThis as unknown as { perpsEngineRuntime?: Promise<EngineRuntime> };

beforeAll(async () => {
  await emptyJournalAndProjections(prisma, database.schema);
  const journal = await writeIncidentJournal(prisma, { holders: 12 });
  // The journal's engine as this process's runtime: the public services read the market's units from it.
  runtimeSlot.perpsEngineRuntime = Promise.resolve({
    mode: "in-process",
    host: { state: journal.engine },
    feed: { markets: () => journal.engine.config.markets.map((market) => market.symbol) },
  } as unknown as EngineRuntime);
  everything = (await allPages("limit=1000")).trades;
});
afterAll(() => {
  runtimeSlot.perpsEngineRuntime = undefined;
});

describe("DISC-2: the trade tape is searched on the server, through the whole history", () => {
  it("the unfiltered tape pages newest first with no gap or repeat", async () => {
    expect(everything.length).toBeGreaterThan(12);
    expect(everything.map((trade) => trade.seq)).toEqual([...everything.map((trade) => trade.seq)].sort((a, b) => b - a));
    const paged = await allPages("limit=2");
    expect(paged.trades).toEqual(everything);
  });

  const cases: Array<[string, string, Partial<TradeFilter>]> = [
    ["default-management fills", "flags=risk", { flags: ["risk"] }],
    ["ADL fills", "flags=adl", { flags: ["adl"] }],
    ["backstop fills", "flags=backstop", { flags: ["backstop"] }],
    ["liquidation and ADL together", "flags=liquidation,adl", { flags: ["liquidation", "adl"] }],
    ["buyer-initiated", "side=buy", { side: "buy" }],
    ["seller-initiated, at least 2 lots", "side=sell&minLots=2", { side: "sell", minLots: 2 }],
    ["at most 1 lot", "maxLots=1", { maxLots: 1 }],
    ["from the gap on", `from=${GAP_AT}`, { fromMs: GAP_AT }],
    ["before the gap (ISO time)", `to=${new Date(GAP_AT).toISOString()}`, { toMs: GAP_AT }],
  ];
  for (const [name, query, filter] of cases) {
    it(`a filter pages to exactly the trades it matches: ${name}`, async () => {
      const expected = everything.filter((trade) => tradeMatches(trade, { ...NO_TRADE_FILTER, ...filter }));
      // The journal has trades on both sides of every filter, so each one keeps some and leaves some out.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(everything.length);
      const { trades, pages } = await allPages(`limit=2&${query}`);
      expect(trades).toEqual(expected);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 2));
    });
  }

  it("the filters find the waterfall's fills far behind the newest trades (not only a loaded window)", async () => {
    const adl = (await page("limit=10&flags=adl")).trades;
    expect(adl.length).toBeGreaterThan(0);
    expect(adl.every((trade) => trade.flags.adl)).toBe(true);
    // 82 lots against the short: the hand-computed case.
    expect(adl.reduce((sum, trade) => sum + trade.size, 0)).toBe(82);
  });

  it("the answer says which filter it applied and links the next page with it", async () => {
    const first = await page("limit=1&flags=risk&side=sell");
    expect(first.filter).toEqual({ flags: "risk", side: "sell" });
    if (first.next) expect(first.next).toContain("flags=risk");
  });

  it("bad filters are refused with a specific message", async () => {
    const refusal = async (query: string) =>
      page(query).then(
        () => "accepted",
        (error: Error) => (error as { issues?: Array<{ message: string }> }).issues?.[0]?.message ?? error.message,
      );
    expect(await refusal("flags=moon")).toMatch(/flags must be a comma-separated list of: afmm, risk, liquidation, backstop, adl/);
    expect(await refusal("side=up")).toBe('side must be "buy" or "sell"');
    expect(await refusal("minLots=0")).toMatch(/minLots must be a positive/);
    expect(await refusal("minLots=5&maxLots=2")).toBe("maxLots must be ≥ minLots");
    expect(await refusal(`from=${GAP_AT}&to=${GAP_AT}`)).toBe("to must be later than from");
    expect(await refusal("colour=red")).toMatch(/unknown query parameter colour/);
    expect(await refusal("side=buy&side=sell")).toBe("side must be given once");
    expect(await refusal(`flags=${"risk,".repeat(40)}`)).toBe("flags is too long");
  });
});
