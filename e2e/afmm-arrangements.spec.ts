import { expect, test } from "@playwright/test";

// The public AFMM arrangements page shows the same lines as its JSON answer, each rendered from the
// configuration or register paths it names.

interface Line {
  section: string;
  key: string;
  text: string;
  paths: string[];
}

test("AFMM-6: /disclosures/afmm shows every line of GET /api/public/afmm/arrangements, with the configured obligations", async ({
  page,
  request,
}, testInfo) => {
  const answer = (await (await request.get("/api/public/afmm/arrangements")).json()) as { configHash: string; lines: Line[] };
  expect(answer.lines.length).toBeGreaterThan(10);
  await page.goto("/disclosures/afmm");
  await expect(page.getByRole("heading", { level: 1, name: "AFMM arrangements" })).toBeVisible();
  await expect(page.getByTestId("config-hash")).toHaveText(answer.configHash);
  const shown = page.getByTestId("afmm-line");
  await expect(shown).toHaveCount(answer.lines.length);
  for (const [i, line] of answer.lines.entries()) {
    await expect(shown.nth(i)).toHaveText(line.text);
    await expect(shown.nth(i)).toHaveAttribute("data-paths", line.paths.join(" "));
  }
  const obligations = answer.lines.filter((line) => line.key === "obligations.market");
  expect(obligations.flatMap((line) => line.paths)).toContain("afmm.quoteObligations[0].maxSpreadBps");
  await page.screenshot({ path: testInfo.outputPath(`afmm-arrangements-${testInfo.project.name}.png`), fullPage: true });
  await page.getByRole("link", { name: "trades page" }).click();
  await expect(page).toHaveURL(/\/disclosures\/trades$/);
});
