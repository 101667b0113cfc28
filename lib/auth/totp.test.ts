import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { checkTotp, newTotpSecret, totpUri } from "./totp";

const at = new Date("2026-11-22T02:00:10Z");
const code = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });

describe("TOTP second factor (SEC-1)", () => {
  it("SEC-1: the current code is accepted once; replaying it is refused", async () => {
    const secret = newTotpSecret();
    const step = await checkTotp(secret, await code(secret, at), null, at);
    expect(step).toBe(Math.floor(at.getTime() / 30_000));
    expect(await checkTotp(secret, await code(secret, at), step, at)).toBeNull();
  });

  it("SEC-1: a wrong code and a code two steps old are refused; one step of drift is allowed", async () => {
    const secret = newTotpSecret();
    const good = await code(secret, at);
    const wrong = good === "000000" ? "111111" : "000000";
    expect(await checkTotp(secret, wrong, null, at)).toBeNull();
    expect(await checkTotp(secret, await code(secret, new Date(at.getTime() - 30_000)), null, at)).not.toBeNull();
    expect(await checkTotp(secret, await code(secret, new Date(at.getTime() - 90_000)), null, at)).toBeNull();
  });

  it("the enrolment URI is a standard otpauth:// TOTP URI naming the account", () => {
    const uri = totpUri("me@example.com", "JBSWY3DPEHPK3PXP");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain("secret=JBSWY3DPEHPK3PXP");
    expect(uri).toContain("me%40example.com");
  });
});
