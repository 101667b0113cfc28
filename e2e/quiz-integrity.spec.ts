import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ALL_QUESTION_BANKS, CURRENT_COURSE_QUIZ_BANK, CURRENT_RISK_QUIZ_BANK } from "../lib/suitability/quiz-banks";
import { signUpNewClient } from "./client-helpers";

/**
 * SUIT-9: the quiz answer key never reaches the browser. Checked on the build the servers run (every
 * file under .next/static) and on what a client is sent while taking the quiz.
 */
const STATIC_DIR = path.join(import.meta.dirname, "../.next/static");
// Long, distinctive strings only the server-side banks hold: the explanations, and the key's field name.
const SECRETS = ["correctOptionId", ...ALL_QUESTION_BANKS.flatMap((bank) => bank.questions.map((q) => q.explanation))];

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

test("SUIT-9: no file of the client bundle (/_next/static) holds the answer key or an explanation", () => {
  const files = filesUnder(STATIC_DIR).filter((file) => /\.(js|css|json|html|txt)$/.test(file));
  expect(files.filter((file) => file.endsWith(".js")).length).toBeGreaterThan(10);
  const leaks: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const secret of SECRETS) if (text.includes(secret)) leaks.push(`${path.relative(STATIC_DIR, file)}: ${secret.slice(0, 40)}`);
  }
  expect(leaks).toEqual([]);
});

test("SUIT-9: a client taking the quiz is sent its questions and options but no answer key, and a graded attempt does not reveal it either", async ({
  browser,
}, testInfo) => {
  const { context, page } = await signUpNewClient(browser, String(testInfo.project.use.baseURL), { name: "Quiz Integrity" });
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (response.url().startsWith(String(testInfo.project.use.baseURL))) bodies.push(await response.text().catch(() => ""));
  });
  await page.goto("/portal/onboarding/quiz");
  // SUIT-9: before starting, the page says that starting uses an attempt, and how many are left.
  await expect(page.getByTestId("risk_quiz-start-notice")).toContainText("uses one of your attempts");
  await expect(page.getByTestId("risk_quiz-start-notice")).toContainText("you have 3 of 3 left");
  await page.getByRole("button", { name: "Start the quiz" }).click();
  const questions = page.locator("fieldset");
  await expect(questions.first()).toBeVisible();
  const count = await questions.count();
  expect(count).toBe(12);
  // SUIT-3: the risk quiz draws from the risk bank, never from the course's.
  for (const legend of await page.locator("legend").allTextContents()) {
    const text = legend.replace(/^Question \d+: /, "");
    expect(
      CURRENT_RISK_QUIZ_BANK.questions.some((q) => q.text === text),
      text,
    ).toBe(true);
    expect(
      CURRENT_COURSE_QUIZ_BANK.questions.some((q) => q.text === text),
      text,
    ).toBe(false);
  }
  // Answer every question with its first option, then submit: the result must not say which were right.
  for (let i = 0; i < count; i++) await questions.nth(i).getByRole("radio").first().check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText(/correct \(\d+ %\)/).first()).toBeVisible();
  await page.reload();
  bodies.push(await page.content());
  const leaks = bodies.flatMap((body) => SECRETS.filter((secret) => body.includes(secret)).map((secret) => secret.slice(0, 40)));
  expect(leaks).toEqual([]);
  await context.close();
});
