import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_SCORE, passwordWeakness } from "./password-policy";
import { ChangePasswordInput, SignUpInput } from "../services/users/schemas";
import { DEMO_USERS } from "../../prisma/demo-users";

const signUp = (password: string, name = "Chan Tai Man", email = "chan.taiman@example.com") =>
  SignUpInput.safeParse({ name, email, password, confirmPassword: password });
const messagesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) =>
  (result.error?.issues ?? []).filter((issue) => issue.path[0] === field).map((issue) => issue.message);

describe("passwords checked against common/breached lists and a strength estimator", () => {
  // Each passes the length and letter+digit rules, so only the estimator can refuse it.
  it.each([
    ["password1234"],
    ["Password1234"],
    ["p@ssw0rd1234"],
    ["qwerty123456"],
    ["iloveyou1234"],
    ["abc123abc123"],
    ["aaaaaaaaaaa1"],
    ["1qaz2wsx3edc"],
    ["letmein12345"],
    ["Welcome2026!"],
  ])("%s is refused on sign-up with a specific message", (password) => {
    const result = signUp(password);
    expect(result.success).toBe(false);
    const [message] = messagesOf(result, "password");
    expect(message).toMatch(/^This password is too common or easy to guess: .+\.$/);
  });

  it("the reported password1234 says why (zxcvbn's feedback)", () => {
    expect(passwordWeakness("password1234")).toBe(
      "This password is too common or easy to guess: This is similar to a commonly used password. Add more words that are less common.",
    );
  });

  it("a password made of the person's own name or email is refused", () => {
    expect(passwordWeakness("chantaiman2026")).toBeNull();
    expect(passwordWeakness("chantaiman2026", ["Chan Tai Man", "chan.taiman@example.com"])).toMatch(/too common or easy to guess/);
    expect(messagesOf(signUp("Chantaiman2026"), "password")).toHaveLength(1);
  });

  it("password change refuses a weak new password, and the current one with a character added", () => {
    const weak = ChangePasswordInput.safeParse({ currentPassword: "Old-password-123", newPassword: "password1234", confirmPassword: "password1234" });
    expect(messagesOf(weak, "newPassword")[0]).toMatch(/too common or easy to guess/);
    const variation = ChangePasswordInput.safeParse({
      currentPassword: "Zebra-lantern-71x",
      newPassword: "Zebra-lantern-71x!",
      confirmPassword: "Zebra-lantern-71x!",
    });
    expect(messagesOf(variation, "newPassword")[0]).toMatch(/too common or easy to guess/);
    expect(
      ChangePasswordInput.safeParse({ currentPassword: "Old-password-123", newPassword: "Harbour-kite-58-plum", confirmPassword: "Harbour-kite-58-plum" })
        .success,
    ).toBe(true);
  });

  it(`the demo users' published passwords and the test passwords still pass (score ≥ ${MIN_PASSWORD_SCORE})`, () => {
    for (const user of DEMO_USERS) expect(passwordWeakness(user.password, [user.name, user.email]), user.email).toBeNull();
    for (const password of ["Correct-horse-9-battery", "First-password-1", "Second-password-2", "Onboarding-test-1", "Sign-up-pass-1", "New-password-456"]) {
      expect(passwordWeakness(password), password).toBeNull();
    }
  });

  it("hostile inputs up to the 128-character maximum are estimated in bounded time", () => {
    const hostile = ["aB3$".repeat(32), "4@3$1!0|7+".repeat(12) + "ab", "p4$$w0rd".repeat(16), "!@#$%^&*()".repeat(12) + "a1zz", "a".repeat(127) + "1"];
    passwordWeakness("warm-up-123");
    for (const password of hostile) {
      const started = performance.now();
      passwordWeakness(password);
      // Generous for a loaded 2-core machine; measured at 30-100 ms.
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
