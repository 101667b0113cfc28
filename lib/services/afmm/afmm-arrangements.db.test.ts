import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { openQuietVenue } from "../../../test/quiet-market";
import { createPrismaClient } from "@/lib/prisma-client";
import { FeedHub } from "@/lib/simulation/public-feed";
import { contextFor } from "@/test/service-context";
import { getAfmmArrangements } from "./get-afmm-arrangements";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
openQuietVenue(database, prisma);

afterAll(async () => {
  await prisma.$disconnect();
});

// Test files on one worker share a schema: start from empty registers whatever ran before.
beforeAll(async () => {
  await prisma.afmmOversightDesignation.deleteMany();
  await prisma.staffRegistration.deleteMany();
  await prisma.afmmAffiliate.deleteMany();
  await prisma.afmmSfcNotification.deleteMany();
});

async function arrangements() {
  const runtime = await (globalThis as unknown as { perpsEngineRuntime: Promise<{ feed?: FeedHub }> }).perpsEngineRuntime;
  runtime.feed ??= new FeedHub(["BTC-PERP", "ETH-PERP"]);
  return getAfmmArrangements({ ctx: contextFor(prisma, null) });
}

const keys = (lines: Array<{ key: string }>) => lines.map((line) => line.key);

describe("AFMM-6: the public AFMM arrangements read the registers and the configuration in force", () => {
  it("AFMM-6: with empty registers the page says so; with an approved affiliate, a designated RO and an SFC notification it names them (capacity, not the officer)", async () => {
    const empty = await arrangements();
    expect(keys(empty.lines)).toEqual(
      expect.arrayContaining(["who.none", "oversight.noOfficer", "oversight.sfcNone", "status.enabled", "preferential.feesSame"]),
    );
    expect(empty.lines.filter((line) => line.key === "obligations.market").map((line) => line.values.market)).toEqual(["BTC-PERP", "ETH-PERP"]);
    expect(empty.configHash).toMatch(/^[0-9a-f]+$/);

    await prisma.afmmAffiliate.createMany({
      data: [
        {
          legalName: "Example Liquidity Ltd",
          relationship: "a subsidiary of the platform's parent",
          agreementRef: "MM-7",
          agreementDate: new Date(Date.UTC(2026, 0, 5)),
          engineAccountIds: [1],
          approved: true,
        },
        // Not approved, and an ended one: neither is shown.
        { legalName: "Pending Ltd", relationship: "x", agreementRef: "MM-8", agreementDate: new Date(), engineAccountIds: [], approved: false },
        {
          legalName: "Former Ltd",
          relationship: "x",
          agreementRef: "MM-1",
          agreementDate: new Date(),
          engineAccountIds: [],
          approved: true,
          endedAt: new Date(),
        },
      ],
    });
    await prisma.afmmOversightDesignation.create({
      data: { officerId: "officer-1", registrationId: "reg-1", capacity: "RO", assignedAt: new Date(Date.UTC(2026, 0, 4)), assignedById: "admin-1" },
    });
    await prisma.afmmSfcNotification.create({
      data: {
        notifiedOn: new Date(Date.UTC(2026, 0, 3)),
        thirdPartyReportRef: "TPR-17",
        thirdPartyReportSha256: "a".repeat(64),
        micDeclarationSha256: "b".repeat(64),
        recordedById: "co-1",
      },
    });
    const filled = await arrangements();
    const who = filled.lines.filter((line) => line.section === "who");
    expect(who).toEqual([
      expect.objectContaining({
        key: "who.affiliate",
        values: expect.objectContaining({ legalName: "Example Liquidity Ltd", agreementRef: "MM-7", agreementDate: "2026-01-05" }),
      }),
    ]);
    expect(filled.lines.find((line) => line.key === "oversight.officerRo")?.values).toEqual({ since: "2026-01-04" });
    expect(JSON.stringify(filled.lines)).not.toContain("officer-1");
    expect(filled.lines.find((line) => line.key === "oversight.sfc")?.values).toEqual({ date: "2026-01-03", reportRef: "TPR-17" });
  });
});
