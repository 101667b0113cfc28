import "server-only";
import type { PrismaClient } from "@/prisma/generated/client";
import { env } from "@/lib/env";
import { drainOutbox, smtpMailer, type Mailer, type OutboxTotals } from "@/lib/notices/outbox";

/** How often the portal looks for due e-mail deliveries (DISC-6 asks for notices within minutes). */
export const OUTBOX_EVERY_MS = 5_000;
/** One run's sending time; the job's timeout (lib/jobs/registry.ts) leaves room for the batch in flight to end. */
export const OUTBOX_BUDGET_MS = 30_000;

let mailer: Mailer | null | undefined;

/** This process's SMTP pool, made on first use from SMTP_URL; null when unset. */
function processMailer(): Mailer | null {
  if (mailer === undefined) {
    const { SMTP_URL, MAIL_FROM } = env();
    mailer = SMTP_URL ? smtpMailer(SMTP_URL, MAIL_FROM) : null;
  }
  return mailer;
}

/** Closes the SMTP pool; after the job queue has stopped, so a run ending its batch still has it. */
export async function closeOutboxMailer(): Promise<void> {
  mailer?.transport.close();
  mailer = undefined;
}

/** The outbox's recurring job: sends what is due, for at most OUTBOX_BUDGET_MS. */
export async function deliverNoticeEmails({ db, now, signal }: { db: PrismaClient; now: () => Date; signal: AbortSignal }): Promise<OutboxTotals> {
  const totals = await drainOutbox(
    { db, schema: env().DATABASE_SCHEMA, mailer: processMailer(), log: (message) => console.warn(`[outbox] ${message}`) },
    { now, signal, budgetMs: OUTBOX_BUDGET_MS },
  );
  const { sent, retried, failed, skipped } = totals;
  if (sent + retried + failed > 0) console.log(`[outbox] e-mail: ${sent} sent, ${retried} to retry, ${failed} failed`);
  if (skipped > 0) console.log(`[outbox] e-mail: ${skipped} not sent: SMTP_URL is not set (recorded as skipped)`);
  return totals;
}
