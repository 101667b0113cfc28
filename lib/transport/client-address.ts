import { isIPv4, isIPv6 } from "node:net";
import { env } from "@/lib/env";

/**
 * Who is asking, for rate limits and records: the one rule for a request's client address.
 *
 * The portal's server (scripts/serve.mjs) writes the TCP peer's address into PEER_HEADER on every
 * request, replacing anything a client sent under that name, so it cannot be forged. X-Forwarded-For
 * is believed only as far as TRUSTED_PROXY_HOPS reverse proxies appended to it: with 0 (the default)
 * the client is the TCP peer; with N, it is the address the outermost trusted proxy saw, N entries
 * from the right of "X-Forwarded-For, peer". Entries further left are whatever the client wrote.
 */
export const PEER_HEADER = "x-portal-peer";

/** Requests that did not come through the portal's server (nothing wrote PEER_HEADER) share this key. */
export const UNKNOWN_CLIENT = "unknown";

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function clientAddress(headers: HeaderSource, trustedHops: number = env().TRUSTED_PROXY_HOPS): string {
  const peer = header(headers, PEER_HEADER)?.trim();
  if (!peer) return UNKNOWN_CLIENT;
  if (trustedHops === 0) return normalize(peer);
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  // Fewer hops than configured: the request skipped a proxy, so the leftmost entry is as far as we can go.
  const index = Math.max(0, chain.length - 1 - trustedHops);
  return normalize(chain[index]);
}

/**
 * One key per client: IPv4-mapped IPv6 as plain IPv4, and IPv6 by its /64 (one subscriber's
 * allocation), so an attacker does not get a fresh bucket per address of their own prefix.
 * Anything that is not an IP address is kept (bounded) as written: still one bucket per value.
 */
export function normalize(address: string): string {
  let value = address.trim().toLowerCase();
  if (value.startsWith("[") && value.includes("]")) value = value.slice(1, value.indexOf("]"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) return mapped[1];
  if (isIPv4(value)) return value;
  if (isIPv6(value)) return `${expandIPv6(value).slice(0, 4).join(":")}::/64`;
  return value.slice(0, 100);
}

function expandIPv6(address: string): string[] {
  const zoneless = address.split("%")[0];
  const [head, tail] = zoneless.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right];
  return groups.map((group) => group.replace(/^0+(?=.)/, ""));
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
