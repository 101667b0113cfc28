import "server-only";
import type { Trade } from "@/lib/engine/index";
import { REVIEW_POLICY, reviewDueAtMs, sampledForReview, type ReviewPolicy } from "@/lib/surveillance/review-policy";
import type { Surveillance, SurveillanceAlert } from "@/lib/surveillance/types";
import { recordAudit } from "@/lib/services/audit";
import type { Db, ServiceContext, Tx } from "@/lib/services/context";
import type { Prisma } from "@/prisma/generated/client";
import {
  createDetector,
  inputsKey,
  journaled,
  loadSurveillanceInputs,
  warmDetector,
  type DetectorFactory,
  type SurveillanceInputs,
} from "./surveillance-journal";
import { EVENT_COLUMNS } from "../../simulation/journal-codec";

/**
 * AFMM-8: the live surveillance projection. Reads the journal beyond the cursor named "surveillance"
 * in bounded batches (whole commands), feeds each event with its command position to the detector,
 * and writes, with the cursor, in one transaction: the alerts it raised (ids are stable, so a repeat
 * writes nothing), a review item per alert, and a review item per sampled AFMM trade. The detector
 * lives in this process's memory between runs; when it is missing or behind (a restart, another
 * instance moved the cursor, the affiliates or obligations changed) it is rebuilt by replaying a
 * warm-up span of the journal before the cursor, writing nothing for it.
 */

export const SURVEILLANCE_CURSOR = "surveillance";

export interface SurveillanceProjectionOptions {
  /** Events per transaction (whole commands: a batch never splits one command's events). */
  batch?: number;
  now?: () => Date;
  policy?: ReviewPolicy;
  /** Builds the detector; default: the rules with the surveillance configuration. */
  detector?: DetectorFactory;
  /** Stop after this many batches (a job run's budget); default: until caught up. */
  maxBatches?: number;
}

export interface SurveillanceProjectionRun {
  cursor: number;
  events: number;
  alerts: string[];
  samples: number[];
  /** Events replayed to rebuild the detector's state (nothing written for them). */
  warmedUp: number;
}

interface LiveDetector {
  detector: Surveillance;
  /** The last seq it has seen. */
  cursor: bigint;
  key: string;
}

// One detector per process and database (tests run several schemas in one process).
const live = new WeakMap<Db, LiveDetector>();

/** The affiliate accounts and obligations are read again at most this often (a change rebuilds the detector). */
export const INPUTS_REFRESH_MS = 60_000;
const inputsRead = new WeakMap<Db, { atMs: number; inputs: SurveillanceInputs }>();

async function currentInputs(db: Db, nowMs: number): Promise<SurveillanceInputs> {
  const cached = inputsRead.get(db);
  if (cached && nowMs - cached.atMs < INPUTS_REFRESH_MS && nowMs >= cached.atMs) return cached.inputs;
  const inputs = await loadSurveillanceInputs(db);
  inputsRead.set(db, { atMs: nowMs, inputs });
  return inputs;
}

export async function runSurveillanceProjection(db: Db, options: SurveillanceProjectionOptions = {}): Promise<SurveillanceProjectionRun> {
  const total: SurveillanceProjectionRun = { cursor: 0, events: 0, alerts: [], samples: [], warmedUp: 0 };
  // Wall time of this process (not the injected clock): the cache is the process's own.
  const inputs = await currentInputs(db, Date.now());
  const build = options.detector ?? createDetector;
  for (let batches = 0; options.maxBatches === undefined || batches < options.maxBatches; batches++) {
    const cursorRow = await db.journalCursor.upsert({
      where: { name: SURVEILLANCE_CURSOR },
      create: { name: SURVEILLANCE_CURSOR, seq: 0n },
      update: {},
      select: { seq: true },
    });
    let current = live.get(db);
    if (!current || current.cursor !== cursorRow.seq || current.key !== inputsKey(inputs)) {
      const warm = await warmDetector(db, inputs, cursorRow.seq, build);
      current = { detector: warm.detector, cursor: cursorRow.seq, key: inputsKey(inputs) };
      total.warmedUp += warm.events;
      live.set(db, current);
    }
    const detector = current;
    let run: BatchRun;
    try {
      run = await db.$transaction((tx) => projectBatch(tx, detector, options), { timeout: 120_000, maxWait: 10_000 });
    } catch (error) {
      // The detector may have seen events whose writes rolled back: rebuild it next time.
      live.delete(db);
      throw error;
    }
    if (run.stale) {
      live.delete(db);
      continue;
    }
    total.cursor = Number(run.cursor);
    total.events += run.events;
    total.alerts.push(...run.alerts);
    total.samples.push(...run.samples);
    if (!run.more) break;
  }
  return total;
}

interface BatchRun {
  stale: boolean;
  cursor: bigint;
  events: number;
  alerts: string[];
  samples: number[];
  more: boolean;
}

async function projectBatch(tx: Tx, current: LiveDetector, options: SurveillanceProjectionOptions): Promise<BatchRun> {
  const batch = options.batch ?? 5_000;
  const policy = options.policy ?? REVIEW_POLICY;
  const now = (options.now ?? (() => new Date()))();
  // An update that changes nothing takes the row lock: a second instance waits here, then finds the
  // cursor moved past what its detector has seen and rebuilds.
  const cursorRow = await tx.journalCursor.update({ where: { name: SURVEILLANCE_CURSOR }, data: { seq: { increment: 0 } }, select: { seq: true } });
  const from = cursorRow.seq;
  if (from !== current.cursor) return { stale: true, cursor: from, events: 0, alerts: [], samples: [], more: false };
  let rows = await tx.engineEvent.findMany({
    where: { seq: { gt: from } },
    orderBy: { seq: "asc" },
    take: batch + 1,
    select: { position: true, ...EVENT_COLUMNS },
  });
  if (rows.length === 0) return { stale: false, cursor: from, events: 0, alerts: [], samples: [], more: false };
  let more = false;
  if (rows.length > batch) {
    // Stop before the last command of the page, so one command's events are observed together.
    const lastPosition = rows[batch].position;
    const cut = rows.findIndex((row) => row.position === lastPosition);
    rows =
      cut > 0
        ? rows.slice(0, cut)
        : await tx.engineEvent.findMany({
            where: { seq: { gt: from }, position: lastPosition },
            orderBy: { seq: "asc" },
            select: { position: true, ...EVENT_COLUMNS },
          });
    more = true;
  }
  const alerts: SurveillanceAlert[] = [];
  const sampled: Trade[] = [];
  let lastMs = 0;
  for (const row of rows) {
    const entry = journaled(row);
    alerts.push(...current.detector.observe(entry));
    lastMs = entry.event.nowMs;
    const event = entry.event;
    if (event.type === "Trade" && (event.takerAfmm || event.makerAfmm) && sampledForReview(event.seq, policy)) sampled.push(event);
  }
  alerts.push(...current.detector.flush(lastMs));
  const upTo = rows[rows.length - 1].seq;

  const alertRows: Prisma.SurveillanceAlertCreateManyInput[] = alerts.map((alert) => alertRow(alert, "live", now));
  if (alertRows.length > 0) await tx.surveillanceAlert.createMany({ data: alertRows, skipDuplicates: true });
  const reviewRows: Prisma.AfmmReviewCreateManyInput[] = [
    ...alerts.map((alert) => ({
      kind: "alert",
      alertId: alert.id,
      market: alert.market,
      tradeAtMs: BigInt(alert.triggerAtMs),
      status: "open",
      openedAt: now,
      dueAt: new Date(reviewDueAtMs(now.getTime(), "alert", alert.severity, policy)),
    })),
    ...sampled.map((trade) => ({
      kind: "sample",
      tradeSeq: BigInt(trade.seq),
      market: trade.market,
      tradeAtMs: BigInt(trade.nowMs),
      status: "open",
      openedAt: now,
      dueAt: new Date(reviewDueAtMs(now.getTime(), "sample", null, policy)),
    })),
  ];
  let opened = 0;
  if (reviewRows.length > 0) opened = (await tx.afmmReview.createMany({ data: reviewRows, skipDuplicates: true })).count;
  if (opened > 0) {
    const system: ServiceContext = { actor: null, db: tx as unknown as Db, now: () => now };
    await recordAudit(tx, system, {
      action: "afmm.review_open",
      entity: "AfmmReview",
      entityId: `journal:${from + 1n}-${upTo}`,
      after: {
        opened,
        alerts: alerts.slice(0, 100).map((a) => a.id),
        sampledTradeSeqs: sampled.slice(0, 100).map((t) => t.seq),
        fromSeq: String(from + 1n),
        toSeq: String(upTo),
      },
    });
  }
  await tx.journalCursor.update({ where: { name: SURVEILLANCE_CURSOR }, data: { seq: upTo } });
  current.cursor = upTo;
  return { stale: false, cursor: upTo, events: rows.length, alerts: alerts.map((a) => a.id), samples: sampled.map((t) => t.seq), more };
}

/** An alert as stored: the contract's fields, bigint where the schema keeps journal numbers. */
export function alertRow(alert: SurveillanceAlert, source: "live" | "replay", now: Date): Prisma.SurveillanceAlertCreateManyInput {
  return {
    id: alert.id,
    rule: alert.rule,
    market: alert.market,
    severity: alert.severity,
    triggerSeq: BigInt(alert.triggerSeq),
    triggerPosition: BigInt(alert.triggerPosition),
    triggerAtMs: BigInt(alert.triggerAtMs),
    fromSeq: BigInt(alert.fromSeq),
    toSeq: BigInt(alert.toSeq),
    fromMs: BigInt(alert.fromMs),
    toMs: BigInt(alert.toMs),
    afmmAccountIds: alert.afmmAccountIds,
    counterpartyAccountIds: alert.counterpartyAccountIds,
    metrics: alert.metrics,
    evidence: alert.evidence as unknown as Prisma.InputJsonValue,
    source,
    detectedAt: now,
  };
}
