import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { canonicalText, currentVersion, RISK_DISCLOSURE_VERSIONS } from "../lib/suitability/risk-disclosures";
import { signUpNewClient } from "./client-helpers";
import { sessionOf } from "./test-users";

/**
 * DISC-8: a new client reads and acknowledges the current risk disclosure (the demo
 * client arrives already onboarded). One client throughout, so the tests run in order.
 */
test.describe.configure({ mode: "serial" });
// Per server: both projects may run in one worker.
const clients = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

async function newClientState(browser: Browser, baseURL: string) {
  if (!clients.has(baseURL)) {
    const { context } = await signUpNewClient(browser, baseURL, { name: "Disclosure Reader" });
    clients.set(baseURL, await context.storageState());
    await context.close();
  }
  return clients.get(baseURL)!;
}

const PAGE = "/portal/onboarding/risk-disclosures";
const baseOf = (testInfo: { project: { use: { baseURL?: string } } }) => String(testInfo.project.use.baseURL);
const current = currentVersion(RISK_DISCLOSURE_VERSIONS, new Date())!;
const currentHash = createHash("sha256").update(canonicalText(current)).digest("hex");
const TICK_MESSAGE = 'Tick "I have read and understood" to acknowledge the risk disclosure.';

test("DISC-8: without JavaScript, submitting without the box ticked is refused with a specific message and records nothing", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ storageState: await newClientState(browser, baseOf(testInfo)), javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { name: "Risk disclosures", level: 1 })).toBeVisible();
  await expect(page.getByText("You have not acknowledged the risk disclosure yet.")).toBeVisible();
  await page.getByRole("button", { name: "Acknowledge" }).click();
  const main = page.getByRole("main");
  await expect(main.getByText(TICK_MESSAGE)).toBeVisible();
  await expect(page.getByText("You have not acknowledged the risk disclosure yet.")).toBeVisible();
  await context.close();
});

test("DISC-8 / REC-6: the client sees version, date and hash; ticking and submitting records the acknowledgement and its time", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ storageState: await newClientState(browser, baseOf(testInfo)) });
  const page = await context.newPage();
  await page.goto("/portal/onboarding");
  await page.getByRole("link", { name: "Risk disclosure", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`));

  // The page shows the text whose hash it states, section by section (DISC-8's list).
  const facts = page.getByRole("region", { name: "Your acknowledgement" });
  await expect(facts.getByText(current.id, { exact: true })).toBeVisible();
  await expect(facts.getByText(currentHash)).toBeVisible();
  for (const section of current.sections) await expect(page.getByRole("heading", { name: section.heading, level: 3 })).toBeVisible();
  await expect(page.getByRole("link", { name: /ADL likelihood per market/ })).toHaveAttribute("href", "/disclosures/adl");

  const form = page.getByRole("region", { name: `Acknowledge version ${current.id}` });
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(form.getByText(TICK_MESSAGE)).toBeVisible();
  await expect(form.getByRole("alert")).toContainText("Check the fields marked below; nothing was changed.");
  await page.screenshot({ path: testInfo.outputPath("risk-disclosure-unticked.png"), fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.getByRole("checkbox", { name: "I have read and understood" }).check();
  const before = Date.now();
  await page.getByRole("button", { name: "Acknowledge" }).click();
  const status = facts.getByText(/^Acknowledged\. You acknowledged version/);
  await expect(status).toContainText(`You acknowledged version ${current.id} at `);
  await expect(status).toContainText("(channel: web)");
  const shown = /at (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC/.exec((await status.textContent()) ?? "")![1];
  const at = Date.parse(`${shown.replace(" ", "T")}Z`);
  expect(Math.abs(at - before)).toBeLessThan(60_000);
  await expect(page.getByRole("region", { name: `Acknowledge version ${current.id}` })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("risk-disclosure-acknowledged.png"), fullPage: true });

  // It persists: a fresh load shows the same record.
  await page.reload();
  await expect(facts.getByText(/^Acknowledged\. You acknowledged version/)).toContainText(`${current.id} at ${shown} UTC`);
  await context.close();
});

test("DISC-8: a compliance officer cannot reach the client's risk-disclosure page", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "COMPLIANCE_OFFICER") });
  const page = await context.newPage();
  const response = await page.goto(PAGE);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Risk disclosures", level: 1 })).toHaveCount(0);
  await context.close();
});
