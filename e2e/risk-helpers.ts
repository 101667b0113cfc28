import { expect, type APIRequestContext, type Page } from "@playwright/test";

// Shared by the risk-page specs: RISK_SHOTS_DIR collects their screenshots in one folder for review.
const SHOTS = process.env.RISK_SHOTS_DIR;

export async function shot(page: Page, name: string, testInfo: { outputPath: (name: string) => string }) {
  await page.screenshot({ path: SHOTS ? `${SHOTS}/${name}.png` : testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** A public JSON answer that must be 200. */
export async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

/**
 * Types a scenario's parameters on /admin/scenarios once the page has hydrated: the field is a controlled
 * textarea, and text typed before hydration is merged with the form's template (seen in CI as two JSON
 * objects side by side). The header's sign-out button is enabled only once hydrated.
 */
export async function fillScenarioParameters(page: Page, parameters: Record<string, unknown>): Promise<void> {
  await expect(page.getByRole("button", { name: "Sign out" })).toBeEnabled();
  const field = page.getByLabel("Parameters (JSON)");
  const text = JSON.stringify(parameters);
  await field.fill(text);
  await expect(field).toHaveValue(text);
}
