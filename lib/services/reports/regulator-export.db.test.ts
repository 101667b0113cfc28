import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { createUser } from "@/prisma/factories";
import { createPrismaClient } from "@/lib/prisma-client";
import { sha256Hex } from "@/lib/reports/pack";
import { hongKongDayStart } from "@/lib/reports/period";
import { recordAudit } from "@/lib/services/audit";
import { withTransaction } from "@/lib/services/context";
import { Forbidden, Invalid, StepUpRequired } from "@/lib/services/errors";
import { contextFor, signedInUser, unique } from "@/test/service-context";
import { regulatorExport } from "./regulator-export";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
afterAll(async () => {
  await prisma.$disconnect();
});

/** A day of 2031 no other file writes to, so the file's rows are the only ones in its period. */
const DAY = "2031-03-04";
const START = hongKongDayStart(DAY)!;
const WALL = new Date(START + 3 * 86_400_000);
const A = 7_100_001;
const B = 7_100_002;
let clientA: string;

beforeAll(async () => {
  const a = await createUser(prisma, { email: unique("export-a"), name: "Client A", roles: ["CLIENT"] });
  const b = await createUser(prisma, { email: unique("export-b"), name: "Client B", roles: ["CLIENT"] });
  clientA = a.id;
  await prisma.tradingAccount.createMany({
    data: [
      { userId: a.id, engineAccountId: A },
      { userId: b.id, engineAccountId: B },
    ],
  });
  const row = (seq: number, engineAccountId: number, atMs: number, kind: string, market: string, positionAfter: number) => ({
    seq: BigInt(seq),
    engineAccountId,
    nowMs: BigInt(atMs),
    kind,
    market,
    side: kind === "funding" ? null : "buy",
    lots: kind === "funding" ? null : 2,
    priceTicks: kind === "funding" ? null : 600_000,
    amount: 1_500n,
    positionAfter,
  });
  await prisma.accountActivity.createMany({
    data: [
      row(9_000_001, A, START - 1, "fill", "BTC-PERP", 2), // the day before: in no fills row, but in the position
      row(9_000_002, A, START, "fill", "BTC-PERP", 4),
      row(9_000_003, A, START + 3_600_000, "funding", "BTC-PERP", 4),
      row(9_000_004, B, START + 7_200_000, "fill", "ETH-PERP", 2),
      row(9_000_005, B, START + 86_400_000, "fill", "ETH-PERP", 6), // the day after
    ],
  });
  const ctx = contextFor(prisma, null, () => new Date(START + 1_000));
  await withTransaction(ctx, async (tx) => {
    await recordAudit(tx, ctx, {
      action: "trading.order_place",
      entity: "EngineOrder",
      entityId: "555",
      after: { engineAccountId: A, market: "BTC-PERP", side: "buy", orderType: "limit", price: 600_000, size: 2, tif: "GTC" },
      actorEmail: "client-a@test.example",
    });
  });
});

async function officer(stepUpAt: Date | null = WALL) {
  return contextFor(prisma, await signedInUser(prisma, ["COMPLIANCE_OFFICER"], { stepUpAt }), () => WALL);
}

const csvRows = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[name]).trimEnd().split("\r\n").slice(1);

describe("RPT-10: the regulator export", () => {
  it("RPT-10: orders, fills, positions and client records for a day reconcile to the source tables, and the export is logged with its manifest hash", async () => {
    const ctx = await officer();
    const accessBefore = await prisma.clientDataAccess.count({ where: { resource: "regulator_export" } });
    const file = await regulatorExport({ ctx, input: { from: DAY, to: DAY } });
    const files = unzipSync(file.zip);
    const fills = csvRows(files, "fills.csv").filter((line) => line.includes(String(A)) || line.includes(String(B)));
    expect(fills).toHaveLength(3);
    expect(fills.map((line) => line.split(",")[1])).toEqual(["9000002", "9000003", "9000004"]);
    const positions = csvRows(files, "positions.csv").filter((line) => line.includes(`,${A},`) || line.includes(`,${B},`));
    expect(positions.map((line) => line.split(",").slice(1, 4).join(","))).toEqual([`${A},BTC-PERP,4`, `${B},ETH-PERP,2`]);
    const orders = csvRows(files, "orders.csv").filter((line) => line.includes(String(A)));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toContain("place");
    const clients = csvRows(files, "clients.csv");
    expect(clients.some((line) => line.startsWith(`${A},${clientA},Client A,`))).toBe(true);

    const manifest = JSON.parse(strFromU8(files["manifest.json"])) as { files: Array<{ name: string; sha256: string }> };
    for (const entry of manifest.files) expect(sha256Hex(files[entry.name])).toBe(entry.sha256);
    expect(sha256Hex(files["manifest.json"])).toBe(file.manifestSha256);
    expect(await prisma.clientDataAccess.count({ where: { resource: "regulator_export" } })).toBe(accessBefore + 1);
    const audit = await prisma.auditLog.findFirst({ where: { action: "report.regulator_export", entityId: file.manifestSha256 } });
    expect(audit?.actorId).toBe(ctx.actor!.userId);
  });

  it("RPT-10: one account and one market narrow every file", async () => {
    const ctx = await officer();
    const files = unzipSync((await regulatorExport({ ctx, input: { from: DAY, to: DAY, account: String(B), market: "eth-perp" } })).zip);
    expect(csvRows(files, "fills.csv").map((line) => line.split(",")[2])).toEqual([String(B)]);
    expect(csvRows(files, "orders.csv")).toEqual([]);
    expect(csvRows(files, "clients.csv").map((line) => line.split(",")[0])).toEqual([String(B)]);
  });

  it("RPT-10: bad input is refused with a specific message and logs nothing; without a fresh second factor or as an auditor it is refused", async () => {
    const ctx = await officer();
    const before = await prisma.clientDataAccess.count({ where: { resource: "regulator_export" } });
    for (const [input, key] of [
      [{ from: DAY, to: DAY, account: "12a" }, "errors.reports.badAccount"],
      [{ from: DAY, to: DAY, market: "btc perp" }, "errors.reports.badMarket"],
      [{ from: "2031-03-05", to: DAY }, "errors.reports.inverted"],
      [{ from: "yesterday", to: DAY }, "errors.reports.badDate"],
    ] as const) {
      const error = await regulatorExport({ ctx, input }).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(Invalid);
      expect((error as Invalid).userMessage.key).toBe(key);
    }
    await expect(regulatorExport({ ctx: await officer(null), input: { from: DAY, to: DAY } })).rejects.toBeInstanceOf(StepUpRequired);
    const auditor = contextFor(prisma, await signedInUser(prisma, ["AUDITOR"], { stepUpAt: WALL }), () => WALL);
    await expect(regulatorExport({ ctx: auditor, input: { from: DAY, to: DAY } })).rejects.toBeInstanceOf(Forbidden);
    expect(await prisma.clientDataAccess.count({ where: { resource: "regulator_export" } })).toBe(before);
  });
});
