import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { msg } from "@/lib/i18n/message-ref";
import { canonicalJson } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/services/audit";
import { authorize, requireStepUp, withTransaction, type ServiceContext } from "@/lib/services/context";
import { Invalid } from "@/lib/services/errors";
import { MONTH_PATTERN, monthWindow } from "./afmm-mi-model";
import { computeAfmmMiWindow } from "./afmm-mi-window";

export const GenerateAfmmMiInput = z.object({ month: z.string().max(20) });

/**
 * AFMM-10, RPT-8: generate the monthly AFMM MI for a calendar month in Hong Kong time, from the engine
 * journal (trades, the AFMM's orders over time), the surveillance alerts and the review register;
 * store it with the SHA-256 of its canonical JSON and audit the generation in the same transaction.
 * A month with nothing in the journal gives an empty report that says so; a month not yet over gives
 * the figures to the journal's last event.
 */
export async function generateAfmmMi({ ctx, input }: { ctx: ServiceContext; input: { month: string } }) {
  const actor = authorize(ctx, "reports.generate");
  requireStepUp(ctx);
  const month = GenerateAfmmMiInput.safeParse(input).data?.month.trim() ?? "";
  const window = MONTH_PATTERN.test(month) ? monthWindow(month) : null;
  if (!window) throw new Invalid(msg("errors.afmmMi.badMonth", { month: month.slice(0, 20) }));
  const now = ctx.now();
  if (window.fromMs > now.getTime()) throw new Invalid(msg("errors.afmmMi.futureMonth", { month }));

  const data = await computeAfmmMiWindow(ctx.db, window, { label: month, nowMs: now.getTime() });
  const sha256 = createHash("sha256").update(canonicalJson(data)).digest("hex");
  return withTransaction(ctx, async (tx) => {
    const report = await tx.afmmMiReport.create({
      data: {
        month,
        fromMs: BigInt(window.fromMs),
        toMs: BigInt(window.toMs),
        fromSeq: BigInt(data.fromSeq ?? 0),
        toSeq: BigInt(data.toSeq ?? 0),
        data: JSON.parse(canonicalJson(data)),
        sha256,
        generatedById: actor.userId,
        generatedAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, ctx, {
      action: "report.generate",
      entity: "AfmmMiReport",
      entityId: report.id,
      after: { month, sha256, fromSeq: data.fromSeq, toSeq: data.toSeq, journalEvents: data.journalEvents },
    });
    return { id: report.id, month, sha256, data };
  });
}
