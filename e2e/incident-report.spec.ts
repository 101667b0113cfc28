import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { fillScenarioParameters } from "./risk-helpers";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PDFParse } from "pdf-parse";
import { formatInteger, formatLots, formatTicks, formatUsdMicrosExact } from "../lib/format";
import type { PublishedIncidentReport } from "../lib/incidents/published-report";
import { createPrismaClient } from "../lib/prisma-client";
import type { TradingView } from "../lib/wire/portal-trading";
import { freshCode, signInByApi } from "./auth-helpers";
import { serverOf } from "./servers";
import { clientReadyToTrade, freshUser, sessionOf } from "./test-users";
import { decodeEvent, EVENT_COLUMNS } from "../lib/simulation/journal-codec";

// The whole default-management path in the browser: a client holds a short in BTC-PERP; an
// administrator injects a gap through the backstop; the waterfall reaches ADL; the client's inbox
// shows the notice; once the market is quiet the report drafts itself; a compliance officer writes the
// cause, impact and remediation; a Responsible Officer approves after a step-up; the report is
// published to every client and on the public page; its PDF says what its JSON says.

const MARKET = "BTC-PERP";

async function shot(page: Page, name: string, testInfo: TestInfo) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** An approved client with a one-times-equity short: profitable when the price gaps down, so it is an ADL candidate. */
async function openShort(browser: Browser, testInfo: TestInfo, baseURL: string) {
  const { client, context, page } = await clientReadyToTrade(browser, testInfo, baseURL);
  const view = async () => (await (await page.request.get("/api/portal/trading")).json()) as TradingView;
  const btc = (await view()).markets.find((market) => market.symbol === MARKET)!;
  const lots = Math.max(btc.minSizeLots, Math.floor(50_000 / Number(formatTicks(btc.mark, btc.tickSize, false)) / Number(btc.lotSize)));
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await expect(async () => {
    const held = (await view()).account?.positions.find((candidate) => candidate.market === MARKET)?.size ?? 0;
    if (held === 0) {
      await ticket.getByRole("combobox", { name: "Market" }).selectOption(MARKET);
      await ticket.getByRole("radio", { name: "Sell (short)" }).check();
      await ticket.getByRole("radio", { name: "Market", exact: true }).check();
      await ticket.getByLabel(/^Size/).fill(formatLots(lots, btc.lotSize));
      await ticket.getByRole("button", { name: "Place order" }).click();
      await expect(ticket.getByRole("status")).toContainText(/^Order \d+ accepted: sell .* at market\./);
    }
    expect((await view()).account?.positions.find((candidate) => candidate.market === MARKET)?.size ?? 0).toBeLessThan(0);
  }).toPass({ timeout: 90_000, intervals: [1_000] });
  return { client, context, page };
}

/** The incident that told this client of ADL (the test harness reads the server's own database for its id). */
async function incidentOfNotice(testInfo: TestInfo, email: string): Promise<string | null> {
  const server = serverOf(testInfo);
  const prisma = createPrismaClient(server.databaseUrl, server.schema);
  try {
    const notice = await prisma.clientNotice.findFirst({
      where: { user: { email }, kind: { in: ["adlOccurred", "adlFill", "fundDepleted"] }, incidentId: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { incidentId: true },
    });
    return notice?.incidentId ?? null;
  } finally {
    await prisma.$disconnect();
  }
}

/** What the server's database says when the notice does not come: for the failure report. */
async function incidentState(testInfo: TestInfo, email: string): Promise<unknown> {
  const server = serverOf(testInfo);
  const prisma = createPrismaClient(server.databaseUrl, server.schema);
  try {
    const [incidents, cursor, head, runs, positions, notices, adlStages] = await Promise.all([
      prisma.incident.findMany({ select: { id: true, status: true, steps: true, openedSeq: true, lastSeq: true, lastAtMs: true, draftHash: true } }),
      prisma.journalCursor.findMany(),
      prisma.engineEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, nowMs: true } }),
      prisma.scenarioRun.findMany({
        orderBy: { startedAtMs: "desc" },
        take: 3,
        select: { kind: true, input: true, startedAtMs: true, endedAtMs: true, outcome: true },
      }),
      prisma.clientPosition.findMany({
        where: { engineAccountId: { in: (await prisma.tradingAccount.findMany({ where: { user: { email } } })).map((t) => t.engineAccountId) } },
      }),
      prisma.clientNotice.findMany({ where: { user: { email } }, select: { kind: true, createdAt: true } }),
      prisma.engineEvent.findMany({ where: { type: "LiqStageEntered" }, orderBy: { seq: "desc" }, take: 200, select: EVENT_COLUMNS }).then((rows) =>
        rows
          .map(decodeEvent)
          .filter((event) => event.type === "LiqStageEntered" && event.stage === "adl")
          .slice(0, 5)
          .map((event) => ({ seq: event.seq, nowMs: event.nowMs })),
      ),
    ]);
    return JSON.parse(
      JSON.stringify(
        { incidents, cursor, head, runs: runs.map((r) => ({ ...r, outcome: r.outcome?.slice(0, 600) })), positions, notices, adlStages },
        (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
      ),
    );
  } finally {
    await prisma.$disconnect();
  }
}

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

test("DISC-6 / DISC-7 / REC-6 / RPT-7 / LIQ-5: gap through the backstop → incident → client notice → officer's narrative → RO approval with step-up → public report whose PDF matches its JSON", async ({
  browser,
  baseURL,
  request,
}, testInfo) => {
  test.setTimeout(600_000);
  const { client, context: clientContext, page: clientPage } = await openShort(browser, testInfo, baseURL!);

  const admin = await browser.newContext({ storageState: await sessionOf(testInfo, "ADMIN") });
  const adminPage = await admin.newPage();
  const injectGap = async (attempt: number) => {
    await adminPage.goto("/admin/scenarios");
    // Each retry brings a larger block position (its loss beyond margin as a share of the fund above
    // its floor): a fund the earlier specs have grown, or a backstop with room, absorbs a smaller one.
    const blockPct = [150, 500, 1_000][attempt - 1] ?? 1_000;
    await fillScenarioParameters(adminPage, { type: "gap-through-backstop", market: MARKET, durationSec: 30, recoverSec: 60, blockPct });
    await adminPage.getByLabel(/Reason/).fill(`e2e: a gap through the backstop reaches ADL and opens an incident (attempt ${attempt})`);
    await adminPage.getByRole("button", { name: "Inject scenario" }).click();
    await expect(adminPage.getByRole("form", { name: "Inject a stress scenario" }).getByRole("status")).toContainText("Injected gap-through-backstop", {
      timeout: 30_000,
    });
  };

  // The client is told: ADL took place in a market where they hold a position. The browser tests share
  // one live market that the specs before this one have crashed and squeezed, so a single gap can be
  // absorbed before ADL (the scenario's reliability from the demo state is a unit test of its own); the
  // gap is injected again, each time with a larger block, at most three times in all, until ADL runs.
  await clientPage.goto("/portal/inbox");
  const adlNotice = clientPage.getByRole("link", { name: /BTC-PERP: auto-deleveraging took place/ }).first();
  let told = false;
  for (let attempt = 1; attempt <= 3 && !told; attempt++) {
    await injectGap(attempt);
    told = await expect(async () => {
      await clientPage.reload();
      await expect(adlNotice).toBeVisible({ timeout: 2_000 });
    })
      .toPass({ timeout: 75_000, intervals: [2_000] })
      .then(
        () => true,
        () => false,
      );
  }
  if (!told)
    await testInfo.attach("incident-state.json", {
      body: JSON.stringify(await incidentState(testInfo, client.email), null, 2),
      contentType: "application/json",
    });
  expect(told, "three gaps through the backstop: the client holding a short was told of ADL").toBe(true);
  await expect(clientPage.getByRole("link", { name: /^Inbox \d+ unread/ })).toBeVisible();
  await shot(clientPage, "inbox-list", testInfo);
  await adlNotice.click();
  await expect(clientPage.getByRole("heading", { level: 1, name: /auto-deleveraging took place/ })).toBeVisible();
  await expect(clientPage.getByText(/ADL likelihood/).first()).toBeVisible();
  await shot(clientPage, "inbox-notice", testInfo);

  const incidentId = await incidentOfNotice(testInfo, client.email);
  expect(incidentId, "the notice belongs to an incident").not.toBeNull();
  const incidentPath = `/compliance/incidents/${encodeURIComponent(incidentId!)}`;

  // The compliance officer finds it in the workspace; once the market is quiet its draft is ready.
  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "incident-officer");
  const officerContext = await browser.newContext({ storageState: await signInByApi(baseURL!, officer) });
  const officerPage = await officerContext.newPage();
  await officerPage.goto("/compliance/incidents");
  await expect(officerPage.getByRole("row").filter({ hasText: incidentId! })).toBeVisible();
  await officerPage.goto(incidentPath);
  const narrative = officerPage.getByRole("form", { name: "The report's cause, impact and remediation" });
  await expect(async () => {
    await officerPage.reload();
    await expect(narrative).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 180_000, intervals: [3_000] });
  await expect(officerPage.getByText(/left$/).first()).toBeVisible();

  // Bad input changes nothing: an empty cause is refused by name.
  await narrative.getByLabel("Cause").fill("   ");
  await narrative.getByLabel("Impact").fill("Positions in BTC-PERP were closed by the backstop, the insurance fund and ADL.");
  await narrative.getByLabel("Remediation").fill("Backstop capacity is being restored; thresholds are under review.");
  await narrative.getByRole("button", { name: "Save" }).click();
  await expect(narrative.getByLabel("Cause")).toHaveAttribute("aria-invalid", "true");
  await narrative.getByLabel("Cause").fill("A stress scenario gapped BTC-PERP through the bankruptcy price of a leveraged block.");
  await narrative.getByLabel("Impact").fill("Positions in BTC-PERP were closed by the backstop, the insurance fund and ADL.");
  await narrative.getByLabel("Remediation").fill("Backstop capacity is being restored; thresholds are under review.");
  await narrative.getByRole("button", { name: "Save" }).click();
  await expect(officerPage.getByText("The cause, impact and remediation were saved.")).toBeVisible();
  await officerPage.getByRole("button", { name: "Submit for approval" }).click();
  await expect(officerPage.getByText("The report was submitted for a Responsible Officer's approval.")).toBeVisible();
  await shot(officerPage, "incident-workspace-submitted", testInfo);

  // The Responsible Officer approves after a fresh second factor.
  const ro = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "incident-ro");
  const roContext = await browser.newContext({ storageState: await signInByApi(baseURL!, ro) });
  const roPage = await roContext.newPage();
  await roPage.goto(incidentPath);
  await expect(roPage.getByRole("button", { name: "Approve the report" })).toHaveCount(0);
  await roPage.goto(`/step-up?next=${encodeURIComponent(incidentPath)}`);
  await roPage.getByLabel("Authentication code").fill(await freshCode(baseURL!, ro.totpSecret!));
  await roPage.getByRole("button", { name: "Confirm" }).click();
  await roPage.waitForURL(`**${incidentPath}`);
  await roPage.getByRole("button", { name: "Approve the report" }).click();
  await expect(roPage.getByText("The report was approved.")).toBeVisible();
  await roPage.getByRole("button", { name: "Publish the report" }).click();
  await expect(roPage.getByText("The report was published and every client was sent a notice.")).toBeVisible({ timeout: 60_000 });
  await expect(roPage.getByRole("button", { name: "Publish the report" })).toHaveCount(0);
  await shot(roPage, "incident-workspace-published", testInfo);

  // Public, free, without signing in: listed, readable, and its files agree.
  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto("/disclosures/incidents");
  await publicPage.getByRole("row").filter({ hasText: MARKET }).getByRole("link", { name: "Read the report" }).first().click();
  await expect(publicPage.getByRole("heading", { level: 1, name: /^Post-event report: BTC-PERP incident of / })).toBeVisible();
  await expect(publicPage.getByText("A stress scenario gapped BTC-PERP")).toBeVisible();
  await shot(publicPage, "public-incident-report", testInfo);

  const jsonAnswer = await request.get(`/disclosures/incidents/${encodeURIComponent(incidentId!)}/report.json`);
  expect(jsonAnswer.status()).toBe(200);
  const published = (await jsonAnswer.json()) as PublishedIncidentReport;
  const report = published.report;
  expect(report.incidentId).toBe(incidentId);
  expect(report.steps).toContain("adl");
  const pdfAnswer = await request.get(`/disclosures/incidents/${encodeURIComponent(incidentId!)}/report.pdf`);
  expect(pdfAnswer.status()).toBe(200);
  expect(pdfAnswer.headers()["content-type"]).toContain("application/pdf");
  const text = (await pdfText(await pdfAnswer.body())).replace(/\s+/g, " ");
  for (const figure of [
    report.incidentId,
    report.configHash,
    report.journal.stateHashBefore,
    report.journal.stateHashAfter,
    formatUsdMicrosExact(report.insuranceFund.before),
    formatUsdMicrosExact(report.insuranceFund.after),
    formatUsdMicrosExact(report.insuranceFund.floor),
    formatUsdMicrosExact(report.adl.beyondMinimum),
    formatInteger(report.adl.lotsClosed),
    published.narrative.cause,
  ]) {
    expect(text, `the PDF shows ${figure}`).toContain(figure);
  }
  const schema = await request.get("/disclosures/incidents/schema/v1.json");
  expect(schema.status()).toBe(200);

  // Every client is sent the report, the affected client included.
  await clientPage.goto("/portal/inbox");
  await expect(clientPage.getByRole("link", { name: /Post-event report: BTC-PERP default-management incident/ }).first()).toBeVisible({ timeout: 30_000 });

  // RPT-7: the officer takes the published report out under its SFC cover and records the send.
  await officerPage.goto(incidentPath);
  const sfc = officerPage.getByTestId("incident-sfc");
  await expect(sfc.getByTestId("incident-sfc-status")).toHaveAttribute("data-sent", "false");
  const [download] = await Promise.all([officerPage.waitForEvent("download"), sfc.getByTestId("incident-sfc-cover").click()]);
  const cover = (await pdfText(await readFile(await download.path()))).replace(/\s+/g, " ");
  expect(cover).toContain("Notification to the Securities and Futures Commission");
  expect(cover, "the cover names the published text by its SHA-256").toContain(
    createHash("sha256")
      .update(await jsonAnswer.text(), "utf8")
      .digest("hex"),
  );
  expect(cover, "the published report follows the cover").toContain(published.narrative.cause);
  await sfc.getByLabel("SFC acknowledgement or filing reference").fill("SFC acknowledgement E2E-001");
  await sfc.getByRole("button", { name: "Record the send" }).click();
  // Either the form says so, or the page has already re-rendered without the form, showing the send.
  await expect(
    officerPage.getByText("The task is marked done.").or(officerPage.locator('[data-testid="incident-sfc-status"][data-sent="true"]')),
  ).toBeVisible();
  await officerPage.reload();
  await expect(officerPage.getByTestId("incident-sfc-status")).toHaveAttribute("data-sent", "true");
  await expect(officerPage.getByTestId("incident-sfc").getByText("SFC acknowledgement E2E-001")).toBeVisible();
  await shot(officerPage, "incident-workspace-sfc-sent", testInfo);

  await Promise.all([visitor.close(), roContext.close(), officerContext.close(), admin.close(), clientContext.close()]);
});
