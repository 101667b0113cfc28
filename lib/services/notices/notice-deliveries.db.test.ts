import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { createUser } from "@/prisma/factories";
import { queueNotices } from "@/lib/notices/queue";
import { exportNoticeDeliveries } from "@/lib/services/notices/export-notice-deliveries";
import { DELIVERY_PAGE_SIZE, listNoticeDeliveries } from "@/lib/services/notices/list-notice-deliveries";
import type { NoticeDeliveryFilter } from "@/lib/services/notices/schemas";
import type { Actor } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const tag = crypto.randomBytes(4).toString("hex");
const QUEUED_AT = new Date("2026-12-01T04:00:00.000Z"); // 12:00 HKT on 1 December
const incidentId = `inc-${tag}`;
let officer: Actor;
let withEmail: { id: string; email: string };
let noEmailClient: { id: string; email: string };

beforeAll(async () => {
  officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
  withEmail = await createUser(prisma, { email: `deliveries-${tag}@test.example`, roles: ["CLIENT"], passwordHash: "not-a-real-hash" });
  noEmailClient = await createUser(prisma, { email: `other-${tag}@test.example`, roles: ["CLIENT"], passwordHash: "not-a-real-hash" });
  await prisma.incident.create({
    data: {
      id: incidentId,
      market: "BTC-PERP",
      openedSeq: BigInt(Date.now()) * 1000n + BigInt(crypto.randomInt(1000)),
      openedAtMs: BigInt(QUEUED_AT.getTime()),
      lastSeq: 1n,
      lastAtMs: BigInt(QUEUED_AT.getTime()),
      steps: ["insurance_fund"],
      status: "open",
      deadlineAt: new Date(QUEUED_AT.getTime() + 86_400_000),
    },
  });
  const params = { market: "BTC-PERP", time: "2026-12-01 12:00 HKT", balance: "0", floor: "250,000" };
  await prisma.$transaction((tx) =>
    queueNotices(
      tx,
      [
        ...Array.from({ length: DELIVERY_PAGE_SIZE + 5 }, (_, i) => ({
          userId: withEmail.id,
          kind: "fundDepleted" as const,
          params: { ...params, balance: String(i) },
          dedupeKey: `deliveries-test:${tag}:${i}`,
          incidentId,
        })),
        { userId: noEmailClient.id, kind: "fundDepleted" as const, params, dedupeKey: `deliveries-test:${tag}:other` },
      ],
      QUEUED_AT,
    ),
  );
  const one = await prisma.noticeDelivery.findFirstOrThrow({ where: { userId: withEmail.id, channel: "email" } });
  await prisma.noticeDelivery.update({
    where: { id: one.id },
    data: { status: "failed", attempts: 6, lastError: "451: Try again later (gave up after 6 attempts)" },
  });
});

afterAll(async () => {
  await prisma.$disconnect();
});

const list = (input: NoticeDeliveryFilter, actor: Actor = officer) => listNoticeDeliveries({ ctx: contextFor(prisma, actor), input });

describe("REC-6: the compliance view of notice delivery records", () => {
  it("REC-6: compliance officers, Responsible Officers and auditors may read the records; clients and the AFMM trader may not", async () => {
    for (const role of ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AUDITOR"] as const) {
      await expect(list({ client: tag }, await signedInUser(prisma, [role]))).resolves.toMatchObject({ rows: expect.any(Array) });
    }
    for (const role of ["CLIENT", "AFMM_TRADER"] as const) {
      const actor = await signedInUser(prisma, [role]);
      await expect(list({}, actor)).rejects.toMatchObject({ status: 403 });
      await expect(exportNoticeDeliveries({ ctx: contextFor(prisma, actor), input: {} })).rejects.toMatchObject({ status: 403 });
    }
  });

  it("REC-6: each notice has a record per channel with its recipient, content hash, status and times", async () => {
    const { rows } = await list({ client: `deliveries-${tag}`, channel: "email", status: "failed" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      clientEmail: `deliveries-${tag}@test.example`,
      recipient: `deliveries-${tag}@test.example`,
      kind: "fundDepleted",
      channel: "email",
      status: "failed",
      attempts: 6,
      incidentId,
      lastError: "451: Try again later (gave up after 6 attempts)",
      queuedAt: QUEUED_AT,
      sentAt: null,
    });
    expect(rows[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].messageId).toBe(`<${rows[0].noticeId}@notices.perps-portal.invalid>`);
    const inbox = await list({ client: `deliveries-${tag}`, channel: "inbox" });
    expect(inbox.rows.every((row) => row.status === "delivered" && row.sentAt !== null && row.recipient === null)).toBe(true);
  });

  it("REC-6: filters by status, channel, incident, client and Hong Kong dates, and pages newest first", async () => {
    const byIncident = await list({ incident: incidentId, channel: "email" });
    expect(byIncident.rows).toHaveLength(DELIVERY_PAGE_SIZE);
    expect(byIncident.nextBefore).not.toBeNull();
    const rest = await list({ incident: incidentId, channel: "email", before: byIncident.nextBefore! });
    expect(rest.rows).toHaveLength(5);
    expect(rest.nextBefore).toBeNull();
    const ids = new Set([...byIncident.rows, ...rest.rows].map((row) => row.id));
    expect(ids.size).toBe(DELIVERY_PAGE_SIZE + 5);
    // A notice's records sit side by side, across a page boundary too.
    const both = await list({ incident: incidentId });
    const next = await list({ incident: incidentId, before: both.nextBefore! });
    const noticeIds = [...both.rows, ...next.rows].map((row) => row.noticeId);
    for (let i = 0; i < noticeIds.length; i += 2) expect(noticeIds[i + 1]).toBe(noticeIds[i]);
    expect(new Set([...both.rows, ...next.rows].map((row) => row.id)).size).toBe(2 * DELIVERY_PAGE_SIZE);

    expect((await list({ client: `other-${tag}` })).rows.map((row) => row.channel).sort()).toEqual(["email", "inbox"]);
    expect((await list({ client: `other-${tag}`, incident: incidentId })).rows).toHaveLength(0);
    expect((await list({ client: tag, status: "queued" })).rows).toHaveLength(DELIVERY_PAGE_SIZE);
    expect((await list({ client: tag, from: "2026-12-01", to: "2026-12-01", channel: "email", status: "failed" })).rows).toHaveLength(1);
    expect((await list({ client: tag, from: "2026-12-02" })).rows).toHaveLength(0);
    expect((await list({ client: tag, to: "2026-11-30" })).rows).toHaveLength(0);
  });

  it("REC-6: a bad filter is refused as invalid input (422), never a server fault", async () => {
    await expect(list({ status: "lost" })).rejects.toMatchObject({ status: 422, message: "Choose a delivery status from the list" });
    await expect(list({ from: "2026-02-31" })).rejects.toMatchObject({ status: 422, message: "Use a date that exists, like 2026-11-22" });
    await expect(list({ before: "12" })).rejects.toMatchObject({ status: 422, message: "Older records are asked for with the link on the page" });
  });

  it("REC-6: the CSV export holds every filtered record with its content hash and Message-ID, and is itself audited", async () => {
    const ctx = contextFor(prisma, officer);
    const auditBefore = await prisma.auditLog.count({ where: { entity: "NoticeDelivery" } });
    const { csv, rows } = await exportNoticeDeliveries({ ctx, input: { incident: incidentId } });
    expect(rows).toBe(2 * (DELIVERY_PAGE_SIZE + 5));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "deliveryId,noticeId,userId,clientEmail,kind,title,incidentId,channel,status,recipient,messageId,contentHash,attempts,queuedAt,sentAt,readAt,nextAttemptAt,lastError",
    );
    expect(lines).toHaveLength(rows + 1);
    const failed = lines.find((line) => line.includes(",failed,"))!;
    expect(failed).toContain(`,BTC-PERP: the insurance fund has reached its floor,${incidentId},email,failed,deliveries-${tag}@test.example,<`);
    // Settled records carry no next attempt.
    expect(failed).toMatch(/,[0-9a-f]{64},6,2026-12-01T04:00:00\.000Z,,,,/);
    const queued = lines.find((line) => line.includes(",email,queued,"))!;
    expect(queued).toMatch(/,[0-9a-f]{64},0,2026-12-01T04:00:00\.000Z,,,2026-12-01T04:00:00\.000Z,$/);
    expect(failed.endsWith(",451: Try again later (gave up after 6 attempts)")).toBe(true);
    expect(await prisma.auditLog.count({ where: { entity: "NoticeDelivery" } })).toBe(auditBefore + 1);
  });
});
