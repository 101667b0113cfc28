import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { GAP_AT, emptyJournalAndProjections, writeIncidentJournal } from "../../../test/incident-journal";
import { SOURCES } from "@/lib/engine/test-helpers";
import { draftClosedIncidents } from "@/lib/incidents/draft";
import { INCIDENT_POLICY } from "@/lib/incidents/policy";
import { runProjector } from "@/lib/incidents/projector";
import { publishedReportPaths } from "@/lib/incidents/published-report";
import type { IncidentReport } from "@/lib/incidents/report/types";
import { createPrismaClient } from "@/lib/prisma-client";
import { approveIncidentReport } from "@/lib/services/incidents/approve-incident-report";
import { publishIncidentReport } from "@/lib/services/incidents/publish-incident-report";
import { saveIncidentNarrative } from "@/lib/services/incidents/save-incident-narrative";
import { submitIncidentReport } from "@/lib/services/incidents/submit-incident-report";
import { createUser } from "@/prisma/factories";
import { englishText, msg } from "@/lib/i18n/message-ref";
import { SFC_EVENT_TASK_KIND, sfcTaskSourceRef } from "@/lib/incidents/sfc-notification";
import { createMissingSfcNotificationTasks } from "@/lib/services/registers/registers-job";
import { completeTask } from "@/lib/services/registers/tasks";
import { sfcCoverPdf } from "@/lib/services/incidents/sfc-cover";
import { PDFParse } from "pdf-parse";
import { contextFor, signedInUser } from "@/test/service-context";
import { dayAfter, hongKongDayStart } from "../period";
import { reportCsvFiles, reportDocument, reportPdf } from "../render";
import type { ReportPeriod, ReportResult } from "../types";
import { incidentsReport } from "./incidents";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const HOUR = 3_600_000;
/** The Hong Kong day holding the gap. */
let emailsMarked = 0;
/** The notice kinds the report counts as sent to clients (the rest are staff alerts). */
const CLIENT_KINDS = ["adlOccurred", "fundDepleted", "statementReady", "reportPublished"];
const GAP_DAY = hongKongDayStart(new Date(GAP_AT + 8 * HOUR).toISOString().slice(0, 10))!;
const DAY: ReportPeriod = { fromMs: GAP_DAY, toMs: dayAfter(GAP_DAY) };
const SUBMITTED = new Date(GAP_AT + 2 * HOUR);
const APPROVED = new Date(GAP_AT + 2 * HOUR + 10 * 60_000);
const PUBLISHED = new Date(GAP_AT + 3 * HOUR);
/** An incident opened directly in the register, still open (no draft), later the same day. */
const OPEN_AT = GAP_AT + 10 * HOUR;
const never = new AbortController().signal;
const build = (period: ReportPeriod) => incidentsReport.build({ db: prisma, period, signal: never, progress: () => {} });

let realId: string;
let openId: string;
const userIds: string[] = [];

const column = (result: ReportResult, table: string, key: string) => {
  const t = result.tables.find((candidate) => candidate.id === table)!;
  const index = t.columns.findIndex((c) => c.key === key);
  expect(index, key).toBeGreaterThanOrEqual(0);
  return t.rows.map((row) => row[index]);
};
const row = (result: ReportResult, table: string, incidentId: string) => {
  const t = result.tables.find((candidate) => candidate.id === table)!;
  const found = t.rows.find((r) => r[0] === incidentId);
  return found ? Object.fromEntries(t.columns.map((c, i) => [c.key, found[i]])) : undefined;
};

beforeAll(async () => {
  await emptyJournalAndProjections(prisma, database.schema);
  const journal = await writeIncidentJournal(prisma, { holders: 3 });
  for (const engineAccountId of journal.clients) {
    const user = await createUser(prisma, { email: `rpt7-${engineAccountId}-${randomInt(1e9)}@test.example`, roles: ["CLIENT"] });
    await prisma.tradingAccount.create({ data: { userId: user.id, engineAccountId } });
    userIds.push(user.id);
  }
  // The projector's and the drafter's wall clock: shortly after the events, as in production.
  await runProjector(prisma, { now: () => new Date(GAP_AT + 1_000) });
  const later = GAP_AT + INCIDENT_POLICY.quietMs + 1_000;
  await journal.run([
    {
      type: "IndexQuotes",
      nowMs: later,
      market: "BTC-PERP",
      quotes: SOURCES["BTC-PERP"].map((sourceId) => ({ sourceId, price: 575_000, timestampMs: later, recentVolumeUsd: 50_000_000 })),
    },
  ]);
  await runProjector(prisma, { now: () => new Date(later + 1_000) });
  [realId] = await draftClosedIncidents(prisma, () => new Date(later + 2_000));

  const fresh = (at: Date) => new Date(at.getTime() - 60_000);
  const co = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
  await saveIncidentNarrative({
    ctx: contextFor(prisma, co, () => SUBMITTED),
    input: { incidentId: realId, cause: "Gap.", impact: "ADL ran.", remediation: "None." },
  });
  await submitIncidentReport({ ctx: contextFor(prisma, co, () => SUBMITTED), input: { incidentId: realId } });
  const ro = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: fresh(APPROVED) });
  await approveIncidentReport({ ctx: contextFor(prisma, ro, () => APPROVED), input: { incidentId: realId } });
  const publisher = await signedInUser(prisma, ["RESPONSIBLE_OFFICER"], { stepUpAt: fresh(PUBLISHED) });
  await publishIncidentReport({ ctx: contextFor(prisma, publisher, () => PUBLISHED), input: { incidentId: realId } });
  // One inbox copy read, one e-mail sent and one failed: deliveries by state.
  const emails = await prisma.noticeDelivery.findMany({
    where: { channel: "email", notice: { incidentId: realId, kind: { in: CLIENT_KINDS } } },
    orderBy: { id: "asc" },
    take: 2,
  });
  if (emails[0]) await prisma.noticeDelivery.update({ where: { id: emails[0].id }, data: { status: "sent", sentAt: new Date(PUBLISHED.getTime() + 60_000) } });
  if (emails[1]) await prisma.noticeDelivery.update({ where: { id: emails[1].id }, data: { status: "failed", lastError: "test" } });
  // How many e-mails the publication queued depends on the clients' addresses; the counts below are checked against the rows either way.
  emailsMarked = emails.length;

  openId = `inc-rpt7-open-${randomInt(1e9)}`;
  await prisma.incident.create({
    data: {
      id: openId,
      market: "ETH-PERP",
      openedSeq: BigInt(randomInt(1, 2 ** 47)),
      openedAtMs: BigInt(OPEN_AT),
      lastSeq: 1n,
      lastAtMs: BigInt(OPEN_AT),
      steps: ["insurance_fund"],
      status: "open",
      deadlineAt: new Date(OPEN_AT + INCIDENT_POLICY.reportDueMs),
    },
  });
  // Closed the day before: not the period's.
  await prisma.incident.create({
    data: {
      id: `inc-rpt7-before-${randomInt(1e9)}`,
      market: "BTC-PERP",
      openedSeq: BigInt(randomInt(1, 2 ** 47)),
      openedAtMs: BigInt(DAY.fromMs - 5 * HOUR),
      lastSeq: 1n,
      lastAtMs: BigInt(DAY.fromMs - 5 * HOUR),
      closedSeq: 2n,
      closedAtMs: BigInt(DAY.fromMs - 1),
      steps: ["backstop"],
      status: "draft",
      deadlineAt: new Date(DAY.fromMs + 19 * HOUR),
    },
  });
});

describe("RPT-7, DISC-7: the incidents report and its SFC cover reconcile to the incident register and the notice log", () => {
  it("RPT-7: one row per incident that started, was open or closed in the period, equal to the Incident table's, in opening order", async () => {
    const result = await build(DAY);
    const expected = await prisma.incident.findMany({
      where: { openedAtMs: { lt: BigInt(DAY.toMs) }, OR: [{ closedAtMs: null }, { closedAtMs: { gte: BigInt(DAY.fromMs) } }] },
      orderBy: [{ openedAtMs: "asc" }, { id: "asc" }],
    });
    expect(expected.map((incident) => incident.id)).toEqual([realId, openId]);
    for (const table of ["incidents", "sfc-cover"]) {
      expect(column(result, table, "incidentId"), table).toEqual(expected.map((incident) => incident.id));
      expect(column(result, table, "market"), table).toEqual(expected.map((incident) => incident.market));
      expect(column(result, table, "openedAt"), table).toEqual(expected.map((incident) => Number(incident.openedAtMs)));
      expect(column(result, table, "stepsReached"), table).toEqual(expected.map((incident) => (incident.steps as string[]).join(", ")));
    }
    const real = expected[0];
    const draft = real.draft as unknown as IncidentReport;
    expect(row(result, "incidents", realId)).toMatchObject({
      closedAt: Number(real.closedAtMs),
      accountsLiquidated: draft.affected.accountsLiquidated,
      insuranceFundDrawMicroUsd: draft.insuranceFund.paidOut,
      adlFills: draft.adl.fills.length,
      adlLots: 82,
      adlCounterparties: 1,
      reportStatusAtPeriodEnd: "published",
      reportDrafted: "yes",
      reportApprovedAt: APPROVED.getTime(),
      reportPublishedAt: PUBLISHED.getTime(),
      publishedWithin24h: "yes",
      publishedSha256: real.publishedHash,
    });
    expect(real.publishedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(BigInt(draft.insuranceFund.paidOut)).toBeGreaterThan(0n);
    expect(row(result, "incidents", openId)).toMatchObject({
      closedAt: null,
      insuranceFundDrawMicroUsd: null,
      adlFills: null,
      reportStatusAtPeriodEnd: "open",
      reportDrafted: "no",
      reportPublishedAt: null,
      publishedWithin24h: null,
      publishedSha256: null,
      clientNotices: 0,
    });
    expect(row(result, "sfc-cover", realId)).toMatchObject({
      publicReportReference: publishedReportPaths(realId).json,
      publishedSha256: real.publishedHash,
      adlLots: 82,
    });
    expect(row(result, "sfc-cover", openId)).toMatchObject({ publicReportReference: null, reportStatusAtPeriodEnd: "open" });
    // The projector opened the real incident and its SFC notification task with it, due with the report.
    expect(row(result, "sfc-cover", realId)).toMatchObject({ sfcNotificationDueAt: real.deadlineAt.getTime() });
    // Created directly in the table, the open one has no task until the registers job catches it up.
    expect(row(result, "sfc-cover", openId)).toMatchObject({ sfcNotificationDueAt: null, sentToSfcAt: null });
  });

  it("RPT-7, REC-6: notices and delivery counts equal the ClientNotice and NoticeDelivery rows of each incident", async () => {
    const result = await build(DAY);
    const clientKinds = CLIENT_KINDS;
    const notices = await prisma.clientNotice.findMany({
      where: { incidentId: realId, createdAt: { lt: new Date(DAY.toMs) } },
      select: { kind: true, deliveries: { select: { channel: true, status: true, sentAt: true } } },
    });
    const toClients = notices.filter((n) => clientKinds.includes(n.kind));
    const published = notices.filter((n) => n.kind === "reportPublished");
    const deliveries = toClients.flatMap((n) => n.deliveries);
    expect(published.length).toBeGreaterThanOrEqual(userIds.length);
    expect(toClients.filter((n) => n.kind === "adlOccurred").length, "the DISC-6 broadcasts are the period's").toBeGreaterThan(0);
    expect(row(result, "incidents", realId)).toMatchObject({
      clientNotices: toClients.length,
      reportPublishedNotices: published.length,
      staffAlerts: notices.length - toClients.length,
      deliveries_delivered: deliveries.filter((d) => d.channel === "inbox").length,
      deliveries_sent: deliveries.filter((d) => d.channel === "email" && d.sentAt !== null).length,
      deliveries_failed: deliveries.filter((d) => d.status === "failed").length,
      deliveries_skipped: deliveries.filter((d) => d.status === "skipped").length,
      deliveries_pending: deliveries.filter((d) => d.channel === "email" && d.sentAt === null && !["failed", "skipped"].includes(d.status)).length,
    });
    const r = row(result, "incidents", realId)!;
    const states = ["delivered", "sent", "pending", "failed", "skipped"].reduce((sum, state) => sum + Number(r[`deliveries_${state}`]), 0);
    expect(states).toBe(deliveries.length);
    expect(emailsMarked, "the publication queued e-mails to mark").toBeGreaterThan(0);
    expect(r.deliveries_sent).toBe(1);
    expect(r.deliveries_failed).toBe(emailsMarked > 1 ? 1 : 0);
    expect(row(result, "sfc-cover", realId)).toMatchObject({ clientsNotifiedOfReport: published.length });
  });

  it("RPT-7: the report is as the incident stood at the period's end, so a later recomputation gives the same figures", async () => {
    // Ends after approval, before publication: approved, no hash, no report notices, the e-mail not yet sent.
    const beforePublication = await build({ fromMs: DAY.fromMs, toMs: PUBLISHED.getTime() });
    expect(row(beforePublication, "incidents", realId)).toMatchObject({
      reportStatusAtPeriodEnd: "approved",
      reportPublishedAt: null,
      publishedWithin24h: null,
      publishedSha256: null,
      reportPublishedNotices: 0,
      deliveries_sent: 0,
    });
    expect(row(beforePublication, "sfc-cover", realId)).toMatchObject({ publicReportReference: null, clientsNotifiedOfReport: 0 });
    expect(row(await build({ fromMs: DAY.fromMs, toMs: SUBMITTED.getTime() + 1 }), "incidents", realId)).toMatchObject({
      reportStatusAtPeriodEnd: "submitted",
    });
    // Ends just after the episode's last event (closedAtMs): drafted, not yet submitted.
    const atGap = await build({ fromMs: DAY.fromMs, toMs: GAP_AT + 1 });
    expect(row(atGap, "incidents", realId)).toMatchObject({ reportStatusAtPeriodEnd: "draft", reportApprovedAt: null, publishedSha256: null, adlLots: 82 });
    expect(await build(DAY)).toEqual(await build(DAY));
  });

  it("RPT-7: period boundaries: [from, to) holds an incident opened at `from` and not one opened at `to` or closed before `from`", async () => {
    const ids = async (period: ReportPeriod) => column(await build(period), "incidents", "incidentId");
    expect(await ids({ fromMs: DAY.fromMs, toMs: GAP_AT })).toEqual([]);
    expect(await ids({ fromMs: GAP_AT, toMs: GAP_AT + 1 })).toEqual([realId]);
    const real = await prisma.incident.findUniqueOrThrow({ where: { id: realId } });
    expect(await ids({ fromMs: Number(real.closedAtMs) + 1, toMs: OPEN_AT })).toEqual([]);
    expect(await ids({ fromMs: Number(real.closedAtMs), toMs: OPEN_AT })).toEqual([realId]);
    expect(await ids({ fromMs: OPEN_AT, toMs: OPEN_AT + 1 })).toEqual([openId]);
    // Still open: in every later period.
    expect(await ids({ fromMs: DAY.toMs + 30 * 24 * HOUR, toMs: DAY.toMs + 31 * 24 * HOUR })).toEqual([openId]);
  });

  it("RPT-7: an empty period gives both tables with no rows, and renders", async () => {
    const empty = await build({ fromMs: DAY.fromMs - 10 * 24 * HOUR, toMs: DAY.fromMs - 9 * 24 * HOUR });
    expect(empty.tables.map((t) => [t.id, t.rows.length])).toEqual([
      ["incidents", 0],
      ["sfc-cover", 0],
      ["sfc-send-log", 0],
    ]);
    expect(reportDocument(empty, "en").sections).toHaveLength(3);
  });

  it("RPT-7: every column and table has a label, the PDF and CSV render, and no client is named", async () => {
    const result = await build(DAY);
    const document = reportDocument(result, "en");
    expect(document.title).toBe("Default-management incidents, SFC cover and send log");
    expect((await reportPdf(result, "en")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(reportCsvFiles(result).map((file) => file.name)).toEqual(["incidents-incidents.csv", "incidents-sfc-cover.csv", "incidents-sfc-send-log.csv"]);
    const text = JSON.stringify(result);
    const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
    for (const user of users) {
      expect(text).not.toContain(user.id);
      expect(text).not.toContain(user.email);
    }
  });

  it("RPT-7: the event creates the SFC notification task with the client report; the send is refused before publication and then logged", async () => {
    const task = await prisma.complianceTask.findUniqueOrThrow({ where: { sourceRef: sfcTaskSourceRef(realId) } });
    const real = await prisma.incident.findUniqueOrThrow({ where: { id: realId } });
    expect(task).toMatchObject({ kind: SFC_EVENT_TASK_KIND, status: "open", title: "BTC-PERP", dueAt: real.deadlineAt });

    // The registers job catches up an incident without a task, once however often it runs.
    const job = (at: Date) => createMissingSfcNotificationTasks({ actor: null, db: prisma, now: () => at });
    const runs = await Promise.all([1, 2, 3].map(() => job(new Date(OPEN_AT + HOUR))));
    expect(runs.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
    const openTask = await prisma.complianceTask.findUniqueOrThrow({ where: { sourceRef: sfcTaskSourceRef(openId) } });
    expect(await prisma.complianceTask.count({ where: { sourceRef: sfcTaskSourceRef(realId) } })).toBe(1);

    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const SENT = new Date(PUBLISHED.getTime() + HOUR);
    const officerAt = (at: Date) => contextFor(prisma, officer, () => at);
    // No published report: nothing to send under the cover, and nothing changes.
    await expect(completeTask({ ctx: officerAt(SENT), input: { id: openTask.id, evidence: "SFC ack 1" } })).rejects.toThrow(
      englishText(msg("errors.registers.sfcReportNotPublished")),
    );
    expect(await prisma.complianceTask.findUniqueOrThrow({ where: { id: openTask.id } })).toMatchObject({ status: "open", doneAt: null });

    // Sent twice at once: one send recorded, the other told it is done.
    const sends = await Promise.allSettled([1, 2].map(() => completeTask({ ctx: officerAt(SENT), input: { id: task.id, evidence: "SFC ack 2026-001" } })));
    expect(sends.filter((send) => send.status === "fulfilled")).toHaveLength(1);

    const result = await build(DAY);
    expect(row(result, "sfc-cover", realId)).toMatchObject({ sentToSfcAt: SENT.getTime(), sfcNotificationDueAt: real.deadlineAt.getTime() });
    expect(column(result, "sfc-send-log", "incidentId")).toEqual([realId]);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: officer.userId } });
    expect(row(result, "sfc-send-log", realId)).toMatchObject({
      market: "BTC-PERP",
      sentToSfcAt: SENT.getTime(),
      sfcNotificationDueAt: real.deadlineAt.getTime(),
      sentOnTime: SENT <= real.deadlineAt ? "yes" : "no",
      recordedBy: user.name,
      sfcEvidence: "SFC ack 2026-001",
    });
    // As it stood before the send: not sent, and not in that period's log.
    const beforeSend = await build({ fromMs: DAY.fromMs, toMs: SENT.getTime() });
    expect(row(beforeSend, "sfc-cover", realId)).toMatchObject({ sentToSfcAt: null });
    expect(column(beforeSend, "sfc-send-log", "incidentId")).toEqual([]);
  });

  it("RPT-7: the SFC cover PDF carries the published report's address and SHA-256 over the report clients received, and each download is audited", async () => {
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    const ctx = contextFor(prisma, officer, () => new Date(PUBLISHED.getTime() + 2 * HOUR));
    const real = await prisma.incident.findUniqueOrThrow({ where: { id: realId } });
    const file = await sfcCoverPdf({ ctx, input: { incidentId: realId, locale: "en", origin: "https://portal.example" } });
    const text = await pdfText(file.pdf);
    expect(text).toContain("Notification to the Securities and Futures Commission");
    expect(text).toContain(real.publishedHash!);
    expect(text).toContain(`https://portal.example${publishedReportPaths(realId).json}`);
    // The published report's own sections follow the cover.
    expect(text).toContain("Gap.");
    expect(await prisma.auditLog.count({ where: { action: "incident.sfc_cover_download", entityId: realId } })).toBe(1);
    const chinese = await pdfText((await sfcCoverPdf({ ctx, input: { incidentId: realId, locale: "zh-HK", origin: "https://portal.example" } })).pdf);
    expect(chinese).toContain("致證券及期貨事務監察委員會的通知");
    // Not published: no cover, and nothing audited.
    await expect(sfcCoverPdf({ ctx, input: { incidentId: openId, locale: "en", origin: "https://portal.example" } })).rejects.toThrow(
      englishText(msg("errors.registers.sfcReportNotPublished")),
    );
    expect(await prisma.auditLog.count({ where: { action: "incident.sfc_cover_download", entityId: openId } })).toBe(0);
    // A client may not read it.
    const client = await signedInUser(prisma, ["CLIENT"]);
    await expect(sfcCoverPdf({ ctx: contextFor(prisma, client, () => new Date()), input: { incidentId: realId, locale: "en", origin: "" } })).rejects.toThrow();
  });
});

async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}
