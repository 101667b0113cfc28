import "server-only";
import { isCalendarDate } from "@/lib/calendar/hk-business-days";
import { msg } from "@/lib/i18n/message-ref";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { personnelNoticeDue } from "./due-dates";
import { checkChoice, checkText, readRequest } from "./input";
import { PERSONNEL_CHANGES, PERSONNEL_ROLES, RecordPersonnelChangeInput, type RecordPersonnelChangeRequest } from "./schemas";

/**
 * RPT-6: the personnel register. Recording a MIC, RO or key-person change creates, in the same
 * transaction, the task to notify the SFC within 7 Hong Kong business days of the change's effective date.
 */

/** Effective dates outside these years are typing mistakes, not changes to record. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export async function recordPersonnelChange({ ctx, input }: { ctx: ServiceContext; input: RecordPersonnelChangeRequest }) {
  const actor = authorize(ctx, "registers.manage");
  const raw = readRequest(RecordPersonnelChangeInput, input, { personName: "personName", function: "function" });
  const role = checkChoice(raw.role, "role", PERSONNEL_ROLES, "errors.registers.unknownRole");
  const change = checkChoice(raw.change, "change", PERSONNEL_CHANGES, "errors.registers.unknownChange");
  const personName = checkText(raw.personName, "personName", "personName", { required: true });
  const functionText = checkText(raw.function, "function", "function", { required: true });
  const effectiveDate = raw.effectiveDate.trim();
  const year = Number(effectiveDate.slice(0, 4));
  if (!isCalendarDate(effectiveDate) || year < FIRST_YEAR || year > LAST_YEAR) {
    const problem = msg("errors.registers.badDate", { date: effectiveDate.slice(0, 20) });
    throw new Invalid(problem, { effectiveDate: [problem] });
  }
  const due = personnelNoticeDue(effectiveDate);
  const id = crypto.randomUUID();
  return withTransaction(ctx, async (tx) => {
    const task = await tx.complianceTask.create({
      data: { kind: "personnel_notification", title: personName, dueAt: due.dueAt, sourceRef: `personnel:${id}`, createdAt: ctx.now() },
      select: { id: true },
    });
    await tx.personnelChange.create({
      data: {
        id,
        role,
        change,
        personName,
        function: functionText,
        effectiveDate: new Date(`${effectiveDate}T00:00:00Z`),
        recordedById: actor.userId,
        recordedAt: ctx.now(),
        taskId: task.id,
      },
    });
    await recordAudit(tx, ctx, {
      action: "personnel_change.record",
      entity: "PersonnelChange",
      entityId: id,
      after: { role, change, personName, function: functionText, effectiveDate, taskId: task.id, dueDate: due.dueDate },
    });
    return { id, taskId: task.id, dueDate: due.dueDate, dueAtMs: due.dueAt.getTime() };
  });
}
