import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { queueNotices, type NoticeDraft } from "@/lib/notices/queue";
import { renderNotice } from "@/lib/notices/render";
import { CLIENT_STATEMENT_VERSION, type ClientStatement } from "@/lib/incidents/report/statement-types";
import type { Actor } from "@/lib/services/context";
import { ServiceError } from "@/lib/services/errors";
import { countUnreadNotices } from "@/lib/services/inbox/count-unread-notices";
import { getNotice } from "@/lib/services/inbox/get-notice";
import { getNoticeStatement } from "@/lib/services/inbox/get-notice-statement";
import { listNotices } from "@/lib/services/inbox/list-notices";
import { markAllNoticesRead } from "@/lib/services/inbox/mark-all-notices-read";
import { markNoticeRead } from "@/lib/services/inbox/mark-notice-read";
import { INBOX_MAX_PAGE, INBOX_MAX_PAGE_SIZE } from "@/lib/services/inbox/schemas";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const T0 = new Date("2026-03-02T08:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ctxOf = (actor: Actor | null, now = at(10_000)) => contextFor(prisma, actor, () => now);

function liquidatedDraft(userId: string, n: number, extra: Partial<NoticeDraft> = {}): NoticeDraft {
  return {
    userId,
    kind: "liquidated",
    params: { market: "BTC-PERP", time: `2026-03-02 08:${String(n % 60).padStart(2, "0")}:00 UTC`, lots: "0.015", base: "BTC", stages: "order book" },
    dedupeKey: `test-liquidated:${userId}:${n}:${crypto.randomUUID()}`,
    ...extra,
  };
}

/** Notices as the projector writes them (with their inbox and e-mail delivery records), one per minute from `from`. */
async function noticesFor(userId: string, count: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const draft = liquidatedDraft(userId, from + i);
    await prisma.$transaction((tx) => queueNotices(tx, [draft], at(from + i)));
    ids.push((await prisma.clientNotice.findUniqueOrThrow({ where: { dedupeKey: draft.dedupeKey } })).id);
  }
  return ids;
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(error)}`);
  return error;
}

async function auditCount(action: string, actor: Actor): Promise<number> {
  return prisma.auditLog.count({ where: { action, actorId: actor.userId } });
}

function statementFor(engineAccountId: number, incidentId: string): ClientStatement {
  return {
    version: CLIENT_STATEMENT_VERSION,
    incidentId,
    market: "BTC-PERP",
    engineAccountId,
    units: { tickSize: "0.1", lotSize: "0.001" },
    startedAtMs: T0.getTime(),
    endedAtMs: T0.getTime() + 60_000,
    fills: [
      { seq: 10, atMs: T0.getTime() + 1_000, kind: "adl", side: "sell", lots: 5, price: "575000", markPrice: "575000", realizedPnl: "1250000", fee: "0" },
    ],
    positionBefore: 5,
    positionAfter: 0,
    realizedPnl: "1250000",
    liquidationFees: "0",
    adlCompensation: "0",
    equityBefore: "100000000",
    equityAfter: "101250000",
    collateralConverted: [],
  };
}

async function incident(status: string, publishedAt: Date | null): Promise<string> {
  const id = `INC-TEST-${crypto.randomBytes(4).toString("hex")}`;
  const seq = BigInt(1_000_000_000 + crypto.randomInt(1_000_000_000));
  await prisma.incident.create({
    data: {
      id,
      market: "BTC-PERP",
      openedSeq: seq,
      openedAtMs: BigInt(T0.getTime()),
      lastSeq: seq,
      lastAtMs: BigInt(T0.getTime()),
      steps: ["adl"],
      status,
      deadlineAt: at(24 * 60),
      publishedAt,
    },
  });
  return id;
}

describe("client inbox: listing (DISC-6, DISC-7, REC-6)", () => {
  it("lists only the reader's own notices, newest first, a page at a time, with the unread count", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const other = await signedInUser(prisma, ["CLIENT"]);
    const ids = await noticesFor(reader.userId, 45);
    await noticesFor(other.userId, 3, 100);
    const ctx = ctxOf(reader);

    const first = await listNotices({ ctx, input: {} });
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: 45, pages: 3, unread: 45, unreadOnly: false });
    expect(first.notices.map((n) => n.id)).toEqual(ids.slice(25).reverse());
    const third = await listNotices({ ctx, input: { page: "3" } });
    expect(third.notices.map((n) => n.id)).toEqual(ids.slice(0, 5).reverse());
    // Past the last page: empty, with the real page count to go back to.
    expect(await listNotices({ ctx, input: { page: 4 } })).toMatchObject({ notices: [], total: 45, pages: 3 });

    const all = [];
    for (let page = 1; page <= 5; page++) all.push(...(await listNotices({ ctx, input: { page, pageSize: 10 } })).notices.map((n) => n.id));
    expect(all).toEqual([...ids].reverse());
    expect(await countUnreadNotices({ ctx })).toBe(45);
    expect(await countUnreadNotices({ ctx: ctxOf(other) })).toBe(3);
  });

  it("notices written at the same instant page without repeats or gaps (ties broken by id)", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const drafts = Array.from({ length: 7 }, (_, i) => liquidatedDraft(reader.userId, i));
    await prisma.$transaction((tx) => queueNotices(tx, drafts, T0));
    const ctx = ctxOf(reader);
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) seen.push(...(await listNotices({ ctx, input: { page, pageSize: 2 } })).notices.map((n) => n.id));
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("the unread filter shows only unread notices; the unread count covers the whole inbox", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const ids = await noticesFor(reader.userId, 6);
    const ctx = ctxOf(reader);
    await markNoticeRead({ ctx, input: { noticeId: ids[5] } });
    await markNoticeRead({ ctx, input: { noticeId: ids[2] } });
    const unread = await listNotices({ ctx, input: { unreadOnly: "1" } });
    expect(unread.notices.map((n) => n.id)).toEqual([ids[4], ids[3], ids[1], ids[0]]);
    expect(unread).toMatchObject({ total: 4, unread: 4, unreadOnly: true });
    const all = await listNotices({ ctx, input: { unreadOnly: "0" } });
    expect(all).toMatchObject({ total: 6, unread: 4 });
    expect(all.notices[0].readAt).not.toBeNull();
  });

  it("catalogue notices read in the reader's language; older notices outside the catalogue read as stored, in English", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const [id] = await noticesFor(reader.userId, 1);
    await prisma.clientNotice.create({
      data: {
        userId: reader.userId,
        kind: "onboarding.approved",
        title: "Your application was approved",
        body: "Stored text.",
        createdAt: at(5),
        dedupeKey: `test:${crypto.randomUUID()}`,
      },
    });
    // A catalogue kind whose parameters lack what its text needs: the stored English, not a half-rendered text.
    await prisma.clientNotice.create({
      data: {
        userId: reader.userId,
        kind: "adlFill",
        title: "Stored title",
        body: "Stored body.",
        params: { market: "BTC-PERP" },
        createdAt: at(6),
        dedupeKey: `test:${crypto.randomUUID()}`,
      },
    });
    const { notices } = await listNotices({ ctx: ctxOf(reader), input: { locale: "zh-HK" } });
    expect(notices.map((n) => [n.kind, n.title, n.fromCatalogue])).toEqual([
      ["adlFill", "Stored title", false],
      ["onboarding.approved", "Your application was approved", false],
      ["liquidated", renderNotice("liquidated", liquidatedDraft(reader.userId, 0).params, "zh-HK").title, true],
    ]);
    expect(notices[2].title).toMatch(/BTC-PERP/);
    const detail = await getNotice({ ctx: ctxOf(reader), input: { noticeId: id, locale: "zh-HK" } });
    expect(detail.body).toBe(renderNotice("liquidated", liquidatedDraft(reader.userId, 0).params, "zh-HK").body);
    expect((await getNotice({ ctx: ctxOf(reader), input: { noticeId: id, locale: "en" } })).title).toBe("BTC-PERP: your position was liquidated");
  });

  it("refuses out-of-range and malformed paging, filters and languages with what was wrong", async () => {
    const ctx = ctxOf(await signedInUser(prisma, ["CLIENT"]));
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ page: 0 }, new RegExp(`whole number from 1 to ${INBOX_MAX_PAGE}`)],
      [{ page: INBOX_MAX_PAGE + 1 }, /whole number from 1 to/],
      [{ page: "2.5" }, /whole number from 1 to/],
      [{ page: "9".repeat(5_000) }, /whole number from 1 to/],
      [{ page: -1 }, /whole number from 1 to/],
      [{ pageSize: INBOX_MAX_PAGE_SIZE + 1 }, new RegExp(`from 1 to ${INBOX_MAX_PAGE_SIZE} notices`)],
      [{ unreadOnly: "maybe" }, /unread filter is on \(1\) or off \(0\)/],
      [{ locale: "fr" }, /English \(en\) or Traditional Chinese \(zh-HK\)/],
    ];
    for (const [input, message] of cases) {
      const error = await refusal(listNotices({ ctx, input }));
      expect([error.status, error.code], JSON.stringify(input)).toEqual([422, "INVALID"]);
      expect(error.message, JSON.stringify(input)).toMatch(message);
    }
  });

  it("staff read their own inbox (escalations) once they have a second factor; the signed-out read nothing", async () => {
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const draft: NoticeDraft = {
      userId: officer.userId,
      kind: "escalation",
      params: { hours: 6, market: "BTC-PERP", incidentId: "INC-1", time: "2026-03-02 08:00 UTC", deadline: "2026-03-03 08:00 UTC", status: "draft" },
      dedupeKey: `test-escalation:${crypto.randomUUID()}`,
    };
    await prisma.$transaction((tx) => queueNotices(tx, [draft], T0));
    const { notices } = await listNotices({ ctx: ctxOf(officer), input: {} });
    expect(notices.map((n) => n.title)).toEqual(["Report due in 6 hours: BTC-PERP incident INC-1"]);

    const unenrolled = await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { totp: false });
    expect((await refusal(listNotices({ ctx: ctxOf(unenrolled), input: {} }))).status).toBe(403);
    expect((await refusal(countUnreadNotices({ ctx: ctxOf(unenrolled) }))).status).toBe(403);
    expect((await refusal(listNotices({ ctx: ctxOf(null), input: {} }))).status).toBe(401);
  });
});

describe("client inbox: one notice (DISC-7, REC-6)", () => {
  it("shows the reader's statement and links the incident's report only once it is published", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const published = await incident("published", at(60));
    const pending = await incident("approved", null);
    const statement = statementFor(1_234_567, published);
    const drafts: NoticeDraft[] = [
      {
        userId: reader.userId,
        kind: "statementReady",
        params: { market: "BTC-PERP", date: "2026-03-02" },
        dedupeKey: `s:${published}`,
        incidentId: published,
        statement,
      },
      {
        userId: reader.userId,
        kind: "adlOccurred",
        params: { market: "BTC-PERP", time: "2026-03-02 08:00 UTC" },
        dedupeKey: `a:${pending}`,
        incidentId: pending,
      },
    ];
    await prisma.$transaction((tx) => queueNotices(tx, drafts, T0));
    const [withStatement, withoutReport] = await Promise.all(drafts.map((d) => prisma.clientNotice.findUniqueOrThrow({ where: { dedupeKey: d.dedupeKey } })));
    const ctx = ctxOf(reader);

    const first = await getNotice({ ctx, input: { noticeId: withStatement.id } });
    expect(first.statement).toEqual(statement);
    expect(first.incident).toEqual({ id: published, reportPublished: true });
    expect(await getNoticeStatement({ ctx, input: { noticeId: withStatement.id } })).toEqual(statement);

    const second = await getNotice({ ctx, input: { noticeId: withoutReport.id.toUpperCase() } });
    expect(second.statement).toBeNull();
    expect(second.incident).toEqual({ id: pending, reportPublished: false });
    const noStatement = await refusal(getNoticeStatement({ ctx, input: { noticeId: withoutReport.id } }));
    expect([noStatement.status, noStatement.message]).toEqual([404, "There is no personal statement with this notice in your inbox."]);
    // Viewing is not reading: only markNoticeRead marks a notice read.
    expect((await prisma.clientNotice.findUniqueOrThrow({ where: { id: withStatement.id } })).readAt).toBeNull();
  });

  it("another user's notice answers exactly as a notice that does not exist; hostile ids are refused as not notice ids", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const other = await signedInUser(prisma, ["CLIENT"]);
    const [theirs] = await noticesFor(other.userId, 1);
    const ctx = ctxOf(reader);
    const foreign = await refusal(getNotice({ ctx, input: { noticeId: theirs } }));
    const missing = await refusal(getNotice({ ctx, input: { noticeId: crypto.randomUUID() } }));
    expect([foreign.status, foreign.code, foreign.message]).toEqual([404, "NOT_FOUND", "There is no such notice in your inbox."]);
    expect([missing.status, missing.code, missing.message]).toEqual([foreign.status, foreign.code, foreign.message]);
    expect((await refusal(getNoticeStatement({ ctx, input: { noticeId: theirs } }))).status).toBe(404);

    for (const hostile of ["", "1", "../../etc/passwd", `${theirs}' OR '1'='1`, `${theirs}\n`, "x".repeat(100_000), theirs.replaceAll("-", "")]) {
      const error = await refusal(getNotice({ ctx, input: { noticeId: hostile } }));
      expect([error.status, error.code], hostile.slice(0, 40)).toEqual([422, "INVALID"]);
      expect(error.message).toMatch(/^That is not the id of a notice/);
    }
    const notAString = await refusal(markNoticeRead({ ctx, input: { noticeId: 42 as never } }));
    expect(notAString.message).toMatch(/^That is not the id of a notice/);
  });
});

describe("client inbox: marking read (REC-6)", () => {
  it("marks the notice and its inbox delivery record read with one audit row; again changes nothing", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const [id] = await noticesFor(reader.userId, 1);
    const first = await markNoticeRead({ ctx: ctxOf(reader, at(100)), input: { noticeId: id } });
    expect(first).toEqual({ readAt: at(100), changed: true });
    expect((await prisma.clientNotice.findUniqueOrThrow({ where: { id } })).readAt).toEqual(at(100));
    const deliveries = await prisma.noticeDelivery.findMany({ where: { noticeId: id }, orderBy: { channel: "asc" } });
    expect(deliveries.map((d) => [d.channel, d.status, d.readAt])).toEqual([
      ["email", "queued", null],
      ["inbox", "read", at(100)],
    ]);
    expect(await auditCount("notice.read", reader)).toBe(1);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "notice.read", actorId: reader.userId } });
    expect([audit.entity, audit.entityId, audit.after]).toEqual(["ClientNotice", id, { kind: "liquidated", readAt: at(100).toISOString() }]);

    const again = await markNoticeRead({ ctx: ctxOf(reader, at(200)), input: { noticeId: id } });
    expect(again).toEqual({ readAt: at(100), changed: false });
    expect((await prisma.noticeDelivery.findFirstOrThrow({ where: { noticeId: id, channel: "inbox" } })).readAt).toEqual(at(100));
    expect(await auditCount("notice.read", reader)).toBe(1);
    expect(await countUnreadNotices({ ctx: ctxOf(reader) })).toBe(0);
  });

  it("marking the same notice read many times at once marks it once, with one time and one audit row", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const [id] = await noticesFor(reader.userId, 1);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => markNoticeRead({ ctx: ctxOf(reader, at(300 + i)), input: { noticeId: id } })));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const readAt = results.find((r) => r.changed)!.readAt;
    expect(results.every((r) => r.readAt.getTime() === readAt.getTime())).toBe(true);
    expect((await prisma.noticeDelivery.findFirstOrThrow({ where: { noticeId: id, channel: "inbox" } })).readAt).toEqual(readAt);
    expect(await auditCount("notice.read", reader)).toBe(1);
  });

  it("another user's notice answers 404 and stays unread, its delivery untouched, nothing audited", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const owner = await signedInUser(prisma, ["CLIENT"]);
    const [theirs] = await noticesFor(owner.userId, 1);
    const before = await prisma.noticeDelivery.findMany({ where: { noticeId: theirs }, orderBy: { channel: "asc" } });
    const error = await refusal(markNoticeRead({ ctx: ctxOf(reader), input: { noticeId: theirs } }));
    expect([error.status, error.message]).toEqual([404, "There is no such notice in your inbox."]);
    expect((await prisma.clientNotice.findUniqueOrThrow({ where: { id: theirs } })).readAt).toBeNull();
    expect(await prisma.noticeDelivery.findMany({ where: { noticeId: theirs }, orderBy: { channel: "asc" } })).toEqual(before);
    expect(await auditCount("notice.read", reader)).toBe(0);
    // Staff cannot read a client's notice either: there is no way into another inbox.
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    expect((await refusal(markNoticeRead({ ctx: ctxOf(officer), input: { noticeId: theirs } }))).status).toBe(404);
    expect((await refusal(getNotice({ ctx: ctxOf(officer), input: { noticeId: theirs } }))).status).toBe(404);
  });

  it("mark all read marks only the reader's notices written up to when the page was shown, once", async () => {
    const reader = await signedInUser(prisma, ["CLIENT"]);
    const other = await signedInUser(prisma, ["CLIENT"]);
    const shown = await noticesFor(reader.userId, 5);
    const [alreadyRead] = shown;
    await markNoticeRead({ ctx: ctxOf(reader, at(50)), input: { noticeId: alreadyRead } });
    const later = await noticesFor(reader.userId, 2, 30);
    await noticesFor(other.userId, 2);

    const pageShownAt = at(10);
    const [a, b] = await Promise.all([
      markAllNoticesRead({ ctx: ctxOf(reader, at(60)), input: { upToMs: String(pageShownAt.getTime()) } }),
      markAllNoticesRead({ ctx: ctxOf(reader, at(61)), input: { upToMs: pageShownAt.getTime() } }),
    ]);
    expect(a.count + b.count).toBe(4);
    const rows = await prisma.clientNotice.findMany({ where: { userId: reader.userId }, select: { id: true, readAt: true } });
    const readAtOf = new Map(rows.map((r) => [r.id, r.readAt]));
    expect(readAtOf.get(alreadyRead)).toEqual(at(50));
    for (const id of shown.slice(1)) expect(readAtOf.get(id)).not.toBeNull();
    for (const id of later) expect(readAtOf.get(id)).toBeNull();
    const inbox = await prisma.noticeDelivery.findMany({
      where: { userId: reader.userId, channel: "inbox" },
      select: { noticeId: true, status: true, readAt: true },
    });
    for (const delivery of inbox) {
      expect(delivery.readAt, delivery.noticeId).toEqual(readAtOf.get(delivery.noticeId));
      expect(delivery.status).toBe(readAtOf.get(delivery.noticeId) ? "read" : "delivered");
    }
    expect(await auditCount("notice.read_all", reader)).toBe(a.count > 0 && b.count > 0 ? 2 : 1);
    expect(await countUnreadNotices({ ctx: ctxOf(other) })).toBe(2);

    // Without a page time: everything written so far. Nothing left: nothing recorded.
    expect(await markAllNoticesRead({ ctx: ctxOf(reader) })).toEqual({ count: 2 });
    const audits = await auditCount("notice.read_all", reader);
    expect(await markAllNoticesRead({ ctx: ctxOf(reader) })).toEqual({ count: 0 });
    expect(await auditCount("notice.read_all", reader)).toBe(audits);
    const refused = await refusal(markAllNoticesRead({ ctx: ctxOf(reader), input: { upToMs: "soon" } }));
    expect([refused.status, refused.message]).toEqual([422, "The time the inbox was shown must be a whole number of milliseconds since 1970."]);
  });
});
