import "server-only";
import { authorizePublic, type ServiceContext } from "@/lib/services/context";
import { publicEngine } from "@/lib/services/public-market-data/common";
import { configInForce } from "@/lib/services/public-market-data/config-in-force";
import { afmmArrangements, type ArrangementLine } from "./arrangements";
import { surveillanceSettingsInForce } from "./surveillance-settings";
import { afmmOrderEntryFromJournal, afmmTermsOf } from "./terms";

/**
 * GET /api/public/afmm/arrangements and the page /disclosures/afmm (AFMM-6): the affiliated market
 * maker's arrangements rendered from the engine configuration in force, the affiliate register, the
 * oversight designation, the SFC notification record and the surveillance configuration. Public: the
 * officer's capacity is shown, never a name; no account ids.
 */
export async function getAfmmArrangements({ ctx }: { ctx: ServiceContext }): Promise<{ configHash: string; asOfMs: number; lines: ArrangementLine[] }> {
  authorizePublic(ctx);
  const engine = await publicEngine();
  const inForce = await configInForce(engine, ctx.db);
  const [affiliates, designation, sfc, orderEntry] = await Promise.all([
    ctx.db.afmmAffiliate.findMany({
      where: { approved: true, endedAt: null },
      orderBy: { createdAt: "asc" },
      select: { legalName: true, relationship: true, agreementRef: true, agreementDate: true },
    }),
    ctx.db.afmmOversightDesignation.findFirst({ where: { endedAt: null }, orderBy: { assignedAt: "desc" }, select: { capacity: true, assignedAt: true } }),
    ctx.db.afmmSfcNotification.findFirst({
      where: { withdrawnAt: null },
      orderBy: { notifiedOn: "desc" },
      select: { notifiedOn: true, thirdPartyReportRef: true },
    }),
    afmmOrderEntryFromJournal(ctx.db),
  ]);
  const lines = afmmArrangements({
    config: inForce.config,
    terms: afmmTermsOf(inForce.config),
    surveillance: surveillanceSettingsInForce(),
    affiliates: affiliates.map((row) => ({ ...row, agreementDateMs: row.agreementDate.getTime() })),
    orderEntry,
    designation: designation ? { capacity: designation.capacity, sinceMs: designation.assignedAt.getTime() } : null,
    sfcNotification: sfc ? { notifiedOnMs: sfc.notifiedOn.getTime(), thirdPartyReportRef: sfc.thirdPartyReportRef } : null,
  });
  return { configHash: inForce.configHash, asOfMs: inForce.nowMs, lines };
}
