import "server-only";
import type { PrismaClient } from "@/prisma/generated/client";
import { CHECKPOINT_EVERY_MS, runAuditCheckpoint } from "@/lib/audit/checkpoint-sweep";
import { runIncidentClock } from "@/lib/incidents/clock";
import { draftClosedIncidents } from "@/lib/incidents/draft";
import { incidentPolicy } from "@/lib/incidents/policy-in-force";
import { runProjector } from "@/lib/incidents/projector";
import { closeOutboxMailer, deliverNoticeEmails, OUTBOX_BUDGET_MS, OUTBOX_EVERY_MS } from "@/lib/notices/outbox-job";
import { runSurveillanceProjection } from "@/lib/services/afmm/surveillance-projection";
import { runPeriodicSweeps, SWEEP_EVERY_MS } from "@/lib/services/suitability/reminder-sweep";
import { ATTESTATION_SWEEP_EVERY_MS, runAttestationSweep } from "@/lib/services/conflicts/attestation-sweep";
import { syncAllVenueAccess } from "@/lib/services/trading/sync-venue-access";
import { AFMM_ORDER_ENTRY_EVERY_MS, runAfmmOrderEntryJob } from "@/lib/services/afmm/sync-order-entry";
import { runStressJob, STRESS_JOB_EVERY_MS } from "@/lib/services/risk-governance/stress/stress-job";
import { runScheduledProposalsProjection } from "@/lib/services/risk-governance/scheduled-projection";
import { JOURNAL_ARCHIVE_EVERY_MS, runJournalArchiveJob } from "@/lib/journal/archive/job";
import { REPORT_PACKS_EVERY_MS, runReportPacksJob } from "@/lib/reports/pack-job";
import { packBuilderInProcess } from "@/lib/reports/pack-in-process";
import { env } from "@/lib/env";
import { MONTHLY_STATEMENTS_EVERY_MS, runMonthlyStatementsJob } from "@/lib/services/statements/generate-monthly-statements";
import { REGISTERS_EVERY_MS, runRegistersJob } from "@/lib/services/registers/registers-job";
import { COMPLAINTS_EVERY_MS, runComplaintsJob } from "@/lib/services/complaints/complaints-job";
import { RETENTION_JOB_EVERY_MS, runRetentionPurgeJob } from "@/lib/services/retention/purge-job";

/** What a recurring job's run gets: the process's database client, the clock, and the stop signal. */
export interface JobContext {
  db: PrismaClient;
  now: () => Date;
  /** Aborted when the process stops: a long run should finish what it holds and return. */
  signal: AbortSignal;
}

export interface RecurringJob {
  /** The pg-boss queue's name: letters, digits, _ . - */
  name: string;
  everyMs: number;
  /** Delay of the first run after a cold start (when no run is waiting already). */
  firstAfterMs?: number;
  /** Longest a run may take before another may start (default 5 minutes); see lib/jobs/queue.ts. */
  timeoutMs?: number;
  run: (ctx: JobContext) => Promise<unknown>;
}

/** How often the venue-access reconciliation runs: the longest an expired client's opening orders may rest. */
export const VENUE_ACCESS_EVERY_MS = 5_000;

/**
 * The portal's recurring background work. Each runs on one server at a time, whichever has a free
 * worker when it is due; lib/jobs/index.ts registers them at start. Add a job by adding an entry.
 */
export const RECURRING_JOBS: RecurringJob[] = [
  // PI-8 expiry reminders, orphaned evidence documents, sign-in throttle rows.
  { name: "suitability.sweeps", everyMs: SWEEP_EVERY_MS, firstAfterMs: 5_000, timeoutMs: SWEEP_EVERY_MS, run: (ctx) => runPeriodicSweeps(ctx) },
  // PI-1, PI-7, PI-8, DISC-8: an entitlement lost with time (expiry, a new disclosure version) puts the
  // engine account in reduce-only within seconds, cancelling its resting opening orders; restored, lifted.
  // Withdrawal, revocation, approval and acknowledgement reconcile at once; this catches the rest.
  { name: "trading.venue-access", everyMs: VENUE_ACCESS_EVERY_MS, firstAfterMs: 3_000, timeoutMs: 60_000, run: (ctx) => syncAllVenueAccess(ctx) },
  // AFMM-1, AFMM-4, AFMM-9: AFMM order entry follows its gates (approved affiliate, designated officer,
  // SFC notification). The governance verbs reconcile at once; this catches a registration or a
  // designation lapsing with time, a role removed, and a verb whose reconciliation failed.
  { name: "afmm.order-entry", everyMs: AFMM_ORDER_ENTRY_EVERY_MS, firstAfterMs: 2_000, timeoutMs: 60_000, run: (ctx) => runAfmmOrderEntryJob(ctx) },
  // RPT-1, RPT-3, RPT-8: report packs officers asked for, and each month's pack once the month is over.
  // One pack a run, in a child process with a capped heap; a pack whose server died mid-run is restarted once its heartbeat is a minute old.
  {
    name: "reports.packs",
    everyMs: REPORT_PACKS_EVERY_MS,
    firstAfterMs: 4_000,
    timeoutMs: 15 * 60_000,
    run: (ctx) => runReportPacksJob({ ...ctx, build: packBuilderInProcess({ url: env().DATABASE_URL!, schema: env().DATABASE_SCHEMA }) }),
  },
  // REC-2, REC-7: once a day, erase the personal data of clients past retention and under no legal hold.
  { name: "retention.purge", everyMs: RETENTION_JOB_EVERY_MS, firstAfterMs: 60_000, timeoutMs: 30 * 60_000, run: (ctx) => runRetentionPurgeJob(ctx) },
  // RPT-2: a material incident not notified to the SFC within an hour of its classification is escalated
  // (once). RPT-4, RPT-5: the audited accounts and annual return reminder tasks, once per year end and anniversary.
  { name: "compliance.registers", everyMs: REGISTERS_EVERY_MS, firstAfterMs: 10_000, timeoutMs: 2 * 60_000, run: (ctx) => runRegistersJob(ctx) },
  // CMP-1, EDU-2: a complaint not acknowledged, or a complaint or an enquiry not answered, by its deadline is escalated (once per deadline).
  { name: "compliance.complaints", everyMs: COMPLAINTS_EVERY_MS, firstAfterMs: 15_000, timeoutMs: 2 * 60_000, run: (ctx) => runComplaintsJob(ctx) },
  // DISC-9: last month's statement to every client's inbox once the projection has passed the month's end.
  {
    name: "statements.monthly",
    everyMs: MONTHLY_STATEMENTS_EVERY_MS,
    firstAfterMs: 60_000,
    timeoutMs: 30 * 60_000,
    run: (ctx) => runMonthlyStatementsJob(ctx),
  },
  // REC-1: signed audit checkpoints outside the database.
  { name: "audit.checkpoint", everyMs: CHECKPOINT_EVERY_MS, firstAfterMs: 2_000, timeoutMs: 2 * 60_000, run: () => runAuditCheckpoint() },
  // REC-6, DISC-6: client notice e-mails.
  { name: "notices.outbox", everyMs: OUTBOX_EVERY_MS, timeoutMs: OUTBOX_BUDGET_MS + 60_000, run: (ctx) => deliverNoticeEmails(ctx) },
  // DISC-6, DISC-7, LIQ-1: the journal projector (client history, incidents, their notices), then the
  // self-drafting report of any incident it closed. Every second, so a notice goes out seconds after the event.
  {
    name: "incidents.projector",
    everyMs: 1_000,
    firstAfterMs: 1_000,
    timeoutMs: 5 * 60_000,
    run: async (ctx) => {
      await runProjector(ctx.db, { policy: incidentPolicy(), now: ctx.now });
      return draftClosedIncidents(ctx.db, ctx.now);
    },
  },
  // AFMM-8: live surveillance of the affiliated market maker's trading: alerts and sampled trades into
  // the review queue, from the journal beyond the "surveillance" cursor (at most 20 batches a run).
  {
    name: "afmm.surveillance",
    everyMs: 5_000,
    firstAfterMs: 4_000,
    timeoutMs: 5 * 60_000,
    run: (ctx) => runSurveillanceProjection(ctx.db, { now: ctx.now, maxBatches: 20 }),
  },
  // MRG-5: a scheduled market parameter change is marked applied (or failed) once the engine's journal says so.
  { name: "risk.scheduled-proposals", everyMs: 2_000, firstAfterMs: 3_000, timeoutMs: 60_000, run: (ctx) => runScheduledProposalsProjection(ctx.db, ctx.now) },
  // REC-1, REC-2: engine journal intervals older than JOURNAL_HOT_HOURS move from the tables into
  // hash-chained segment files in JOURNAL_ARCHIVE_DIR (proved by replay first), keeping the tables bounded.
  { name: "journal.archive", everyMs: JOURNAL_ARCHIVE_EVERY_MS, firstAfterMs: 30_000, timeoutMs: 10 * 60_000, run: (ctx) => runJournalArchiveJob(ctx) },
  // DISC-7: the 24-hour clock's reminders at T−6 h and T−2 h and the overdue mark.
  // AFMM-3: overdue conflicts-policy attestations raise an alert in the officers' inboxes.
  { name: "conflicts.attestations", everyMs: ATTESTATION_SWEEP_EVERY_MS, firstAfterMs: 20_000, timeoutMs: 5 * 60_000, run: (ctx) => runAttestationSweep(ctx) },
  { name: "incidents.clock", everyMs: 30_000, firstAfterMs: 5_000, timeoutMs: 5 * 60_000, run: (ctx) => runIncidentClock(ctx.db, ctx.now()) },
  // MRG-5: the standard stress suite for each pending market-parameter proposal and for the parameters
  // in force (published on the methodology page), one suite at a time in a worker thread.
  {
    name: "risk.stress",
    everyMs: STRESS_JOB_EVERY_MS,
    firstAfterMs: 5_000,
    timeoutMs: 5 * 60_000,
    run: (ctx) => runStressJob(ctx.db, { now: ctx.now, signal: ctx.signal }),
  },
];

/** Run after the queue has stopped on exit (its runs have ended or been given up): release what they held. */
export const AFTER_STOP: (() => Promise<void>)[] = [closeOutboxMailer];
