import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fc from "fast-check";
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
// A boundary like the browsers' (a short one such as "b" trips the platform parser when a value contains it).
const BOUNDARY = "----formdata-fuzz-0123456789";
const multipart = (parts: Array<[string, string]>, extra = "") => {
  const body =
    parts.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    extra.replaceAll("--b", `--${BOUNDARY}`) +
    `--${BOUNDARY}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: new TextEncoder().encode(body) };
};

describe("server-action bodies Next could not decode are refused with 400 before Next sees them", () => {
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
    ["600,000 elements", text(`[${Array(600_000).fill(0).join(",")}]`)],
    ["a million characters of text in one list", text(JSON.stringify(["x".repeat(600_000), "y".repeat(600_000)]))],
    ["a multipart body without the argument list", multipart([["_1_amount", "5"]])],
    ["a multipart argument list that is not JSON", multipart([["0", "garbage"]])],
    [
      "a multipart body cut short",
      {
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        body: new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]`),
      },
    ],
    [
      "a malformed part header",
      {
        contentType: `multipart/form-data; boundary=${BOUNDARY}`,
        body: new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition form-data name="0"\r\n\r\n[]\r\n--${BOUNDARY}--\r\n`),
      },
    ],
    [
      "a base64 file part",
      multipart(
        [["0", "[]"]],
        '--b\r\nContent-Disposition: form-data; name="_1_document"; filename="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD\r\n',
      ),
    ],
  ])("refused: %s", async (_name, { contentType, body }) => {
    expect(await actionRequestProblem(contentType, true, body)).toEqual({
      status: 400,
      message: "The form submission could not be read; nothing was changed.",
    });
  });

  it("a form posted without JavaScript: its action's description must be what React reads; anything else is left to Next", async () => {
    const form = (parts: Array<[string, string]>) => actionRequestProblem(multipart(parts).contentType, false, multipart(parts).body);
    const id = "6015ed930b0e62f47a4ae2caff701228868161735b";
    // What a page with useActionState posts without JavaScript.
    expect(
      await form([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", `{"id":"${id}","bound":"$@1"}`],
        ["$ACTION_1:1", '[{"at":0}]'],
        ["$ACTION_KEY", "k1"],
        ["amount", "5"],
      ]),
    ).toBeNull();
    expect(
      await form([
        ["$ACTION_ID_abc", ""],
        ["amount", "5"],
      ]),
    ).toBeNull();
    expect(await form([["amount", "5"]])).toBeNull();
    for (const broken of [
      [["$ACTION_REF_1", ""]],
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", "{garbage"],
      ],
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", `{"id":7,"bound":null}`],
      ],
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", `{"id":"${id}"}`],
      ],
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", `{"id":"${id}","bound":"$@1"}`],
      ],
      [
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", `{"id":"${id}","bound":"$@1"}`],
        ["$ACTION_1:1", '"not a list"'],
      ],
    ] as Array<Array<[string, string]>>) {
      expect(await form(broken), JSON.stringify(broken)).not.toBeNull();
    }
    expect(await actionRequestProblem("text/plain", false, text("anything").body)).toBeNull();
  });

  it("only the argument list must be a list", () => {
    expect(isDecodableModel('{"a":1}', false)).toBe(true);
    expect(isDecodableModel('{"a":1}', true)).toBe(false);
    expect(isDecodableModel('["$$K1", "$undefined", "$-Infinity", "$K1f", "$D2026-01-01T00:00:00.000Z", "$n-12"]', true)).toBe(true);
  });
});

describe("a body the check passes is one React's own decoder reads without throwing", () => {
  it("400 generated hostile argument lists: every one the check accepts decodes", () => {
    const samples = fc.sample(
      fc.array(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 20 }),
          fc.constantFrom(
            "$@1",
            "$K1",
            "$Q0",
            "$W1",
            "$T",
            "$undefined",
            "$$x",
            "$n12",
            "$nabc",
            "$D2026-01-01T00:00:00.000Z",
            "$Dnot-a-date",
            "$h1",
            "$B1",
            "$F1",
            "$S1",
            "$1",
            "$-0",
          ),
          fc.integer(),
          fc.constant(null),
          fc.dictionary(fc.string({ maxLength: 5 }), fc.constantFrom("$@2", "a", "$K2")),
        ),
        { maxLength: 6 },
      ),
      { numRuns: 400, seed: 12 },
    );
    const accepted = samples.map((args) => JSON.stringify(args)).filter((body) => isDecodableModel(body, true));
    expect(accepted.length).toBeGreaterThan(50);
    // React's server decoder needs the react-server condition, so it runs in a child Node process.
    const harness = `
      const { decodeReply } = require("next/dist/compiled/react-server-dom-turbopack/server.node");
      const bodies = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
      (async () => {
        const failures = [];
        for (const body of bodies) {
          try { await Promise.race([decodeReply(body, {}), new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 1 s")), 1000))]); }
          catch (error) { failures.push(body + " → " + error.message); }
        }
        process.stdout.write(JSON.stringify(failures));
      })();`;
    const output = execFileSync(process.execPath, ["--conditions=react-server", "-e", harness], {
      input: JSON.stringify(accepted),
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: "production" },
    });
    expect(JSON.parse(output.toString())).toEqual([]);
  });
});
