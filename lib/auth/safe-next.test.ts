import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext: only same-site paths after sign-in", () => {
  // Each of these, followed by a browser from this site, would leave it (or is not a plain path).
  const hostile = [
    "/\t/evil.example/phish", // the reported payload, /sign-in?next=%2F%09%2Fevil.example%2Fphish decoded
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    " /account",
    "/ /evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/a/../..//evil.example",
    "/./evil.example/..//evil.example",
    "",
    "/" + "a".repeat(2048),
  ];

  it.each(hostile.map((value) => [JSON.stringify(value), value]))("%s falls back to /", (_label, value) => {
    expect(safeNext(value)).toBe("/");
  });

  it("the exact reported query value, as the sign-in page receives it, is refused", () => {
    const next = new URLSearchParams("next=%2F%09%2Fevil.example%2Fphish").get("next");
    expect(next).toBe("/\t/evil.example/phish");
    expect(safeNext(next)).toBe("/");
    // What a browser would have made of it, had it been followed:
    expect(new URL(next!, "https://portal.example").host).toBe("evil.example");
  });

  it.each([
    ["/account"],
    ["/compliance/audit-log?action=auth.sign_in&actor=compliance%40"],
    ["/compliance/reviews/3f2a?tab=evidence#decision"],
    ["/step-up?next=/admin/users"],
    ["/markets/BTC-PERP"],
    ["/%2F%2Fevil.example"], // an encoded slash stays part of a path on this site
  ])("same-site path %s is kept as it is", (value) => {
    expect(safeNext(value)).toBe(value);
    expect(new URL(value, "https://portal.example").origin).toBe("https://portal.example");
  });

  it("null, undefined and non-strings give the fallback", () => {
    expect(safeNext(null)).toBe("/");
    expect(safeNext(undefined, "/account")).toBe("/account");
    expect(safeNext(42 as unknown as string)).toBe("/");
  });
});
