import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import type { Role } from "@/lib/auth/permissions";
import { runComplaintsJob } from "@/lib/services/complaints/complaints-job";
import { recordFdrcReferral } from "@/lib/services/complaints/fdrc-referral";
import { acknowledgeComplaint, answerEnquiry, setRootCauses } from "@/lib/services/complaints/handling";
import { closeComplaint, draftOutcomeLetter, reviewOutcomeLetter } from "@/lib/services/complaints/outcome";
import { submitComplaint } from "@/lib/services/complaints/submit-complaint";
import { contextFor, signedInUser } from "@/test/service-context";
import { reportDocument, reportPdf } from "../render";
import type { ReportCell, ReportPeriod, ReportResult, ReportTable } from "../types";
import { complaintsReceived, complaintsReport } from "./complaints";

// CMP-3, RPT-9: the monthly complaints MI against complaints raised and worked through the services
// with an injected clock. Test files on one worker share a schema, so this file's complaints are dated
// January to March 2031, which no other file uses; every figure is also counted straight from the log.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

/** February 2031 in Hong Kong. */
const PERIOD: ReportPeriod = { fromMs: Date.parse("2031-02-01T00:00:00+08:00"), toMs: Date.parse("2031-03-01T00:00:00+08:00") };
const at = (iso: string) => new Date(`${iso}+08:00`);
const never = new AbortController().signal;
const build = (period: ReportPeriod = PERIOD): Promise<ReportResult> => complaintsReport.build({ db: prisma, period, signal: never, progress: () => {} });
const tableOf = (result: ReportResult, id: string): ReportTable => result.tables.find((table) => table.id === id)!;
const cell = (table: ReportTable, first: string, key: string) => table.rows.find((row) => row[0] === first)![table.columns.findIndex((c) => c.key === key)];

async function person(roles: Role[]) {
  const actor = await signedInUser(prisma, roles);
  // Each step's clock is its own; the step-up is taken as fresh at that instant.
  return (now: Date) => contextFor(prisma, { ...actor, stepUpAt: now }, () => now);
}

async function lodge(kind: "complaint" | "enquiry", category: string, when: Date): Promise<string> {
  const { reference } = await submitComplaint({
    ctx: contextFor(prisma, null, () => when),
    input: { kind, category, text: `${kind} ${category} ${when.toISOString()}`, submissionKey: crypto.randomUUID() },
  });
  return (await prisma.complaint.findUniqueOrThrow({ where: { reference }, select: { id: true } })).id;
}

async function resolve(
  id: string,
  when: Date,
  officer: (now: Date) => ReturnType<typeof contextFor>,
  mic: (now: Date) => ReturnType<typeof contextFor>,
  causes: string[],
) {
  await acknowledgeComplaint({ ctx: officer(when), input: { id } });
  await setRootCauses({ ctx: officer(when), input: { id, causes } });
  const { letterVersion } = await draftOutcomeLetter({ ctx: officer(when), input: { id, outcome: "We found the fault and refunded the fee." } });
  await reviewOutcomeLetter({ ctx: mic(when), input: { id, letterVersion } });
  await closeComplaint({ ctx: officer(when), input: { id } });
}

describe("complaints MI", () => {
  it("CMP-3: the monthly MI's totals (volumes, ageing, themes, FDRC referrals) reconcile to the complaint log, and a past month recomputes the same", async () => {
    // Other files on this worker share the schema and leave complaints open (the log refuses deletion):
    // they count as open at the period's start, so the figures below are this test's on top of theirs.
    const baseline = await build();
    const officer = await person(["COMPLIANCE_OFFICER"]);
    const mic = await person(["RESPONSIBLE_OFFICER"]);
    // January: one closed in January and referred to the FDRC in February; one still open into February.
    const closedInJanuary = await lodge("complaint", "fees_funding", at("2031-01-06T10:00:00"));
    await resolve(closedInJanuary, at("2031-01-08T10:00:00"), officer, mic, ["system_error"]);
    const carriedOver = await lodge("complaint", "trading_execution", at("2031-01-20T10:00:00"));
    // February: one carried over closes; two new complaints (one closes, one stays open and is escalated); two enquiries (one answered).
    await resolve(carriedOver, at("2031-02-03T10:00:00"), officer, mic, ["process_failure", "unclear_disclosure"]);
    const closedInFebruary = await lodge("complaint", "trading_execution", at("2031-02-05T10:00:00"));
    await resolve(closedInFebruary, at("2031-02-10T10:00:00"), officer, mic, ["process_failure"]);
    const stillOpen = await lodge("complaint", "liquidation_adl", at("2031-02-06T10:00:00"));
    const answered = await lodge("enquiry", "technical", at("2031-02-07T10:00:00"));
    await answerEnquiry({ ctx: officer(at("2031-02-07T12:00:00")), input: { id: answered, text: "Fixed." } });
    await lodge("enquiry", "account_onboarding", at("2031-02-25T10:00:00"));
    await runComplaintsJob({ db: prisma, now: () => at("2031-02-12T10:00:00") });
    await recordFdrcReferral({ ctx: officer(at("2031-02-14T10:00:00")), input: { id: closedInJanuary, reference: "FDRC 2031/7" } });
    // March: outside the period.
    await lodge("complaint", "other", at("2031-03-02T10:00:00"));

    const result = await build();
    const volumes = tableOf(result, "volumes");
    const before = tableOf(baseline, "volumes");
    // Escalations are left to the log check below: the job escalates every overdue complaint in the schema, other files' too.
    const escalationsColumn = volumes.columns.findIndex((column) => column.key === "escalations");
    const delta = (row: ReportCell[], i: number) =>
      row.map((value, j) => (j === 0 ? value : j === escalationsColumn ? null : (value as number) - (before.rows[i][j] as number)));
    expect(volumes.rows.map(delta)).toEqual([
      ["complaint", 1, 2, 2, 1, null, 0],
      ["enquiry", 0, 2, 1, 1, null, 0],
      ["ALL", 1, 4, 3, 2, null, 0],
    ]);
    for (const row of volumes.rows) {
      const value = (key: string) => row[volumes.columns.findIndex((c) => c.key === key)] as number;
      expect(value("openAtStart") + value("received") - value("closed")).toBe(value("openAtEnd"));
    }

    // Straight from the log: received, closed and escalated in the period; open at its end.
    const from = new Date(PERIOD.fromMs);
    const to = new Date(PERIOD.toMs);
    const received = await prisma.complaint.count({ where: { receivedAt: { gte: from, lt: to } } });
    const closed = await prisma.complaintEvent.count({ where: { kind: "closed", at: { gte: from, lt: to } } });
    const escalations = await prisma.complaintEvent.count({ where: { kind: "escalated", at: { gte: from, lt: to } } });
    const referrals = await prisma.complaintEvent.count({ where: { kind: "fdrc_referred", at: { gte: from, lt: to } } });
    expect([cell(volumes, "ALL", "received"), cell(volumes, "ALL", "closed"), cell(volumes, "ALL", "escalations")]).toEqual([received, closed, escalations]);

    const ageing = tableOf(result, "ageing");
    expect(cell(ageing, "ALL", "complaints")).toBe(cell(volumes, "complaint", "openAtEnd"));
    expect(cell(ageing, "ALL", "enquiries")).toBe(cell(volumes, "enquiry", "openAtEnd"));
    // Open at the end of February: the liquidation complaint (22 days) and the onboarding enquiry (3 days).
    const ageingBefore = tableOf(baseline, "ageing");
    expect([
      (cell(ageing, "days15to30", "complaints") as number) - (cell(ageingBefore, "days15to30", "complaints") as number),
      (cell(ageing, "days0to7", "enquiries") as number) - (cell(ageingBefore, "days0to7", "enquiries") as number),
    ]).toEqual([1, 1]);

    const categories = tableOf(result, "categories");
    expect([cell(categories, "ALL", "complaints"), cell(categories, "ALL", "enquiries")]).toEqual([2, 2]);
    expect(cell(categories, "trading_execution", "complaints")).toBe(1);

    const causes = tableOf(result, "root-causes");
    expect(cell(causes, "complaintsClosed", "complaints")).toBe(cell(volumes, "complaint", "closed"));
    expect([
      cell(causes, "process_failure", "complaints"),
      cell(causes, "unclear_disclosure", "complaints"),
      cell(causes, "system_error", "complaints"),
    ]).toEqual([2, 1, 0]);

    const fdrc = tableOf(result, "fdrc-referrals");
    expect(fdrc.rows).toHaveLength(referrals);
    const referral = await prisma.complaint.findUniqueOrThrow({ where: { id: closedInJanuary } });
    expect(fdrc.rows[0]).toEqual([referral.reference, "fees_funding", at("2031-02-14T10:00:00").getTime(), "2031-02-21"]);

    const log = tableOf(result, "log");
    expect(log.rows).toHaveLength((cell(volumes, "ALL", "openAtStart") as number) + (cell(volumes, "ALL", "received") as number));
    const open = await prisma.complaint.findUniqueOrThrow({ where: { id: stillOpen } });
    expect(log.rows.find((row) => row[0] === open.reference)).toEqual([
      open.reference,
      "complaint",
      "liquidation_adl",
      open.receivedAt.getTime(),
      null,
      null,
      22,
      "",
      "yes",
      null,
    ]);
    expect(JSON.stringify(result)).not.toContain("complaint liquidation_adl 2031");

    // RPT-3: the questionnaire's complaints figure (its table is tested with the market in questionnaire.db.test.ts) is this report's.
    expect(await complaintsReceived({ db: prisma, period: PERIOD, signal: never, progress: () => {} })).toBe(cell(volumes, "complaint", "received"));

    // What is done after the month does not change the month's report.
    const mid = at("2031-03-05T10:00:00");
    await resolve(stillOpen, mid, officer, mic, ["staff_conduct"]);
    await runComplaintsJob({ db: prisma, now: () => at("2031-03-20T10:00:00") });
    expect(JSON.stringify(await build())).toBe(JSON.stringify(result));

    for (const locale of ["en", "zh-HK"] as const) {
      expect(reportDocument(result, locale).sections.map((section) => section.id)).toEqual([
        "volumes",
        "ageing",
        "categories",
        "root-causes",
        "fdrc-referrals",
        "log",
      ]);
      expect((await reportPdf(result, locale)).subarray(0, 5).toString()).toBe("%PDF-");
    }
  });

  it("CMP-3: an empty period builds with zero totals", async () => {
    const result = await build({ fromMs: 0, toMs: 86_400_000 });
    expect(tableOf(result, "volumes").rows.find((row) => row[0] === "ALL")).toEqual(["ALL", 0, 0, 0, 0, 0, 0]);
    expect(tableOf(result, "log").rows).toEqual([]);
  });
});
