import nodemailer from "nodemailer";
import { env } from "../../lib/env";
import { drainOutbox, smtpMailer } from "../../lib/notices/outbox";
import { queueNotices, type NoticeDraft } from "../../lib/notices/queue";
import { emailContent } from "../../lib/notices/render";
import { createPrismaClient } from "../../lib/prisma-client";
import type { PrismaClient } from "../../prisma/generated/client";
import { startSmtpSink } from "../../test/smtp-sink";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations, dropSchema } from "../db/migrations";
import type { BenchOptions, BenchResult } from "../bench";
import { numberFlag } from "./flags";

/**
 * E-mail delivery throughput: N notices (default 2,000) queued by queueNotices, then sent by the
 * outbox worker (claim, render, check the content hash, send, record) over SMTP into a real SMTP
 * server in this process (smtp-server, which reads every message), on the real database
 * (DATABASE_URL, else an in-memory embedded PostgreSQL). Unit: messages per second, from the first
 * claim to the last `sent` recorded. Peer: the same messages sent the plain way, one at a time over
 * nodemailer's default transport (a new connection per message), on a sample.
 * Target: DISC-6 asks for prompt notice to every client with an open position; 2,000 clients inside
 * 5 minutes is 7 messages/s.
 */
export async function runOutboxBench(options: BenchOptions): Promise<BenchResult[]> {
  const count = numberFlag(options.argv, "--outbox-messages", 2_000);
  const url = env().DATABASE_URL;
  const embedded = url ? undefined : await startEmbeddedPostgres({ port: await freePort() });
  const target = { url: url ?? embedded!.url, schema: url ? `bench_outbox_${process.pid}` : "public" };
  await applyMigrations(target);
  const prisma = createPrismaClient(target.url, target.schema);
  const sink = await startSmtpSink({ parse: false });
  const mailer = smtpMailer(sink.url, "Perps Portal <notices@bench.example>");
  try {
    const users = await benchUsers(prisma, 100);
    const runs: number[] = [];
    for (let run = 0; run < Math.max(1, options.runs); run++) {
      await queueRun(prisma, users, count, run);
      sink.received.length = 0;
      options.gc();
      const started = process.hrtime.bigint();
      const totals = await drainOutbox({ db: prisma, schema: target.schema, mailer }, { budgetMs: 600_000 });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (totals.sent !== count || sink.received.length !== count) {
        throw new Error(`outbox bench: ${totals.sent} recorded sent and ${sink.received.length} received, of ${count}`);
      }
      runs.push(count / seconds);
      options.log(`outbox: run ${run + 1}: ${count} messages in ${seconds.toFixed(2)} s`);
    }
    let peer: number | null = null;
    if (options.peerRuns > 0) {
      const sample = Math.min(200, count);
      const plain = nodemailer.createTransport(sink.url);
      const started = process.hrtime.bigint();
      for (let i = 0; i < sample; i++) {
        const mail = emailContent("fundDepleted", paramsOf(i));
        await plain.sendMail({ from: "notices@bench.example", to: users[i % users.length].email, subject: mail.subject, text: mail.text });
      }
      peer = sample / (Number(process.hrtime.bigint() - started) / 1e9);
      plain.close();
    }
    const ours = median(runs);
    return [
      {
        bench: `outbox.email-${count}.throughput`,
        unit: "msg/s",
        ours: Math.round(ours),
        peer: peer === null ? null : Math.round(peer),
        ratio: peer === null ? null : Math.round((ours / peer) * 10) / 10,
        target: ">= 7 msg/s (2,000 clients notified within 5 minutes)",
        met: ours >= 7,
        extra: { database: url ? "postgres" : "embedded", messages: count, smtp: "in-process smtp-server", runs: runs.map(Math.round) },
      },
    ];
  } finally {
    mailer.transport.close();
    await sink.stop();
    await prisma.$disconnect();
    if (url) await dropSchema(target);
    await embedded?.stop();
  }
}

async function benchUsers(prisma: PrismaClient, count: number): Promise<{ id: string; email: string }[]> {
  const stamp = Date.now().toString(36);
  return prisma.user.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({ email: `bench-${stamp}-${i}@bench.example`, name: `Bench ${i}`, passwordHash: "x", family: "CLIENT" })),
    select: { id: true, email: true },
  });
}

function paramsOf(i: number) {
  return { market: "BTC-PERP", time: "2026-12-06 10:00 HKT", balance: String(i), floor: "250,000" };
}

async function queueRun(prisma: PrismaClient, users: { id: string }[], count: number, run: number): Promise<void> {
  const drafts: NoticeDraft[] = Array.from({ length: count }, (_, i) => ({
    userId: users[i % users.length].id,
    kind: "fundDepleted",
    params: paramsOf(i),
    dedupeKey: `bench-outbox:${process.pid}:${run}:${i}`,
  }));
  await prisma.$transaction((tx) => queueNotices(tx, drafts, new Date()), { timeout: 120_000 });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
