import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { contextFor, signedInUser } from "@/test/service-context";
import { listAuditEntries } from "@/lib/services/audit-log/list-audit-entries";
import { listUsers } from "@/lib/services/users/list-users";
import { listNoticeDeliveries } from "@/lib/services/notices/list-notice-deliveries";
import { getReviewQueue } from "@/lib/services/suitability/get-review-queue";
import { generateAccessReview } from "@/lib/services/access-review/generate-access-review";
import { exportAccessReview } from "@/lib/services/access-review/export-access-review";
import { quarterOf } from "@/lib/services/access-review/schemas";
import { listDeskAlerts } from "@/lib/services/afmm-desk/list-desk-alerts";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const tag = crypto.randomBytes(4).toString("hex");
let officer: Actor;
let trader: Actor;
let admin: Actor;

beforeAll(async () => {
  officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
  trader = await signedInUser(prisma, ["AFMM_TRADER"]);
  admin = await signedInUser(prisma, ["ADMIN"]);
});

afterAll(async () => {
  await prisma.$disconnect();
});

const reads = (actor: Actor, resource: string) => prisma.clientDataAccess.count({ where: { userId: actor.userId, resource } });

describe("AFMM-7: staff reads of client data leave a row in the access log", () => {
  it("AFMM-7: the audit log, the user directory, the notice records and the review queue each log who read what, when and why", async () => {
    const ctx = contextFor(prisma, officer);
    await listAuditEntries({ ctx, input: { action: "conflict.create" } });
    await listNoticeDeliveries({ ctx, input: {} });
    await getReviewQueue({ ctx });
    await listUsers({ ctx: contextFor(prisma, admin), input: { query: tag } });
    expect(await reads(officer, "audit_log")).toBe(1);
    expect(await reads(officer, "notice_deliveries")).toBe(1);
    expect(await reads(officer, "review_queue")).toBe(1);
    const directory = await prisma.clientDataAccess.findFirstOrThrow({ where: { userId: admin.userId, resource: "user_directory" } });
    expect(directory).toMatchObject({ family: "PLATFORM", roles: ["ADMIN"], subjectRef: `query=${tag}`, purpose: "user administration" });
    const audit = await prisma.clientDataAccess.findFirstOrThrow({ where: { userId: officer.userId, resource: "audit_log" } });
    expect(audit.subjectRef).toBe('{"action":"conflict.create"}');
  });
});

/** Every service file that authorizes a permission exposing client data, and its exported verbs. */
function exposingVerbFiles(): string[] {
  const exposing = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => PERMISSIONS[permission].exposesClientData);
  const root = path.resolve(import.meta.dirname);
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && entry.name !== "internal.ts" ? [full] : [];
    });
  return walk(root).filter((file) => {
    const source = fs.readFileSync(file, "utf8");
    return exposing.some((permission) => source.includes(`authorize(ctx, "${permission}")`));
  });
}

describe("AFMM-7: the AFMM trader gets no client data", () => {
  it("AFMM-7: every service verb guarded by a permission that exposes client data refuses the AFMM trader (403)", async () => {
    const files = exposingVerbFiles();
    expect(files.length).toBeGreaterThan(20);
    const ctx: ServiceContext = contextFor(prisma, trader);
    const answered: string[] = [];
    let called = 0;
    for (const file of files) {
      const exported = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported)) {
        // Helpers exported beside a verb for its job or page, not verbs: they take a database handle, not a caller.
        if (typeof value !== "function" || name === "withReviews" || name === "attestationStatus" || name === "afmmMiCsv") continue;
        called += 1;
        const outcome = await (value as (args: unknown) => Promise<unknown>)({
          ctx,
          input: {
            id: crypto.randomUUID(),
            submissionId: crypto.randomUUID(),
            documentId: crypto.randomUUID(),
            userId: crypto.randomUUID(),
            quarter: "2026-Q4",
          },
        }).then(
          () => "answered",
          (error: { status?: number }) => error.status,
        );
        if (outcome !== 403) answered.push(`${path.basename(file)} ${name}: ${outcome}`);
      }
    }
    expect(called).toBeGreaterThan(20);
    expect(answered).toEqual([]);
    expect(await prisma.clientDataAccess.count({ where: { userId: trader.userId } })).toBe(0);
  });

  it("AFMM-7: the AFMM desk is the AFMM trader's alone: platform staff are refused it", async () => {
    await expect(listDeskAlerts({ ctx: contextFor(prisma, officer) })).rejects.toMatchObject({ status: 403 });
    await expect(listDeskAlerts({ ctx: contextFor(prisma, trader) })).resolves.toEqual(expect.any(Array));
  });

  it("AFMM-7: an alert about the AFMM reaches its desk without any client account", async () => {
    const own = 700_000 + crypto.randomInt(10_000);
    const client = 10;
    await prisma.afmmAffiliate.create({
      data: {
        legalName: `Affiliate ${tag}`,
        relationship: "sister company",
        agreementRef: "MM-1",
        agreementDate: new Date("2026-01-01"),
        engineAccountIds: [own],
        approved: true,
      },
    });
    const fill = {
      seq: 5,
      position: 5,
      atMs: 1,
      market: "BTC-PERP",
      price: 100,
      size: 1,
      aggressor: "buy",
      takerAccountId: client,
      makerAccountId: own,
      takerAfmm: false,
      makerAfmm: true,
      liquidation: false,
    };
    const order = (accountId: number, afmm: boolean) => ({
      orderId: accountId,
      accountId,
      afmm,
      market: "BTC-PERP",
      side: "buy",
      price: 100,
      size: 1,
      acceptedSeq: 1,
      acceptedAtMs: 1,
      filled: 0,
      closedSeq: null,
      closedAtMs: null,
      closeReason: null,
    });
    await prisma.surveillanceAlert.create({
      data: {
        id: `off_mark_fill:BTC-PERP:${tag}`,
        rule: "off_mark_fill",
        market: "BTC-PERP",
        severity: "medium",
        triggerSeq: 5n,
        triggerPosition: 5n,
        triggerAtMs: 1n,
        fromSeq: 1n,
        toSeq: 5n,
        fromMs: 0n,
        toMs: 1n,
        afmmAccountIds: [own],
        counterpartyAccountIds: [client],
        metrics: { distanceBps: 62, clientAccountId: client },
        evidence: {
          orders: [order(own, true), order(client, false)],
          fills: [fill],
          book: { atSeq: 5, bestBid: 99, bestAsk: 101, mark: 100, index: 100, bidLots: 3, askLots: 4 },
        },
      },
    });
    const alerts = await listDeskAlerts({ ctx: contextFor(prisma, trader) });
    const mine = alerts.find((alert) => alert.id === `off_mark_fill:BTC-PERP:${tag}`);
    expect(mine).toMatchObject({ metrics: { distanceBps: 62 }, fills: [{ counterparty: "client", ownAccountId: own, side: "sell" }] });
    expect(mine?.orders.map((o) => o.accountId)).toEqual([own]);
    expect(JSON.stringify(mine)).not.toMatch(/"(takerAccountId|makerAccountId|counterpartyAccountIds|clientAccountId)"/);
  });
});

describe("AFMM-7: the quarterly access review", () => {
  it("AFMM-7: lists AFMM-side reads (none, then one planted), AFMM activity and platform reads by user and resource; generating it is audited", async () => {
    const quarter = quarterOf(new Date());
    const ctx = contextFor(prisma, officer);
    const first = await generateAccessReview({ ctx, input: { quarter } });
    expect(first.afmmReads.filter((row) => row.userId === trader.userId)).toEqual([]);
    expect(first.staffSummary.find((row) => row.userId === officer.userId && row.resource === "audit_log")).toMatchObject({ reads: 1 });
    await prisma.clientDataAccess.create({
      data: { userId: trader.userId, roles: ["AFMM_TRADER"], family: "AFMM", resource: "planted", purpose: "test", at: new Date() },
    });
    const second = await generateAccessReview({ ctx, input: { quarter } });
    expect(second.afmmReads.filter((row) => row.userId === trader.userId).map((row) => row.resource)).toEqual(["planted"]);
    expect(await prisma.auditLog.count({ where: { action: "access_review.generate", actorId: officer.userId, entityId: quarter } })).toBe(2);
    const { csv } = await exportAccessReview({ ctx, input: { quarter } });
    expect(csv.split("\r\n")[0]).toBe("section,at,user,family,resource,subjectUserId,subjectRef,purpose,reads,first,last");
    expect(csv).toContain("afmm_reads");
    await expect(generateAccessReview({ ctx, input: { quarter: "2026-Q5" } })).rejects.toMatchObject({ status: 422 });
    await expect(generateAccessReview({ ctx: contextFor(prisma, trader), input: { quarter } })).rejects.toMatchObject({ status: 403 });
  });
});
