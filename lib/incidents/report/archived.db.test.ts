import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { apply, restore, snapshot, stateHash, type EngineEvent } from "../../engine/index";
import { archiveOnce } from "../../journal/archive/archiver";
import { createPrismaClient } from "../../prisma-client";
import { EngineJournal } from "../../simulation/journal";
import { canonicalReportText } from "./canonical";
import { draftClientStatements, draftIncidentReport } from "./load";
import { BTC, runScenario, S3, S4, S5, V1, V2 } from "./test-scenario";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const SECRET = "incident report archive test secret, 32+ characters";
const INCIDENT = "inc-archived-1";
const CLIENTS = [V1, V2, S3, S4, S5];
const email = (accountId: number) => `incident-archived-${accountId}@test.example`;
const run = runScenario();
const gap = run.entries.find((entry) => entry.position === run.gapPosition)!;
const lastCompleted = gap.events.filter((event: EngineEvent) => event.type === "LiquidationCompleted").at(-1)!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "incident-archive-"));

async function cleanUp() {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}, ${table("JournalSegment")}`);
  await prisma.incident.deleteMany({ where: { id: INCIDENT } });
  await prisma.tradingAccount.deleteMany({ where: { engineAccountId: { in: CLIENTS } } });
  await prisma.user.deleteMany({ where: { email: { in: CLIENTS.map(email) } } });
}

beforeAll(async () => {
  await cleanUp();
  const journal = new EngineJournal(prisma, { archiveDir: dir });
  await journal.saveSnapshot(run.genesis.snapshot, run.genesis.stateHash, { maxOrderId: 0 });
  await journal.append(run.entries.map((entry) => ({ position: entry.position, source: "simulation" as const, command: entry.command, events: entry.events })));
  // Snapshots before the gap and at the end of the scenario, then an hour of quiet, so both intervals
  // (the lead-in and the incident itself) are old enough to archive.
  const engine = restore(run.genesis.snapshot);
  for (const entry of run.entries) {
    apply(engine, entry.command);
    if (entry.position === run.gapPosition - 1 || entry.position === run.entries.at(-1)!.position)
      await journal.saveSnapshot(snapshot(engine), stateHash(engine), { maxOrderId: 8 });
  }
  const tick = { type: "Tick" as const, nowMs: engine.now + 3_600_000 };
  const result = apply(engine, tick);
  await journal.append([{ position: engine.commandCount, source: "simulation", command: tick, events: result.events }]);

  for (const accountId of CLIENTS) {
    const user = await prisma.user.create({ data: { email: email(accountId), name: `Client ${accountId}`, passwordHash: "x", family: "CLIENT" } });
    await prisma.tradingAccount.create({ data: { userId: user.id, engineAccountId: accountId } });
  }
  const opened = gap.events.find((event) => event.type === "LiqStageEntered" && event.stage === "backstop" && event.accountId === V1)!;
  await prisma.incident.create({
    data: {
      id: INCIDENT,
      market: BTC,
      openedSeq: BigInt(opened.seq),
      openedAtMs: BigInt(gap.command.nowMs),
      lastSeq: BigInt(lastCompleted.seq),
      lastAtMs: BigInt(lastCompleted.nowMs),
      steps: ["backstop", "insurance_fund", "adl", "fund_floor"],
      status: "draft",
      deadlineAt: new Date(gap.command.nowMs + 24 * 3_600_000),
    },
  });
});

afterAll(async () => {
  await cleanUp();
  await prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("incident report over an archived journal (REC-1, RPT-10)", () => {
  it("REC-1: the report and the client statements computed after archiving equal those computed from the hot rows", async () => {
    const before = canonicalReportText(await draftIncidentReport(prisma, INCIDENT, { pseudonymSecret: SECRET, archiveDir: dir }));
    const statementsBefore = [...(await draftClientStatements(prisma, INCIDENT, { archiveDir: dir }))].map(([id, statement]) => [
      id,
      JSON.stringify(statement),
    ]);
    expect(statementsBefore.length).toBeGreaterThan(0);

    const journal = new EngineJournal(prisma, { archiveDir: dir });
    const archived = await archiveOnce(prisma, journal, { dir, hotMs: 60_000, maxSegments: 10, ignoreCursors: true });
    expect(archived.map((segment) => segment.toPosition)).toEqual([run.gapPosition - 1, run.entries.at(-1)!.position]);
    expect(await prisma.engineCommand.count({ where: { position: { lte: run.entries.at(-1)!.position } } })).toBe(0);

    const after = canonicalReportText(await draftIncidentReport(prisma, INCIDENT, { pseudonymSecret: SECRET, archiveDir: dir }));
    expect(after).toBe(before);
    const statementsAfter = [...(await draftClientStatements(prisma, INCIDENT, { archiveDir: dir }))].map(([id, statement]) => [id, JSON.stringify(statement)]);
    expect(statementsAfter).toEqual(statementsBefore);
  });
});
