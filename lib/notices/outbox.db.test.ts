import { fork } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { startSmtpSink, type SmtpSink } from "../../test/smtp-sink";
import { createPrismaClient } from "@/lib/prisma-client";
import { createUser } from "@/prisma/factories";
import { EMAIL_NOT_CONFIGURED } from "@/lib/notices/deliveries";
import { drainOutbox, OUTBOX_DEFAULTS, retryDelayMs, runOutboxBatch, smtpMailer, type Mailer, type OutboxConfig } from "@/lib/notices/outbox";
import { contentHash, MAIL_DOMAIN, queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import { renderNotice } from "@/lib/notices/render";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const FROM = "Perps Portal <notices@test.example>";
let sink: SmtpSink;
const mailers: Mailer[] = [];

function mailer(maxConnections = 5): Mailer {
  const made = smtpMailer(sink.url, FROM, { maxConnections });
  mailers.push(made);
  return made;
}

function config(overrides: Partial<OutboxConfig> = {}): OutboxConfig {
  return { db: prisma, schema: database.schema, mailer: mailer(), ...overrides };
}

beforeAll(async () => {
  sink = await startSmtpSink();
});

beforeEach(async () => {
  // Each test's workers start with their own connections (the SIGKILL test counts them).
  for (const made of mailers.splice(0)) made.transport.close();
  await sink.waitFor(() => sink.openConnections === 0);
  sink.setMode({ kind: "accept" });
  sink.received.length = 0;
  // The worker takes every due row of the schema: each test starts from an empty outbox.
  await prisma.noticeDelivery.deleteMany({});
  await prisma.clientNotice.deleteMany({});
});

afterAll(async () => {
  for (const made of mailers) made.transport.close();
  await sink.stop();
  await prisma.$disconnect();
});

const PARAMS = { market: "BTC-PERP", time: "2026-12-06 10:00 HKT", balance: "0", floor: "250,000" };

/** `count` fund-depletion notices spread over `users` clients, queued through the real queueNotices. */
async function queue(count: number, { users = 10, at = new Date() }: { users?: number; at?: Date } = {}) {
  const tag = crypto.randomBytes(4).toString("hex");
  const people: { id: string }[] = [];
  for (let i = 0; i < users; i++) {
    people.push(await createUser(prisma, { email: `client-${tag}-${i}@test.example`, roles: ["CLIENT"], passwordHash: "not-a-real-hash" }));
  }
  const drafts: NoticeDraft[] = Array.from({ length: count }, (_, i) => ({
    userId: people[i % users].id,
    kind: "fundDepleted",
    params: { ...PARAMS, balance: String(i) },
    dedupeKey: `outbox-test:${tag}:${i}`,
  }));
  await prisma.$transaction((tx) => queueNotices(tx, drafts, at), { timeout: 60_000 });
  return prisma.noticeDelivery.findMany({ where: { channel: "email" }, orderBy: { queuedAt: "asc" } });
}

const emailRows = () => prisma.noticeDelivery.findMany({ where: { channel: "email" } });

function expectEachOnce(messageIds: (string | null)[]) {
  const counts = sink.countsByMessageId();
  expect(sink.received).toHaveLength(messageIds.length);
  for (const id of messageIds) expect(counts.get(id!), id!).toBe(1);
}

describe("the e-mail outbox against a real SMTP server", () => {
  it("REC-6: a queued notice arrives in English and Traditional Chinese, to the client's address, under the Message-ID fixed when it was queued, and is recorded sent", async () => {
    const [row] = await queue(1, { users: 1 });
    const user = await prisma.user.findUniqueOrThrow({ where: { id: row.userId } });
    const totals = await drainOutbox(config());
    expect(totals).toMatchObject({ claimed: 1, sent: 1, failed: 0, retried: 0 });

    const [mail] = sink.received;
    const en = renderNotice("fundDepleted", PARAMS_FOR(row), "en");
    const zh = renderNotice("fundDepleted", PARAMS_FOR(row), "zh-HK");
    expect(mail.messageId).toBe(row.messageId);
    expect(row.messageId).toBe(`<${row.noticeId}@${MAIL_DOMAIN}>`);
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toBe("notices@test.example");
    expect(mail.subject).toBe(`${en.title} / ${zh.title}`);
    expect(zh.title).toBe("BTC-PERP：保險基金已降至下限");
    expect(mail.text).toContain(en.body);
    expect(mail.text).toContain(zh.body);
    // What arrived is what the delivery record's hash covers.
    expect(contentHash(mail.subject, mail.text)).toBe(row.contentHash);

    const after = await prisma.noticeDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "sent", attempts: 1, lastError: null, recipient: user.email });
    expect(after.sentAt).not.toBeNull();
    // The inbox copy was delivered when it was written; the worker leaves it alone.
    const inbox = await prisma.noticeDelivery.findUniqueOrThrow({ where: { noticeId_channel: { noticeId: row.noticeId, channel: "inbox" } } });
    expect(inbox.status).toBe("delivered");
  });

  it("REC-6: the worker run twice over 200 queued deliveries sends each Message-ID once, and the second run finds nothing to send", async () => {
    const rows = await queue(200);
    const first = await drainOutbox(config({ batchSize: 64 }));
    expect(first).toMatchObject({ claimed: 200, sent: 200 });
    const second = await drainOutbox(config({ batchSize: 64 }));
    expect(second).toMatchObject({ claimed: 0, sent: 0 });
    expectEachOnce(rows.map((r) => r.messageId));
    expect((await emailRows()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("REC-6: two workers draining 200 queued deliveries in parallel take disjoint rows: each Message-ID arrives once", async () => {
    const rows = await queue(200);
    const [a, b] = await Promise.all([drainOutbox(config({ batchSize: 20, concurrency: 3 })), drainOutbox(config({ batchSize: 20, concurrency: 3 }))]);
    expect(a.sent + b.sent).toBe(200);
    expect(a.claimed + b.claimed).toBe(200);
    // Both did work: the test is about sharing, not about one worker doing everything.
    expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
    expectEachOnce(rows.map((r) => r.messageId));
    expect((await emailRows()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("REC-6: a worker stopped mid-batch hands back what it had not started; a new worker delivers the rest, each message once", async () => {
    const rows = await queue(200);
    const stop = new AbortController();
    const watcher = sink.waitFor(() => sink.received.length >= 30).then(() => stop.abort());
    const first = await drainOutbox(config({ batchSize: 100, concurrency: 2 }), { signal: stop.signal });
    await watcher;
    expect(first.sent).toBeGreaterThanOrEqual(30);
    expect(first.sent).toBeLessThan(100);
    expect(first.released).toBe(100 - first.sent);
    const between = await emailRows();
    expect(between.filter((r) => r.status === "sending")).toHaveLength(0);
    expect(between.filter((r) => r.status === "queued").every((r) => r.attempts === 0)).toBe(true);

    const second = await drainOutbox(config());
    expect(second.sent).toBe(200 - first.sent);
    expectEachOnce(rows.map((r) => r.messageId));
    expect((await emailRows()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("REC-6: a worker SIGKILLed while the server holds its DATA reply delivered nothing; a fresh worker delivers every message exactly once and records it sent", async () => {
    const rows = await queue(60);
    sink.setMode({ kind: "hold" });
    const child = fork(path.join(import.meta.dirname, "../../test/outbox-worker-child.ts"), [database.url, database.schema, sink.url], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    try {
      // Every connection of the child's pool is waiting for its 250.
      await sink.waitFor(() => sink.heldCount === 5, 60_000);
    } finally {
      child.kill("SIGKILL");
    }
    expect(await exited).toBe("SIGKILL");
    await sink.waitFor(() => sink.openConnections === 0);
    await sink.release();
    expect(sink.received).toHaveLength(0);
    const orphaned = await emailRows();
    expect(orphaned.filter((r) => r.status === "sending")).toHaveLength(50);

    // Within the lease nobody else takes the dead worker's rows…
    sink.setMode({ kind: "accept" });
    const early = await runOutboxBatch(config());
    expect(early.claimed).toBe(10);
    // …once it has run out, a fresh worker does, and sends them with the same Message-IDs.
    const later = new Date(Date.now() + OUTBOX_DEFAULTS.leaseMs + 1_000);
    const fresh = await drainOutbox(config(), { now: () => later });
    expect(fresh).toMatchObject({ claimed: 50, sent: 50, lostLeases: 0 });
    expectEachOnce(rows.map((r) => r.messageId));
    const final = await emailRows();
    expect(final.every((r) => r.status === "sent")).toBe(true);
    expect(final.filter((r) => r.attempts === 2)).toHaveLength(50);
  });
});

describe("outbox retries and refusals", () => {
  it("REC-6: a server answering 451 is retried after 30 s, 1 min, 2 min, 4 min, 8 min, and the delivery is failed with the server's reply after the 6th attempt", async () => {
    const [row] = await queue(1, { users: 1 });
    sink.setMode({ kind: "reject", code: 451, message: "Try again later" });
    let at = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= OUTBOX_DEFAULTS.maxAttempts; attempt++) {
      const totals = await runOutboxBatch(config(), { now: () => at });
      expect(totals.claimed).toBe(1);
      // Not due again before its backoff has passed.
      expect((await runOutboxBatch(config(), { now: () => at })).claimed).toBe(0);
      const current = await prisma.noticeDelivery.findUniqueOrThrow({ where: { id: row.id } });
      expect(current.attempts).toBe(attempt);
      expect(current.lastError).toContain("451");
      if (attempt < OUTBOX_DEFAULTS.maxAttempts) {
        expect(current.status).toBe("queued");
        waits.push(current.nextAttemptAt.getTime() - at.getTime());
        at = current.nextAttemptAt;
      } else {
        expect(current.status).toBe("failed");
        expect(current.lastError).toContain("Try again later");
        expect(current.lastError).toContain("gave up after 6 attempts");
        expect(current.sentAt).toBeNull();
      }
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(waits).toEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(n)));
    expect(sink.rejectedCount).toBeGreaterThanOrEqual(6);
    expect(sink.received).toHaveLength(0);
  });

  it("REC-6: a permanent rejection (550) fails the delivery at once, with the server's reply", async () => {
    const [row] = await queue(1, { users: 1 });
    sink.setMode({ kind: "reject", code: 550, message: "Mailbox unavailable" });
    expect(await drainOutbox(config())).toMatchObject({ claimed: 1, failed: 1 });
    const after = await prisma.noticeDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect(after.lastError).toContain("550");
    expect(after.lastError).toContain("Mailbox unavailable");
  });

  it("REC-6: a delivery whose text no longer matches its recorded content hash is failed with the reason and never sent", async () => {
    const [row] = await queue(1, { users: 1 });
    await prisma.noticeDelivery.update({ where: { id: row.id }, data: { contentHash: "0".repeat(64) } });
    expect(await drainOutbox(config())).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    const after = await prisma.noticeDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("failed");
    expect(after.lastError).toMatch(/^not sent: its text has changed since it was queued \(content hash [0-9a-f]{12}…, recorded 000000000000…\)$/);
    expect(sink.received).toHaveLength(0);
  });

  it("REC-6: with no SMTP server configured, due e-mail deliveries are recorded as skipped, never as sent", async () => {
    const rows = await queue(3, { users: 1 });
    expect(await drainOutbox(config({ mailer: null }))).toMatchObject({ skipped: 3, sent: 0, claimed: 0 });
    for (const row of await emailRows()) {
      expect(row).toMatchObject({ status: "skipped", lastError: EMAIL_NOT_CONFIGURED, sentAt: null, attempts: 0 });
    }
    expect(rows).toHaveLength(3);
    expect(sink.received).toHaveLength(0);
  });

  it("REC-6: an unreachable SMTP server counts as a failed attempt to retry, not a sent message", async () => {
    const [row] = await queue(1, { users: 1 });
    const closed = await startSmtpSink();
    await closed.stop();
    const unreachable = smtpMailer(closed.url, FROM, { maxConnections: 1 });
    mailers.push(unreachable);
    expect(await drainOutbox(config({ mailer: unreachable }))).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const after = await prisma.noticeDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(after.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
  });
});

function PARAMS_FOR(_row: { noticeId: string }) {
  return { ...PARAMS, balance: "0" };
}
