import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../engine/index";
import { FX_MAX_BODY_BYTES, FxFeed, STALE_AFTER_MS, fetchFxRate, parseFxAnswer } from "./fx-feed";

// A local rate feed whose answer each test sets.
let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: "{}" };
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((_request, response) => {
    const send = () => {
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(answer.body);
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/usd-hkd.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const NOW = Date.parse("2026-12-06T10:00:00Z");

describe("COL-3: the USD/HKD rate feed", () => {
  it("COL-3: a good answer becomes SetFxRate in ppb (rounded down), and the feed is the source shown", async () => {
    answer = { status: 200, body: JSON.stringify({ hkdPerUsd: "7.8", asOf: "2026-12-06T09:59:30Z" }) };
    const sent: Command[] = [];
    const feed = new FxFeed({ url, now: () => NOW, submit: async (command) => (sent.push(command), { accepted: true }) });
    const status = await feed.refresh();
    expect(sent).toEqual([{ type: "SetFxRate", nowMs: 0, usdPerHkd: 128_205_128n }]);
    expect(status).toMatchObject({ quote: { hkdPerUsd: "7.8", usdPerHkd: 128_205_128n, source: "feed" }, sourceUrl: url, lastError: null, stale: false });
  });

  it("COL-3: a bad answer keeps the last good rate and says why; an old rate is shown stale", async () => {
    let now = NOW;
    const sent: Command[] = [];
    const feed = new FxFeed({ url, now: () => now, submit: async (command) => (sent.push(command), { accepted: true }) });
    answer = { status: 200, body: JSON.stringify({ hkdPerUsd: "7.81", asOf: "2026-12-06T10:00:00Z" }) };
    await feed.refresh();
    for (const [bad, problem] of [
      [{ status: 503, body: "down" }, "HTTP 503"],
      [{ status: 200, body: "not json" }, "not JSON"],
      [{ status: 200, body: JSON.stringify({ hkdPerUsd: 7.8, asOf: "2026-12-06T10:00:00Z" }) }, "decimal string"],
      [{ status: 200, body: JSON.stringify({ hkdPerUsd: "78", asOf: "2026-12-06T10:00:00Z" }) }, "implausible"],
      [{ status: 200, body: JSON.stringify({ hkdPerUsd: "-7.8", asOf: "2026-12-06T10:00:00Z" }) }, "decimal string"],
      [{ status: 200, body: JSON.stringify({ hkdPerUsd: "7.8", asOf: "2027-01-01T00:00:00Z" }) }, "in the future"],
      [{ status: 200, body: JSON.stringify({ hkdPerUsd: "7.8" }) }, "asOf must be"],
      [{ status: 200, body: JSON.stringify({ hkdPerUsd: "7.8", pad: "x".repeat(FX_MAX_BODY_BYTES) }) }, "larger than"],
    ] as const) {
      answer = bad;
      const status = await feed.refresh();
      expect(status.lastError).toContain(problem);
      expect(status.quote?.hkdPerUsd).toBe("7.81");
    }
    expect(sent).toHaveLength(1);
    now = NOW + STALE_AFTER_MS + 1;
    expect(feed.status().stale).toBe(true);
    // The feed answers again with the same rate: the quote is fresh, the engine already has the rate.
    answer = { status: 200, body: JSON.stringify({ hkdPerUsd: "7.81", asOf: new Date(now).toISOString() }) };
    expect((await feed.refresh()).stale).toBe(false);
    expect(sent).toHaveLength(1);
    answer = { status: 200, body: JSON.stringify({ hkdPerUsd: "7.79", asOf: new Date(now).toISOString() }) };
    await feed.refresh();
    expect(sent).toHaveLength(2);
  });

  it("COL-3: a feed that does not answer in time is given up on", async () => {
    answer = { status: 200, body: JSON.stringify({ hkdPerUsd: "7.8", asOf: "2026-12-06T10:00:00Z" }), delayMs: 6_000 };
    const result = await fetchFxRate(url, NOW);
    expect(result).toEqual({ ok: false, problem: "no answer within 5000 ms" });
  }, 10_000);

  it("COL-3: the demo table is 7.8 HKD per USD, labelled as the demo rate", async () => {
    const sent: Command[] = [];
    const feed = new FxFeed({ url: null, now: () => NOW, submit: async (command) => (sent.push(command), { accepted: true }) });
    const status = await feed.refresh();
    expect(status.quote).toMatchObject({ hkdPerUsd: "7.8", source: "demo" });
    expect(status.sourceUrl).toBeNull();
    expect(sent).toHaveLength(1);
    expect(parseFxAnswer(JSON.stringify({ hkdPerUsd: "7.75", asOf: "2026-12-06T09:00:00Z" }), NOW)).toEqual({
      ok: true,
      hkdPerUsd: "7.75",
      asOfMs: Date.parse("2026-12-06T09:00:00Z"),
    });
  });
});
