import { describe, expect, test } from "vitest";
import { daysBetween, isIsoDate, subtractMonths } from "./dates";
import { applyFraction, toHkdCents } from "./money";

describe("date and money helpers behind the PI-5 / SUIT-1 boundaries", () => {
  test("PI-5: only real calendar dates are accepted", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2026-11-20T00:00:00Z")).toBe(false);
    expect(isIsoDate("20-11-2026")).toBe(false);
  });

  test("PI-5: day counts include leap days", () => {
    expect(daysBetween("2025-11-20", "2026-11-20")).toBe(365);
    expect(daysBetween("2027-03-01", "2028-03-01")).toBe(366);
    expect(daysBetween("2026-11-21", "2026-11-20")).toBe(-1);
  });

  test("SUIT-1: subtracting months clamps to the end of a shorter month", () => {
    expect(subtractMonths("2026-03-31", 1)).toBe("2026-02-28");
    expect(subtractMonths("2026-11-20", 36)).toBe("2023-11-20");
    expect(subtractMonths("2026-01-15", 13)).toBe("2024-12-15");
  });

  test("PI-2: conversion and shares round down", () => {
    expect(toHkdCents(1n, "USD", { currency: "USD", hkdPerUnitPpb: 7_849_999_999n, asOf: "2026-11-19", source: "test" })).toBe(7n);
    expect(applyFraction(10n, { numerator: 1n, denominator: 3n })).toBe(3n);
  });
});
