import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "@/lib/audit/chain";
import { msg } from "@/lib/i18n/message-ref";
import { authorize, type ServiceContext } from "@/lib/services/context";
import { NotFound } from "@/lib/services/errors";
import type { AfmmMiData } from "./afmm-mi-model";

const ReportId = z.uuid();

/** AFMM-10: one stored MI report, with whether its data still hashes to the SHA-256 stored with it. */
export async function getAfmmMiReport({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  authorize(ctx, "afmm.oversight.view");
  const id = ReportId.safeParse(input?.id);
  const row = id.success ? await ctx.db.afmmMiReport.findUnique({ where: { id: id.data } }) : null;
  if (!row) throw new NotFound(msg("errors.afmmMi.noSuchReport"));
  const data = row.data as unknown as AfmmMiData;
  const intact = createHash("sha256").update(canonicalJson(data)).digest("hex") === row.sha256;
  return { id: row.id, month: row.month, sha256: row.sha256, intact, generatedAt: row.generatedAt, generatedById: row.generatedById, data };
}
