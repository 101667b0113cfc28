import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { addHongKongBusinessDays } from "@/lib/calendar/hk-business-days";
import { createPrismaClient } from "@/lib/prisma-client";
import { englishText, msg } from "@/lib/i18n/message-ref";
import { Conflict, Forbidden, Invalid, StepUpRequired } from "@/lib/services/errors";
import { contextFor, signedInUser } from "@/test/service-context";
import { endOfHongKongDay, upcomingFilingReminders } from "./due-dates";
import { approveNotification, assessMateriality, draftNotification, NOTIFY_WITHIN_MS, recordIncident, recordNotification } from "./incident-register";
import { recordPersonnelChange } from "./personnel-register";
import { readRegisters } from "./read-registers";
import { runRegistersJob } from "./registers-job";
import { completeTask } from "./tasks";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);

afterAll(async () => {
  await prisma.$disconnect();
});

/** Monday 12 October 2026, 10:00 in Hong Kong. */
const WALL = new Date(Date.UTC(2026, 9, 12, 2));
const CALENDAR = { licenceAnniversary: "04-01", financialYearEnd: "12-31" };

async function officer(at: Date = WALL, roles: ("COMPLIANCE_OFFICER" | "RESPONSIBLE_OFFICER" | "AUDITOR")[] = ["COMPLIANCE_OFFICER"]) {
  const actor = await signedInUser(prisma, roles, { stepUpAt: at });
  return { actor, ctx: (now: Date = at) => contextFor(prisma, actor, () => now) };
}

beforeAll(async () => {
  await prisma.$executeRawUnsafe(`TRUNCATE "${database.schema}"."PersonnelChange", "${database.schema}"."ComplianceTask"`);
});

async function rowCounts() {
  return {
    tasks: await prisma.complianceTask.count(),
    changes: await prisma.personnelChange.count(),
    incidents: await prisma.complianceIncident.count(),
    audit: await prisma.auditLog.count(),
  };
}

describe("personnel register", () => {
  it("RPT-6: a change creates a notification task due 7 Hong Kong business days after it takes effect, across Chung Yeung", async () => {
    const { ctx } = await officer();
    // Thu 15 Oct 2026: the window skips the weekend and Chung Yeung's substitute holiday (Mon 19 Oct).
    const result = await recordPersonnelChange({
      ctx: ctx(),
      input: { role: "mic", change: "appointed", personName: "  Chan Tai Man ", function: "Overall management oversight", effectiveDate: "2026-10-15" },
    });
    expect(result.dueDate).toBe("2026-10-27");
    expect(result.dueDate).toBe(addHongKongBusinessDays("2026-10-15", 7));
    const change = await prisma.personnelChange.findUniqueOrThrow({ where: { id: result.id }, include: { task: true } });
    expect([change.role, change.change, change.personName, change.effectiveDate.toISOString().slice(0, 10)]).toEqual([
      "mic",
      "appointed",
      "Chan Tai Man",
      "2026-10-15",
    ]);
    expect(change.task).toMatchObject({ kind: "personnel_notification", status: "open", sourceRef: `personnel:${result.id}`, title: "Chan Tai Man" });
    // Due by the end of 27 October in Hong Kong: 28 October 00:00 HKT.
    expect(change.task.dueAt.toISOString()).toBe("2026-10-27T16:00:00.000Z");
    expect(await prisma.auditLog.count({ where: { action: "personnel_change.record", entityId: result.id } })).toBe(1);

    const read = await readRegisters({ ctx: ctx() });
    const task = read.tasks.find((row) => row.id === change.taskId);
    expect(task).toMatchObject({ dueDate: "2026-10-27", kind: "personnel_notification" });
    expect(task!.leftMs).toBe(change.task.dueAt.getTime() - WALL.getTime());
  });

  it("RPT-6: bad input is refused with a specific message and nothing is written", async () => {
    const { ctx } = await officer();
    const good = { role: "ro", change: "ceased", personName: "Lee Siu Ming", function: "Dealing in virtual assets", effectiveDate: "2026-10-01" };
    const before = await rowCounts();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ role: "ceo" }, "role", englishText(msg("errors.registers.unknownRole", { value: "ceo" }))],
      [{ change: "promoted" }, "change", englishText(msg("errors.registers.unknownChange", { value: "promoted" }))],
      [{ effectiveDate: "next Tuesday" }, "effectiveDate", englishText(msg("errors.registers.badDate", { date: "next Tuesday" }))],
      [{ effectiveDate: "2026-02-30" }, "effectiveDate", englishText(msg("errors.registers.badDate", { date: "2026-02-30" }))],
      [{ personName: "   " }, "personName", englishText(msg("errors.registers.required", { field: msg("errors.registers.fields.personName") }))],
      [{ function: "x".repeat(201) }, "function", englishText(msg("errors.registers.tooLong", { field: msg("errors.registers.fields.function"), max: 200 }))],
      [
        { personName: "x".repeat(50_000) },
        "personName",
        englishText(msg("errors.registers.tooLong", { field: msg("errors.registers.fields.personName"), max: 200 })),
      ],
    ];
    for (const [change, field, message] of cases) {
      const error = await recordPersonnelChange({ ctx: ctx(), input: { ...good, ...change } }).catch((caught: unknown) => caught);
      expect(error, field).toBeInstanceOf(Invalid);
      expect((error as Invalid).message).toBe(message);
      expect((error as Invalid).fieldErrors?.[field]).toEqual([message]);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("only staff with the registers permission write; an auditor reads", async () => {
    const { ctx } = await officer(WALL, ["AUDITOR"]);
    await expect(
      recordPersonnelChange({ ctx: ctx(), input: { role: "mic", change: "appointed", personName: "A", function: "B", effectiveDate: "2026-10-15" } }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(readRegisters({ ctx: ctx() })).resolves.toHaveProperty("tasks");
  });
});

describe("incident register", () => {
  async function materialIncident(at: Date) {
    const { ctx } = await officer(at);
    const { id } = await recordIncident({
      ctx: ctx(),
      input: { kind: "cyber", title: "Hot wallet key exposure", summary: "A signing key was found in a log file." },
    });
    const assessed = await assessMateriality({ ctx: ctx(), input: { id, materiality: "material", reason: "Client assets at risk." } });
    expect(assessed.notifyDueAtMs).toBe(at.getTime() + NOTIFY_WITHIN_MS);
    return id;
  }

  it("RPT-2: a material incident without notifiedAt escalates after 1 h, exactly once even when the job runs in parallel", async () => {
    const id = await materialIncident(WALL);
    const job = (at: Date) => runRegistersJob({ db: prisma, now: () => at }, CALENDAR);

    await job(new Date(WALL.getTime() + NOTIFY_WITHIN_MS - 1_000));
    expect((await prisma.complianceIncident.findUniqueOrThrow({ where: { id } })).escalatedAt).toBeNull();

    const late = new Date(WALL.getTime() + NOTIFY_WITHIN_MS + 30_000);
    await Promise.all([job(late), job(late), job(late), job(late)]);
    const incident = await prisma.complianceIncident.findUniqueOrThrow({ where: { id } });
    expect(incident.escalatedAt?.toISOString()).toBe(late.toISOString());
    await job(new Date(late.getTime() + 60_000));
    expect(await prisma.auditLog.count({ where: { action: "compliance_incident.escalate", entityId: id } })).toBe(1);
  });

  it("RPT-2: a material incident notified in time is not escalated", async () => {
    const id = await materialIncident(WALL);
    const drafter = await officer(WALL);
    const approver = await officer(WALL, ["RESPONSIBLE_OFFICER"]);
    const { draftVersion } = await draftNotification({ ctx: drafter.ctx(), input: { id, text: "We write to notify the SFC of a material incident." } });
    await approveNotification({ ctx: approver.ctx(), input: { id, draftVersion } });
    await recordNotification({ ctx: drafter.ctx(), input: { id, reference: "SFC-2026-0042", evidence: "Portal submission receipt" } });
    await runRegistersJob({ db: prisma, now: () => new Date(WALL.getTime() + 2 * NOTIFY_WITHIN_MS) }, CALENDAR);
    const incident = await prisma.complianceIncident.findUniqueOrThrow({ where: { id } });
    expect([incident.escalatedAt, incident.sfcReference, incident.notifiedAt?.toISOString()]).toEqual([null, "SFC-2026-0042", WALL.toISOString()]);
  });

  it("RPT-2: the drafter cannot approve; the approver needs a step-up; a redraft needs a new approval", async () => {
    const id = await materialIncident(WALL);
    const drafter = await officer(WALL);
    const { draftVersion } = await draftNotification({ ctx: drafter.ctx(), input: { id, text: "First draft." } });
    await expect(approveNotification({ ctx: drafter.ctx(), input: { id, draftVersion } })).rejects.toThrow(
      englishText(msg("errors.registers.drafterCannotApprove")),
    );
    await expect(approveNotification({ ctx: drafter.ctx(), input: { id, draftVersion } })).rejects.toBeInstanceOf(Forbidden);

    const stale = await officer(new Date(WALL.getTime() - 60 * 60_000));
    await expect(approveNotification({ ctx: stale.ctx(WALL), input: { id, draftVersion } })).rejects.toBeInstanceOf(StepUpRequired);

    await expect(recordNotification({ ctx: drafter.ctx(), input: { id, reference: "R", evidence: "E" } })).rejects.toThrow(
      englishText(msg("errors.registers.notApproved")),
    );

    const second = await officer(new Date(WALL.getTime() + 1_000));
    const redraft = await draftNotification({ ctx: second.ctx(), input: { id, text: "Second draft." } });
    // Approving the first draft's words after they were replaced is refused.
    await expect(approveNotification({ ctx: drafter.ctx(new Date(WALL.getTime() + 2_000)), input: { id, draftVersion } })).rejects.toBeInstanceOf(Conflict);
    await approveNotification({ ctx: drafter.ctx(new Date(WALL.getTime() + 2_000)), input: { id, draftVersion: redraft.draftVersion } });
    const incident = await prisma.complianceIncident.findUniqueOrThrow({ where: { id } });
    expect([incident.draftedById, incident.approvedById]).toEqual([second.actor.userId, drafter.actor.userId]);
  });

  it("RPT-2: bad input is refused with a specific message and nothing is written", async () => {
    const { ctx } = await officer();
    const before = await rowCounts();
    await expect(recordIncident({ ctx: ctx(), input: { kind: "alien", title: "T", summary: "S" } })).rejects.toThrow(
      englishText(msg("errors.registers.unknownKind", { value: "alien" })),
    );
    await expect(recordIncident({ ctx: ctx(), input: { kind: "cyber", title: "", summary: "S" } })).rejects.toThrow(
      englishText(msg("errors.registers.required", { field: msg("errors.registers.fields.title") })),
    );
    await expect(recordIncident({ ctx: ctx(), input: { kind: "cyber", title: "T", summary: "s".repeat(4_001) } })).rejects.toThrow(
      englishText(msg("errors.registers.tooLong", { field: msg("errors.registers.fields.summary"), max: 4_000 })),
    );
    expect(await rowCounts()).toEqual(before);

    const { id } = await recordIncident({
      ctx: ctx(),
      input: { kind: "operational", title: "Delayed statements", summary: "Statements went out a day late." },
    });
    await assessMateriality({ ctx: ctx(), input: { id, materiality: "not_material", reason: "No client loss." } });
    await expect(draftNotification({ ctx: ctx(), input: { id, text: "x" } })).rejects.toThrow(englishText(msg("errors.registers.notMaterial")));
    await expect(assessMateriality({ ctx: ctx(), input: { id, materiality: "not_material", reason: "again" } })).rejects.toBeInstanceOf(Conflict);
    await expect(assessMateriality({ ctx: ctx(), input: { id, materiality: "huge", reason: "r" } })).rejects.toThrow(
      englishText(msg("errors.registers.unknownMateriality", { value: "huge" })),
    );
  });
});

describe("filing reminders", () => {
  it("RPT-5, RPT-4: the annual return and audited accounts reminders are created once, even by parallel runs", async () => {
    const reminders = upcomingFilingReminders(WALL, CALENDAR);
    // On 12 October 2026: the 2026 accounts (due 30 April 2027) and the 2027 anniversary's return (due 1 May 2027).
    expect(reminders.map((reminder) => [reminder.sourceRef, reminder.dueDate])).toEqual([
      ["annual_return:2027-04-01", "2027-05-01"],
      ["audited_accounts:2026-12-31", "2027-04-30"],
    ]);
    // The escalation tests above ran the job too; start from no reminders.
    await prisma.complianceTask.deleteMany({ where: { kind: { in: ["annual_return", "audited_accounts"] } } });
    const at = () => WALL;
    const runs = await Promise.all([1, 2, 3].map(() => runRegistersJob({ db: prisma, now: at }, CALENDAR)));
    await runRegistersJob({ db: prisma, now: at }, CALENDAR);
    expect(runs.reduce((sum, run) => sum + run.remindersCreated, 0)).toBe(2);
    for (const reminder of reminders) {
      const tasks = await prisma.complianceTask.findMany({ where: { sourceRef: reminder.sourceRef } });
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ kind: reminder.kind, status: "open", dueAt: endOfHongKongDay(reminder.dueDate), title: reminder.anchor });
      expect(await prisma.auditLog.count({ where: { action: "compliance_task.create", entityId: tasks[0].id } })).toBe(1);
    }

    // Done is done: the reminder is not re-created while its deadline stands.
    const { ctx } = await officer();
    const task = await prisma.complianceTask.findUniqueOrThrow({ where: { sourceRef: "annual_return:2027-04-01" } });
    await completeTask({ ctx: ctx(), input: { id: task.id, evidence: "WINGS submission 12345" } });
    await expect(completeTask({ ctx: ctx(), input: { id: task.id, evidence: "again" } })).rejects.toThrow(englishText(msg("errors.registers.taskDone")));
    expect((await runRegistersJob({ db: prisma, now: at }, CALENDAR)).remindersCreated).toBe(0);

    // Once the deadline has passed, the next year's reminder follows.
    const nextYear = upcomingFilingReminders(new Date(Date.UTC(2027, 4, 2, 2)), CALENDAR);
    expect(nextYear.map((reminder) => reminder.sourceRef)).toEqual(["annual_return:2028-04-01", "audited_accounts:2027-12-31"]);
  });
});
