import { expect, test } from "@playwright/test";

// The language is part of the address: English unprefixed (the default), Traditional Chinese under /zh-HK.

test("the language is in the address: English unprefixed, Traditional Chinese under /zh-HK, each with its lang", { tag: "@smoke" }, async ({ page }) => {
  await page.goto("/disclosures");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-HK");
  await expect(page.getByRole("link", { name: "HK Perps Disclosure & Compliance Portal" })).toBeVisible();

  await page.goto("/zh-HK/disclosures");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant-HK");
  await expect(page.getByRole("link", { name: "香港永續合約披露及合規平台" })).toBeVisible();

  const english = await page.request.get("/en/disclosures", { maxRedirects: 0 });
  expect(english.status(), "/en/… is the unprefixed English address").toBe(307);
  expect(new URL(english.headers().location, "http://x").pathname).toBe("/disclosures");
});

test("the language switch opens the same page in the other language and the choice is remembered", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/disclosures/insurance-fund");
  const languages = page.getByRole("navigation", { name: "Language" });
  await languages.getByRole("link", { name: "繁體中文" }).click();
  await expect(page).toHaveURL(/\/zh-HK\/disclosures\/insurance-fund$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant-HK");

  // An unprefixed link followed later leads back to the chosen language.
  await page.goto("/disclosures/markets");
  await expect(page).toHaveURL(/\/zh-HK\/disclosures\/markets$/);

  await page.getByRole("navigation", { name: "語言" }).getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/disclosures\/markets$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en-HK");
  await page.goto("/disclosures");
  await expect(page).toHaveURL(/\/disclosures$/);
  await context.close();
});

test("an unknown address is a 404 in either language, with that language's page", async ({ page }) => {
  const english = await page.goto("/no-such-page");
  expect(english?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const chinese = await page.goto("/zh-HK/no-such-page");
  expect(chinese?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "找不到頁面" })).toBeVisible();
});
