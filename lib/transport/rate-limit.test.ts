import { describe, expect, it } from "vitest";
import { consumeRateLimit, rateLimitHeaders, resetRateLimit, type RateLimitPolicy } from "./rate-limit";

let counter = 0;
const policy = (points: number, durationSeconds = 60): RateLimitPolicy => ({ name: `test-${process.pid}-${++counter}`, points, durationSeconds });

describe("rate limits (rate-limiter-flexible, in memory in a single process)", () => {
  it("allows `points` requests per window per key, then refuses with Retry-After; other keys are unaffected", async () => {
    const p = policy(3);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await consumeRateLimit(p, "203.0.113.7"));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    const refused = decisions[3];
    if (refused.allowed) throw new Error("unreachable");
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(rateLimitHeaders(refused)["Retry-After"]).toBe(String(refused.retryAfterSeconds));
    expect((await consumeRateLimit(p, "198.51.100.1")).allowed).toBe(true);
  });

  it("counts a parallel burst exactly: 50 at once against a limit of 5 lets 5 through", async () => {
    const p = policy(5);
    const decisions = await Promise.all(Array.from({ length: 50 }, () => consumeRateLimit(p, "burst")));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it("a reset forgets the key's count", async () => {
    const p = policy(1);
    expect((await consumeRateLimit(p, "k")).allowed).toBe(true);
    expect((await consumeRateLimit(p, "k")).allowed).toBe(false);
    await resetRateLimit(p, "k");
    expect((await consumeRateLimit(p, "k")).allowed).toBe(true);
  });

  it("headers on an allowed request carry no Retry-After", async () => {
    const decision = await consumeRateLimit(policy(2), "h");
    expect(rateLimitHeaders(decision)["Retry-After"]).toBeUndefined();
    expect(rateLimitHeaders(decision)["RateLimit-Remaining"]).toBe("1");
  });

  it("refuses nonsense policies", async () => {
    await expect(consumeRateLimit({ name: "bad name", points: 1, durationSeconds: 1 }, "k")).rejects.toThrow(RangeError);
    await expect(consumeRateLimit({ name: `zero-${counter++}`, points: 0, durationSeconds: 1 }, "k")).rejects.toThrow(RangeError);
  });
});
