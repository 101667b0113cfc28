import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";

/**
 * Rate limits, on rate-limiter-flexible. One limiter per policy; counters live in memory when this
 * is the only web process, and in Redis when several web instances serve one portal (ENGINE_MODE
 * "remote"), so a limit holds across instances. If Redis is unreachable the instance falls back to
 * its own in-memory counters (an insurance limiter) rather than letting everything through.
 *
 * Keys are client addresses from lib/transport/client-address.ts, or account identifiers.
 */

export interface RateLimitPolicy {
  /** Unique among policies: it prefixes the stored keys. Letters, digits, - and _ only. */
  name: string;
  /** Requests (points) allowed per window. */
  points: number;
  /** Window length in seconds. */
  durationSeconds: number;
}

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number; resetMs: number }
  | { allowed: false; limit: number; remaining: 0; resetMs: number; retryAfterSeconds: number };

/** Public API limits: 120 requests per minute per client address per route family. */
export const PUBLIC_API_LIMIT = { limit: 120, windowMs: 60_000 } as const;

/** The policy of a public API route family. */
export function publicApiPolicy(family: string): RateLimitPolicy {
  return { name: `public-${family}`, points: PUBLIC_API_LIMIT.limit, durationSeconds: PUBLIC_API_LIMIT.windowMs / 1000 };
}

/** Count `points` for `key` under `policy` and say whether the request may proceed. */
export async function consumeRateLimit(policy: RateLimitPolicy, key: string, points = 1, now = Date.now()): Promise<RateLimitDecision> {
  const limiter = limiterFor(policy);
  try {
    const res = await limiter.consume(key, points);
    return { allowed: true, limit: policy.points, remaining: Math.max(0, res.remainingPoints), resetMs: now + res.msBeforeNext };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return {
        allowed: false,
        limit: policy.points,
        remaining: 0,
        resetMs: now + rejection.msBeforeNext,
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      };
    }
    throw rejection;
  }
}

/** Forget `key`'s count under `policy` (for example after a successful sign-in). */
export async function resetRateLimit(policy: RateLimitPolicy, key: string): Promise<void> {
  await limiterFor(policy).delete(key);
}

/** Give back `points` consumed for `key` under `policy` (for example, an attempt that turned out to succeed). */
export async function refundRateLimit(policy: RateLimitPolicy, key: string, points = 1): Promise<void> {
  await limiterFor(policy).reward(key, points);
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

/** Where counters are kept: Redis when several web instances share the limits, else this process. */
export function rateLimitStore(): "memory" | "redis" {
  return env().ENGINE_MODE === "remote" ? "redis" : "memory";
}

// Shared across Next's module graphs (route handlers, actions and pages can load this file twice).
const shared = globalThis as unknown as { perpsRateLimiters?: Map<string, RateLimiterAbstract>; perpsRateLimitRedis?: Redis };

function limiterFor(policy: RateLimitPolicy): RateLimiterAbstract {
  shared.perpsRateLimiters ??= new Map();
  const id = `${policy.name}:${policy.points}:${policy.durationSeconds}`;
  let limiter = shared.perpsRateLimiters.get(id);
  if (!limiter) {
    if (!/^[\w-]{1,64}$/.test(policy.name)) throw new RangeError(`rate-limit policy name "${policy.name}" must be letters, digits, - or _`);
    if (!(Number.isSafeInteger(policy.points) && policy.points > 0)) throw new RangeError("points must be a positive integer");
    if (!(Number.isSafeInteger(policy.durationSeconds) && policy.durationSeconds > 0)) throw new RangeError("durationSeconds must be a positive integer");
    // Portals sharing one Redis keep apart by their channel name, as their engine feeds do.
    const options = { keyPrefix: `perps-rl:${env().ENGINE_CHANNEL}:${policy.name}`, points: policy.points, duration: policy.durationSeconds };
    const memory = new RateLimiterMemory(options);
    limiter =
      rateLimitStore() === "redis" ? new RateLimiterRedis({ ...options, storeClient: redis(), rejectIfRedisNotReady: true, insuranceLimiter: memory }) : memory;
    shared.perpsRateLimiters.set(id, limiter);
  }
  return limiter;
}

function redis(): Redis {
  if (!shared.perpsRateLimitRedis) {
    const client = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 });
    // An unreachable Redis is handled by the insurance limiter; without a listener ioredis would crash the process.
    client.on("error", () => {});
    shared.perpsRateLimitRedis = client;
  }
  return shared.perpsRateLimitRedis;
}
