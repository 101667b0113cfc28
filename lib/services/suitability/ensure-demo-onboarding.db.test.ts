import { afterAll, describe, expect, it, vi } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { createUser } from "@/prisma/factories";
import { DEMO_USERS } from "@/prisma/demo-users";
import { ensureDemoOnboarding } from "@/lib/services/suitability/ensure-demo-onboarding";
import { perpsEntitlement } from "@/lib/services/suitability/entitlement";
import { contextFor } from "@/test/service-context";

// The demo seed runs only in demo mode; the rest of the environment is as the tests have it.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), PORTAL_MODE: "demo" }) };
});

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(() => prisma.$disconnect());

describe("demo onboarding", () => {
  it("SUIT-1 SUIT-2: the demo client is onboarded through the real gate and approved by the officer without an override", async () => {
    // The demo seed's own test may have created these users in this worker's schema already.
    for (const spec of DEMO_USERS.filter((u) => u.email.startsWith("client@") || u.role === "COMPLIANCE_OFFICER"))
      if (!(await prisma.user.findUnique({ where: { email: spec.email } })))
        await createUser(prisma, { email: spec.email, roles: [spec.role], totpSecret: spec.totpSecret });
    const now = new Date("2026-11-20T04:00:00Z");
    expect(await ensureDemoOnboarding({ ctx: { db: prisma, now: () => now } })).toBe("created");
    expect(await ensureDemoOnboarding({ ctx: { db: prisma, now: () => now } })).toBe("present");
    const client = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.email.startsWith("client@"))!.email } });
    const row = await prisma.onboardingCase.findUniqueOrThrow({ where: { userId: client.id } });
    expect(row.status).toBe("APPROVED");
    const submission = await prisma.suitabilitySubmission.findUniqueOrThrow({ where: { id: row.latestSubmissionId! } });
    // Knowledge is met by evidenced trades, which need no officer's confirmation: no override was needed.
    expect(submission).toMatchObject({ piPassed: true, knowledgePassed: true, quizPassed: true, evaluatorPassed: true });
    expect(await prisma.suitabilityReview.findMany({ where: { submissionId: submission.id }, select: { decision: true, overridesEvaluator: true } })).toEqual([
      { decision: "APPROVE", overridesEvaluator: false },
    ]);
    expect(
      (
        await perpsEntitlement(
          contextFor(prisma, null, () => now),
          client.id,
        )
      ).status,
    ).toBe("active");
  });
});
