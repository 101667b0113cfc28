import crypto from "node:crypto";
import type { PrismaClient } from "./generated/client";
import { AFMM_ACCOUNT_ID } from "../lib/simulation/market/config";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const DAY_MS = 86_400_000;
export const DEMO_AFMM_LEGAL_NAME = "HKP Liquidity Limited";
const RO_EMAIL = "ro@demo.hkperps.example";

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/**
 * AFMM-1, AFMM-4, AFMM-9: the demo's affiliated market maker governance, so its AFMM (the simulation's
 * account AFMM_ACCOUNT_ID) may quote: the approved affiliate, the demo RO on the staff register and
 * designated to oversee it, and the notification to the SFC with its two documents' SHA-256 (of
 * stand-in texts: the demo holds no real filing). Only what is missing is added, so it runs once.
 */
export async function seedAfmmGovernance(tx: Tx, nowMs: number): Promise<string[]> {
  const added: string[] = [];
  const ro = await tx.user.findUnique({ where: { email: RO_EMAIL }, select: { id: true } });
  if (!ro) return added;
  if (!(await tx.afmmAffiliate.findFirst({ where: { endedAt: null, approved: true }, select: { id: true } }))) {
    await tx.afmmAffiliate.create({
      data: {
        legalName: DEMO_AFMM_LEGAL_NAME,
        relationship: "Wholly owned subsidiary of the platform's holding company",
        agreementRef: "MMA-2026-001",
        agreementDate: new Date(nowMs - 60 * DAY_MS),
        engineAccountIds: [AFMM_ACCOUNT_ID],
        approved: true,
        createdById: ro.id,
      },
    });
    added.push("afmm affiliate");
  }
  let registration = await tx.staffRegistration.findFirst({ where: { userId: ro.id, capacity: "RO", endedAt: null } });
  if (!registration) {
    registration = await tx.staffRegistration.create({
      data: { userId: ro.id, capacity: "RO", reference: "BXX001 (demo)", effectiveFrom: new Date(nowMs - 365 * DAY_MS), createdById: ro.id },
    });
    added.push("RO registration");
  }
  if (!(await tx.afmmOversightDesignation.findFirst({ where: { endedAt: null }, select: { id: true } }))) {
    await tx.afmmOversightDesignation.create({
      data: { officerId: ro.id, registrationId: registration.id, capacity: "RO", assignedAt: new Date(nowMs - 45 * DAY_MS), assignedById: ro.id },
    });
    added.push("AFMM oversight designation");
  }
  if (!(await tx.afmmSfcNotification.findFirst({ where: { withdrawnAt: null }, select: { id: true } }))) {
    await tx.afmmSfcNotification.create({
      data: {
        notifiedOn: new Date(nowMs - 30 * DAY_MS),
        thirdPartyReportRef: "IPR-AFMM-2026-01 (demo)",
        thirdPartyReportSha256: sha256("Demo independent third-party report on the affiliated market maker terms and conditions"),
        micDeclarationSha256: sha256("Demo declaration and undertaking of the MIC of Overall Management Oversight"),
        recordedById: ro.id,
        recordedAt: new Date(nowMs - 30 * DAY_MS),
      },
    });
    added.push("SFC notification");
  }
  return added;
}
