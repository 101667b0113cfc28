import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue, T0 } from "../../../test/quiet-market";
import { accountFigures, marketView, type AccountFigures, type Command } from "@/lib/engine/index";
import { createPrismaClient } from "@/lib/prisma-client";
import { reportPdf } from "../render";
import type { ReportPeriod, ReportResult, ReportTable } from "../types";
import { monthlyReturnReport } from "./monthly-return";

// RPT-1: the monthly return's schedules against the quiet in-process market: the figures at a period end
// equal the live engine's as it stood then (captured before later commands moved it on).

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const venue = openQuietVenue(database, prisma);
afterAll(() => prisma.$disconnect());

const never = new AbortController().signal;
const build = (period: ReportPeriod): Promise<ReportResult> => monthlyReturnReport.build({ db: prisma, period, signal: never, progress: () => {} });
const tableOf = (result: ReportResult, id: string): ReportTable => result.tables.find((table) => table.id === id)!;
function row(table: ReportTable, ...keys: string[]): Record<string, string | number | null> {
  const found = table.rows.find((cells) => keys.every((key, i) => cells[i] === key));
  expect(found, `${table.id} row ${keys.join(" / ")}`).toBeDefined();
  return Object.fromEntries(table.columns.map((column, i) => [column.key, found![i]]));
}

async function submit(command: Omit<Command, "nowMs">) {
  const result = await venue.host.submit({ ...command, nowMs: 0 } as Command, "admin");
  expect(result).toMatchObject({ accepted: true });
}
const order = (accountId: number, side: "buy" | "sell", price: number, size: number) =>
  ({ type: "PlaceOrder", accountId, orderId: venue.host.allocateOrderId(), market: "BTC-PERP", side, orderType: "limit", price, size, tif: "IOC" }) as Omit<
    Command,
    "nowMs"
  >;
async function deposit(accountId: number, id: string, cents: bigint) {
  await submit({ type: "Deposit", accountId, depositId: id, assetId: "USD", amountMinor: cents } as Omit<Command, "nowMs">);
  await submit({ type: "SettleDeposit", depositId: id } as Omit<Command, "nowMs">);
}

interface Captured {
  atMs: number;
  accounts: AccountFigures[];
  funds: Map<string, bigint>;
}
const capture = (): Captured => ({
  atMs: venue.now,
  accounts: accountFigures(venue.host.state),
  funds: new Map(venue.host.state.config.markets.map((spec) => [spec.symbol, marketView(venue.host.state, spec.symbol)!.insuranceFund.balance])),
});
let first: Captured;
let second: Captured;

beforeAll(async () => {
  venue.now += 1_000;
  for (const accountId of [300, 301]) {
    await submit({ type: "CreateAccount", accountId, kind: "client" } as Omit<Command, "nowMs">);
    await deposit(accountId, `m-${accountId}`, 500_000_00n);
  }
  await submit(order(300, "buy", 600_010, 7));
  first = capture();
  // Later: another deposit, a trade by the other client, and an insurance top-up, a minute on.
  venue.now += 60_000;
  await deposit(300, "m-300-b", 250_000_00n);
  await submit(order(301, "sell", 599_990, 4));
  await submit({ type: "FundInsurance", fundingId: "m-if", market: "ETH-PERP", amount: 5_000_000n } as Omit<Command, "nowMs">);
  venue.now += 60_000;
  await venue.host.step();
  second = capture();
});

function expectMatches(result: ReportResult, at: Captured) {
  const clients = at.accounts.filter((a) => a.kind === "client");
  const sum = (of: AccountFigures[], pick: (a: AccountFigures) => bigint) => of.reduce((total, a) => total + pick(a), 0n).toString();
  expect(clients.length).toBeGreaterThan(0);
  // (a) client assets: USD is the cash ledger.
  const usd = row(tableOf(result, "client-assets"), "client", "USD");
  expect(usd.balanceMinor).toBe(sum(clients, (a) => a.cash));
  expect(usd.accountsHolding).toBe(clients.filter((a) => a.cash > 0n).length);
  // (b) margin balances per kind equal the sums over the engine's accounts of that kind.
  for (const kind of ["client", "afmm", "backstop"] as const) {
    const of = at.accounts.filter((a) => a.kind === kind);
    expect(row(tableOf(result, "margin"), kind)).toEqual({
      accountKind: kind,
      accounts: of.length,
      accountsWithPositions: of.filter((a) => a.openPositions > 0).length,
      cashMicroUsd: sum(of, (a) => a.cash),
      collateralValueMicroUsd: sum(of, (a) => a.collateralValue),
      unrealisedPnlMicroUsd: sum(of, (a) => a.unrealizedPnl),
      equityMicroUsd: sum(of, (a) => a.equity),
      initialMarginMicroUsd: sum(of, (a) => a.initialMargin),
      maintenanceMarginMicroUsd: sum(of, (a) => a.maintenanceMargin),
      freeCollateralMicroUsd: sum(of, (a) => a.freeCollateral),
    });
  }
  const margin = row(tableOf(result, "margin"), "client");
  expect(BigInt(margin.equityMicroUsd as string)).toBe(
    BigInt(margin.cashMicroUsd as string) + BigInt(margin.collateralValueMicroUsd as string) + BigInt(margin.unrealisedPnlMicroUsd as string),
  );
  // (c) the insurance fund per market equals the engine's balance then.
  for (const [market, balance] of at.funds) expect(row(tableOf(result, "insurance-fund"), market).balanceMicroUsd).toBe(balance.toString());
  // Aggregates only: no account id anywhere in the output.
  expect(JSON.stringify(result.tables.map((t) => t.rows))).not.toMatch(/\b30[01]\b/);
}

describe("monthly return schedules", () => {
  it("RPT-1: at the period end the schedules equal the engine's state then, restored from the journal", async () => {
    const result = await build({ fromMs: T0 - 86_400_000, toMs: second.atMs + 1 });
    expectMatches(result, second);
    expect(row(tableOf(result, "margin"), "client").accountsWithPositions).toBe(2);
    expect(result.journal?.toSeq).toBe(venue.host.state.seq);
    expect((await reportPdf(result, "en")).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("RPT-1: the period boundary is respected: a period ending before the later commands shows the state before them", async () => {
    const result = await build({ fromMs: T0 - 86_400_000, toMs: first.atMs + 1 });
    expectMatches(result, first);
    expect(row(tableOf(result, "margin"), "client").accountsWithPositions).toBe(1);
    // Commands at exactly the period end are after it: ending at the later minute's start leaves them out too.
    expectMatches(await build({ fromMs: T0 - 86_400_000, toMs: first.atMs + 60_000 }), first);
  });

  it("RPT-1: a period before the engine's first command gives the genesis state: no accounts, nothing held", async () => {
    const result = await build({ fromMs: 0, toMs: 86_400_000 });
    expect(result.report).toBe("monthly-return");
    for (const table of result.tables)
      for (const cells of table.rows)
        for (const [i, column] of table.columns.entries())
          if (column.unit !== "text" && column.key !== "unitDecimals" && column.key !== "floorMicroUsd") expect([0, "0", null]).toContain(cells[i]);
    expect((await reportPdf(result, "en")).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
