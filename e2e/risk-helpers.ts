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
