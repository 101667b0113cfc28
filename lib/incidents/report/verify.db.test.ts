import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/database";
import { apply, restore, snapshot, stateHash, type EngineEvent } from "../../engine/index";
import { createPrismaClient } from "../../prisma-client";
import { EngineJournal } from "../../simulation/journal";
import { canonicalReportText, reportSha256 } from "./canonical";
import { draftClientStatements, draftIncidentReport } from "./load";
import { validateIncidentReport } from "./schema";
import { publishedText } from "../published-report";
import { BTC, runScenario, S3, S4, S5, V1, V2, type ScenarioEntry } from "./test-scenario";
import { describeVerifyOutcome, verifyPublishedReport } from "./verify";

const database = testDatabase();
const prisma = createPrismaClient(database.url, database.schema);
const SECRET = "incident report test secret, 32+ characters long";
const INCIDENT = "inc-verify-1";
const CLIENTS = [V1, V2, S3, S4, S5];
const run = runScenario();
const gap = run.entries.find((entry) => entry.position === run.gapPosition)!;
const stageSeq = (stage: string, accountId: number) =>
  gap.events.find((event) => event.type === "LiqStageEntered" && event.stage === stage && event.accountId === accountId)!.seq;
const lastCompleted = gap.events.filter((event: EngineEvent) => event.type === "LiquidationCompleted").at(-1)!;
const email = (accountId: number) => `incident-report-${accountId}@test.example`;

async function cleanUp() {
  const table = (name: string) => `"${database.schema}"."${name}"`;
  await prisma.$executeRawUnsafe(`TRUNCATE ${table("EngineCommand")}, ${table("EngineEvent")}, ${table("EngineSnapshot")}`);
  await prisma.incident.deleteMany({ where: { id: INCIDENT } });
  await prisma.tradingAccount.deleteMany({ where: { engineAccountId: { in: CLIENTS } } });
  await prisma.user.deleteMany({ where: { email: { in: CLIENTS.map(email) } } });
}

beforeAll(async () => {
  await cleanUp();
  const journal = new EngineJournal(prisma);
  // As the host writes it: the genesis image, then each command with its events; and a snapshot part
  // of the way in, so the loader's replay starts from one that is not the genesis.
  await journal.saveSnapshot(run.genesis.snapshot, run.genesis.stateHash, { maxOrderId: 0 });
  const entries: ScenarioEntry[] = run.entries;
  await journal.append(entries.map((entry) => ({ position: entry.position, source: "simulation" as const, command: entry.command, events: entry.events })));
  const midway = restore(run.genesis.snapshot);
  for (const entry of entries.slice(0, 12)) apply(midway, entry.command);
  await journal.saveSnapshot(snapshot(midway), stateHash(midway), { maxOrderId: 8 });

  for (const accountId of CLIENTS) {
    const user = await prisma.user.create({ data: { email: email(accountId), name: `Client ${accountId}`, passwordHash: "x", family: "CLIENT" } });
    await prisma.tradingAccount.create({ data: { userId: user.id, engineAccountId: accountId } });
  }
  // Opened by V1's backstop stage (the first step past the book); its last event is V2's completion.
  await prisma.incident.create({
    data: {
      id: INCIDENT,
      market: BTC,
      openedSeq: BigInt(stageSeq("backstop", V1)),
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
});

/** Stores a report as the workflow publishes it: inside the published document, as canonical JSON. */
async function publish(reportText: string, hash?: string) {
  const text = envelope(reportText);
  await prisma.incident.update({ where: { id: INCIDENT }, data: { published: text, publishedHash: hash ?? reportSha256(text), status: "published" } });
}

function envelope(reportText: string): string {
  // Spliced as text so a report whose own text is not canonical (the whitespace case) stays as given.
  const rest = publishedText({
    report: {} as never,
    narrative: { cause: "c", impact: "i", remediation: "r" },
    approval: { byRole: "RESPONSIBLE_OFFICER", at: "2026-01-01T00:00:00.000Z" },
    publishedAt: "2026-01-01T00:00:01.000Z",
  }).text;
  return rest.replace('"report":{}', `"report":${reportText}`);
}

describe("report:verify recomputes a published report from the journal (DISC-7, RPT-7, REC-1)", () => {
  it("the draft from the database has the hand-worked figures, the whole gap command as its range, and validates", async () => {
    const report = await draftIncidentReport(prisma, INCIDENT, { pseudonymSecret: SECRET });
    expect(validateIncidentReport(report)).toMatchObject({ ok: true });
    expect(report.journal).toMatchObject({
      fromSeq: gap.events[0].seq,
      toSeq: gap.events.at(-1)!.seq,
      fromPosition: run.gapPosition,
      toPosition: run.gapPosition,
      stateHashBefore: stateHash(restore(run.beforeGap)),
      stateHashAfter: stateHash(restore(run.afterGap)),
    });
    // The book stage ran before the incident's opening event, in the same command: it is in the report.
    expect(report.steps).toEqual(["cancel_orders", "book", "backstop", "backstop_exhausted", "insurance_fund", "adl", "fund_floor"]);
    expect(report.adl).toMatchObject({ lossSocialized: "8252000", minimumNeeded: "8250000", beyondMinimum: "2000" });
    expect(report.adl.proRata.allocations.map((row) => [row.rankedLots, row.proRataLots])).toEqual([
      [50, 26],
      [8, 21],
      [0, 11],
    ]);
    expect(report.affected).toEqual({ accountsLiquidated: 2, clientsWithPositions: 5 });
    expect(report.prices.length).toBe(6);
  });

  it("verifies an untouched published report, then names the one figure edited in the database", async () => {
    const report = await draftIncidentReport(prisma, INCIDENT, { pseudonymSecret: SECRET });
    const text = canonicalReportText(report);
    await publish(text);
    const verified = await verifyPublishedReport(prisma, INCIDENT, { pseudonymSecret: SECRET });
    expect(verified.kind).toBe("verified");
    expect(describeVerifyOutcome(verified)).toMatch(/^verified \d+ figures$/);
    if (verified.kind === "verified") expect(verified.figures).toBeGreaterThan(200);

    // Edit one figure and keep the hash consistent, as a writer with database access could.
    const edited = JSON.parse(text) as typeof report;
    edited.adl.beyondMinimum = "0";
    const editedText = canonicalReportText(edited);
    await publish(editedText);
    const caught = await verifyPublishedReport(prisma, INCIDENT, { pseudonymSecret: SECRET });
    expect(caught).toMatchObject({
      kind: "mismatch",
      hashMatches: true,
      difference: { path: "$.report.adl.beyondMinimum", published: "0", recomputed: "2000" },
    });
    expect(describeVerifyOutcome(caught)).toContain('report differs at $.report.adl.beyondMinimum: published "0", recomputed from the journal "2000"');

    // An edit deep in an array, with the stored hash left as it was.
    const edited2 = JSON.parse(text) as typeof report;
    edited2.adl.fills[1].compensation = "5740001";
    await publish(canonicalReportText(edited2), reportSha256(envelope(text)));
    const caught2 = await verifyPublishedReport(prisma, INCIDENT, { pseudonymSecret: SECRET });
    expect(caught2).toMatchObject({
      kind: "mismatch",
      hashMatches: false,
      difference: { path: "$.report.adl.fills[1].compensation", published: "5740001", recomputed: "5740000" },
    });
    expect(describeVerifyOutcome(caught2)).toContain("is not the SHA-256 of the published text");

    // Figures intact but the text changed (whitespace): only the hash disagrees.
    await publish(JSON.stringify(report, null, 1), reportSha256(envelope(text)));
    const caught3 = await verifyPublishedReport(prisma, INCIDENT, { pseudonymSecret: SECRET });
    expect(caught3).toMatchObject({ kind: "mismatch", hashMatches: false, difference: null });
    await publish(text);
  });

  it("an unknown incident is answered as such", async () => {
    expect(await verifyPublishedReport(prisma, "no-such-incident", { pseudonymSecret: SECRET })).toEqual({
      kind: "unknown_incident",
      incidentId: "no-such-incident",
    });
    expect(describeVerifyOutcome({ kind: "unknown_incident", incidentId: "x" })).toBe("no incident with id x");
  });

  it("npm run report:verify: exit 0 with the count, 1 naming the figure, 2 for an unknown incident", async () => {
    const report = await draftIncidentReport(prisma, INCIDENT, { pseudonymSecret: SECRET });
    const text = canonicalReportText(report);
    await publish(text);
    const cli = (incidentId: string) =>
      promisify(execFile)("npx", ["tsx", "scripts/report-verify.ts", incidentId], {
        env: { ...process.env, DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema, AUDIT_HMAC_KEY: SECRET, PORTAL_MODE: "demo" },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const [ok, unknown] = await Promise.all([cli(INCIDENT), cli("no-such-incident")]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^verified \d+ figures\n$/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no incident with id no-such-incident");

    const edited = JSON.parse(text) as typeof report;
    edited.insuranceFund.paidOut = "1";
    await publish(canonicalReportText(edited));
    const bad = await cli(INCIDENT);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('report differs at $.report.insuranceFund.paidOut: published "1", recomputed from the journal "5740000"');
    await publish(text);
  });

  it("personal statements for the portal clients liquidated or deleveraged", async () => {
    const statements = await draftClientStatements(prisma, INCIDENT);
    // S5 was eligible but never reached by the ranked ADL: no statement.
    expect([...statements.keys()].sort()).toEqual([V1, V2, S3, S4]);
    expect(statements.get(V1)).toMatchObject({
      positionBefore: 100,
      positionAfter: 0,
      realizedPnl: "-269256000",
      liquidationFees: "5740000",
      equityAfter: "4000",
    });
    expect(statements.get(S4)).toMatchObject({ adlCompensation: "5740000", equityBefore: "200000000", equityAfter: "326518800" });
    expect(statements.get(S3)).toMatchObject({ positionBefore: -60, positionAfter: -32, realizedPnl: "16268800", equityAfter: "10148268800" });
  });
});
