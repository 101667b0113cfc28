import { PublicApiError } from "@/lib/services/public-market-data/common";
import { errorText } from "@/lib/transport/messages";

/**
 * A public-data answer for a server-rendered page, or why the engine could not give it: a refusal of
 * the public API (PublicApiError) becomes the reader's text for the page to show; any other error is a
 * fault and propagates.
 */
export async function publicAnswer<T>(load: () => Promise<T>): Promise<{ ok: true; data: T } | { ok: false; reason: string }> {
  try {
    return { ok: true, data: await load() };
  } catch (error) {
    if (!(error instanceof PublicApiError)) throw error;
    return { ok: false, reason: await errorText(error) };
  }
}
