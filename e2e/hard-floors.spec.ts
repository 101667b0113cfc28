import { expect, test } from "@playwright/test";
import { shot } from "./risk-helpers";

// MRG-5 / MRG-2: the methodology page lists the hard floors (rendered from the engine's HARD_FLOORS)
// and the retail spot listing registry in force, in both languages.

test("MRG-5 / MRG-2: the methodology page states the hard floors and the spot listings behind the perpetuals", async ({ page }, testInfo) => {
  await page.goto("/en/disclosures/methodology");
  const floors = page.getByTestId("hard-floors");
  await expect(floors.getByRole("heading", { name: "Hard floors" })).toBeVisible();
  await expect(floors).toContainText("At least 3 independent index sources are configured.");
  await expect(floors).toContainText("at most ±10%");
  await expect(floors).toContainText("between 1 s and 2 min");
  const listings = page.getByTestId("spot-listings");
  await expect(listings.getByRole("row")).toHaveCount(3);
  await expect(listings).toContainText("Bitcoin");
  await expect(listings).toContainText("Ether");
  await shot(page, "methodology-hard-floors-en", testInfo);

  await page.goto("/zh-HK/disclosures/methodology");
  await expect(page.getByTestId("hard-floors").getByRole("heading", { name: "硬性下限" })).toBeVisible();
  const zhListings = page.getByTestId("spot-listings");
  await expect(zhListings).toContainText("比特幣");
  await expect(zhListings).not.toContainText("Bitcoin");
  await shot(page, "methodology-hard-floors-zh-HK", testInfo);
});
