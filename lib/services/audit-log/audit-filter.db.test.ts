import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createPrismaClient } from "@/lib/prisma-client";
import { recordAudit } from "@/lib/services/audit";
import { exportAuditEntries } from "@/lib/services/audit-log/export-audit-entries";
import { listAuditEntries } from "@/lib/services/audit-log/list-audit-entries";
import { contextFor, signedInUser } from "@/test/service-context";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("a bad audit-log filter is refused as invalid input (422), never a server fault", () => {
  it.each([
    ["from", "2026-13-45", "Use a date that exists, like 2026-11-22"],
    ["to", "2026-02-31", "Use a date that exists, like 2026-11-22"],
    ["from", "0000-01-01", "Use a date that exists, like 2026-11-22"],
    ["from", "2026-1-1", "Use a date like 2026-11-22"],
  ])("export with %s=%s → 422 %s, and nothing is recorded", async (field, value, message) => {
    const ctx = contextFor(prisma, await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date() }));
    const before = await prisma.auditLog.count();
    await expect(exportAuditEntries({ ctx, input: { [field]: value } })).rejects.toMatchObject({ status: 422, message });
    expect(await prisma.auditLog.count()).toBe(before);
  });

  it("the page's 'older entries' cursor is a bounded row number", async () => {
    const ctx = contextFor(prisma, await signedInUser(prisma, ["AUDITOR"], { stepUpAt: new Date() }));
    await expect(listAuditEntries({ ctx, input: { before: "9".repeat(30) } })).rejects.toMatchObject({
      status: 422,
      message: "Older entries are asked for by a row number",
    });
    await expect(listAuditEntries({ ctx, input: { before: "12" } })).resolves.toMatchObject({ rows: expect.any(Array) });
  });
});

describe("the audit log CSV export", () => {
  it("writes a reason or id a spreadsheet would run as a formula as text, and keeps quotes, commas and line breaks inside their cell", async () => {
    const ctx = contextFor(prisma, await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt: new Date() }));
    const entityId = `-2+3-${Date.now()}`;
    await prisma.$transaction((tx) =>
      recordAudit(tx as never, ctx, {
        action: "review.decision",
        entity: "CsvProbe",
        entityId,
        reason: '=HYPERLINK("http://evil.example","a, b")\nsecond line',
        after: { note: "@SUM(A1)" },
      }),
    );
    const { csv } = await exportAuditEntries({ ctx, input: { entity: "CsvProbe" } });
    const row = csv.split("\r\n").find((line) => line.includes(entityId))!;
    expect(row).toContain(`,'${entityId},,"{""note"":""@SUM(A1)""}","'=HYPERLINK(""http://evil.example"",""a, b"")\nsecond line",`);
    expect(csv.startsWith("seq,at,actorId,actorEmail,action,entity,entityId,before,after,reason,prevHash,hash,hashVersion\r\n")).toBe(true);
  });
});
