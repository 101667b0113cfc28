import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { DEFAULT_ENGINE_CONFIG, restingOrders, restore, type EngineConfig } from "@/lib/engine/index";
import { msg } from "@/lib/i18n/message-ref";
import { canonicalJson } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { loadParameterRegistry } from "@/lib/services/public-market-data/parameter-registry";
import { EngineJournal } from "@/lib/simulation/journal";
import { AfmmMiAccumulator, alertOutcomes, MONTH_PATTERN, monthWindow, reviewTimeliness, type AfmmMiData } from "./afmm-mi-model";
import { afmmTermsOf } from "./terms";
import { decodeEvent, EVENT_COLUMNS } from "../../simulation/journal-codec";

export const GenerateAfmmMiInput = z.object({ month: z.string().max(20) });

/** The journal event types the MI reads after its starting image: the AFMM's accounts, its orders, and trades. */
const EVENT_TYPES = ["AccountCreated", "OrderAccepted", "Trade", "OrderReduced", "OrderClosed"];
const BATCH = 5_000;

/**
 * AFMM-10, RPT-8: generate the monthly AFMM MI for a calendar month in Hong Kong time, from the engine
 * journal (trades, the AFMM's orders over time), the surveillance alerts and the review register;
 * store it with the SHA-256 of its canonical JSON and audit the generation in the same transaction.
 * A month with nothing in the journal gives an empty report that says so; a month not yet over gives
 * the figures to the journal's last event.
 */
export async function generateAfmmMi({ ctx, input }: { ctx: ServiceContext; input: { month: string } }) {
  const actor = authorize(ctx, "reports.generate");
  requireStepUp(ctx);
  const month = GenerateAfmmMiInput.safeParse(input).data?.month.trim() ?? "";
  const window = MONTH_PATTERN.test(month) ? monthWindow(month) : null;
  if (!window) throw new Invalid(msg("errors.afmmMi.badMonth", { month: month.slice(0, 20) }));
  const now = ctx.now();
  if (window.fromMs > now.getTime()) throw new Invalid(msg("errors.afmmMi.futureMonth", { month }));

  const data = await computeAfmmMi(ctx, month, window, now.getTime());
  const sha256 = createHash("sha256").update(canonicalJson(data)).digest("hex");
  return withTransaction(ctx, async (tx) => {
    const report = await tx.afmmMiReport.create({
      data: {
        month,
        fromMs: BigInt(window.fromMs),
        toMs: BigInt(window.toMs),
        fromSeq: BigInt(data.fromSeq ?? 0),
        toSeq: BigInt(data.toSeq ?? 0),
        data: JSON.parse(canonicalJson(data)),
        sha256,
        generatedById: actor.userId,
        generatedAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "report.generate",
      entity: "AfmmMiReport",
      entityId: report.id,
      after: { month, sha256, fromSeq: data.fromSeq, toSeq: data.toSeq, journalEvents: data.journalEvents },
    });
    return { id: report.id, month, sha256, data };
  });
}

async function engineConfig(ctx: ServiceContext): Promise<EngineConfig> {
  if (!(await new EngineJournal(ctx.db).genesis())) return DEFAULT_ENGINE_CONFIG;
  return (await loadParameterRegistry(ctx.db)).config;
}

/**
 * The latest engine image taken before the month's first event seeds the AFMM's accounts and resting
 * orders, so only the journal after it is read; without one, the whole journal is. Returns the last
 * event seq the image includes (-1: none).
 */
async function seedFromSnapshot(ctx: ServiceContext, accumulator: AfmmMiAccumulator, firstSeqOfMonth: bigint): Promise<bigint> {
  const row = await ctx.db.engineSnapshot.findFirst({
    where: { lastEventSeq: { lt: firstSeqOfMonth } },
    orderBy: { position: "desc" },
    select: { position: true, lastEventSeq: true },
  });
  const stored = row ? await new EngineJournal(ctx.db).snapshotAt(Number(row.position)) : null;
  if (!row || !stored) return -1n;
  const engine = restore(stored.snapshot);
  const afmmAccountIds = engine.bySlot.filter((account) => account.kind === "afmm").map((account) => account.id);
  accumulator.seed(afmmAccountIds, restingOrders(engine), engine.now);
  return row.lastEventSeq;
}

async function computeAfmmMi(ctx: ServiceContext, month: string, window: { fromMs: number; toMs: number }, nowMs: number): Promise<AfmmMiData> {
  const config = await engineConfig(ctx);
  const accumulator = new AfmmMiAccumulator(month, window.fromMs, window.toMs, config.markets, afmmTermsOf(config).quoteObligations);
  const inWindow = { nowMs: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) } };
  const range = await ctx.db.engineEvent.aggregate({ where: inWindow, _min: { seq: true }, _max: { seq: true, nowMs: true }, _count: { _all: true } });
  if (range._count._all > 0) {
    let cursor = await seedFromSnapshot(ctx, accumulator, range._min.seq!);
    for (;;) {
      const rows = await ctx.db.engineEvent.findMany({
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
    ctx.db.surveillanceAlert.findMany({
      where: { triggerAtMs: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) } },
      select: { rule: true, review: { select: { decision: true, closedAt: true } } },
    }),
    ctx.db.afmmReview.findMany({ where: { openedAt: { gte: from, lt: to } }, select: { kind: true, dueAt: true, closedAt: true } }),
  ]);
  return accumulator.result(alertOutcomes(alerts), reviewTimeliness(reviews, nowMs), {
    fromSeq: range._min.seq === null ? null : Number(range._min.seq),
    toSeq: range._max.seq === null ? null : Number(range._max.seq),
    lastMs: range._max.nowMs === null ? null : Number(range._max.nowMs),
    events: range._count._all,
  });
}
