import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as marketAt } from "@/app/api/public/markets/[symbol]/at/route";
import { GET as funding } from "@/app/api/public/markets/[symbol]/funding/route";
import { GET as markTrail } from "@/app/api/public/markets/[symbol]/mark-trail/route";
import { GET as minutes } from "@/app/api/public/markets/[symbol]/minutes/route";
import { GET as trades } from "@/app/api/public/markets/[symbol]/trades/route";
import { GET as parameters } from "@/app/api/public/parameters/route";
import { PEER_HEADER } from "./client-address";

/**
 * The public routes as a client meets them, with no engine in this process: a bad query string is
 * answered 400 with the message that says what is wrong (whether the query-string reading or the
 * service's own schema refused it), before anything else is asked; a good one reaches the service,
 * which answers 503 with its reason.
 */

type Handler = (request: NextRequest, route: { params: Promise<{ symbol: string }> }) => Promise<Response>;

let peer = 0;
async function get(handler: Handler, path: string): Promise<{ status: number; body: { error: string; code?: string } }> {
  // A fresh client address per request, so the rate limit never answers instead.
  const request = new NextRequest(`http://localhost${path}`, { headers: { [PEER_HEADER]: `198.51.100.${++peer}` } });
  const response = await handler(request, { params: Promise.resolve({ symbol: "BTC-PERP" }) });
  return { status: response.status, body: (await response.json()) as { error: string; code?: string } };
}

describe("public routes: query strings in, 400s out", () => {
  it.each([
    ["/api/public/markets/BTC-PERP/mark-trail?from=yesterday", markTrail, /^from must be epoch milliseconds or an ISO 8601 date-time/],
    ["/api/public/markets/BTC-PERP/mark-trail?format=xml", markTrail, /^format must be "json" or "csv"$/],
    ["/api/public/markets/BTC-PERP/mark-trail?from=1&from=2", markTrail, /^from must be given once$/],
    ["/api/public/markets/BTC-PERP/trades?limit=0", trades, /^limit must be a positive integer$/],
    ["/api/public/markets/BTC-PERP/trades?limit=1001", trades, /^limit must be ≤ 1000$/],
    ["/api/public/markets/BTC-PERP/trades?page=2", trades, /^unknown query parameter page; allowed: limit, before, flags, side, minLots, maxLots, from, to$/],
    ["/api/public/markets/BTC-PERP/at", marketAt, /^seq is required: the journal event sequence number to recompute at$/],
    ["/api/public/markets/BTC-PERP/at?seq=0", marketAt, /^seq must be a positive integer$/],
    ["/api/public/markets/BTC-PERP/funding?afterSeq=-1", funding, /^afterSeq must be a non-negative integer$/],
    ["/api/public/markets/BTC-PERP/minutes?from=yesterday", minutes, /^from must be epoch milliseconds or an ISO 8601 date-time/],
    ["/api/public/markets/BTC-PERP/minutes?interval=1m", minutes, /^unknown query parameter interval; allowed: from, to$/],
    ["/api/public/parameters?scope=fees", parameters as Handler, /^scope must be one of platform, market, collateral$/],
    ["/api/public/parameters?market=BTC-PERP&scope=collateral", parameters as Handler, /^market filters market parameters/],
  ])("%s → 400", async (path, handler, message) => {
    const { status, body } = await get(handler, path);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
  });

  it("a good query reaches the service, which says why it cannot answer here (no engine in this process)", async () => {
    const { status, body } = await get(trades, "/api/public/markets/BTC-PERP/trades?limit=5");
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: "ENGINE_UNAVAILABLE", error: "the market engine is not running in this process" });
  });
});
