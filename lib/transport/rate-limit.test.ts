import { describe, expect, it } from "vitest";
import { clientKey, FixedWindowRateLimiter, rateLimitHeaders } from "./rate-limit";

describe("FixedWindowRateLimiter", () => {
  it("allows `limit` requests per window per key, then refuses with Retry-After until the window ends", () => {
    let now = 60_000;
    const limiter = new FixedWindowRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.hit("a").allowed)).toEqual([true, true, true]);
    now += 15_000;
    const refused = limiter.hit("a");
    expect(refused.allowed).toBe(false);
    if (refused.allowed) throw new Error("unreachable");
    expect(refused.retryAfterSeconds).toBe(45);
    expect(rateLimitHeaders(refused, now)["Retry-After"]).toBe("45");
    // Other clients have their own counters.
    expect(limiter.hit("b").allowed).toBe(true);
    // A new window starts afresh.
    now = 120_000;
    const next = limiter.hit("a");
    expect(next.allowed).toBe(true);
    expect(next.remaining).toBe(2);
  });

  it("reports the remaining count and never answers Retry-After below 1 s", () => {
    let now = 59_999;
    const limiter = new FixedWindowRateLimiter({ limit: 1, windowMs: 60_000, now: () => now });
    const first = limiter.hit("a");
    expect(first).toMatchObject({ allowed: true, remaining: 0 });
    expect(rateLimitHeaders(first, now)["Retry-After"]).toBeUndefined();
    now = 59_999.5;
    const refused = limiter.hit("a");
    expect(refused.allowed || refused.retryAfterSeconds).toBe(1);
  });

  it("keeps a bounded number of counters", () => {
    let now = 0;
    const limiter = new FixedWindowRateLimiter({ limit: 5, windowMs: 1_000, now: () => now, maxKeys: 10 });
    for (let i = 0; i < 10; i++) limiter.hit(`ip${i}`);
    now = 1_000;
    limiter.hit("fresh");
    expect(limiter.size()).toBe(1);
    for (let i = 0; i < 50; i++) limiter.hit(`other${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(10);
  });

  it("refuses nonsense options", () => {
    expect(() => new FixedWindowRateLimiter({ limit: 0, windowMs: 1_000 })).toThrow(RangeError);
    expect(() => new FixedWindowRateLimiter({ limit: 1, windowMs: 0 })).toThrow(RangeError);
  });
});

describe("clientKey", () => {
  it("takes the first hop of x-forwarded-for, else local", () => {
    expect(clientKey(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientKey(new Headers({ "x-forwarded-for": "  " }))).toBe("local");
    expect(clientKey(new Headers())).toBe("local");
  });
});
