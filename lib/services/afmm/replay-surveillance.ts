import "server-only";
import { msg } from "@/lib/i18n/message-ref";
import type { SurveillanceAlert } from "@/lib/surveillance/types";
import { recordAudit } from "@/lib/services/audit";
import { recordClientDataAccess } from "@/lib/services/client-data-access";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { feedJournal, loadSurveillanceInputs, seqAtOrBefore, warmDetector } from "./surveillance-journal";
import { REPLAY_MAX_MS, ReplaySurveillanceInput } from "./review-schemas";

/** The most journal events a replay window may hold (the warm-up before it is bounded separately). */
export const REPLAY_MAX_EVENTS = 2_000_000;

export interface ReplayedAlert {
  alert: SurveillanceAlert;
  /** The live projection stored an alert with the same id: the replay reproduced it. */
  matchesLive: boolean;
  /** The live alert's review item, when there is one. */
  reviewId: string | null;
}

export interface SurveillanceReplay {
  fromMs: number;
  toMs: number;
  fromSeq: number;
  toSeq: number;
  events: number;
  warmupEvents: number;
  alerts: ReplayedAlert[];
  /** Live alerts stored for the window that the replay did not raise. */
  liveNotReplayed: string[];
}

/**
 * AFMM-8: runs the surveillance rules over a past window of the journal (at most 24 hours), after the
 * same warm-up the live projection uses, and says of each alert whether the live projection stored the
 * same id: the proof that an alert is reproducible from the journal. Writes nothing but the audit entry
 * (and the client-data read, when the window's alerts involve client accounts).
 */
export async function replaySurveillance({ ctx, input }: { ctx: ServiceContext; input: ReplaySurveillanceInput }): Promise<SurveillanceReplay> {
  const actor = authorize(ctx, "afmm.surveillance.replay");
  const { from, to } = parseInput(ReplaySurveillanceInput, input);
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) throw new Invalid(msg("errors.afmmReviews.replayWindowOrder"), { to: [msg("errors.afmmReviews.replayWindowOrder")] });
  if (toMs - fromMs > REPLAY_MAX_MS) throw new Invalid(msg("errors.afmmReviews.replayWindowTooLong"), { to: [msg("errors.afmmReviews.replayWindowTooLong")] });

  const db = ctx.db;
  const inputs = await loadSurveillanceInputs(db);
  const beforeSeq = await seqAtOrBefore(db, fromMs - 1);
  const toSeq = await seqAtOrBefore(db, toMs);
  // The same warm-up the live projection uses when it starts at this seq.
  const warm = await warmDetector(db, inputs, beforeSeq);
  const detector = warm.detector;
  const alerts: SurveillanceAlert[] = [];
  const fed = await feedJournal(db, detector, { afterSeq: beforeSeq, throughSeq: toSeq, maxEvents: REPLAY_MAX_EVENTS }, (_entry, raised) =>
    alerts.push(...raised),
  );
  if (!fed.complete) throw new Invalid(msg("errors.afmmReviews.replayTooManyEvents", { max: REPLAY_MAX_EVENTS.toLocaleString("en-US") }));
  alerts.push(...detector.flush(toMs));

  return withTransaction(ctx, async (tx) => {
    const ids = alerts.map((a) => a.id);
    const stored = ids.length
      ? await tx.surveillanceAlert.findMany({ where: { id: { in: ids } }, select: { id: true, review: { select: { id: true } } } })
      : [];
    const storedById = new Map(stored.map((s) => [s.id, s.review?.id ?? null]));
    const liveInWindow = await tx.surveillanceAlert.findMany({
      where: { triggerSeq: { gt: beforeSeq, lte: toSeq }, source: "live" },
      select: { id: true },
      take: 10_000,
    });
    const raised = new Set(ids);
    const liveNotReplayed = liveInWindow.map((a) => a.id).filter((id) => !raised.has(id));
    const now = ctx.now();
    const counterparties = [...new Set(alerts.flatMap((a) => a.counterpartyAccountIds))];
    if (counterparties.length > 0) {
      await recordClientDataAccess(
        tx,
        actor,
        { resource: "afmm_surveillance_replay", subjectRef: `${from.toISOString()}/${to.toISOString()}`, purpose: "AFMM surveillance replay" },
        now,
      );
    }
    await recordAudit(tx, ctx, {
      action: "afmm.surveillance_replay",
      entity: "SurveillanceAlert",
      entityId: `${from.toISOString()}/${to.toISOString()}`,
      after: {
        fromSeq: String(beforeSeq + 1n),
        toSeq: String(toSeq),
        events: fed.events,
        alerts: alerts.length,
        matchingLive: alerts.filter((a) => storedById.has(a.id)).length,
        liveNotReplayed: liveNotReplayed.length,
        ids: ids.slice(0, 100),
      },
    });
    return {
      fromMs,
      toMs,
      fromSeq: Number(beforeSeq + 1n),
      toSeq: Number(toSeq),
      events: fed.events,
      warmupEvents: warm.events,
      alerts: alerts.map((alert) => ({ alert, matchesLive: storedById.has(alert.id), reviewId: storedById.get(alert.id) ?? null })),
      liveNotReplayed,
    };
  });
}
