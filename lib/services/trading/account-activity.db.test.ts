import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Prisma } from "@/prisma/generated/client";
import type { Actor } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { listAccountActivity, type AccountActivityPage, type AccountActivityQuery } from "@/lib/services/trading/list-account-activity";
import { ACTIVITY_KINDS, HISTORY_MAX_PAGE_SIZE, HISTORY_PAGE_SIZE } from "@/lib/services/trading/schemas";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const ROWS = 320;
const MARKETS = ["BTC-PERP", "ETH-PERP"] as const;

let reader: Actor;
let readerAccount: number;
let otherAccount: number;
/** The reader's rows as written, newest first. */
let expected: Prisma.AccountActivityCreateManyInput[];

/** A deterministic mix of kinds and markets, interleaved with another client's rows at the same journal positions. */
function rowAt(seq: bigint, engineAccountId: number, i: number): Prisma.AccountActivityCreateManyInput {
  const kind = ACTIVITY_KINDS[i % 4];
  const market = MARKETS[Math.floor(i / 4) % 2];
  const base = { seq, engineAccountId, nowMs: BigInt(1_772_438_400_000 + i * 1_000), kind, market, positionAfter: (i % 7) - 3 };
  if (kind === "funding") return { ...base, amount: BigInt((i % 2 ? 1 : -1) * (1_000 + i)) };
  return { ...base, side: i % 2 ? "buy" : "sell", lots: 1 + (i % 5), priceTicks: 575_000 + i, amount: BigInt(i % 3 === 0 ? -50 : 420_000) };
}

beforeAll(async () => {
  reader = await signedInUser(prisma, ["CLIENT"]);
  const other = await signedInUser(prisma, ["CLIENT"]);
  // Engine ids of clients start at 1,000,000; random ones keep files sharing a schema apart.
  readerAccount = 2_000_000 + crypto.randomInt(500_000_000);
  otherAccount = readerAccount + 1;
  await prisma.tradingAccount.create({ data: { userId: reader.userId, engineAccountId: readerAccount } });
  await prisma.tradingAccount.create({ data: { userId: other.userId, engineAccountId: otherAccount } });
  const start = BigInt(crypto.randomInt(1_000_000_000)) * 1_000n;
  const mine = Array.from({ length: ROWS }, (_, i) => rowAt(start + BigInt(i * 3), readerAccount, i));
  const theirs = Array.from({ length: ROWS }, (_, i) => rowAt(start + BigInt(i * 3 + (i % 2)), otherAccount, i));
  await prisma.accountActivity.createMany({ data: [...mine, ...theirs] });
  expected = [...mine].reverse();
});

const ctx = () => contextFor(prisma, reader);
const seqs = (page: AccountActivityPage) => page.rows.map((row) => row.seq);
const expectedSeqs = (filter: (row: Prisma.AccountActivityCreateManyInput) => boolean = () => true) => expected.filter(filter).map((row) => String(row.seq));

/** Every page from the newest, following the "older" cursor, then back again following "newer". */
async function walk(query: AccountActivityQuery): Promise<{ down: string[][]; up: string[][] }> {
  const down: string[][] = [];
  let page = await listAccountActivity({ ctx: ctx(), input: query });
  expect(page.newerAfter).toBeNull();
  down.push(seqs(page));
  while (page.olderBefore !== null) {
    page = await listAccountActivity({ ctx: ctx(), input: { ...query, before: page.olderBefore } });
    down.push(seqs(page));
  }
  const up: string[][] = [seqs(page)];
  while (page.newerAfter !== null) {
    page = await listAccountActivity({ ctx: ctx(), input: { ...query, after: page.newerAfter } });
    up.unshift(seqs(page));
  }
  return { down, up };
}

async function refusal(query: AccountActivityQuery): Promise<ServiceError> {
  const error = await listAccountActivity({ ctx: ctx(), input: query }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(error)}`);
  return error;
}

describe("client trading history (LIQ-1, LIQ-5, DISC-6)", () => {
  it("pages through a few hundred lines newest first, only the reader's own, and back again the same pages", async () => {
    const { down, up } = await walk({});
    expect(down.flat()).toEqual(expectedSeqs());
    expect(down.slice(0, -1).every((page) => page.length === HISTORY_PAGE_SIZE)).toBe(true);
    expect(up).toEqual(down);

    const big = await walk({ pageSize: String(HISTORY_MAX_PAGE_SIZE) });
    expect(big.down).toHaveLength(Math.ceil(ROWS / HISTORY_MAX_PAGE_SIZE));
    expect(big.down.flat()).toEqual(expectedSeqs());
  });

  it("filters by kind, by market and by both, each paged the same way", async () => {
    for (const kind of ACTIVITY_KINDS) {
      const { down } = await walk({ kind });
      expect(down.flat(), kind).toEqual(expectedSeqs((row) => row.kind === kind));
    }
    for (const market of MARKETS) {
      const { down } = await walk({ market });
      expect(down.flat(), market).toEqual(expectedSeqs((row) => row.market === market));
    }
    const { down, up } = await walk({ kind: "adl", market: "ETH-PERP", pageSize: 7 });
    expect(down.flat()).toEqual(expectedSeqs((row) => row.kind === "adl" && row.market === "ETH-PERP"));
    expect(up).toEqual(down);
    // "" is what the filter form sends for "all".
    expect(seqs(await listAccountActivity({ ctx: ctx(), input: { kind: "", market: "" } }))).toEqual(expectedSeqs().slice(0, HISTORY_PAGE_SIZE));
  });

  it("gives each line in engine units with its fee or funding, and the markets' units to show them", async () => {
    const page = await listAccountActivity({ ctx: ctx(), input: { pageSize: 4 } });
    const written = expected.slice(0, 4);
    expect(page.rows).toEqual(
      written.map((row) => ({
        seq: String(row.seq),
        atMs: Number(row.nowMs),
        kind: row.kind,
        market: row.market,
        side: row.side ?? null,
        lots: row.lots ?? null,
        priceTicks: row.priceTicks ?? null,
        amount: row.amount === undefined || row.amount === null ? null : String(row.amount),
        positionAfter: row.positionAfter,
      })),
    );
    expect(page.rows.find((row) => row.kind === "funding")).toMatchObject({ side: null, lots: null, priceTicks: null });
    expect(page.markets.map((market) => market.symbol)).toEqual([...MARKETS]);
    expect(page.markets[0]).toMatchObject({ symbol: "BTC-PERP", baseAsset: "BTC", tickSize: expect.any(String), lotSize: expect.any(String) });
  });

  it("refuses oversized, malformed and contradictory queries with what was wrong", async () => {
    const cases: Array<[AccountActivityQuery, number, RegExp]> = [
      [{ pageSize: HISTORY_MAX_PAGE_SIZE + 1 }, 422, new RegExp(`from 1 to ${HISTORY_MAX_PAGE_SIZE} lines`)],
      [{ pageSize: 0 }, 422, /from 1 to/],
      [{ pageSize: "1e3" }, 422, /from 1 to/],
      [{ before: "abc" }, 422, /journal position: digits only, at most 18/],
      [{ before: "9".repeat(19) }, 422, /journal position/],
      [{ after: "-5" }, 422, /journal position/],
      [{ before: "10", after: "5" }, 422, /older or newer lines, not both/],
      [{ kind: "trade" }, 422, /Choose fills, liquidations, ADL fills or funding payments/],
      [{ kind: "x".repeat(10_000) }, 422, /Choose fills/],
      [{ market: "X".repeat(33) }, 422, /at most 32 characters/],
      [{ market: "DOGE-PERP" }, 422, /Choose one of the markets: BTC-PERP, ETH-PERP/],
    ];
    for (const [query, status, message] of cases) {
      const error = await refusal(query);
      expect(error.status, JSON.stringify(query).slice(0, 60)).toBe(status);
      expect(error.message, JSON.stringify(query).slice(0, 60)).toMatch(message);
    }
  });

  it("a client without a trading account has no history; staff have no client history to read", async () => {
    const newcomer = await signedInUser(prisma, ["CLIENT"]);
    expect(await listAccountActivity({ ctx: contextFor(prisma, newcomer), input: {} })).toMatchObject({
      hasAccount: false,
      rows: [],
      olderBefore: null,
      newerAfter: null,
    });
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const error = await listAccountActivity({ ctx: contextFor(prisma, officer), input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).status).toBe(403);
  });
});
