import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { acknowledgeDisclosure } from "@/lib/services/suitability/acknowledge-disclosure";
import { currentDisclosureAcknowledged } from "@/lib/services/suitability/acknowledgements";
import { getDisclosureStatus } from "@/lib/services/suitability/get-disclosure-status";
import { RISK_DISCLOSURE_V1 } from "@/lib/suitability/risk-disclosures/v1";
import { contentHash } from "@/lib/suitability/risk-disclosures/hash";
import type { RiskDisclosureVersion } from "@/lib/suitability/risk-disclosures";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

const V1_AT = new Date(Date.parse(RISK_DISCLOSURE_V1.effectiveFrom) + 86_400_000);
const V2_FROM = new Date(V1_AT.getTime() + 86_400_000);
const AFTER_V2 = new Date(V2_FROM.getTime() + 60_000);

function laterVersion(id: string, material: boolean, extra: string): RiskDisclosureVersion {
  return { ...RISK_DISCLOSURE_V1, id, material, effectiveFrom: V2_FROM.toISOString(), introduction: [...RISK_DISCLOSURE_V1.introduction, extra] };
}

const ack = (version: RiskDisclosureVersion) => ({ versionId: version.id, contentHash: contentHash(version), confirmed: "on" as const });

describe("risk-disclosure acknowledgement (DISC-8, REC-6)", () => {
  it("DISC-8 / REC-6: acknowledging the current version records version, hash, channel and time with an audit row, once", async () => {
    const actor = await signedInUser(prisma, ["CLIENT"]);
    const ctx = contextFor(prisma, actor, () => V1_AT);
    const versions = [RISK_DISCLOSURE_V1];
    expect((await getDisclosureStatus({ ctx, input: { versions } })).acknowledged).toBe(false);
    expect(await currentDisclosureAcknowledged(ctx, actor.userId, versions)).toBe(false);

    const first = await acknowledgeDisclosure({ ctx, input: { ...ack(RISK_DISCLOSURE_V1), userAgent: "test-agent", versions } });
    expect(first.created).toBe(true);
    expect(first.record).toEqual({ versionId: RISK_DISCLOSURE_V1.id, contentHash: contentHash(RISK_DISCLOSURE_V1), channel: "web", acknowledgedAt: V1_AT });

    const status = await getDisclosureStatus({ ctx, input: { versions } });
    expect(status.acknowledged).toBe(true);
    expect(status.latest?.acknowledgedAt).toEqual(V1_AT);
    expect(await currentDisclosureAcknowledged(ctx, actor.userId, versions)).toBe(true);

    const again = await acknowledgeDisclosure({
      ctx: contextFor(prisma, actor, () => new Date(V1_AT.getTime() + 5_000)),
      input: { ...ack(RISK_DISCLOSURE_V1), versions },
    });
    expect(again).toEqual({ record: first.record, created: false });
    expect(await prisma.riskDisclosureAcknowledgement.count({ where: { userId: actor.userId } })).toBe(1);

    const audits = await prisma.auditLog.findMany({ where: { action: "disclosure.acknowledged", actorId: actor.userId } });
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({
      userId: actor.userId,
      versionId: RISK_DISCLOSURE_V1.id,
      contentHash: contentHash(RISK_DISCLOSURE_V1),
      channel: "web",
    });
  });

  it("DISC-8: a new material version needs a fresh acknowledgement, and the stale version is refused", async () => {
    const actor = await signedInUser(prisma, ["CLIENT"]);
    const v2 = laterVersion("rd-test-v2", true, "A material addition.");
    const versions = [RISK_DISCLOSURE_V1, v2];
    await acknowledgeDisclosure({ ctx: contextFor(prisma, actor, () => V1_AT), input: { ...ack(RISK_DISCLOSURE_V1), versions } });

    const later = contextFor(prisma, actor, () => AFTER_V2);
    const status = await getDisclosureStatus({ ctx: later, input: { versions } });
    expect(status.current.version.id).toBe("rd-test-v2");
    expect(status.acknowledged).toBe(false);
    expect(status.latest?.versionId).toBe(RISK_DISCLOSURE_V1.id);
    expect(await currentDisclosureAcknowledged(later, actor.userId, versions)).toBe(false);

    await expect(acknowledgeDisclosure({ ctx: later, input: { ...ack(RISK_DISCLOSURE_V1), versions } })).rejects.toThrow(
      `You were shown version ${RISK_DISCLOSURE_V1.id}, but version rd-test-v2 is now in effect. Nothing was recorded`,
    );
    expect(await prisma.riskDisclosureAcknowledgement.count({ where: { userId: actor.userId } })).toBe(1);

    await acknowledgeDisclosure({ ctx: later, input: { ...ack(v2), versions } });
    expect(await currentDisclosureAcknowledged(later, actor.userId, versions)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "disclosure.acknowledged", actorId: actor.userId } })).toBe(2);
  });

  it("DISC-8: a non-material new version is still covered by the earlier acknowledgement", async () => {
    const actor = await signedInUser(prisma, ["CLIENT"]);
    const versions = [RISK_DISCLOSURE_V1, laterVersion("rd-test-v2-typo", false, "A wording fix.")];
    await acknowledgeDisclosure({ ctx: contextFor(prisma, actor, () => V1_AT), input: { ...ack(RISK_DISCLOSURE_V1), versions } });
    expect(
      await currentDisclosureAcknowledged(
        contextFor(prisma, actor, () => AFTER_V2),
        actor.userId,
        versions,
      ),
    ).toBe(true);
  });

  it("REC-6: a hash that is not the exact text of the current version is refused and nothing is recorded", async () => {
    const actor = await signedInUser(prisma, ["CLIENT"]);
    const ctx = contextFor(prisma, actor, () => V1_AT);
    const wrong = contentHash({ ...RISK_DISCLOSURE_V1, title: "Something else" });
    await expect(acknowledgeDisclosure({ ctx, input: { ...ack(RISK_DISCLOSURE_V1), contentHash: wrong } })).rejects.toThrow(
      /is not the exact text of version rd-2026-11-v1 .* Nothing was recorded/,
    );
    await expect(
      acknowledgeDisclosure({ ctx, input: { versionId: RISK_DISCLOSURE_V1.id, contentHash: contentHash(RISK_DISCLOSURE_V1), confirmed: "" as never } }),
    ).rejects.toMatchObject({
      issues: [{ path: ["confirmed"], message: 'Tick "I have read and understood" to acknowledge the risk disclosure.' }],
    });
    expect(await prisma.riskDisclosureAcknowledgement.count({ where: { userId: actor.userId } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "disclosure.acknowledged", actorId: actor.userId } })).toBe(0);
  });

  it("DISC-8: staff cannot acknowledge on a client's behalf (portal.view is client-only)", async () => {
    const officer = await signedInUser(prisma, ["COMPLIANCE_OFFICER"]);
    await expect(acknowledgeDisclosure({ ctx: contextFor(prisma, officer, () => V1_AT), input: ack(RISK_DISCLOSURE_V1) })).rejects.toThrow(
      "Your role does not allow this.",
    );
  });
});
