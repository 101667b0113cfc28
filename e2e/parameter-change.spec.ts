import { canonicalJson } from "../lib/engine/index";
import { expect, test } from "@playwright/test";
import { freshCode, signInByApi } from "./auth-helpers";
import { getJson, shot } from "./risk-helpers";
import { serverOf } from "./servers";
import { clientReadyToTrade, freshUser, withDatabase } from "./test-users";
import { decodeEvent, EVENT_COLUMNS } from "../lib/simulation/journal-codec";

// Maker-checker for a market parameter (MRG-5, DISC-1): one Responsible Officer proposes a margin
// increase, a second approves it after a step-up, the client holding a position is told and sees their
// future liquidation price, and the engine applies it at the effective time (this server's notice is
// RISK_CHANGE_MIN_NOTICE_MINUTES=1, playwright.config.ts). It moves the shared simulated market's
// configuration, so it runs with the market movers, one at a time.

const MARKET = "BTC-PERP";
const PATH = "marginTiers[0].maintenanceMarginRate";

/** "2026-12-06 20:01:02 UTC" → epoch ms. */
const utcMs = (text: string) => Date.parse(`${text.replace(" UTC", "").replace(" ", "T")}Z`);

test("MRG-5, DISC-1: an RO proposes a margin increase, a second RO approves after step-up, the holder sees the scheduled change and their future liquidation price, and the engine applies it at its effective time", async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(360_000);
  const baseURL = String(testInfo.project.use.baseURL);

  // A client holding a leveraged BTC-PERP position.
  const { context: clientContext, page: clientPage } = await clientReadyToTrade(browser, testInfo, baseURL);
  const ticket = clientPage.getByRole("region", { name: "Order ticket" });
  // A market order fills only within its protective limit around mark: just after another spec's
  // crash the book may hold little that close, so the client buys again until it holds at least 2.5 BTC
  // (enough leverage for a liquidation price to exist).
  let held = 0;
  let lastOrder: string | null = null;
  await expect(async () => {
    await ticket.getByRole("combobox", { name: "Market" }).selectOption(MARKET);
    await ticket.getByRole("radio", { name: "Buy (long)" }).check();
    await ticket.getByRole("radio", { name: "Market", exact: true }).check();
    await ticket.getByLabel(/^Size/).fill((3 - held).toFixed(3));
    await ticket.getByRole("button", { name: "Place order" }).click();
    const status = ticket.getByRole("status");
    await expect(status).toContainText(/Order \d+ accepted/, { timeout: 5_000 });
    if (lastOrder) await expect(status).not.toContainText(lastOrder, { timeout: 5_000 });
    const text = (await status.textContent()) ?? "";
    lastOrder = /Order \d+ accepted/.exec(text)![0];
    held += Number(/Filled ([\d.]+) BTC at /.exec(text)?.[1] ?? 0);
    expect(held).toBeGreaterThanOrEqual(2.5);
  }).toPass({ timeout: 120_000, intervals: [3_000] });

  const before = await getJson<{ parameters: Array<{ path: string; value: string }> }>(request, `/api/public/parameters?market=${MARKET}`);
  const previous = before.parameters.find((row) => row.path === PATH)!.value;
  const next = String((BigInt(previous) * 6n) / 5n);

  // The maker proposes (no step-up needed to propose).
  const maker = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "parameter-maker");
  const makerContext = await browser.newContext({ storageState: await signInByApi(baseURL, maker) });
  const page = await makerContext.newPage();
  await page.goto("/compliance/parameters");
  await expect(page.getByRole("heading", { name: "Parameter governance", level: 1 })).toBeVisible();
  await expect(page.getByTestId("approval-reference").first()).toHaveText(/^DEMO-SFC-APPROVAL-/);
  const form = page.getByRole("form", { name: "Propose a parameter change" });
  await form.getByLabel("Market and parameter").selectOption(`${MARKET} ${PATH}`);
  // Outside the envelope: refused naming the bound; nothing is proposed.
  await form.getByLabel("New value").fill(String((BigInt(previous) * 4n) / 10n));
  await form.getByLabel(/^Reason/).fill("Raise tier-1 maintenance margin for volatility");
  await form.getByRole("button", { name: "Propose change" }).click();
  await expect(page.getByRole("form", { name: "Propose a parameter change" }).getByRole("alert")).toContainText("is below the approved minimum");
  // Too little notice for a tightening change: refused with the earliest time.
  await form.getByLabel("New value").fill(next);
  await form.getByRole("button", { name: "Propose change" }).click();
  await expect(page.getByRole("form", { name: "Propose a parameter change" }).getByRole("alert")).toContainText("minutes' notice");
  const engineNow = utcMs((await page.getByText(/^Engine time now: /).textContent())!.replace("Engine time now: ", "").replace(/\.$/, ""));
  const effectiveAtMs = Math.ceil((engineNow + 150_000) / 1000) * 1000;
  await form.getByLabel("New value").fill(next);
  await form.getByLabel("Effective time (UTC, engine time)").fill(new Date(effectiveAtMs).toISOString().slice(0, 19));
  await form.getByRole("button", { name: "Propose change" }).click();
  await expect(page.getByText("Proposed. A second Responsible Officer decides it here.")).toBeVisible();
  await expect(page.getByTestId("proposal-status")).toHaveText("Waiting for a second officer");
  const proposalUrl = new URL(page.url());
  const proposalId = proposalUrl.pathname.split("/").pop()!;
  await expect(page.getByText("You proposed this change: a second Responsible Officer must decide it.")).toBeVisible();
  await shot(page, "parameter-proposal", testInfo);
  await makerContext.close();

  // The stress suite's finished run for the proposal (the suite's job writes it; here it is put in place).
  await withDatabase(serverOf(testInfo), (prisma) =>
    prisma.stressSuiteRun.create({
      data: { market: MARKET, parameterHash: "e2e", proposalId, status: "done", suiteVersion: "e2e", seed: 1, results: [], finishedAt: new Date() },
    }),
  );

  // The checker approves after a step-up.
  const checker = await freshUser(testInfo, "RESPONSIBLE_OFFICER", "parameter-checker");
  const checkerContext = await browser.newContext({ storageState: await signInByApi(baseURL, checker) });
  const checkerPage = await checkerContext.newPage();
  await checkerPage.goto(proposalUrl.pathname);
  await checkerPage.getByRole("link", { name: "Confirm it is you to decide" }).click();
  await checkerPage.waitForURL("**/step-up?next=**");
  await checkerPage.getByLabel("Authentication code").fill(await freshCode(baseURL, checker.totpSecret!));
  await checkerPage.getByRole("button", { name: "Confirm" }).click();
  await checkerPage.waitForURL(`**/compliance/parameters/proposals/${proposalId}`);
  const decide = checkerPage.getByRole("form", { name: "Decide" });
  await decide.getByRole("radio", { name: "Approve" }).check();
  await decide.getByLabel(/^Note/).fill("Stress results reviewed");
  await decide.getByRole("button", { name: "Record decision" }).click();
  await expect(checkerPage.getByText("Decision recorded.")).toBeVisible();
  await expect(checkerPage.getByTestId("proposal-status")).toHaveText("Scheduled");
  await shot(checkerPage, "parameter-proposal-scheduled", testInfo);

  // The public change log lists it as scheduled.
  const publicPage = await browser.newPage();
  await publicPage.goto(`/disclosures/parameters?market=${MARKET}`);
  await expect(publicPage.getByTestId("scheduled-row").first()).toContainText(PATH);
  await expect(publicPage.getByTestId("approval-record").first()).toContainText("DEMO-SFC-APPROVAL-BTC");
  await shot(publicPage, "parameters-scheduled", testInfo);

  // The holder sees the change, when, and their liquidation price under it; and a notice in the inbox.
  await clientPage.goto("/portal/positions");
  const panel = clientPage.getByTestId("scheduled-changes-panel");
  await expect(panel).toContainText(PATH);
  await expect(panel.getByTestId("future-liquidation-price").first()).toContainText(/[\d,.]+ → [\d,.]+/);
  await shot(clientPage, "positions-scheduled-change", testInfo);
  await clientPage.goto("/portal/inbox");
  await expect(clientPage.getByText(`Scheduled change to ${MARKET} margin terms`).first()).toBeVisible();
  await clientContext.close();

  // At the effective time the engine applies it; the change log shows it in force.
  await expect
    .poll(
      async () => {
        const now = await getJson<{ parameters: Array<{ path: string; value: string }> }>(request, `/api/public/parameters?market=${MARKET}`);
        return now.parameters.find((row) => row.path === PATH)!.value;
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBe(next);
  const after = await getJson<{
    changeLog: Array<{ subject: string; effectiveFromMs: number; requested: Array<{ path: string; previous: string; next: string }> }>;
    scheduled: unknown[];
  }>(request, `/api/public/parameters?market=${MARKET}`);
  expect(after.changeLog[0]).toMatchObject({ subject: MARKET, requested: [{ path: PATH, previous, next }] });
  expect(after.changeLog[0].effectiveFromMs).toBeGreaterThanOrEqual(effectiveAtMs);
  // The engine applied it as this proposal's schedule, at exactly its effective time.
  const journaled = await withDatabase(serverOf(testInfo), async (prisma) => {
    const row = await prisma.riskProposal.findUniqueOrThrow({ where: { id: proposalId } });
    const events = await prisma.engineEvent.findMany({
      where: { type: "MarketParametersUpdated", market: MARKET },
      orderBy: { seq: "desc" },
      take: 1,
      select: EVENT_COLUMNS,
    });
    return {
      scheduleId: row.engineScheduleId,
      status: row.status,
      lastUpdate: events.map((event) => ({ nowMs: Number(event.nowMs), payload: canonicalJson(decodeEvent(event)) })),
    };
  });
  expect(journaled.scheduleId, JSON.stringify(journaled)).not.toBeNull();
  expect(journaled.lastUpdate[0]?.payload, JSON.stringify(journaled)).toContain(`"scheduleId":${journaled.scheduleId}`);
  expect(journaled.lastUpdate[0]?.nowMs).toBe(effectiveAtMs);
  await checkerPage.reload();
  await expect(checkerPage.getByTestId("proposal-status")).toHaveText("In force", { timeout: 20_000 });
  await publicPage.goto(`/disclosures/parameters?market=${MARKET}`);
  await expect(publicPage.getByTestId("change-row").first()).toContainText(PATH);
  await checkerContext.close();
  await publicPage.close();
});
