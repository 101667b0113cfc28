import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { MAX_REQUEST_BODY_BYTES } from "../lib/request-limits.mjs";
import { sessionOf } from "./test-users";

/**
 * Requests the portal once answered with a 500, as if it had failed, now get the
 * 4xx that says what was wrong with them. Each is the original probe, sent as it was.
 */

const manifest = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../.next/server/server-reference-manifest.json"), "utf8")) as {
  node: Record<string, { exportedName: string }>;
};
const actionId = (name: string) => Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)![0];

function action(request: APIRequestContext, baseURL: string, headers: Record<string, string>, data: string | Buffer) {
  return request.post("/portal/positions", {
    headers: { origin: baseURL, "next-action": actionId("depositAction"), "content-type": "text/plain;charset=UTF-8", ...headers },
    data,
    maxRedirects: 0,
  });
}

test("malformed server-action requests get a 4xx, never a 500", async ({ request, baseURL }) => {
  const cases: Array<[string, Record<string, string>, string | Buffer, number]> = [
    ["garbage instead of encoded arguments", {}, "{{{garbage", 400],
    ["arguments that are not a list", {}, '"hello"', 400],
    ["a reference React cannot resolve", {}, '["$@1"]', 400],
    ["JSON sent as application/json", { "content-type": "application/json" }, '{"a":', 415],
    ["a multipart body that is not multipart", { "content-type": "multipart/form-data; boundary=xyz" }, "garbage", 400],
    ["a foreign Origin", { origin: "https://evil.example" }, "[]", 403],
    ["no Origin at all", { origin: "" }, "[]", 403],
  ];
  for (const [what, headers, data, status] of cases) {
    const response = await action(request, baseURL!, headers, data);
    expect(response.status(), what).toBe(status);
  }
  // A form action called with no form (a hand-made request): its fields are missing, and it says so.
  const empty = await action(request, baseURL!, {}, "[]");
  expect(empty.status()).toBe(200);
  expect(await empty.text()).toContain('"tone":"error"');
});

test("a body over the 16 MB the portal reads gets 413, with or without Content-Length", async ({ baseURL }) => {
  const big = Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1024 * 1024, "a");
  const announced = await fetch(new URL("/portal/positions", baseURL), {
    method: "POST",
    headers: { origin: baseURL!, "next-action": actionId("depositAction"), "content-type": "multipart/form-data; boundary=x" },
    body: big,
  });
  expect(announced.status).toBe(413);
  expect(await announced.text()).toContain("one form can send at most 16 MB");
  const streamed = await fetch(new URL("/portal/positions", baseURL), {
    method: "POST",
    headers: { origin: baseURL!, "next-action": actionId("depositAction"), "content-type": "text/plain;charset=UTF-8" },
    body: new ReadableStream({
      start(controller) {
        for (let offset = 0; offset < big.length; offset += 1024 * 1024) controller.enqueue(big.subarray(offset, offset + 1024 * 1024));
        controller.close();
      },
    }),
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(413);
});

test("odd addresses and methods get a 4xx", async ({ request }) => {
  expect((await request.get("/api/auth/callback/credentials", { maxRedirects: 0 })).status()).toBe(405);
  expect((await request.get("/api/public/markets/%ff/snapshot")).status()).toBe(400);
  expect(
    (
      await request.post("/api/public/markets/x/../../nowhere", { headers: { "content-type": "multipart/form-data; boundary=x" }, data: "actor=1&x=2" })
    ).status(),
  ).toBeLessThan(500);
});

test("an audit export with a date that does not exist is a 422 with the reason", async ({ baseURL }) => {
  const { request } = await import("@playwright/test");
  const context = await request.newContext({ baseURL, storageState: await sessionOf(test.info(), "COMPLIANCE_OFFICER") });
  try {
    const response = await context.get("/api/compliance/audit-log/export?from=2026-13-45");
    expect(response.status()).toBe(422);
    expect(await response.json()).toMatchObject({ error: "Use a date that exists, like 2026-11-22" });
  } finally {
    await context.dispose();
  }
});
