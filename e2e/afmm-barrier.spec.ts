import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { demoUser } from "./auth-helpers";
import { serverOf } from "./servers";
import { sessionOf, withDatabase } from "./test-users";

// The information barrier in the browser: the market maker's desk shows an alert about its own trading
// with its own evidence only, never a client's account or identity; the conflicts register keeps every
// version of an entry with what changed.

const CLIENT_ACCOUNT = 987_654_321;

test("AFMM-7: the AFMM desk shows its own alert evidence and no client account or identity", async ({ browser }, testInfo) => {
  const tag = crypto.randomBytes(4).toString("hex");
  const own = 900_000_000 + crypto.randomInt(1_000_000);
  const alertId = `off_mark_fill:BTC-PERP:e2e-${tag}`;
  const affiliate = await withDatabase(serverOf(testInfo), async (prisma) => {
    const row = await prisma.afmmAffiliate.create({
      data: {
        legalName: `E2E affiliate ${tag}`,
        relationship: "test",
        agreementRef: `E2E-${tag}`,
        agreementDate: new Date(),
        engineAccountIds: [own],
        approved: true,
      },
    });
    const order = (accountId: number, afmm: boolean) => ({
      orderId: accountId + 1,
      accountId,
      afmm,
      market: "BTC-PERP",
      side: "buy",
      price: 100,
      size: 1,
      acceptedSeq: 1,
      acceptedAtMs: 1,
      filled: 0,
      closedSeq: null,
      closedAtMs: null,
      closeReason: null,
    });
    await prisma.surveillanceAlert.create({
      data: {
        id: alertId,
        rule: "off_mark_fill",
        market: "BTC-PERP",
        severity: "high",
        triggerSeq: 1n,
        triggerPosition: 1n,
        triggerAtMs: BigInt(Date.now()),
        fromSeq: 1n,
        toSeq: 1n,
        fromMs: 0n,
        toMs: BigInt(Date.now()),
        afmmAccountIds: [own],
        counterpartyAccountIds: [CLIENT_ACCOUNT],
        metrics: { distanceBps: 77, clientAccountId: CLIENT_ACCOUNT },
        evidence: {
          orders: [order(own, true), order(CLIENT_ACCOUNT, false)],
          fills: [
            {
              seq: 1,
              position: 1,
              atMs: 1,
              market: "BTC-PERP",
              price: 100,
              size: 1,
              aggressor: "buy",
              takerAccountId: CLIENT_ACCOUNT,
              makerAccountId: own,
              takerAfmm: false,
              makerAfmm: true,
              liquidation: false,
            },
          ],
          book: { atSeq: 1, bestBid: 99, bestAsk: 101, mark: 100, index: 100, bidLots: 1, askLots: 1 },
        },
      },
    });
    return row;
  });
  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "AFMM_TRADER") });
  try {
    const page = await context.newPage();
    await page.goto("/afmm-desk");
    await expect(page.getByRole("heading", { level: 1, name: "Market-maker desk" })).toBeVisible();
    const alert = page.getByTestId("desk-alert").filter({ hasText: "distanceBps" }).filter({ hasText: "77" });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("table", { name: "Your fills in the evidence" })).toContainText("Client");
    const html = await page.content();
    expect(html).not.toContain(String(CLIENT_ACCOUNT));
    expect(html).not.toContain(demoUser("CLIENT").email);
    expect(html).not.toMatch(/clientAccountId|counterpartyAccountIds/);
    await page.screenshot({ path: testInfo.outputPath("afmm-desk.png"), fullPage: true });
    // Pages that show client data are not the AFMM's: each answers 404.
    for (const href of ["/afmm/conflicts", "/compliance/access-review", "/compliance/audit-log", "/compliance/reviews"]) {
      expect((await page.request.get(href, { maxRedirects: 0 })).status(), href).toBe(404);
    }
  } finally {
    await context.close();
    await withDatabase(serverOf(testInfo), async (prisma) => {
      await prisma.surveillanceAlert.delete({ where: { id: alertId } });
      await prisma.afmmAffiliate.delete({ where: { id: affiliate.id } });
    });
  }
});

test("AFMM-3: an officer adds a conflict, changes it, and the history shows what changed; a stale edit is refused", async ({ browser }, testInfo) => {
  const tag = crypto.randomBytes(4).toString("hex");
  const context = await browser.newContext({ storageState: await sessionOf(testInfo, "COMPLIANCE_OFFICER") });
  try {
    const page = await context.newPage();
    await page.goto("/afmm/conflicts");
    const create = page.getByRole("form", { name: "Add a conflict to the register" });
    await create.getByLabel("Title").fill(`E2E conflict ${tag}`);
    await create.getByLabel("Description").fill("The affiliate sees the same public book as clients.");
    await create.getByLabel("Owner (platform staff)").selectOption({ index: 1 });
    await create.getByLabel("How it is managed").fill("Surveillance and review.");
    await create.getByLabel("Next review date").fill("2027-06-30");
    await create.getByRole("button", { name: "Add to the register" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added to the register." })).toBeVisible();
    const stale = await context.newPage();
    await stale.goto(page.url());
    const edit = page.getByRole("form", { name: "Change this entry" });
    await edit.getByLabel("Status").selectOption("MITIGATED");
    await edit.getByLabel("What changed and why").fill("Controls in place");
    await edit.getByRole("button", { name: "Save as version 2" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    const version2 = page.getByTestId("conflict-version").filter({ hasText: "Version 2" });
    await expect(version2).toContainText("Controls in place");
    await expect(version2.getByRole("row", { name: /Status/ })).toContainText("Open");
    await expect(version2.getByRole("row", { name: /Status/ })).toContainText("Mitigated");
    // A second tab still on version 1: its save is refused, and says why.
    const staleEdit = stale.getByRole("form", { name: "Change this entry" });
    await staleEdit.getByLabel("What changed and why").fill("Late edit");
    await staleEdit.getByRole("button", { name: "Save as version 2" }).click();
    await expect(staleEdit.getByRole("alert")).toContainText("Someone changed this entry since you opened it");
    await page.goto("/afmm/conflicts");
    await expect(page.getByTestId("conflict-row").filter({ hasText: `E2E conflict ${tag}` })).toContainText("Mitigated");
  } finally {
    await context.close();
  }
});
