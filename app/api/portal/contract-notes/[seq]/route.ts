import { hasLocale } from "next-intl";
import { routing } from "@/lib/i18n/routing";
import { getContractNote } from "@/lib/services/statements/get-contract-note";
import { contractNotePdf } from "@/lib/statements/pdf";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/portal/contract-notes/{seq}?locale=en|zh-HK — the contract note of one of the signed-in
// client's own fills (its journal position), prepared on demand as a PDF. Anyone else's fill is 404.
export const GET = withRoute<{ seq: string }>(async (request, ctx, { seq }) => {
  const note = await getContractNote({ ctx, input: { seq } });
  const requested = request.nextUrl.searchParams.get("locale");
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const pdf = await contractNotePdf(note, locale);
  return new Response(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), {
    headers: {
      "Content-Disposition": `attachment; filename="contract-note-${note.seq}-${locale}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
