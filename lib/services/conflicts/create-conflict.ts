import "server-only";
import { recordAudit } from "@/lib/services/audit";
import { authorize, withTransaction, type ServiceContext } from "@/lib/services/context";
import { parseInput } from "@/lib/services/parse-input";
import { dateOfDay, requirePlatformStaff, snapshotOf } from "@/lib/services/conflicts/internal";
import { CreateConflictInput } from "@/lib/services/conflicts/schemas";

/** AFMM-3: a new entry in the conflicts-of-interest register, with its first version and the audit row. */
export async function createConflict({ ctx, input }: { ctx: ServiceContext; input: CreateConflictInput }): Promise<{ id: string; version: number }> {
  const actor = authorize(ctx, "conflicts.manage");
  const fields = parseInput(CreateConflictInput, input);
  const now = ctx.now();
  return withTransaction(ctx, async (tx) => {
    await requirePlatformStaff(tx, fields.ownerId);
    const entry = await tx.conflictEntry.create({ data: { ...fields, reviewDate: dateOfDay(fields.reviewDate), version: 1, createdAt: now } });
    const snapshot = snapshotOf(entry);
    await tx.conflictVersion.create({
      data: { conflictId: entry.id, version: 1, snapshot: { ...snapshot }, changedById: actor.userId, changedAt: now, changeNote: "Created" },
    });
    await recordAudit(tx, ctx, { action: "conflict.create", entity: "ConflictEntry", entityId: entry.id, after: { version: 1, ...snapshot } });
    return { id: entry.id, version: 1 };
  });
}
