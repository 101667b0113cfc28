import "server-only";
import { createHash } from "node:crypto";
import type { Db, Tx } from "@/lib/services/context";

/**
 * A policy's text is kept in the audit entry that published it (the audit log is append-only and
 * hash-chained), and the policy row holds its SHA-256, so the words staff attested to can be shown
 * and checked against the hash at any time.
 */
export function policyTextSha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export async function publishedPolicyTexts(db: Db | Tx, policyIds: string[]): Promise<Map<string, string>> {
  const rows = await db.auditLog.findMany({
    where: { action: "policy.publish", entity: "ConflictPolicy", entityId: { in: policyIds } },
    select: { entityId: true, after: true },
  });
  const texts = new Map<string, string>();
  for (const row of rows) {
    const text = (row.after as { text?: unknown } | null)?.text;
    if (row.entityId && typeof text === "string") texts.set(row.entityId, text);
  }
  return texts;
}
