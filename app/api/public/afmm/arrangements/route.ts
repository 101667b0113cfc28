import { NextResponse } from "next/server";
import { createTranslator } from "next-intl";
import { messagesFor } from "@/lib/i18n/catalogue";
import { getAfmmArrangements } from "@/lib/services/afmm/get-afmm-arrangements";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

const TAGS = { code: (chunks: string) => chunks, link: (chunks: string) => chunks };

// GET /api/public/afmm/arrangements — the AFMM arrangements disclosure (AFMM-6): each line in English with
// the configuration or register paths it renders, the same lines as the page /disclosures/afmm.
export const GET = withPublicRoute("afmm-arrangements", async (_request, _params, ctx) => {
  const data = await getAfmmArrangements({ ctx });
  const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "disclosures.afmmArrangements" });
  const text = (key: string, values: Record<string, string>) => String(t.markup(`lines.${key}` as Parameters<typeof t.markup>[0], { ...values, ...TAGS }));
  return NextResponse.json({
    configHash: data.configHash,
    asOfMs: data.asOfMs,
    lines: data.lines.map((line) => ({ section: line.section, key: line.key, text: text(line.key, line.values), values: line.values, paths: line.paths })),
  });
});
