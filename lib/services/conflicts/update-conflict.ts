import "server-only";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Conflict, NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import { dateOfDay, requirePlatformStaff, snapshotOf } from "@/lib/services/conflicts/internal";
import { UpdateConflictInput } from "@/lib/services/conflicts/schemas";

/**
 * AFMM-3: a change to a register entry. The editor sends the version it started from; the update
 * applies only if that is still the current version (a compare-and-set on the row), so of two
 * officers editing at once the second is told the entry changed and nothing of theirs is written.
 * Each change adds version n+1 with the whole entry and the mandatory change note.
 */
export async function updateConflict({ ctx, input }: { ctx: ServiceContext; input: UpdateConflictInput }): Promise<{ id: string; version: number }> {
  const actor = authorize(ctx, "conflicts.manage");
  const { id, version, changeNote, ...fields } = parseInput(UpdateConflictInput, input);
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    const before = await tx.conflictEntry.findUnique({ where: { id } });
    if (!before) throw new NotFound(msg("errors.conflicts.notFound"));
    if (before.version !== version) throw new Conflict(msg("errors.conflicts.staleVersion", { sent: version, current: before.version }));
    if (fields.ownerId !== before.ownerId) await requirePlatformStaff(tx, fields.ownerId);
    const next = version + 1;
    const updated = await tx.conflictEntry.updateMany({ where: { id, version }, data: { ...fields, reviewDate: dateOfDay(fields.reviewDate), version: next } });
    if (updated.count !== 1) throw new Conflict(msg("errors.conflicts.staleVersion", { sent: version, current: version + 1 }));
    const snapshot = snapshotOf({ ...fields, reviewDate: dateOfDay(fields.reviewDate) });
    await tx.conflictVersion.create({
      data: { conflictId: id, version: next, snapshot: { ...snapshot }, changedById: actor.userId, changedAt: now, changeNote },
    });
    await recordAudit(tx, ctx, {
      action: "conflict.update",
      entity: "ConflictEntry",
      entityId: id,
      before: { version, ...snapshotOf(before) },
      after: { version: next, ...snapshot },
      reason: changeNote,
    });
    return { id, version: next };
  });
}
