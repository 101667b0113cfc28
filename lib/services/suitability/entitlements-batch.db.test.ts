import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { perpsEntitlement, perpsEntitlements } from "@/lib/services/suitability/entitlement";
import { approvedForPerps, contextFor, signedInUser } from "@/test/service-context";

// The venue-access reconciliation reads every client's entitlement in one batch; it must give exactly
// what the single-client rule gives, in every state the rule knows.

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

describe("PI-1, PI-7, PI-8, DISC-8, SEC-1: the batched entitlement read", () => {
  it("PI-1 PI-7 PI-8 DISC-8 SEC-1: perpsEntitlements gives each client what perpsEntitlement gives, now and after expiry", async () => {
    const now = new Date();
    const never = await signedInUser(prisma, ["CLIENT"]);
    const active = await signedInUser(prisma, ["CLIENT"], { totp: true });
    await approvedForPerps(prisma, active, { now });
    const noSecondFactor = await signedInUser(prisma, ["CLIENT"], { totp: true });
    await approvedForPerps(prisma, noSecondFactor, { now });
    await prisma.user.update({ where: { id: noSecondFactor.userId }, data: { totpEnabledAt: null } });
    const unacknowledged = await signedInUser(prisma, ["CLIENT"], { totp: true });
    await approvedForPerps(prisma, unacknowledged, { now, acknowledgeDisclosure: false });
    const withdrawn = await signedInUser(prisma, ["CLIENT"], { totp: true });
    await approvedForPerps(prisma, withdrawn, { now });
    await prisma.onboardingCase.update({ where: { userId: withdrawn.userId }, data: { withdrawnAt: new Date(now.getTime() + 1000) } });

    const clients = [never, active, noSecondFactor, unacknowledged, withdrawn].map((actor) => actor.userId);
    for (const at of [now, new Date(now.getTime() + 400 * 86_400_000)]) {
      const ctx = contextFor(prisma, null, () => at);
      const batch = await perpsEntitlements(ctx, [...clients, "no-such-user"]);
      for (const userId of [...clients, "no-such-user"]) expect(batch.get(userId)).toEqual(await perpsEntitlement(ctx, userId));
      const codes = clients.map((userId) => {
        const entitlement = batch.get(userId)!;
        return entitlement.status === "active" ? "active" : `${entitlement.status}:${entitlement.code}`;
      });
      expect(codes).toEqual(
        at === now
          ? ["none:NOT_APPROVED_PI", "active", "none:SECOND_FACTOR_REQUIRED", "reduce_only:DISCLOSURE_NOT_ACKNOWLEDGED", "reduce_only:PI_STATUS_WITHDRAWN"]
          : [
              "none:NOT_APPROVED_PI",
              "reduce_only:PI_STATUS_EXPIRED",
              "none:SECOND_FACTOR_REQUIRED",
              "reduce_only:PI_STATUS_EXPIRED",
              "reduce_only:PI_STATUS_WITHDRAWN",
            ],
      );
    }
  });
});
