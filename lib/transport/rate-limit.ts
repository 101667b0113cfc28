/**
 * A small in-memory fixed-window rate limiter for the free public API. One counter per
 * (route family, client) per window; per process, so each web instance limits on its own (enough
 * to keep one client from monopolising an instance; a shared limit would need Redis).
 */

export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  /** Window length, ms. */
  windowMs: number;
  /** Clock (ms); injectable for tests. */
  now?: () => number;
  /** Counters kept before expired ones are swept. */
  maxKeys?: number;
}

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number; resetMs: number }
  | { allowed: false; limit: number; remaining: 0; resetMs: number; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
}

export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(Number.isSafeInteger(options.limit) && options.limit > 0)) throw new RangeError("limit must be a positive integer");
    if (!(Number.isSafeInteger(options.windowMs) && options.windowMs > 0)) throw new RangeError("windowMs must be a positive integer");
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Count one request for `key` and say whether it may proceed. */
  hit(key: string): RateLimitDecision {
    const now = this.now();
    const start = now - (now % this.options.windowMs);
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      if (!window && this.windows.size >= this.maxKeys) this.sweep(start);
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    const resetMs = start + this.options.windowMs;
    if (window.count >= this.options.limit) {
      return { allowed: false, limit: this.options.limit, remaining: 0, resetMs, retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)) };
    }
    window.count += 1;
    return { allowed: true, limit: this.options.limit, remaining: this.options.limit - window.count, resetMs };
  }

  /** Number of counters held (for tests). */
  size(): number {
    return this.windows.size;
  }

  private sweep(currentStart: number): void {
    for (const [key, window] of this.windows) if (window.start !== currentStart) this.windows.delete(key);
    // Still full with live windows: drop the oldest entries rather than grow without bound.
    while (this.windows.size >= this.maxKeys) {
      const oldest = this.windows.keys().next();
      if (oldest.done) break;
      this.windows.delete(oldest.value);
    }
  }
}

/** The client key: the first hop of x-forwarded-for, else "local". */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first ? first : "local";
}

/** Headers describing the decision (RateLimit-* per the IETF draft, plus Retry-After on refusal). */
export function rateLimitHeaders(decision: RateLimitDecision, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(Math.max(0, Math.ceil((decision.resetMs - now) / 1000))),
  };
  if (!decision.allowed) headers["Retry-After"] = String(decision.retryAfterSeconds);
  return headers;
}

/** Public API limits: 120 requests per minute per client IP per route family. */
export const PUBLIC_API_LIMIT = { limit: 120, windowMs: 60_000 } as const;

const globalLimiters = globalThis as unknown as { perpsPublicLimiters?: Map<string, FixedWindowRateLimiter> };

/** The process-wide limiter of a route family (shared across Next's module graphs). */
export function limiterFor(family: string): FixedWindowRateLimiter {
  globalLimiters.perpsPublicLimiters ??= new Map();
  let limiter = globalLimiters.perpsPublicLimiters.get(family);
  if (!limiter) {
    limiter = new FixedWindowRateLimiter(PUBLIC_API_LIMIT);
    globalLimiters.perpsPublicLimiters.set(family, limiter);
  }
  return limiter;
}
