import { expect, test } from "@playwright/test";
import { formatPpbPercentExact } from "../lib/format";
import { freshCode, signInByApi } from "./auth-helpers";
import { getJson, shot } from "./risk-helpers";
import { freshUser } from "./test-users";

// COL-1: a collateral haircut change goes through maker-checker in the browser. It changes the shared
// registry, so it runs with the market movers. Holders' notices (inbox and e-mail with their figures)
// are covered by lib/services/collateral-governance/collateral-governance.db.test.ts, which arranges a
// holder of the asset in the engine directly.

const ASSET = "USDX-DEMO";

test("COL-1: an officer proposes a haircut increase, a second Responsible Officer approves it after a step-up, and the public collateral page shows the new haircut and the change", async ({
  browser,
  request,
}, testInfo) => {
  const baseURL = String(testInfo.project.use.baseURL);
  const before = await getJson<{ collateral: { assets: Array<{ assetId: string; haircutRate: string }> } }>(request, "/api/public/methodology");
  const current = BigInt(before.collateral.assets.find((asset) => asset.assetId === ASSET)!.haircutRate);
  const next = current + 10_000_000n; // +1 percentage point
  const percent = (ppb: bigint) =>
    `${ppb / 10_000_000n}${ppb % 10_000_000n === 0n ? "" : `.${(ppb % 10_000_000n).toString().padStart(7, "0").replace(/0+$/, "")}`}`;
  const reason = `Reserve attestation overdue (e2e ${Date.now()})`;

  // The maker proposes: nothing changes yet.
  const maker = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "collateral-maker");
  const makerContext = await browser.newContext({ storageState: await signInByApi(baseURL, maker) });
  const makerPage = await makerContext.newPage();
  await makerPage.goto("/compliance/collateral");
  await shot(makerPage, "compliance-collateral", testInfo);
  const form = makerPage.getByRole("form", { name: "Change an entry" });
  await form.getByLabel("Asset").selectOption(ASSET);
  await form.getByLabel("Haircut (%)").fill("-3");
  await form.getByLabel(/^Reason/).fill(reason);
  await form.getByRole("button", { name: "Propose the change" }).click();
  await expect(makerPage.getByRole("form", { name: "Change an entry" }).getByText(/percentage from 0 to below 100/)).toBeVisible();
  await makerPage.getByRole("form", { name: "Change an entry" }).getByLabel("Haircut (%)").fill(percent(next));
  await makerPage.getByRole("button", { name: "Propose the change" }).click();
  await makerPage.waitForURL(/\/compliance\/collateral\/[0-9a-f-]{36}/);
  await expect(makerPage.getByTestId("proposal-status")).toHaveText("Waiting for a second officer");
  await expect(makerPage.getByText("You proposed this change: another Responsible Officer must decide it.")).toBeVisible();
  await expect(makerPage.getByTestId("diff-row").first()).toContainText(`${percent(current)} %`);
  await expect(makerPage.getByTestId("diff-row").first()).toContainText(`${percent(next)} %`);
  const proposalPath = new URL(makerPage.url()).pathname.replace(/^\/(en|zh-HK)/, "");
  await shot(makerPage, "compliance-collateral-proposal", testInfo);
  await makerContext.close();
  const unchanged = await getJson<typeof before>(request, "/api/public/methodology");
  expect(unchanged.collateral.assets.find((asset) => asset.assetId === ASSET)!.haircutRate).toBe(current.toString());

  // The checker approves after a step-up.
  const checker = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "collateral-checker");
  const checkerContext = await browser.newContext({ storageState: await signInByApi(baseURL, checker) });
  const page = await checkerContext.newPage();
  await page.goto(`/step-up?next=${proposalPath}`);
  await page.getByLabel("Authentication code").fill(await freshCode(baseURL, checker.totpSecret!));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.waitForURL(`**${proposalPath}`);
  const decision = page.getByRole("form", { name: "Decision" });
  await decision.getByLabel("Approve").check();
  await decision.getByLabel("Decision note").fill("Checked the attestation schedule; the increase is proportionate.");
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByTestId("proposal-status")).toHaveText("In force");
  await shot(page, "compliance-collateral-approved", testInfo);
  await checkerContext.close();

  const publicPage = await browser.newPage();
  await publicPage.goto("/disclosures/methodology/collateral");
  await expect(publicPage.locator(`[data-testid="collateral-row"][data-asset="${ASSET}"] [data-testid="collateral-haircut"]`)).toHaveText(
    formatPpbPercentExact(next),
  );
  const change = publicPage.getByTestId("collateral-change").first();
  await expect(change).toContainText(ASSET);
  await expect(change).toContainText(reason);
  await expect(publicPage.getByTestId("fx-source")).toContainText("Demo rate: 7.8 HKD per USD");
  await shot(publicPage, "collateral-public", testInfo);
  await publicPage.close();
});
