import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import { parseInput } from "@/lib/services/parse-input";
import { msg } from "@/lib/i18n/message-ref";
import { toRecords, type ConflictRecord, type ConflictSnapshot } from "@/lib/services/conflicts/internal";
import { ConflictIdInput } from "@/lib/services/conflicts/schemas";

export interface ConflictVersionRecord {
  version: number;
  snapshot: ConflictSnapshot;
  changedById: string;
  changedByName: string | null;
  changedAt: string;
  changeNote: string;
}

/** AFMM-3: one register entry as it is now, with every version (newest first) and the users they name. */
export async function getConflict({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ConflictIdInput;
}): Promise<{ entry: ConflictRecord; versions: ConflictVersionRecord[]; people: Record<string, string> }> {
  authorize(ctx, "afmm.oversight.view");
  const { id } = parseInput(ConflictIdInput, input);
  const row = await ctx.db.conflictEntry.findUnique({ where: { id }, include: { versions: { orderBy: { version: "desc" } } } });
  if (!row) throw new NotFound(msg("errors.conflicts.notFound"));
  const [entry] = await toRecords(ctx.db, [row], ctx.now());
  const ids = new Set<string>();
  for (const version of row.versions) {
    ids.add(version.changedById);
    ids.add((version.snapshot as unknown as ConflictSnapshot).ownerId);
  }
  const users = await ctx.db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  const people = Object.fromEntries(users.map((user) => [user.id, user.name]));
  return {
    entry,
    people,
    versions: row.versions.map((version) => ({
      version: version.version,
      snapshot: version.snapshot as unknown as ConflictSnapshot,
      changedById: version.changedById,
      changedByName: people[version.changedById] ?? null,
      changedAt: version.changedAt.toISOString(),
      changeNote: version.changeNote,
    })),
  };
}
