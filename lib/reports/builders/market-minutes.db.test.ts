import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { LIQUIDATION_STAGES, type MinuteFigures } from "@/lib/journal/rollup";
import { createPrismaClient } from "@/lib/prisma-client";
import type { ReportPeriod, ReportResult } from "../types";
import { activityReport, insuranceFundReport, liquidationsReport } from "./market-minutes";

// RPT-1: the perps reports sum a period's minute rollups in the database, a day of rows per query.
// Checked here against the plain fold of the same rows in JavaScript, over random figures (money
// beyond 2^53, periods that cut days anywhere, markets with and without rows before the period).

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
// The reports list the engine's markets from its parameter registry, which needs a started engine.
openQuietVenue(database, prisma);
/** A market no engine configuration lists, in a year no other test's period reaches, so no other report sees these rows. */
const MARKET = "SUMS-TEST-PERP";
const BASE = Date.UTC(2031, 0, 1);
const MINUTE = 60_000;
const never = new AbortController().signal;

afterAll(async () => {
  await prisma.marketMinute.deleteMany({ where: { market: MARKET } });
  await prisma.$disconnect();
});

const big = fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String);
const small = fc.integer({ min: 0, max: 1_000 });
const figuresArb: fc.Arbitrary<MinuteFigures> = fc
  .record({
    trades: small,
    volumeLots: big,
    volumeNotional: big,
    afmmLots: big,
    liquidationTrades: small,
    liquidationLots: big,
    stages: fc.tuple(small, small, small, small, small),
    settlements: small,
    paid: big,
    openInterestLots: fc.integer({ min: 0, max: 2 ** 31 }),
    markClose: fc.integer({ min: 1, max: 10_000_000 }),
    fund: fc.tuple(big, big, big, small),
  })
  .map((r) => ({
    version: 1,
    mark: null,
    markClose: r.markClose,
    indexClose: r.markClose,
    trades: r.trades,
    volumeLots: r.volumeLots,
    volumeNotional: r.volumeNotional,
    afmm: { trades: 0, volumeLots: r.afmmLots, volumeNotional: "0", makerLots: "0", takerLots: "0", shareOfLotsBps: 0 },
    liquidationTrades: r.liquidationTrades,
    liquidationLots: r.liquidationLots,
    funding: { samples: 0, lastPremium: null, settlements: r.settlements, lastRate: null, paid: r.paid, received: r.paid },
    openInterestLots: r.openInterestLots,
    insuranceFund: { close: r.fund[0], inflow: r.fund[1], outflow: r.fund[2], depletions: r.fund[3] },
    liquidationStages: Object.fromEntries(LIQUIDATION_STAGES.map((stage, i) => [stage, r.stages[i]])) as MinuteFigures["liquidationStages"],
  }));

const rowOf = (result: ReportResult) => result.tables[0].rows.find((row) => row[0] === MARKET);

describe("the perps reports' sums (RPT-1)", () => {
  it("RPT-1: activity, liquidations and insurance-fund figures equal the JavaScript fold of the same minute rows, exactly", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Minutes (offsets from BASE) with figures, spread over four days; a period anywhere in them.
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 4 * 1_440 }), figuresArb), { selector: ([minute]) => minute, minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 4 * 1_440 }),
        fc.integer({ min: 1, max: 4 * 1_440 }),
        async (minutes, startMinute, lengthMinutes) => {
          await prisma.marketMinute.deleteMany({ where: { market: MARKET } });
          await prisma.marketMinute.createMany({
            data: minutes.map(([minute, figures], i) => ({
              market: MARKET,
              minuteMs: BigInt(BASE + minute * MINUTE),
              figures: JSON.stringify(figures),
              lastSeq: BigInt(i + 1),
            })),
          });
          const period: ReportPeriod = { fromMs: BASE + startMinute * MINUTE, toMs: BASE + (startMinute + lengthMinutes) * MINUTE };
          const sorted = [...minutes].sort((a, b) => a[0] - b[0]);
          const inside = sorted.filter(([minute]) => BASE + minute * MINUTE >= period.fromMs && BASE + minute * MINUTE < period.toMs).map(([, f]) => f);
          const before = sorted.filter(([minute]) => BASE + minute * MINUTE < period.fromMs).at(-1)?.[1];
          const last = inside.at(-1) ?? before;
          const sum = (pick: (f: MinuteFigures) => string | number) => inside.reduce((acc, f) => acc + BigInt(pick(f)), 0n).toString();
          const context = { db: prisma, period, signal: never, progress: () => {} };
          if (!last) {
            // An unlisted market with no row before the period's end is not in the reports at all.
            expect(rowOf(await activityReport.build(context))).toBeUndefined();
            return;
          }

          const activity = rowOf(await activityReport.build(context));
          expect(activity?.slice(0, 8)).toEqual([
            MARKET,
            Number(sum((f) => f.trades)),
            sum((f) => f.volumeLots),
            sum((f) => f.volumeNotional),
            sum((f) => f.afmm.volumeLots),
            expect.any(String),
            last.openInterestLots,
            Math.max(before?.openInterestLots ?? 0, ...inside.map((f) => f.openInterestLots)),
          ]);
          expect(activity?.slice(9)).toEqual([Number(sum((f) => f.funding.settlements)), sum((f) => f.funding.paid)]);

          const liquidations = rowOf(await liquidationsReport.build(context));
          expect(liquidations).toEqual([
            MARKET,
            ...LIQUIDATION_STAGES.map((stage) => Number(sum((f) => f.liquidationStages[stage]))),
            Number(sum((f) => f.liquidationTrades)),
            sum((f) => f.liquidationLots),
          ]);

          const fund = rowOf(await insuranceFundReport.build(context));
          expect(fund?.slice(0, 6)).toEqual([
            MARKET,
            before?.insuranceFund.close ?? "0",
            sum((f) => f.insuranceFund.inflow),
            sum((f) => f.insuranceFund.outflow),
            last.insuranceFund.close,
            Number(sum((f) => f.insuranceFund.depletions)),
          ]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
