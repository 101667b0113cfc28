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
  // Register lines can be added by other tests running at the same time: the page and the answer are
  // compared as read together, again until the same state is caught on both sides.
  let answer: { configHash: string; lines: Line[] } | undefined;
  await expect(async () => {
    const before = (await (await request.get("/api/public/afmm/arrangements")).json()) as { configHash: string; lines: Line[] };
    await page.goto("/disclosures/afmm");
    await expect(page.getByRole("heading", { level: 1, name: "AFMM arrangements" })).toBeVisible();
    const shown = page.getByTestId("afmm-line");
    const texts = await shown.allTextContents();
    const paths = await shown.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-paths")));
    const after = (await (await request.get("/api/public/afmm/arrangements")).json()) as { configHash: string; lines: Line[] };
    // asOfMs is the time of each answer; what must not have moved is the configuration and the lines.
    expect({ configHash: after.configHash, lines: after.lines }, "the arrangements changed while the page was read").toEqual({
      configHash: before.configHash,
      lines: before.lines,
    });
    expect(before.lines.length).toBeGreaterThan(10);
    await expect(page.getByTestId("config-hash")).toHaveText(before.configHash);
    const normalized = (text: string) => text.replace(/\s+/g, " ").trim();
    expect(texts.map(normalized)).toEqual(before.lines.map((line) => normalized(line.text)));
    expect(paths).toEqual(before.lines.map((line) => line.paths.join(" ")));
    answer = before;
  }).toPass({ timeout: 30_000 });
  const obligations = answer!.lines.filter((line) => line.key === "obligations.market");
  expect(obligations.flatMap((line) => line.paths)).toContain("afmm.quoteObligations[0].maxSpreadBps");
  await page.screenshot({ path: testInfo.outputPath(`afmm-arrangements-${testInfo.project.name}.png`), fullPage: true });
  await page.getByRole("link", { name: "trades page" }).click();
  await expect(page).toHaveURL(/\/disclosures\/trades$/);
});
