import { env } from "@/lib/env";
import { sfcCoverPdf } from "@/lib/services/incidents/sfc-cover";
import { withRoute } from "@/lib/transport/route-handler";

export const dynamic = "force-dynamic";

// GET /api/compliance/incidents/<id>/sfc-cover[?locale=zh-HK] — the published post-event report under
// its SFC-facing cover, as a PDF; staff who read incidents only, every download audited.
export const GET = withRoute<{ id: string }>(async (request, ctx, { id }) => {
  const locale = request.nextUrl.searchParams.get("locale") === "zh-HK" ? "zh-HK" : "en";
  // The configured public address when there is one: behind a proxy the request's own origin is internal.
  const origin = env().NEXTAUTH_URL?.replace(/\/+$/, "") ?? request.nextUrl.origin;
  const file = await sfcCoverPdf({ ctx, input: { incidentId: id, locale, origin } });
  return new Response(new Uint8Array(file.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
