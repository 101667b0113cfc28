import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { emptyFigures, MINUTE_MS, serializeRow } from "@/lib/journal/rollup";
import { createPrismaClient } from "@/lib/prisma-client";
import { readMarketMinutes } from "./get-market-minutes";
import { MINUTES_MAX_ROWS } from "./schemas";

const database = testDatabase();
const client = createPrismaClient(database.url, database.schema);
afterAll(async () => {
  await client.marketMinute.deleteMany({ where: { market: { in: [MARKET, "OTHER-PERP"] } } });
  await client.$disconnect();
});

// A market of its own, so rows other test files leave behind never mix in.
const MARKET = "MINUTETEST-PERP";
const M0 = 1_767_225_600_000;

beforeAll(async () => {
  await client.marketMinute.deleteMany({ where: { market: { in: [MARKET, "OTHER-PERP"] } } });
  const rows = [];
  for (let i = 0; i < MINUTES_MAX_ROWS + 5; i++) {
    const figures = { ...emptyFigures(), trades: i, volumeLots: String(2 * i), markClose: 600_000 + i };
    const row = serializeRow({ market: MARKET, minuteMs: M0 + i * MINUTE_MS, lastSeq: 10 * (i + 1), figures });
    rows.push({ ...row, minuteMs: BigInt(row.minuteMs), lastSeq: BigInt(row.lastSeq) });
  }
  const other = serializeRow({ market: "OTHER-PERP", minuteMs: M0, lastSeq: 1, figures: emptyFigures() });
  rows.push({ ...other, minuteMs: BigInt(other.minuteMs), lastSeq: BigInt(other.lastSeq) });
  await client.marketMinute.createMany({ data: rows });
});

describe("the public minute series from the rollups (DISC-2, RPT-10)", () => {
  it("RPT-10: lists this market's minutes in the window, oldest first, with their figures; only minutes the clock has left are final", async () => {
    const nowMs = M0 + 2 * MINUTE_MS + 5_000;
    const page = await readMarketMinutes(client, MARKET, { from: M0 + MINUTE_MS, to: M0 + 2 * MINUTE_MS, nowMs });
    expect(page.truncated).toBe(false);
    expect(page.minutes.map((minute) => [minute.minuteMs, minute.final, minute.throughSeq, minute.trades, minute.volumeLots, minute.markClose])).toEqual([
      [M0 + MINUTE_MS, true, 20, 1, "2", 600_001],
      [M0 + 2 * MINUTE_MS, false, 30, 2, "4", 600_002],
    ]);
    expect(page.minutes[0]).not.toHaveProperty("version");
  });

  it("DISC-2: each minute gives the last traded price in force at its close; a row recorded before it was kept gives null, never 0", async () => {
    const market = "LASTTRADE-PERP";
    const { lastTradeClose: _absent, ...before } = { ...emptyFigures(), markClose: 600_000 };
    const rows = [
      serializeRow({ market, minuteMs: M0, lastSeq: 1, figures: before }),
      serializeRow({ market, minuteMs: M0 + MINUTE_MS, lastSeq: 2, figures: { ...emptyFigures(), markClose: 600_010 } }),
      serializeRow({ market, minuteMs: M0 + 2 * MINUTE_MS, lastSeq: 3, figures: { ...emptyFigures(), markClose: 600_020, lastTradeClose: 600_015 } }),
    ];
    await client.marketMinute.deleteMany({ where: { market } });
    await client.marketMinute.createMany({ data: rows.map((row) => ({ ...row, minuteMs: BigInt(row.minuteMs), lastSeq: BigInt(row.lastSeq) })) });
    try {
      const page = await readMarketMinutes(client, market, { from: M0, to: M0 + 2 * MINUTE_MS, nowMs: M0 + 2 * MINUTE_MS });
      expect(page.minutes.map((minute) => [minute.markClose, minute.lastTradeClose])).toEqual([
        [600_000, null],
        [600_010, 0],
        [600_020, 600_015],
      ]);
    } finally {
      await client.marketMinute.deleteMany({ where: { market } });
    }
  });

  it("RPT-10: caps an answer at MINUTES_MAX_ROWS and pages on from the minute after the last", async () => {
    const window = { from: M0, to: M0 + (MINUTES_MAX_ROWS + 10) * MINUTE_MS, nowMs: M0 + 10 * 86_400_000 };
    const first = await readMarketMinutes(client, MARKET, window);
    expect(first.minutes).toHaveLength(MINUTES_MAX_ROWS);
    expect(first.resumeFrom).toBe(M0 + MINUTES_MAX_ROWS * MINUTE_MS);
    const second = await readMarketMinutes(client, MARKET, { ...window, from: first.resumeFrom! });
    expect(second.truncated).toBe(false);
    expect(second.minutes.map((minute) => minute.trades)).toEqual([0, 1, 2, 3, 4].map((i) => MINUTES_MAX_ROWS + i));
  });

  it("RPT-10: the same wide request sent 24 times at once gets 24 equal answers while the open minute is being rewritten", async () => {
    const window = { from: M0, to: M0 + (MINUTES_MAX_ROWS + 10) * MINUTE_MS, nowMs: M0 + 10 * 86_400_000 };
    const alone = await readMarketMinutes(client, MARKET, window);
    const lastMinute = BigInt(M0 + (MINUTES_MAX_ROWS + 4) * MINUTE_MS);
    // The host upserts the newest minute with every batch; these rewrite it with the same figures meanwhile.
    const stored = await client.marketMinute.findUniqueOrThrow({ where: { market_minuteMs: { market: MARKET, minuteMs: lastMinute } } });
    const rewrites = Array.from({ length: 12 }, () =>
      client.marketMinute.update({
        where: { market_minuteMs: { market: MARKET, minuteMs: lastMinute } },
        data: { figures: stored.figures, lastSeq: stored.lastSeq },
      }),
    );
    const answers = await Promise.all([...Array.from({ length: 24 }, () => readMarketMinutes(client, MARKET, window)), ...rewrites]);
    for (const answer of answers.slice(0, 24)) expect(answer).toEqual(alone);
  });
});
