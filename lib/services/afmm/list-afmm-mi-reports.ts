import "server-only";
import { authorize, type ServiceContext } from "@/lib/services/context";

/** AFMM-10: the generated monthly AFMM MI reports, newest month first (a month may be generated more than once). */
export async function listAfmmMiReports({ ctx }: { ctx: ServiceContext }) {
  authorize(ctx, "afmm.oversight.view");
  const rows = await ctx.db.afmmMiReport.findMany({
    orderBy: [{ month: "desc" }, { generatedAt: "desc" }],
    take: 200,
    select: { id: true, month: true, sha256: true, generatedAt: true, generatedById: true, fromSeq: true, toSeq: true },
  });
  return rows.map((row) => ({ ...row, fromSeq: Number(row.fromSeq), toSeq: Number(row.toSeq) }));
}
