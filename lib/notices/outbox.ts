import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import type { PrismaClient } from "@/prisma/generated/client";
import { EMAIL_NOT_CONFIGURED } from "@/lib/notices/deliveries";
import { contentHash } from "@/lib/notices/queue";
import { emailContent, isCatalogueNotice, type NoticeParams } from "@/lib/notices/render";

/**
 * The e-mail outbox worker (REC-6, DISC-6): sends the `queued` e-mail deliveries that
 * lib/notices/queue.ts wrote, and records what happened to each.
 *
 * One batch: claim due rows in one statement (`FOR UPDATE SKIP LOCKED`, so concurrent workers take
 * disjoint rows) and mark them `sending` with a lease; send each over SMTP with the Message-ID fixed
 * when it was queued and the text rebuilt from the notice's kind and parameters, refusing to send if
 * that text no longer hashes to the recorded content hash; then record `sent`, a retry (`queued`
 * again with exponential backoff) or `failed`. A row whose lease runs out while still `sending`
 * belongs to a worker that died: it is claimed again.
 *
 * Sent at most once, with one window: the SMTP server accepted a message (250) and the worker died
 * before `sent` was committed. That row is sent again when its lease expires, with the same
 * Message-ID, so the recipient's mail system can recognise and drop the copy. A worker killed before
 * the 250 never delivered anything (the server discards a transaction it did not acknowledge). Every
 * recording is fenced on the attempt number it claimed, and no send starts later than half the lease
 * after the claim, so a slow worker cannot record over a row another worker has claimed since.
 */

export interface Mailer {
  transport: Transporter;
  from: string;
}

export interface OutboxConfig {
  db: PrismaClient;
  /** The PostgreSQL schema of the portal's tables (the claim is raw SQL, so it names it). */
  schema: string;
  /** null: no SMTP server configured; due e-mail deliveries are marked skipped. */
  mailer: Mailer | null;
  /** Rows claimed per batch. */
  batchSize?: number;
  /** Messages in flight at once (keep it at the transport's maxConnections). */
  concurrency?: number;
  /** How long a claimed row stays with its worker before another may take it. */
  leaseMs?: number;
  /** Attempts before a delivery is `failed`. */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  log?: (message: string) => void;
}

export interface OutboxTotals {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Claimed but not started before the batch's deadline or a stop: handed back, attempt not counted. */
  released: number;
  /** Outcomes not recorded because the row was no longer this worker's (see the header). */
  lostLeases: number;
}

export const OUTBOX_DEFAULTS = {
  batchSize: 100,
  concurrency: 5,
  leaseMs: 10 * 60_000,
  maxAttempts: 6,
  retryBaseMs: 30_000,
  retryCapMs: 60 * 60_000,
} as const;

const emptyTotals = (): OutboxTotals => ({ claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, released: 0, lostLeases: 0 });
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const ERROR_LIMIT = 500;

const CONNECTION_TIMEOUT_MS = 30_000;

type SocketHook = (options: { host?: string; port?: number }, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) => void;

/** The pooled SMTP transport for an SMTP_URL: connections are reused across messages and batches. */
export function smtpMailer(url: string, from: string, { maxConnections = OUTBOX_DEFAULTS.concurrency }: { maxConnections?: number } = {}): Mailer {
  // nodemailer reads a URL's query as options and ignores the options beside a URL, so the pool's
  // settings go in the query (a setting the URL already gives is kept).
  const withOptions = new URL(url);
  const defaults = {
    pool: "true",
    maxConnections: String(maxConnections),
    maxMessages: "1000",
    connectionTimeout: String(CONNECTION_TIMEOUT_MS),
    greetingTimeout: "30000",
    // Far below half the lease: a stalled send ends long before another worker may claim its row.
    socketTimeout: "60000",
  };
  for (const [key, value] of Object.entries(defaults)) if (!withOptions.searchParams.has(key)) withOptions.searchParams.set(key, value);
  const transport = nodemailer.createTransport(withOptions.toString());
  // nodemailer's sockets keep Nagle's algorithm on: the last small write of each command then waits
  // for the server's delayed ACK (about 40 ms), which made a message on a local server take ~46 ms
  // instead of ~3.5 ms. Its documented socket hook opens them with no delay; TLS is layered on as before.
  (transport as unknown as { getSocket: SocketHook }).getSocket = (options, callback) => {
    const socket = net.connect({ host: options.host, port: options.port ?? (withOptions.protocol === "smtps:" ? 465 : 587), noDelay: true });
    socket.setTimeout(CONNECTION_TIMEOUT_MS, () => socket.destroy(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })));
    socket.once("error", (error) => callback(error));
    socket.once("connect", () => {
      socket.setTimeout(0);
      socket.removeAllListeners("error");
      callback(null, { connection: socket });
    });
  };
  return { transport, from };
}

/** The wait before attempt n + 1 after attempt n failed: 30 s, 1 min, 2 min, … up to the cap. */
export function retryDelayMs(
  attempt: number,
  { retryBaseMs = OUTBOX_DEFAULTS.retryBaseMs, retryCapMs = OUTBOX_DEFAULTS.retryCapMs }: { retryBaseMs?: number; retryCapMs?: number } = {},
): number {
  return Math.min(retryCapMs, retryBaseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Batches until nothing is due, the budget is spent or `signal` aborts; what is left waits for the
 * next run. With no mailer, marks the due e-mail deliveries skipped.
 */
export async function drainOutbox(
  config: OutboxConfig,
  { now = () => new Date(), signal, budgetMs = 30_000 }: { now?: () => Date; signal?: AbortSignal; budgetMs?: number } = {},
): Promise<OutboxTotals> {
  const totals = emptyTotals();
  const started = Date.now();
  const batchSize = config.batchSize ?? OUTBOX_DEFAULTS.batchSize;
  while (!signal?.aborted && Date.now() - started < budgetMs) {
    const batch = await runOutboxBatch(config, { now, signal });
    for (const key of Object.keys(totals) as (keyof OutboxTotals)[]) totals[key] += batch[key];
    if (batch.claimed + batch.skipped < batchSize || batch.released > 0) break;
  }
  return totals;
}

interface Claimed {
  id: string;
  noticeId: string;
  recipient: string | null;
  messageId: string | null;
  contentHash: string;
  attempts: number;
}

interface Outcome {
  row: Claimed;
  status: "sent" | "queued" | "failed";
  attempts: number;
  sentAt?: Date;
  nextAttemptAt?: Date;
  error: string | null;
}

/** One batch: claim, send, record. */
export async function runOutboxBatch(
  config: OutboxConfig,
  { now = () => new Date(), signal }: { now?: () => Date; signal?: AbortSignal } = {},
): Promise<OutboxTotals> {
  if (!SCHEMA_NAME.test(config.schema)) throw new Error(`outbox: bad schema name ${JSON.stringify(config.schema)}`);
  const table = `"${config.schema}"."NoticeDelivery"`;
  const totals = emptyTotals();
  const batchSize = config.batchSize ?? OUTBOX_DEFAULTS.batchSize;
  const leaseMs = config.leaseMs ?? OUTBOX_DEFAULTS.leaseMs;
  const maxAttempts = config.maxAttempts ?? OUTBOX_DEFAULTS.maxAttempts;
  const claimedAt = now();

  if (!config.mailer) {
    // Only rows not yet handed to a worker: a `sending` row may have reached the server (the window
    // above), so it is not declared unsent; it stays as it is until e-mail is configured again.
    totals.skipped = await config.db.$executeRawUnsafe(
      `UPDATE ${table} SET status = 'skipped', "lastError" = $1
        WHERE channel = 'email' AND status = 'queued' AND "nextAttemptAt" <= $2::timestamp
          AND id IN (SELECT id FROM ${table} WHERE channel = 'email' AND status = 'queued' AND "nextAttemptAt" <= $2::timestamp
                     ORDER BY "nextAttemptAt" LIMIT $3 FOR UPDATE SKIP LOCKED)`,
      EMAIL_NOT_CONFIGURED,
      claimedAt.toISOString(),
      batchSize,
    );
    return totals;
  }
  const mailer = config.mailer;

  // A row whose every attempt was cut short by its worker dying would otherwise be claimed for ever.
  totals.failed += await config.db.$executeRawUnsafe(
    `UPDATE ${table} SET status = 'failed', "lastError" = $1
      WHERE channel = 'email' AND status = 'sending' AND "nextAttemptAt" <= $2::timestamp AND attempts >= $3`,
    `gave up after ${maxAttempts} attempts; the last was interrupted before its result was recorded (it may have been delivered)`,
    claimedAt.toISOString(),
    maxAttempts,
  );

  const claimed = await config.db.$queryRawUnsafe<Claimed[]>(
    `WITH due AS (
       SELECT id FROM ${table}
        WHERE channel = 'email' AND status IN ('queued', 'sending') AND "nextAttemptAt" <= $1::timestamp
        ORDER BY "nextAttemptAt", id
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
     UPDATE ${table} d SET status = 'sending', attempts = d.attempts + 1, "nextAttemptAt" = $3::timestamp
       FROM due WHERE d.id = due.id
     RETURNING d.id, d."noticeId", d.recipient, d."messageId", d."contentHash", d.attempts`,
    claimedAt.toISOString(),
    batchSize,
    new Date(claimedAt.getTime() + leaseMs).toISOString(),
  );
  totals.claimed = claimed.length;
  if (claimed.length === 0) return totals;

  const notices = await config.db.clientNotice.findMany({
    where: { id: { in: [...new Set(claimed.map((row) => row.noticeId))] } },
    select: { id: true, kind: true, params: true },
  });
  const noticeById = new Map(notices.map((notice) => [notice.id, notice]));
  const recorder = new OutcomeRecorder(config.db, table, config.log);

  // No send starts after this: a send in flight then still ends (socket timeout) well inside the lease.
  const lastStart = Date.now() + leaseMs / 2;
  const pending = [...claimed];
  const released: Claimed[] = [];
  const sendNext = async (): Promise<void> => {
    for (let row = pending.shift(); row; row = pending.shift()) {
      if (signal?.aborted || Date.now() > lastStart) {
        released.push(row);
        continue;
      }
      const prepared = prepareMessage(row, noticeById.get(row.noticeId));
      if ("problem" in prepared) {
        recorder.add({ row, status: "failed", attempts: row.attempts, error: prepared.problem });
        continue;
      }
      try {
        await mailer.transport.sendMail({
          from: mailer.from,
          to: row.recipient!,
          subject: prepared.subject,
          text: prepared.text,
          messageId: row.messageId!,
          headers: { "Auto-Submitted": "auto-generated" },
        });
        recorder.add({ row, status: "sent", attempts: row.attempts, sentAt: now(), error: null });
      } catch (error) {
        recorder.add(failure(row, error, now(), { maxAttempts, retryBaseMs: config.retryBaseMs, retryCapMs: config.retryCapMs }));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(claimed.length, config.concurrency ?? OUTBOX_DEFAULTS.concurrency) }, sendNext));
  for (const row of released) recorder.add({ row, status: "queued", attempts: row.attempts - 1, nextAttemptAt: claimedAt, error: null });
  const recorded = await recorder.drain();
  for (const outcome of recorded.written) {
    if (outcome.status === "sent") totals.sent++;
    else if (outcome.status === "failed") totals.failed++;
    else if (outcome.attempts < outcome.row.attempts) totals.released++;
    else totals.retried++;
  }
  totals.lostLeases = recorded.lost;
  return totals;
}

/** The message a delivery carries, or why it must not be sent. */
function prepareMessage(row: Claimed, notice: { kind: string; params: unknown } | undefined): { subject: string; text: string } | { problem: string } {
  if (!row.recipient || !row.messageId) return { problem: "no recipient address or Message-ID was recorded when it was queued" };
  if (!notice) return { problem: "its notice no longer exists" };
  if (!isCatalogueNotice(notice.kind)) return { problem: `notice kind ${notice.kind} has no e-mail text` };
  const mail = emailContent(notice.kind, (notice.params ?? {}) as NoticeParams);
  const hash = contentHash(mail.subject, mail.text);
  if (hash !== row.contentHash) {
    return {
      problem: `not sent: its text has changed since it was queued (content hash ${hash.slice(0, 12)}…, recorded ${row.contentHash.slice(0, 12)}…)`,
    };
  }
  return mail;
}

/**
 * A rejection with a permanent SMTP reply for this message or recipient (5xx to RCPT or DATA) fails
 * at once; anything else (4xx, a refused or dropped connection, a login refused) is retried, since it
 * says nothing about the message and may pass once the server or the configuration recovers.
 */
function failure(row: Claimed, error: unknown, at: Date, retry: { maxAttempts: number; retryBaseMs?: number; retryCapMs?: number }): Outcome {
  const details = error as { responseCode?: number; code?: string; message?: string };
  const reply = typeof details.responseCode === "number" ? details.responseCode : undefined;
  const text = `${reply ?? details.code ?? "error"}: ${details.message ?? String(error)}`.slice(0, ERROR_LIMIT);
  const permanent = reply !== undefined && reply >= 500 && (details.code === "EENVELOPE" || details.code === "EMESSAGE");
  if (permanent || row.attempts >= retry.maxAttempts) {
    return { row, status: "failed", attempts: row.attempts, error: permanent ? text : `${text} (gave up after ${row.attempts} attempts)` };
  }
  return { row, status: "queued", attempts: row.attempts, nextAttemptAt: new Date(at.getTime() + retryDelayMs(row.attempts, retry)), error: text };
}

/**
 * Records outcomes as they come, a few at a time: while one write is in flight the next outcomes
 * gather, and then go in one statement. A `sent` is committed milliseconds after the server's 250,
 * which keeps the window above short without a round trip per message.
 */
class OutcomeRecorder {
  readonly #pending: Outcome[] = [];
  readonly #written: Outcome[] = [];
  #lost = 0;
  #flushing: Promise<void> | undefined;
  #error: unknown;

  constructor(
    private readonly db: PrismaClient,
    private readonly table: string,
    private readonly log: ((message: string) => void) | undefined,
  ) {}

  add(outcome: Outcome): void {
    this.#pending.push(outcome);
    this.#kick();
  }

  async drain(): Promise<{ written: Outcome[]; lost: number }> {
    while (this.#flushing || this.#pending.length > 0) {
      this.#kick();
      await this.#flushing;
    }
    if (this.#error) throw this.#error;
    return { written: this.#written, lost: this.#lost };
  }

  #kick(): void {
    if (this.#flushing) return;
    this.#flushing = this.#flush().finally(() => {
      this.#flushing = undefined;
      // An outcome added after the last write began but before this ran would otherwise wait for drain().
      if (this.#pending.length > 0) this.#kick();
    });
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0);
      try {
        const updated = await this.#write(batch);
        for (const outcome of batch) if (updated.has(outcome.row.id)) this.#written.push(outcome);
        const lost = batch.length - updated.size;
        if (lost > 0) {
          this.#lost += lost;
          this.log?.(`${lost} outcome(s) not recorded: another worker claimed the row after its lease ran out`);
        }
      } catch (error) {
        // The rows stay `sending` and are claimed again when their lease runs out.
        this.#error ??= error;
      }
    }
  }

  async #write(batch: Outcome[]): Promise<Set<string>> {
    const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE ${this.table} d SET
          status = u.status,
          attempts = u.attempts,
          "sentAt" = COALESCE(u.sent_at::timestamp, d."sentAt"),
          "nextAttemptAt" = COALESCE(u.next_at::timestamp, d."nextAttemptAt"),
          "lastError" = u.error
        FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])
             AS u(id, claimed, status, attempts, sent_at, next_at, error)
       WHERE d.id = u.id AND d.status = 'sending' AND d.attempts = u.claimed
       RETURNING d.id`,
      batch.map((o) => o.row.id),
      batch.map((o) => o.row.attempts),
      batch.map((o) => o.status),
      batch.map((o) => o.attempts),
      batch.map((o) => o.sentAt?.toISOString() ?? null),
      batch.map((o) => o.nextAttemptAt?.toISOString() ?? null),
      batch.map((o) => o.error),
    );
    return new Set(rows.map((row) => row.id));
  }
}
