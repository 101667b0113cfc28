import { describe, expect, it } from "vitest";
import { ChangePasswordInput, SetUserRolesInput, SignInInput, SignUpInput } from "./schemas";

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("bad input gets a specific message", () => {
  it("a malformed email says what a valid one looks like", () => {
    expect(firstMessage(SignInInput.safeParse({ email: "not-an-email", password: "x" }))).toBe("Enter a valid email address, like name@example.com");
  });

  it("emails are trimmed and lower-cased", () => {
    expect(SignInInput.parse({ email: "  Me@Example.COM ", password: "x" }).email).toBe("me@example.com");
  });

  it.each([
    ["short1", "Password too weak: use at least 12 characters"],
    ["onlylettersnodigits", "Password too weak"],
    ["123456789012345", "Password too weak"],
  ])("a weak password (%s) says what is required", (password, expected) => {
    const result = SignUpInput.safeParse({ name: "A Client", email: "a@b.example", password, confirmPassword: password });
    expect(firstMessage(result)).toContain(expected);
    expect(firstMessage(result)).toContain("one letter and one digit");
  });

  it("password1234 (12 characters, letters and digits) is refused as too common, on sign-up and on password change", () => {
    const signUp = SignUpInput.safeParse({ name: "A Client", email: "a@b.example", password: "password1234", confirmPassword: "password1234" });
    expect(firstMessage(signUp)).toMatch(/^This password is too common or easy to guess: /);
    const change = ChangePasswordInput.safeParse({ currentPassword: "Correct-horse-9", newPassword: "password1234", confirmPassword: "password1234" });
    expect(firstMessage(change)).toMatch(/^This password is too common or easy to guess: /);
  });

  it("mismatched confirmation and re-using the current password are refused", () => {
    expect(
      firstMessage(SignUpInput.safeParse({ name: "A Client", email: "a@b.example", password: "Correct-horse-9", confirmPassword: "Correct-horse-8" })),
    ).toBe("The two passwords do not match");
    expect(
      firstMessage(ChangePasswordInput.safeParse({ currentPassword: "Correct-horse-9", newPassword: "Correct-horse-9", confirmPassword: "Correct-horse-9" })),
    ).toBe("Choose a password different from the current one");
  });

  it("a TOTP code must be 6 digits", () => {
    expect(firstMessage(SignInInput.safeParse({ email: "a@b.example", password: "x", totp: "12a456" }))).toContain("6-digit code");
    expect(SignInInput.parse({ email: "a@b.example", password: "x", totp: "" }).totp).toBeUndefined();
  });

  it("AFMM-2: the role-change form refuses ADMIN with AFMM_TRADER, and needs a reason", () => {
    const result = SetUserRolesInput.safeParse({ userId: "3b241101-e2bb-4255-8caf-4136c566a962", roles: ["ADMIN", "AFMM_TRADER"], reason: "promotion" });
    expect(firstMessage(result)).toMatch(/^AFMM-2/);
    expect(firstMessage(SetUserRolesInput.safeParse({ userId: "3b241101-e2bb-4255-8caf-4136c566a962", roles: ["ADMIN"], reason: "" }))).toContain("reason");
  });
});
