import { describe, expect, it } from "vitest";
import { clientAddress, normalize, PEER_HEADER, UNKNOWN_CLIENT } from "./client-address";

const headers = (peer: string | undefined, forwarded?: string) => {
  const h = new Headers();
  if (peer !== undefined) h.set(PEER_HEADER, peer);
  if (forwarded !== undefined) h.set("x-forwarded-for", forwarded);
  return h;
};

describe("clientAddress: the TCP peer, or what trusted proxies report", () => {
  it("with no trusted proxies, X-Forwarded-For is ignored: rotating it does not change the key", () => {
    const keys = new Set(["1.1.1.1", "2.2.2.2", "3.3.3.3, 4.4.4.4"].map((xff) => clientAddress(headers("203.0.113.9", xff), 0)));
    expect([...keys]).toEqual(["203.0.113.9"]);
  });

  it("with N trusted proxies, the address the outermost one saw; anything further left is the client's own writing", () => {
    // client → proxy A (appends client) → proxy B (appends A) → portal (peer = B)
    expect(clientAddress(headers("10.0.0.2", "198.51.100.7, 10.0.0.1"), 2)).toBe("198.51.100.7");
    expect(clientAddress(headers("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1"), 2)).toBe("198.51.100.7");
    expect(clientAddress(headers("10.0.0.1", "198.51.100.7"), 1)).toBe("198.51.100.7");
    // A request that skipped the proxies: as far left as the chain goes.
    expect(clientAddress(headers("198.51.100.7"), 2)).toBe("198.51.100.7");
  });

  it("a request that did not come through the portal's server has no peer and is not given a forged one", () => {
    expect(clientAddress(headers(undefined, "1.2.3.4"), 0)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4" }, 1)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress({ [PEER_HEADER]: "127.0.0.1" }, 0)).toBe("127.0.0.1");
  });

  it("normalises: IPv4-mapped IPv6 as IPv4, IPv6 by /64, garbage bounded", () => {
    expect(normalize("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalize("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normalize("2001:db8:1:2::9")).toBe(normalize("2001:db8:1:2:ffff::1"));
    expect(normalize("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(normalize("[::1]")).toBe("0:0:0:0::/64");
    expect(normalize("x".repeat(500))).toHaveLength(100);
  });
});
