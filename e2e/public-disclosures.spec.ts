import { expect, test } from "@playwright/test";
import { formatUsdMicros } from "@/lib/format";

// The insurance-fund page and the trade tape show what the engine
// journaled, with the flags the framework asks for.

const usd = (micros: string) => formatUsdMicros(micros);

test("DISC-4: the insurance-fund page shows each market's balance as the public API reports it", { tag: "@smoke" }, async ({ page, request }, testInfo) => {
  await page.goto("/disclosures/insurance-fund");
  for (const symbol of ["BTC-PERP", "ETH-PERP"]) {
    const region = page.getByRole("region", { name: symbol });
    // The figure's own term, not the chart legend's label of the same word.
    await expect(region.locator("dt", { hasText: /^Balance$/ })).toBeVisible({ timeout: 20_000 });
    // The fund is live; compare against the API until a read lands between two changes.
    await expect
      .poll(
        async () => {
          const api = (await (await request.get("/api/public/insurance-fund")).json()) as { markets: Array<{ symbol: string; balance: string }> };
          const balance = api.markets.find((market) => market.symbol === symbol)!.balance;
          const shown = await region
            .locator("dt", { hasText: /^Balance$/ })
            .locator("xpath=following-sibling::dd[1]")
            .textContent();
          return shown?.includes(usd(balance)) ?? false;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await expect(region.getByRole("table")).toBeVisible({ timeout: 20_000 });
  }
  await page.screenshot({ path: testInfo.outputPath(`insurance-fund-${testInfo.project.name}.png`), fullPage: true });
});

test(
  "DISC-3 / AFMM-5: the tape lists journaled trades with time, price, size and side; the AFMM filter keeps only flagged trades",
  { tag: "@smoke" },
  async ({ page, request }) => {
    await page.goto("/disclosures/trades");
    const table = page.getByRole("table");
    await expect(table.locator("tbody tr").first()).toBeVisible({ timeout: 20_000 });
    await expect(table.getByRole("columnheader", { name: "Aggressor" })).toBeVisible();

    const api = (await (await request.get("/api/public/markets/BTC-PERP/trades?limit=50")).json()) as {
      trades: Array<{ seq: number; price: number; size: number; aggressor: string; flags: { afmm: boolean } }>;
      tickSize: string;
    };
    const oldestListed = api.trades[api.trades.length - 1];
    const row = table.locator("tbody tr", { has: page.getByRole("cell", { name: String(oldestListed.seq), exact: true }) });
    await expect(row, `trade ${oldestListed.seq} from the API is on the tape`).toHaveCount(1, { timeout: 20_000 });
    await expect(row.getByRole("cell").nth(3)).toHaveText(oldestListed.aggressor === "buy" ? "Buy" : "Sell");

    await page.getByLabel("Only trades with the affiliated market maker").check();
    // The filter searches the server's whole record: the caption says so once the search has answered.
    await expect(table.locator("caption")).toContainText("matching the filters", { timeout: 20_000 });
    const rows = table.locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    const flags = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll("td")[4]?.textContent ?? tr.textContent ?? ""));
    expect(flags.length).toBeGreaterThan(0);
    for (const text of flags) expect(/^No (trade in the record matches|match among)/.test(text) || text.includes("Affiliated market maker")).toBe(true);
    // Every AFMM trade the API finds in the whole record is on the filtered tape (not only those among the loaded trades).
    const searched = (await (await request.get("/api/public/markets/BTC-PERP/trades?limit=20&flags=afmm")).json()) as { trades: Array<{ seq: number }> };
    const oldestFound = searched.trades[searched.trades.length - 1];
    if (oldestFound) await expect(table.getByRole("cell", { name: String(oldestFound.seq), exact: true })).toHaveCount(1, { timeout: 20_000 });
    const afmmSeqs = new Set(api.trades.filter((trade) => trade.flags.afmm).map((trade) => trade.seq));
    const nonAfmm = api.trades.find((trade) => !trade.flags.afmm);
    if (nonAfmm) await expect(table.getByRole("cell", { name: String(nonAfmm.seq), exact: true }), "a trade without the AFMM is filtered out").toHaveCount(0);
    expect(afmmSeqs.size + (nonAfmm ? 1 : 0)).toBeGreaterThan(0);
  },
);
