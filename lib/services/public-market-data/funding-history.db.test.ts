import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { canonicalJson, type EngineEvent } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { plain } from "./common";
import { readFundingSettlements } from "./internal";
import { FUNDING_MAX_ROWS } from "./schemas";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(() => client.$disconnect());

// A market and seq range of its own, so journal rows other test files leave behind never mix in.
const MARKET = "FUNDTEST-PERP";
const SEQ0 = 7_000_000_000;
const T0 = 1_767_225_600_000;
const H8 = 8 * 3_600_000;

function settled(seq: number, nowMs: number, market = MARKET): EngineEvent {
  return {
    type: "FundingSettled",
    seq,
    nowMs,
    market,
    intervalEndMs: nowMs,
    rate: BigInt(seq % 2 === 0 ? 100_000 : -25_000),
    markPrice: 650_000 + (seq - SEQ0),
    transfers: [
      { accountId: 4242, amount: -1_000n },
      { accountId: 4343, amount: 1_000n },
    ],
    totalPaid: 1_000n,
  };
}

const row = (event: EngineEvent) => ({
  seq: BigInt(event.seq),
  position: 1n,
  nowMs: BigInt(event.nowMs),
  type: event.type,
  market: "market" in event ? (event.market as string) : null,
  payload: canonicalJson(event),
});

beforeAll(async () => {
  const events: EngineEvent[] = [];
  for (let i = 0; i < FUNDING_MAX_ROWS + 5; i++) events.push(settled(SEQ0 + 2 * i, T0 + (i + 1) * H8));
  events.push(settled(SEQ0 + 1, T0 + H8, "OTHER-PERP"));
  events.push({ type: "Trade", seq: SEQ0 + 3, nowMs: T0 + H8, market: MARKET, price: 1, size: 1 } as unknown as EngineEvent);
  await client.engineEvent.createMany({ data: events.map(row) });
});

describe("funding history from the journal (DISC-1)", () => {
  it("lists this market's settlements in the window, oldest first, with rate, mark and total — never account ids or transfers", async () => {
    const page = await readFundingSettlements(client, MARKET, { from: T0 + H8, to: T0 + 3 * H8, afterSeq: 0 });
    expect(page.truncated).toBe(false);
    expect(page.rows).toEqual([
      { seq: SEQ0, settledAtMs: T0 + H8, intervalEndMs: T0 + H8, rate: 100_000n, markPrice: 650_000, totalPaid: 1_000n },
      { seq: SEQ0 + 2, settledAtMs: T0 + 2 * H8, intervalEndMs: T0 + 2 * H8, rate: 100_000n, markPrice: 650_002, totalPaid: 1_000n },
      { seq: SEQ0 + 4, settledAtMs: T0 + 3 * H8, intervalEndMs: T0 + 3 * H8, rate: 100_000n, markPrice: 650_004, totalPaid: 1_000n },
    ]);
    const text = JSON.stringify(plain(page));
    expect(text).not.toMatch(/accountId|transfers|4242|4343/);
  });

  it("caps an answer at FUNDING_MAX_ROWS and pages on with afterSeq", async () => {
    const all = { from: T0, to: T0 + (FUNDING_MAX_ROWS + 10) * H8 };
    const first = await readFundingSettlements(client, MARKET, { ...all, afterSeq: 0 });
    expect(first.rows).toHaveLength(FUNDING_MAX_ROWS);
    expect(first.truncated).toBe(true);
    const second = await readFundingSettlements(client, MARKET, { ...all, afterSeq: first.rows[first.rows.length - 1].seq });
    expect(second.truncated).toBe(false);
    expect(second.rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4].map((i) => SEQ0 + 2 * (FUNDING_MAX_ROWS + i)));
  });

  it("an empty window is an empty list", async () => {
    expect(await readFundingSettlements(client, MARKET, { from: T0 - 10, to: T0, afterSeq: 0 })).toEqual({ rows: [], truncated: false });
  });
});
