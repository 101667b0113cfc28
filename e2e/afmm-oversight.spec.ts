import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { demoUser, freshCode } from "./auth-helpers";
import { fillScenarioParameters, shot } from "./risk-helpers";
import { serverOf } from "./servers";
import { sessionOf, withDatabase } from "./test-users";
import { decodeEvent, EVENT_COLUMNS } from "../lib/simulation/journal-codec";

// The Responsible Officer's oversight of the affiliated market maker, end to end on the running
// simulation: an administrator plants a front run (the market maker takes liquidity just before a
// large client order on the same side); the live surveillance raises the alert from the journal; the
// designated officer reviews it after a fresh second factor and records a breach; the conflicts register
// shows the entry the breach opened; the market maker sees the alert about itself on its desk without
// any client's account or identity. It moves the shared market, so it runs with the market movers.

const RULE_NAME = "Trading ahead of client flow";

test("AFMM-8 / AFMM-3 / AFMM-7 / AFMM-4: a planted front run → alert → the designated RO's breach after step-up → conflicts register → the AFMM desk shows the alert without client identities", async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000);

  // 1. The administrator plants the pattern through the stress-scenario page.
  const admin = await browser.newContext({ storageState: await sessionOf(testInfo, "ADMIN") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/scenarios");
  await fillScenarioParameters(adminPage, { type: "plant-front-run", market: "BTC-PERP", side: "buy", leadSec: 5, durationSec: 20 });
  await adminPage.getByLabel(/Reason/).fill("e2e: surveillance must catch a planted front run");
  await adminPage.getByRole("button", { name: "Inject scenario" }).click();
  await expect(adminPage.getByRole("form", { name: "Inject a stress scenario" }).getByRole("status")).toContainText("Injected plant-front-run", {
    timeout: 30_000,
  });
  await admin.close();

  // 2. The live surveillance raises it; the designated Responsible Officer finds it in the queue.
  const ro = demoUser("RESPONSIBLE_OFFICER");
  const officer = await browser.newContext({ storageState: await sessionOf(testInfo, "RESPONSIBLE_OFFICER") });
  const page = await officer.newPage();
  const queue = page.getByRole("table", { name: "Review items, earliest deadline first" });
  try {
    await expect(async () => {
      await page.goto("/afmm/trade-reviews?rule=front_running&status=unclosed");
      await expect(queue.getByRole("link", { name: "Alert", exact: true }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 150_000, intervals: [3_000] });
  } catch (error) {
    const state = JSON.stringify(await surveillanceState(testInfo), (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2);
    fs.writeFileSync(testInfo.outputPath("surveillance-state.json"), state);
    await testInfo.attach("surveillance-state.json", { body: state, contentType: "application/json" });
    throw error;
  }
  await queue.getByRole("link", { name: "Alert", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(RULE_NAME);
  const reviewPath = new URL(page.url()).pathname;
  // How long the live surveillance took from the trade that completed the pattern to the stored alert
  // (engine time runs at wall-clock speed in the portal): reported, not asserted.
  const lag = await withDatabase(serverOf(testInfo), async (prisma) => {
    const review = await prisma.afmmReview.findUniqueOrThrow({ where: { id: reviewPath.split("/").pop()! }, include: { alert: true } });
    return review.alert ? review.alert.detectedAt.getTime() - Number(review.alert.triggerAtMs) : null;
  });
  await testInfo.attach("alert-lag-ms", { body: String(lag), contentType: "text/plain" });
  console.log(`[afmm-oversight] trade-to-alert lag: ${lag} ms`);
  // The evidence: the market maker's own fills beside the client's order, with journal positions.
  await expect(page.getByRole("table", { name: "Fills" })).toContainText("(market maker)");
  await expect(page.getByText(/^sequence \d+, command \d+, /).first()).toBeVisible();
  const counterparties = page.getByRole("table", { name: "Counterparties" });
  await expect(counterparties).toBeVisible();
  const counterpartyAccounts = (await counterparties.locator("tbody tr td:first-child").allTextContents()).map((text) => text.trim());
  expect(counterpartyAccounts.length).toBeGreaterThan(0);

  // Without a fresh second factor there is no decision form, only the way to confirm.
  await expect(page.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await page.goto(`/step-up?next=${encodeURIComponent(reviewPath)}`);
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL!, ro.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL(`**${reviewPath}`);

  // A decision without a reason is refused and changes nothing; with one, the breach is recorded.
  const decide = page.getByRole("form", { name: "Decide" });
  await decide.getByRole("radio", { name: /Breach: close the item/ }).check();
  await decide.getByRole("button", { name: "Record decision" }).click();
  await expect(decide.getByText(/reason/i).first()).toBeVisible();
  await expect(page.getByText("This item is closed; its record is final.")).toHaveCount(0);
  await decide.getByRole("radio", { name: /Breach: close the item/ }).check();
  await decide.getByLabel("Reason").fill("The market maker bought ahead of the client's block order in the same market: a breach of the conflicts policy.");
  await decide.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("This item is closed; its record is final.")).toBeVisible({ timeout: 30_000 });
  await shot(page, "afmm-review-breach", testInfo);

  // 3. The conflicts register shows the entry the breach opened.
  await page.getByRole("link", { name: "Open the register entry" }).click();
  await page.waitForURL(/\/afmm\/conflicts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const entryPath = new URL(page.url()).pathname;
  await page.goto("/afmm/conflicts");
  await expect(page.locator(`a[href$="${entryPath.replace(/^\/(en|zh-HK)/, "")}"]`).first()).toBeVisible();
  await shot(page, "afmm-conflicts-register", testInfo);
  await officer.close();

  // 4. The market maker's desk: the alert about itself, closed as a breach, and no client identity.
  const desk = await browser.newContext({ storageState: await sessionOf(testInfo, "AFMM_TRADER") });
  const deskPage = await desk.newPage();
  await deskPage.goto("/afmm-desk");
  const alert = deskPage.getByTestId("desk-alert").filter({ hasText: RULE_NAME }).first();
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Outcome: breach");
  await expect(alert).not.toContainText("@");
  for (const account of counterpartyAccounts) await expect(alert.getByRole("cell", { name: account, exact: true })).toHaveCount(0);
  await shot(deskPage, "afmm-desk-alert", testInfo);
  // The oversight pages and the item itself stay closed to it.
  const response = await deskPage.goto(reviewPath);
  expect(response?.status()).toBe(404);
  await desk.close();
});

/** What the server's database says when the alert does not come: for the failure report. */
async function surveillanceState(testInfo: Parameters<typeof serverOf>[0]): Promise<unknown> {
  return withDatabase(serverOf(testInfo), async (prisma) => {
    const [alerts, cursors, head, runs, orderEntry, affiliates] = await Promise.all([
      prisma.surveillanceAlert.groupBy({ by: ["rule"], _count: true }),
      prisma.journalCursor.findMany(),
      prisma.engineEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, nowMs: true } }),
      prisma.scenarioRun.findMany({ orderBy: { startedAtMs: "desc" }, take: 3, select: { kind: true, input: true, outcome: true } }),
      prisma.engineEvent
        .findMany({ where: { type: "AfmmOrderEntrySet" }, orderBy: { seq: "desc" }, take: 3, select: EVENT_COLUMNS })
        .then((rows) => rows.map(decodeEvent)),
      prisma.afmmAffiliate.findMany({ select: { engineAccountIds: true, approved: true } }),
    ]);
    return { alerts, cursors, head, runs, orderEntry, affiliates };
  }).catch((error: unknown) => ({ error: String(error) }));
}
