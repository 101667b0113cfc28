import { describe, expect, it } from "vitest";
import { MAX_MONEY_DIGITS, parseMoney } from "./draft";

describe("declared amounts are bounded", () => {
  it("an amount of more than 15 digits before the point is refused, quickly, without echoing it whole", () => {
    const started = performance.now();
    const refused = parseMoney("1" + "0".repeat(39), "HKD");
    expect(refused).toEqual({ ok: false, message: expect.stringContaining(`at most ${MAX_MONEY_DIGITS} digits`) });
    expect(refused.ok === false && refused.message.length).toBeLessThan(200);
    expect(parseMoney("9".repeat(100_000), "HKD").ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("the largest real figures still parse exactly", () => {
    expect(parseMoney("999,999,999,999,999.99", "HKD")).toEqual({ ok: true, minor: 99_999_999_999_999_999n });
    expect(parseMoney("000000000000000008,000,000.00", "HKD")).toEqual({ ok: true, minor: 800_000_000n });
  });
});
