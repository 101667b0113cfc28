import { DEFAULT_ENGINE_CONFIG, restingOrders, restore, type EngineConfig } from "@/lib/engine/index";
import { loadParameterRegistry } from "@/lib/services/public-market-data/parameter-registry";
import { EngineJournal } from "@/lib/simulation/journal";
import { decodeEvent, EVENT_COLUMNS } from "@/lib/simulation/journal-codec";
import type { PrismaClient } from "@/prisma/generated/client";
import { AfmmMiAccumulator, alertOutcomes, reviewTimeliness, type AfmmMiData } from "./afmm-mi-model";
import { afmmTermsOf } from "./terms";

/**
 * The AFMM MI's computation for any [fromMs, toMs) window, from the database alone: the monthly MI
 * (generate-afmm-mi.ts) and the report packs' afmm-mi report (lib/reports) both run it, so the two
 * cannot disagree. Not server-only: `npm run report:verify` recomputes packs outside Next.
 */

/** The journal event types the MI reads after its starting image: the AFMM's accounts, its orders, and trades. */
const EVENT_TYPES = ["AccountCreated", "OrderAccepted", "Trade", "OrderReduced", "OrderClosed"];
const BATCH = 1_000;

export interface AfmmMiWindowOptions {
  /** What the result's `month` field says: YYYY-MM for the monthly MI, any label for another window. */
  label: string;
  /** The time reviews are judged at (open past due or not yet due). */
  nowMs: number;
  /**
   * Reviews opened, decided or closed at or after this time count as not yet so. A report recomputed
   * later (report:verify) must give the same figures although reviews have moved on since; the
   * monthly MI, stored once when generated, leaves it unset.
   */
  asOfMs?: number;
  /** Checked between journal batches. */
  signal?: AbortSignal;
}

async function engineConfig(db: PrismaClient): Promise<EngineConfig> {
  if (!(await new EngineJournal(db).genesis())) return DEFAULT_ENGINE_CONFIG;
  return (await loadParameterRegistry(db)).config;
}

/**
 * The latest engine image taken before the window's first event seeds the AFMM's accounts and resting
 * orders, so only the journal after it is read; without one, the whole journal is. Returns the last
 * event seq the image includes (-1: none).
 */
async function seedFromSnapshot(db: PrismaClient, accumulator: AfmmMiAccumulator, firstSeqOfWindow: bigint): Promise<bigint> {
  const row = await db.engineSnapshot.findFirst({
    where: { lastEventSeq: { lt: firstSeqOfWindow } },
    orderBy: { position: "desc" },
    select: { position: true, lastEventSeq: true },
  });
  const stored = row ? await new EngineJournal(db).snapshotAt(Number(row.position)) : null;
  if (!row || !stored) return -1n;
  const engine = restore(stored.snapshot);
  const afmmAccountIds = engine.bySlot.filter((account) => account.kind === "afmm").map((account) => account.id);
  accumulator.seed(afmmAccountIds, restingOrders(engine), engine.now);
  return row.lastEventSeq;
}

const before = (at: Date | null, asOfMs: number | undefined): Date | null => (at && (asOfMs === undefined || at.getTime() < asOfMs) ? at : null);

export async function computeAfmmMiWindow(db: PrismaClient, window: { fromMs: number; toMs: number }, options: AfmmMiWindowOptions): Promise<AfmmMiData> {
  const { asOfMs, signal } = options;
  const config = await engineConfig(db);
  const accumulator = new AfmmMiAccumulator(options.label, window.fromMs, window.toMs, config.markets, afmmTermsOf(config).quoteObligations);
  const inWindow = { nowMs: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) } };
  const range = await db.engineEvent.aggregate({ where: inWindow, _min: { seq: true }, _max: { seq: true, nowMs: true }, _count: { _all: true } });
  if (range._count._all > 0) {
    let cursor = await seedFromSnapshot(db, accumulator, range._min.seq!);
    for (;;) {
      signal?.throwIfAborted();
      const rows = await db.engineEvent.findMany({
        where: { seq: { gt: cursor, lte: range._max.seq! }, type: { in: EVENT_TYPES } },
        orderBy: { seq: "asc" },
        take: BATCH,
        select: EVENT_COLUMNS,
      });
      for (const row of rows) accumulator.observe(decodeEvent(row));
      if (rows.length < BATCH) break;
      cursor = rows[rows.length - 1].seq;
    }
  }
  const from = new Date(window.fromMs);
  const to = new Date(window.toMs);
  const [alerts, reviews] = await Promise.all([
    db.surveillanceAlert.findMany({
      where: { triggerAtMs: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) } },
      select: { rule: true, review: { select: { decision: true, decidedAt: true, closedAt: true, openedAt: true } } },
    }),
    db.afmmReview.findMany({ where: { openedAt: { gte: from, lt: to } }, select: { kind: true, dueAt: true, closedAt: true } }),
  ]);
  const asOf =
    asOfMs === undefined
      ? alerts
      : alerts.map(({ rule, review }) => ({
          rule,
          review:
            review && review.openedAt.getTime() < asOfMs
              ? { decision: before(review.decidedAt ?? review.closedAt, asOfMs) ? review.decision : null, closedAt: before(review.closedAt, asOfMs) }
              : null,
        }));
  return accumulator.result(
    alertOutcomes(asOf),
    reviewTimeliness(
      reviews.map((review) => ({ ...review, closedAt: before(review.closedAt, asOfMs) })),
      options.nowMs,
    ),
    {
      fromSeq: range._min.seq === null ? null : Number(range._min.seq),
      toSeq: range._max.seq === null ? null : Number(range._max.seq),
      lastMs: range._max.nowMs === null ? null : Number(range._max.nowMs),
      events: range._count._all,
    },
  );
}
