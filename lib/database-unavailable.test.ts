import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Prisma } from "@/prisma/generated/client";
import { isDatabaseUnavailable } from "./database-unavailable";

const known = (code: string, meta?: Record<string, unknown>) => new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: "7.10.0", meta });

describe("which errors mean the database is unavailable (503) and which are faults (500)", () => {
  it.each([
    ["P1001 can't reach the server", known("P1001")],
    ["P2024 pool timeout", known("P2024")],
    ["raw query with an unreachable adapter", known("P2010", { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } } })],
    ["connection closed mid-query", known("P2010", { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } } })],
    [
      "server shutting down (57P01)",
      known("P2010", { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "postgres", originalCode: "57P01" } } }),
    ],
    ["initialisation", new Prisma.PrismaClientInitializationError("cannot connect", "7.10.0")],
    ["pg's own error, wrapped", new Error("query failed", { cause: new Error("Connection terminated unexpectedly") })],
    ["a socket error", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
  ])("unavailable: %s", (_name, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ["a unique-constraint violation", known("P2002")],
    ["a record not found", known("P2025")],
    [
      "a syntax error from PostgreSQL",
      known("P2010", { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "postgres", originalCode: "42601" } } }),
    ],
    ["a bug", new TypeError("x.get is not a function")],
    ["invalid input", new z.ZodError([])],
    ["not an error", "P1001"],
    ["null", null],
  ])("a fault, not an outage: %s", (_name, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
