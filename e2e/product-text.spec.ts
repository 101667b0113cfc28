import { expect, test, type Page } from "@playwright/test";
import { productTextFindings, type ProductTextFinding } from "../lib/product-text/patterns";
import { CURRENT_COURSE_QUIZ_BANK, CURRENT_RISK_QUIZ_BANK } from "../lib/suitability/quiz-banks";
import { signUpNewClient } from "./client-helpers";
import { sessionOf } from "./test-users";

/**
 * DISC-8 (product text): what the portal shows a visitor or a client names no source file, no README,
 * no issue number and no raw engine code. Every page is rendered in Chromium and its visible text and
 * title are scanned with the same patterns as the unit scan of the catalogues (lib/product-text).
 */
const PUBLIC_PAGES = [
  "/",
  "/sign-in",
  "/sign-up",
  "/disclosures",
  "/disclosures/markets",
  "/disclosures/markets/BTC-PERP",
  "/disclosures/methodology",
  "/disclosures/methodology/collateral",
  "/disclosures/parameters",
  "/disclosures/insurance-fund",
  "/disclosures/adl",
  "/disclosures/trades",
  "/disclosures/incidents",
];
const ONBOARDING_PAGES = [
  "/portal",
  "/portal/onboarding",
  "/portal/onboarding/evidence",
  "/portal/onboarding/knowledge",
  "/portal/onboarding/va-knowledge",
  "/portal/onboarding/net-worth",
  "/portal/onboarding/quiz",
  "/portal/onboarding/course",
  "/portal/onboarding/risk-disclosures",
  "/account",
];
const APPROVED_CLIENT_PAGES = ["/portal", "/portal/positions", "/portal/inbox", "/portal/onboarding", "/account"];

async function findingsOn(page: Page, path: string): Promise<ProductTextFinding[]> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.locator("main").first()).toBeVisible();
  const text = `${await page.title()}\n${await page.locator("body").innerText()}`;
  return productTextFindings(`${page.url()}`, text);
}

/**
 * Every page in English, then every page in Traditional Chinese: a visit under /zh-HK sets the language
 * cookie, after which an unprefixed address would lead back to Chinese.
 */
async function scan(page: Page, paths: readonly string[]): Promise<ProductTextFinding[]> {
  const findings: ProductTextFinding[] = [];
  for (const prefix of ["", "/zh-HK"])
    for (const path of paths) {
      findings.push(...(await findingsOn(page, `${prefix}${path}`)));
      expect(new URL(page.url()).pathname.startsWith("/zh-HK"), page.url()).toBe(prefix === "/zh-HK");
    }
  await page.context().clearCookies({ name: "NEXT_LOCALE" }); // back to English for what follows
  return findings;
}

// Each test renders a dozen pages or more, twice: more than the default minute.
test.describe.configure({ timeout: 300_000 });

test("DISC-8: the public pages, in English and Traditional Chinese, show no file path, README, issue number or engine code", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: String(testInfo.project.use.baseURL) });
  const page = await context.newPage();
  expect(await scan(page, PUBLIC_PAGES)).toEqual([]);
  await context.close();
});

test("DISC-8 / SUIT-3 / SUIT-9: a new client's onboarding steps, course, quiz start and disclosure show none either, and both quizzes say starting uses an attempt", async ({
  browser,
}, testInfo) => {
  const { context, page } = await signUpNewClient(browser, String(testInfo.project.use.baseURL), { name: "Product Text Reader" });
  expect(await scan(page, ONBOARDING_PAGES)).toEqual([]);

  // Before either quiz starts, the page says that starting uses one of the attempts, with what is left.
  for (const [path, purpose] of [
    ["/portal/onboarding/quiz", "risk_quiz"],
    ["/portal/onboarding/course", "course_quiz"],
  ] as const) {
    await page.goto(path);
    const notice = page.getByTestId(`${purpose}-start-notice`);
    await expect(notice).toContainText("uses one of your attempts");
    await expect(notice).toContainText("you have 3 of 3 left");
  }

  // The course's end quiz draws from the course's own bank, and a quiz in progress is clean too.
  await page.getByRole("button", { name: "Start the end quiz" }).click();
  await expect(page.locator("legend").first()).toBeVisible();
  const legends = (await page.locator("legend").allTextContents()).map((legend) => legend.replace(/^Question \d+: /, ""));
  expect(legends).toHaveLength(12);
  for (const text of legends) {
    expect(
      CURRENT_COURSE_QUIZ_BANK.questions.some((q) => q.text === text),
      text,
    ).toBe(true);
    expect(
      CURRENT_RISK_QUIZ_BANK.questions.some((q) => q.text === text),
      text,
    ).toBe(false);
  }
  expect(productTextFindings(page.url(), await page.locator("body").innerText())).toEqual([]);
  await context.close();
});

test("DISC-8: an approved client's portal, positions, inbox and account pages show none either", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ baseURL: String(testInfo.project.use.baseURL), storageState: await sessionOf(testInfo, "CLIENT") });
  const page = await context.newPage();
  expect(await scan(page, APPROVED_CLIENT_PAGES)).toEqual([]);
  await context.close();
});
