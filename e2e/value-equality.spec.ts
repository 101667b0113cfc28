import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { formatLots, formatPpbPercent, formatPpbPercentExact, formatTicks, formatUsdMicros } from "@/lib/format";

// The values a page shows equal the engine's at the same journal sequence number.
// Each live panel says which seq its figures describe (data-seq, the stream message id); the engine's
// own figures at that seq come from GET /api/public/markets/{symbol}/at, which replays the journal
// from a snapshot, independently of the stream, the hub and the page.

interface MarketAt {
  seq: number;
  view: { lastTrade: number; bestBid: number; bestAsk: number; lastFundingRate: string; predictedFunding: { rate: string }; openInterestLongLots: number };
  adl: {
    mark: number;
    fundAvailable: string;
    backstopCapacity: string;
    down: { price: number; movePpb: string } | null;
    up: { price: number; movePpb: string } | null;
    indicator: { level: string } | null;
  };
}

async function engineAt(request: APIRequestContext, symbol: string, seq: number): Promise<MarketAt> {
  // The page can show a batch a moment before the journal commit is visible to another connection.
  await expect.poll(async () => (await request.get(`/api/public/markets/${symbol}/at?seq=${seq}`)).status(), { timeout: 10_000 }).toBe(200);
  return (await (await request.get(`/api/public/markets/${symbol}/at?seq=${seq}`)).json()) as MarketAt;
}

/** The figures of a <dl> of label → value (the value without its hint), read in one go with the panel's seq. */
async function readFigures(panel: Locator): Promise<{ seq: number; values: Record<string, string> }> {
  return panel.evaluate((element) => {
    const values: Record<string, string> = {};
    for (const term of element.querySelectorAll("dt")) {
      const value = term.nextElementSibling;
      if (value?.tagName === "DD") values[(term.textContent ?? "").trim()] = (value.firstChild?.textContent ?? "").trim();
    }
    return { seq: Number(element.getAttribute("data-seq")), values };
  });
}

async function specOf(request: APIRequestContext, symbol: string) {
  const body = (await (await request.get(`/api/public/markets/${symbol}`)).json()) as { spec: { tickSize: string; lotSize: string; baseAsset: string } };
  return body.spec;
}

test("DISC-1 / DISC-2: a market page's live key figures equal the engine's at the seq they carry", async ({ page, request }) => {
  const spec = await specOf(request, "BTC-PERP");
  const price = (ticks: number) => (ticks > 0 ? `${formatTicks(ticks, spec.tickSize)} USD` : "—");
  await page.goto("/disclosures/markets/BTC-PERP");
  const figures = page.getByTestId("key-figures");
  await expect(figures).toHaveAttribute("data-seq", /^\d+$/, { timeout: 20_000 });
  const seen = new Set<number>();
  for (let round = 0; round < 3; round++) {
    const shown = await readFigures(figures);
    seen.add(shown.seq);
    const at = await engineAt(request, "BTC-PERP", shown.seq);
    expect(shown.values["Last trade"], `last trade at seq ${shown.seq}`).toBe(price(at.view.lastTrade));
    expect(shown.values["Best bid / best ask"]).toBe(`${price(at.view.bestBid)} / ${price(at.view.bestAsk)}`);
    expect(shown.values["Funding rate (last settled)"]).toBe(formatPpbPercentExact(at.view.lastFundingRate));
    expect(shown.values["Predicted funding rate"]).toBe(formatPpbPercentExact(at.view.predictedFunding.rate));
    expect(shown.values["Open interest"]).toBe(`${formatLots(at.view.openInterestLongLots, spec.lotSize)} ${spec.baseAsset}`);
    await expect(figures).not.toHaveAttribute("data-seq", String(shown.seq), { timeout: 20_000 });
  }
  expect(seen.size, "three different points of the live stream were checked").toBe(3);
});

test("DISC-5: the ADL page's live figures equal the engine's at the seq they carry", async ({ page, request }) => {
  const spec = await specOf(request, "BTC-PERP");
  await page.goto("/disclosures/adl");
  const panel = page.getByTestId("adl-panel-BTC-PERP");
  await expect(panel).toHaveAttribute("data-seq", /^\d+$/, { timeout: 20_000 });
  const shown = await readFigures(panel);
  const level = await panel.getByTestId("adl-level").textContent();
  const at = await engineAt(request, "BTC-PERP", shown.seq);
  const move = (d: MarketAt["adl"]["down"]) =>
    d ? `${formatPpbPercent(d.movePpb, 2)} (mark ${formatTicks(d.price, spec.tickSize)} USD)` : "not within the modelled range";
  expect(shown.values["Mark price"], `ADL mark at seq ${shown.seq}`).toBe(`${formatTicks(at.adl.mark, spec.tickSize)} USD`);
  expect(shown.values["ADL needed after a fall of"]).toBe(move(at.adl.down));
  expect(shown.values["ADL needed after a rise of"]).toBe(move(at.adl.up));
  expect(shown.values["Insurance fund available above its floor"]).toBe(`${formatUsdMicros(at.adl.fundAvailable)} USD`);
  expect(shown.values["Backstop capacity remaining (all providers)"]).toBe(`${formatUsdMicros(at.adl.backstopCapacity)} USD`);
  expect(level?.toLowerCase()).toContain(at.adl.indicator!.level);
});
