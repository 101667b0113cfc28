import { expect, test, type APIResponse } from "@playwright/test";
import { PUBLIC_API_ENDPOINTS } from "../lib/transport/public-api-reference";
import { MARK_TRAIL_MAX_ROWS } from "../lib/services/public-market-data/schemas";
import { PUBLIC_API_LIMIT } from "../lib/transport/rate-limit";
import { env } from "../lib/env";

// The documented public JSON API, free and without sign-in (README "Public API").

const ACCOUNT_ID_KEY = /"(accountId|takerAccountId|makerAccountId|account|accounts?Ids?|userId|ownerId|takerOrderId|makerOrderId)"\s*:/i;

async function json(response: APIResponse): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(text, "public answers never carry account ids").not.toMatch(ACCOUNT_ID_KEY);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Wait for the simulation to have produced a market view and some trades. */
async function firstMarket(request: import("@playwright/test").APIRequestContext): Promise<Record<string, unknown>> {
  let market: Record<string, unknown> | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/public/markets");
        if (response.status() !== 200) return `status ${response.status()}`;
        const body = await json(response);
        market = (body.markets as Array<Record<string, unknown>>).find(
          (candidate) => candidate.mark !== null && (candidate.volume24h as { trades: number }).trades > 0,
        );
        return market ? "ready" : "no market yet";
      },
      { timeout: 45_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe("ready");
  return market!;
}

test("GET /api/public/markets lists every market with its key figures and units", async ({ request }) => {
  const market = await firstMarket(request);
  const response = await request.get("/api/public/markets");
  expect(response.status()).toBe(200);
  expect(response.headers()["ratelimit-limit"]).toBe("120");
  const body = await json(response);
  expect(body.units).toMatchObject({ prices: expect.stringContaining("ticks"), money: expect.stringContaining("micro-USD") });
  expect((body.markets as unknown[]).length).toBeGreaterThan(0);
  for (const key of [
    "symbol",
    "tickSize",
    "lotSize",
    "last",
    "mark",
    "index",
    "bestBid",
    "bestAsk",
    "predictedFundingRate",
    "nextFundingMs",
    "openInterestLots",
    "volume24h",
    "insuranceFundBalance",
  ]) {
    expect(market, key).toHaveProperty(key);
  }
  expect(typeof market.insuranceFundBalance).toBe("string");
  expect((market.volume24h as { notional: string }).notional).toMatch(/^\d+$/);
});

test("GET /api/public/markets/{symbol} gives the parameters with their inputs", async ({ request }) => {
  const { symbol } = await firstMarket(request);
  await expect
    .poll(async () => ((await (await request.get(`/api/public/markets/${symbol}`)).json()) as { mark: unknown }).mark !== null, { timeout: 20_000 })
    .toBe(true);
  const response = await request.get(`/api/public/markets/${symbol}`);
  expect(response.status()).toBe(200);
  const body = await json(response);
  const spec = body.spec as Record<string, unknown>;
  expect(spec.symbol).toBe(symbol);
  expect(spec.tickSize).toEqual(expect.any(String));
  const tiers = spec.marginTiers as Array<Record<string, unknown>>;
  expect(tiers.length).toBeGreaterThan(0);
  expect(tiers[0]).toMatchObject({ tier: 1, maintenanceAmount: expect.stringMatching(/^\d+$/), initialMarginRate: expect.stringMatching(/^\d+$/) });
  expect(spec).toHaveProperty("funding");
  expect(spec).toHaveProperty("fees");
  expect(spec).toHaveProperty("mark");
  const index = body.index as { sources: Array<Record<string, unknown>> };
  expect(index.sources.length).toBeGreaterThanOrEqual(3);
  expect(index.sources[0]).toHaveProperty("configuredWeight");
  const mark = body.mark as { inputs: Record<string, unknown>; chosen: string };
  expect(mark.inputs).toHaveProperty("p1");
  expect(mark.chosen).toEqual(expect.any(String));
});

test("GET /api/public/markets/{symbol}/mark-trail returns the inputs as JSON and CSV, and refuses bad windows", async ({ request }) => {
  const { symbol } = await firstMarket(request);
  const response = await request.get(`/api/public/markets/${symbol}/mark-trail`);
  expect(response.status()).toBe(200);
  const body = await json(response);
  expect(body).toMatchObject({ symbol, truncated: expect.any(Boolean), maxRows: MARK_TRAIL_MAX_ROWS });
  const records = body.records as Array<{ kind: string; data: Record<string, unknown> }>;
  expect(records.length).toBeGreaterThan(0);
  expect(new Set(records.map((record) => record.kind))).toEqual(new Set(["mark", "index"]));

  const csv = await request.get(`/api/public/markets/${symbol}/mark-trail?format=csv&from=${body.from}&to=${body.to}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toMatch(/^seq,atMs,kind,price,/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.some((line) => line.includes(",index_source,"))).toBe(true);

  const bad = await request.get(`/api/public/markets/${symbol}/mark-trail?from=yesterday`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/^from must be epoch milliseconds or an ISO 8601 date-time/);
  const reversed = await request.get(`/api/public/markets/${symbol}/mark-trail?from=2000&to=1000`);
  expect(reversed.status()).toBe(400);
  expect((await reversed.json()).error).toBe("to must be ≥ from");
  const wide = await request.get(`/api/public/markets/${symbol}/mark-trail?from=0&to=${2 * 86_400_000}`);
  expect(wide.status()).toBe(400);
  expect((await wide.json()).error).toContain("window must be ≤ 24 h");
});

test("GET /api/public/markets/{symbol}/trades pages newest first without account ids", async ({ request }) => {
  const { symbol } = await firstMarket(request);
  const response = await request.get(`/api/public/markets/${symbol}/trades?limit=2`);
  expect(response.status()).toBe(200);
  const body = await json(response);
  const trades = body.trades as Array<Record<string, unknown>>;
  expect(trades.length).toBeGreaterThan(0);
  expect(trades[0]).toMatchObject({
    seq: expect.any(Number),
    timeMs: expect.any(Number),
    price: expect.any(Number),
    size: expect.any(Number),
    aggressor: expect.any(String),
  });
  expect(trades[0].flags).toMatchObject({
    afmm: expect.any(Boolean),
    liquidation: expect.any(Boolean),
    backstop: expect.any(Boolean),
    adl: expect.any(Boolean),
  });
  if (trades.length === 2) {
    expect(trades[0].seq as number).toBeGreaterThan(trades[1].seq as number);
    const next = await json(await request.get(`/api/public/markets/${symbol}/trades?limit=2&before=${body.nextBefore}`));
    for (const trade of next.trades as Array<{ seq: number }>) expect(trade.seq).toBeLessThan(trades[1].seq as number);
  }
  const bad = await request.get(`/api/public/markets/${symbol}/trades?limit=0`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toBe("limit must be a positive integer");
});

test("GET /api/public/insurance-fund gives each market's balance, floor, depleted flag and history", async ({ request }) => {
  await firstMarket(request);
  const response = await request.get("/api/public/insurance-fund");
  expect(response.status()).toBe(200);
  const body = await json(response);
  const markets = body.markets as Array<Record<string, unknown>>;
  expect(markets.length).toBeGreaterThan(0);
  for (const market of markets) {
    expect(market).toMatchObject({
      symbol: expect.any(String),
      balance: expect.stringMatching(/^-?\d+$/),
      floor: expect.stringMatching(/^\d+$/),
      depleted: expect.any(Boolean),
    });
    for (const line of market.history as Array<Record<string, unknown>>) expect(line).toMatchObject({ seq: expect.any(Number), change: expect.any(String) });
  }
});

test("an unknown market answers 404 with the list of markets", async ({ request }) => {
  for (const path of ["", "/mark-trail", "/trades"]) {
    const response = await request.get(`/api/public/markets/DOGE-PERP${path}`);
    expect(response.status(), path).toBe(404);
    const body = await response.json();
    expect(body.error).toContain("unknown market DOGE-PERP");
    expect(body.markets).toContain("BTC-PERP");
  }
});

test("the public API is rate-limited per client with 429 and Retry-After", async ({ request }) => {
  const headers = { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}, 10.0.0.1` };
  let refused: APIResponse | undefined;
  for (let i = 0; i < 130 && !refused; i++) {
    const response = await request.get("/api/public/markets/NO-SUCH-MARKET/trades", { headers });
    if (response.status() === 429) refused = response;
    else expect(response.status()).toBe(404);
  }
  expect(refused, "the 121st request in a minute is refused").toBeDefined();
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await refused!.json()).error).toContain("rate limit exceeded");
  // Another client is unaffected.
  expect((await request.get("/api/public/markets/NO-SUCH-MARKET/trades", { headers: { "x-forwarded-for": "192.0.2.1" } })).status()).toBe(404);
});

test("the SSE stream and the snapshot are rate-limited too; a stream keeps its no-transform caching", async ({ request, baseURL }) => {
  const client = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  // An open stream answers with the event-stream type, the limit's headers and its own caching.
  const abort = new AbortController();
  const live = await fetch(`${baseURL}/api/public/markets/BTC-PERP/stream`, { headers: { "x-forwarded-for": client }, signal: abort.signal });
  expect(live.status).toBe(200);
  expect(live.headers.get("content-type")).toContain("text/event-stream");
  expect(live.headers.get("cache-control")).toBe("no-cache, no-transform");
  expect(Number(live.headers.get("ratelimit-remaining"))).toBeGreaterThan(0);
  abort.abort();

  for (const family of ["stream", "snapshot"]) {
    let refused: APIResponse | undefined;
    for (let i = 0; i < 130 && !refused; i++) {
      const response = await request.get(`/api/public/markets/NO-SUCH-MARKET/${family}`, { headers: { "x-forwarded-for": client } });
      if (response.status() === 429) refused = response;
      else expect(response.status(), family).toBe(404);
    }
    expect(refused, `${family}: the 121st connection attempt in a minute is refused`).toBeDefined();
    expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await refused!.json()).error).toContain(`rate limit exceeded: at most 120 requests per minute per client for ${family}`);
  }
});

test("/disclosures/api documents every endpoint and how far back history is served, and each example link answers (REC-1)", async ({
  page,
  request,
}, testInfo) => {
  await firstMarket(request);
  await page.goto("/disclosures/api");
  await expect(page.getByRole("heading", { level: 1, name: "Public API" })).toBeVisible();
  for (const endpoint of PUBLIC_API_ENDPOINTS) {
    await expect(page.getByRole("heading", { level: 3, name: `GET ${endpoint.path}`, exact: true })).toBeVisible();
  }
  await expect(page.getByText(`At most ${PUBLIC_API_LIMIT.limit} requests per`)).toBeVisible();
  // REC-1: how far back trades and the mark trail are served is the archive's configured hot window.
  const hours = env().JOURNAL_HOT_HOURS;
  await expect(page.getByText(`served record by record for the last ${hours === 1 ? "hour" : `${hours} hours`} of engine time`)).toBeVisible();
  const examples = await page.getByTestId("api-example").evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
  expect(examples.length).toBe(PUBLIC_API_ENDPOINTS.filter((endpoint) => endpoint.format !== "Server-Sent Events").length);
  for (const href of examples) {
    const response = await request.get(href, { headers: { "x-forwarded-for": "192.0.2.77" } });
    expect(response.status(), href).toBe(200);
  }
  await page.screenshot({ path: testInfo.outputPath("public-api-reference.png"), fullPage: true });
});
