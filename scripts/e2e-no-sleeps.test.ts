import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The lint rule that keeps fixed sleeps out of the browser tests (eslint.config.mjs) catches each
// form a sleep takes, and lets a condition wait through.
// The snippets are not files of the TypeScript project, so the type-aware rules (which need one) are off here.
const eslint = new ESLint({
  cwd: path.join(import.meta.dirname, ".."),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } }, rules: typeAwareRulesOff() },
});

function typeAwareRulesOff() {
  const names = [
    "no-floating-promises",
    "no-misused-promises",
    "await-thenable",
    "no-unnecessary-type-assertion",
    "switch-exhaustiveness-check",
    "no-base-to-string",
  ];
  return Object.fromEntries(names.map((name) => [`@typescript-eslint/${name}`, "off" as const]));
}

async function messagesFor(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(import.meta.dirname, "../e2e/new.spec.ts") });
  return result.messages.filter((message) => message.ruleId === "no-restricted-syntax").map((message) => message.message);
}

describe("no fixed sleeps in e2e", () => {
  it.each([
    ["page.waitForTimeout", "export async function f(page: { waitForTimeout(ms: number): Promise<void> }) { await page.waitForTimeout(2_000); }"],
    ["a promise around setTimeout", "export async function f() { await new Promise((resolve) => setTimeout(resolve, 500)); }"],
    ["timers/promises", 'import { setTimeout as sleep } from "node:timers/promises";\nexport async function f() { await sleep(500); }'],
  ])("refuses %s", async (_label, code) => {
    expect(await messagesFor(code)).toEqual([expect.stringContaining("No fixed sleeps in browser tests")]);
  });

  it("lets a wait for a condition through", async () => {
    expect(
      await messagesFor(
        "export async function f(poll: () => Promise<boolean>) { const deadline = Date.now() + 1_000; while (!(await poll()) && Date.now() < deadline); }",
      ),
    ).toEqual([]);
  });
});
