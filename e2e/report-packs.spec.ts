import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { PDFParse } from "pdf-parse";
import { formatCell } from "../lib/reports/render";
import { REPORT_IDS, type ColumnUnit } from "../lib/reports/types";
import { freshCode, signInByApi } from "./auth-helpers";
import { freshUser } from "./test-users";

// The compliance officer's report packs: asking for one after a fresh second factor, watching it
// generate, downloading it, and reading the same figures in its PDF and its CSV.

async function pdfText(bytes: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\s+/g, " ");
  } finally {
    await parser.destroy();
  }
}

/** Yesterday in Hong Kong: the latest whole day, so the period has ended. */
function yesterdayInHongKong(): string {
  return new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

test("RPT-1, RPT-3, RPT-10, REC-5: an officer generates a pack with its progress shown, downloads it, and the PDF's text and the CSV agree", async ({
  browser,
  baseURL,
}, testInfo) => {
  const officer = await freshUser(testInfo, "COMPLIANCE_OFFICER", "report-packs");
  const context = await browser.newContext({ storageState: await signInByApi(baseURL!, officer) });
  const page = await context.newPage();
  await page.goto("/compliance/reports");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(page.getByTestId("record-location")).toContainText("Where the regulatory records are kept");
  await expect(page.getByTestId("report-catalogue").getByRole("row", { name: /Perps activity/ })).toBeVisible();

  await page.getByRole("link", { name: "Confirm with your authenticator" }).click();
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL!, officer.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL("**/compliance/reports");

  // An inverted period is refused with the reason, and nothing is queued.
  const day = yesterdayInHongKong();
  await page.getByLabel("From (Hong Kong date)").fill(day);
  await page.getByLabel("To (Hong Kong date, included)").fill("2020-01-01");
  await page.getByRole("button", { name: "Generate pack" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "before it starts" })).toBeVisible();
  await expect(page.getByTestId("report-pack").filter({ hasText: `${day} to ` })).toHaveCount(0);

  await page.getByLabel("From (Hong Kong date)").fill(day);
  await page.getByLabel("To (Hong Kong date, included)").fill(day);
  await page.getByRole("button", { name: "Generate pack" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The pack is queued" })).toBeVisible();
  const row = page
    .getByTestId("report-pack")
    .filter({ hasText: `${day} to ${day}` })
    .first();
  // Its state shows as it goes (queued, generating with a progress bar, ready), refreshed without reloading.
  await expect(row).toHaveAttribute("data-status", /queued|running|done/);
  await expect(row).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath(`report-packs-${testInfo.project.name}.png`), fullPage: true });

  const href = (await row.getByTestId("report-pack-download").getAttribute("href"))!;
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/zip");
  const files = unzipSync(new Uint8Array(await download.body()));
  const manifest = JSON.parse(strFromU8(files["manifest.json"])) as { files: Array<{ name: string }>; reports: string[] };
  expect(manifest.reports).toEqual([...REPORT_IDS]);
  for (const file of manifest.files) expect(files[file.name], file.name).toBeDefined();

  // Every row of every activity and insurance-fund table: the PDF shows each CSV cell, formatted for reading.
  for (const report of ["activity", "insurance-fund"]) {
    const result = JSON.parse(strFromU8(files[`${report}.json`])) as { tables: Array<{ id: string; columns: Array<{ key: string; unit: ColumnUnit }> }> };
    const text = await pdfText(files[`${report}.pdf`]);
    for (const table of result.tables) {
      const [header, ...lines] = strFromU8(files[`${report}-${table.id}.csv`]).trimEnd().split("\r\n");
      expect(header).toBe(table.columns.map((column) => column.key).join(","));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        // Cell by cell: a long figure may wrap inside its column, so whole rows are not compared as one string.
        line.split(",").forEach((cell, index) => {
          const shown = formatCell(table.columns[index].unit, cell === "" ? null : cell);
          expect(text.replace(/ /g, ""), `${report} ${table.columns[index].key} in ${line}`).toContain(shown.replace(/ /g, ""));
        });
      }
    }
  }

  // The download is refused to the signed-out.
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`${baseURL}${href}`)).status()).toBe(401);
  await anonymous.close();

  // Marked filed with the filing's reference.
  await row.getByLabel("Filing reference").fill("WINGS-E2E-1");
  await row.getByRole("button", { name: "Mark filed" }).click();
  await expect(page.getByTestId("report-pack-filed").filter({ hasText: "WINGS-E2E-1" })).toBeVisible();

  // RPT-10: the regulator export for the same day, saved by the browser and logged on the page.
  await page.goto("/compliance/regulator-export");
  await page.getByLabel("From (Hong Kong date)").fill(day);
  await page.getByLabel("To (Hong Kong date, included)").fill(day);
  await page.getByLabel("Market (optional)").fill("BTC PERP");
  await page.getByRole("button", { name: "Export ZIP" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is not a market" })).toBeVisible();
  await page.getByLabel("Market (optional)").fill("");
  const saved = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export ZIP" }).click();
  const exported = await saved;
  expect(exported.suggestedFilename()).toBe(`regulator-export-${day}-to-${day}.zip`);
  const exportFiles = unzipSync(new Uint8Array(fs.readFileSync(await exported.path())));
  expect(Object.keys(exportFiles).sort()).toEqual(["clients.csv", "fills.csv", "manifest.json", "orders.csv", "positions.csv"]);
  await expect(
    page
      .getByTestId("regulator-exports")
      .getByRole("row")
      .filter({ hasText: `${day} to ${day}` })
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath(`regulator-export-${testInfo.project.name}.png`), fullPage: true });
  await context.close();
});
