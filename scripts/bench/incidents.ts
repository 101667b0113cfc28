import { randomUUID } from "node:crypto";
import { hashPassword } from "../../lib/auth/password";
import { env } from "../../lib/env";
import { INCIDENT_POLICY } from "../../lib/incidents/policy";
import { draftClosedIncidents } from "../../lib/incidents/draft";
import { runProjector } from "../../lib/incidents/projector";
import { SOURCES } from "../../lib/engine/test-helpers";
import { createPrismaClient } from "../../lib/prisma-client";
import { ensureReferenceData } from "../../prisma/reference-data";
import { GAP_AT, writeIncidentJournal } from "../../test/incident-journal";
import { freePort, startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations, dropSchema } from "../db/migrations";
import type { BenchOptions, BenchResult } from "../bench";
import { numberFlag } from "./flags";

/**
 * From the engine event that opens a default-management incident to the notices queued for every
 * client holding a position (10,000 by default, --incident-clients) and the draft report ready.
 * The journal holds the hand-computed ADL episode of the engine's tests with that many portal
 * clients holding 1 lot each; their positions are folded first (not timed). Timed: the projector's
 * run after the gap (incident opened, ADL and fund-floor notices with their inbox and e-mail
 * delivery records), then, once the market is quiet, the run that closes the incident and drafts
 * its report and the affected clients' statements. Target: < 60 s on this machine.
 * Peer: the same notices written the naive way, one notice and its deliveries per transaction
 * (--incident-peer-clients, default 1,000, reported as notices per second against ours).
 */
export async function runIncidentBench(options: BenchOptions): Promise<BenchResult[]> {
  const clients = numberFlag(options.argv, "--incident-clients", 10_000);
  const peerClients = numberFlag(options.argv, "--incident-peer-clients", 1_000);
  const url = env().DATABASE_URL;
  const embedded = url ? undefined : await startEmbeddedPostgres({ port: await freePort() });
  const target = { url: url ?? embedded!.url, schema: url ? `bench_incidents_${process.pid}` : "public" };
  await applyMigrations(target);
  const prisma = createPrismaClient(target.url, target.schema);
  try {
    await ensureReferenceData(prisma);
    options.log(`incidents: journal with ${clients.toLocaleString("en-US")} client positions…`);
    const journal = await writeIncidentJournal(prisma, { holders: clients, gap: false });
    const passwordHash = await hashPassword(randomUUID());
    const users = journal.clients.map((engineAccountId) => ({ id: randomUUID(), engineAccountId }));
    for (let i = 0; i < users.length; i += 2_000) {
      const part = users.slice(i, i + 2_000);
      await prisma.user.createMany({
        data: part.map((u) => ({
          id: u.id,
          email: `bench-${u.engineAccountId}@bench.example`,
          name: `Client ${u.engineAccountId}`,
          passwordHash,
          family: "CLIENT" as const,
        })),
      });
      await prisma.userRole.createMany({ data: part.map((u) => ({ userId: u.id, role: "CLIENT" as const, family: "CLIENT" as const })) });
      await prisma.tradingAccount.createMany({ data: part.map((u) => ({ userId: u.id, engineAccountId: u.engineAccountId })) });
    }
    await runProjector(prisma);
    options.log("incidents: positions folded; the gap…");

    await journal.gap();
    const started = process.hrtime.bigint();
    const opened = await runProjector(prisma);
    const noticesMs = Number(process.hrtime.bigint() - started) / 1e6;
    const later = GAP_AT + INCIDENT_POLICY.quietMs + 1_000;
    await journal.run([
      {
        type: "IndexQuotes",
        nowMs: later,
        market: "BTC-PERP",
        quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 575_000, timestampMs: later, recentVolumeUsd: 50_000_000 })),
      },
    ]);
    const closed = await runProjector(prisma);
    const draftStarted = process.hrtime.bigint();
    const drafted = await draftClosedIncidents(prisma);
    const draftMs = Number(process.hrtime.bigint() - draftStarted) / 1e6;
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    const deliveries = await prisma.noticeDelivery.count();
    if (opened.opened.length !== 1 || closed.closed.length !== 1 || drafted.length !== 1) {
      throw new Error(`expected one incident opened, closed and drafted, got ${opened.opened.length}, ${closed.closed.length} and ${drafted.length}`);
    }

    let peer: number | null = null;
    if (options.peerRuns > 0) {
      const sample = users.slice(0, peerClients);
      const peerStarted = process.hrtime.bigint();
      for (const user of sample) {
        await prisma.$transaction(async (tx) => {
          const notice = await tx.clientNotice.create({
            data: { userId: user.id, kind: "adlOccurred", title: "t", body: "b", params: {}, createdAt: new Date(), dedupeKey: `peer:${user.id}` },
          });
          await tx.noticeDelivery.createMany({
            data: [
              { noticeId: notice.id, userId: user.id, channel: "inbox", status: "delivered", contentHash: "x" },
              { noticeId: notice.id, userId: user.id, channel: "email", status: "queued", contentHash: "x", messageId: `<peer-${notice.id}@bench>` },
            ],
          });
        });
      }
      peer = sample.length / (Number(process.hrtime.bigint() - peerStarted) / 1e9);
    }
    const ours = opened.notices / (noticesMs / 1_000);
    return [
      {
        bench: "incidents.open-to-notices-and-draft",
        unit: "ms",
        ours: Math.round(totalMs),
        peer: null,
        ratio: null,
        target: "< 60,000 ms",
        met: totalMs < 60_000,
        extra: {
          database: url ? "postgres" : "embedded",
          clients,
          noticesQueued: opened.notices + closed.notices,
          deliveries,
          noticesMs: Math.round(noticesMs),
          draftMs: Math.round(draftMs),
        },
      },
      {
        bench: "incidents.notice-queue.throughput",
        unit: "notices/s",
        ours: Math.round(ours),
        peer: peer === null ? null : Math.round(peer),
        ratio: peer === null ? null : Math.round((ours / peer) * 10) / 10,
        extra: { peer: "one notice and its deliveries per transaction", peerClients },
      },
    ];
  } finally {
    await prisma.$disconnect();
    if (url) await dropSchema(target);
    await embedded?.stop();
  }
}
