import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionRequestProblem, isDecodableModel } from "./action-request";

// React's own encoder, as the pages' JavaScript uses it to call a server action.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
  encodeReply: (value: unknown, options?: { temporaryReferences?: unknown }) => Promise<string | FormData>;
};

async function encoded(args: unknown[]): Promise<{ contentType: string; body: Uint8Array }> {
  const reply = await encodeReply(args);
  if (typeof reply === "string") return { contentType: "text/plain;charset=UTF-8", body: new TextEncoder().encode(reply) };
  const response = new Response(reply);
  return { contentType: response.headers.get("content-type")!, body: new Uint8Array(await response.arrayBuffer()) };
}

const text = (value: string) => ({ contentType: "text/plain;charset=UTF-8", body: new TextEncoder().encode(value) });
const multipart = (parts: Array<[string, string]>, extra = "") => {
  const body = parts.map(([name, value]) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + extra + "--b--\r\n";
  return { contentType: "multipart/form-data; boundary=b", body: new TextEncoder().encode(body) };
};

describe("issue-12 finding 7: server-action bodies Next could not decode are refused with 400 before Next sees them", () => {
  it("what the portal's own forms send passes: form state plus a FormData, plain objects, a $-string, undefined, dates and bigints", async () => {
    const form = new FormData();
    form.set("assetId", "USD");
    form.set("amount", "$100");
    form.set("document", new File(["%PDF-1.4"], "statement.pdf", { type: "application/pdf" }));
    const cases = [
      await encoded([{ at: 0, tone: "error", message: "x", values: { amount: "$5" }, fieldErrors: undefined }, form]),
      await encoded([{ code: "123456" }, "/portal"]),
      await encoded([{ scenario: { type: "flash-crash", dropPct: 30 }, reason: "drill" }]),
      await encoded([{ when: new Date(0), big: 10n ** 30n, nothing: undefined, nan: Number.NaN, negativeZero: -0 }]),
      await encoded([]),
    ];
    for (const { contentType, body } of cases) expect(await actionRequestProblem(contentType, true, body)).toBeNull();
  });

  it.each([
    ["not JSON", text("{{{")],
    ["JSON that is not an argument list", text('"hello"')],
    ["a number", text("0")],
    ["invalid UTF-8", { contentType: "text/plain", body: new Uint8Array([0x5b, 0xff, 0x5d]) }],
    ["a promise reference", text('["$@1"]')],
    ["a map reference", text('["$Q0"]')],
    ["a server reference", text('["$F1"]')],
    ["a temporary reference", text('["$T"]')],
    ["a malformed bigint", text('["$nabc"]')],
    ["nesting 3,000 deep", text("[" + "[".repeat(3_000) + "]".repeat(3_000) + "]")],
    ["200,000 elements", text(`[${Array(200_000).fill(0).join(",")}]`)],
    ["a multipart body without the argument list", multipart([["_1_amount", "5"]])],
    ["a multipart argument list that is not JSON", multipart([["0", "garbage"]])],
    ["a multipart body cut short", { contentType: "multipart/form-data; boundary=b", body: new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]') }],
    ["a malformed part header", { contentType: "multipart/form-data; boundary=b", body: new TextEncoder().encode('--b\r\nContent-Disposition form-data name="0"\r\n\r\n[]\r\n--b--\r\n') }],
    ["a base64 file part", multipart([["0", "[]"]], '--b\r\nContent-Disposition: form-data; name="_1_document"; filename="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD\r\n')],
  ])("refused: %s", async (_name, { contentType, body }) => {
    expect(await actionRequestProblem(contentType, true, body)).toEqual({ status: 400, message: "The form submission could not be read; nothing was changed." });
  });

  it("a form posted without JavaScript: bound arguments must decode; anything else is left to Next", async () => {
    expect(await actionRequestProblem("multipart/form-data; boundary=b", false, multipart([["$ACTION_1:0", "{garbage"]]).body)).not.toBeNull();
    expect(await actionRequestProblem("multipart/form-data; boundary=b", false, multipart([["$ACTION_ID_abc", ""], ["amount", "5"]]).body)).toBeNull();
    expect(await actionRequestProblem("text/plain", false, text("anything").body)).toBeNull();
  });

  it("only the argument list must be a list", () => {
    expect(isDecodableModel('{"a":1}', false)).toBe(true);
    expect(isDecodableModel('{"a":1}', true)).toBe(false);
    expect(isDecodableModel('["$$K1", "$undefined", "$-Infinity", "$K1f", "$D2026-01-01T00:00:00.000Z", "$n-12"]', true)).toBe(true);
  });
});
