import { NextResponse } from "next/server";
import { getMarkTrail } from "@/lib/services/public-market-data/get-mark-trail";
import { withPublicRoute } from "@/lib/transport/public-route";
import { markTrailInput } from "@/lib/transport/public-query";

export const dynamic = "force-dynamic";

// GET /api/public/markets/{symbol}/mark-trail?from=&to=&format=json|csv&afterSeq= (README "Public API").
export const GET = withPublicRoute<{ symbol: string }>("mark-trail", async (request, { symbol }, ctx) => {
  const trail = await getMarkTrail({ ctx, input: markTrailInput(symbol, request.nextUrl.searchParams) });
  if (trail.query.format === "json") return NextResponse.json(trail.body());
  const headers: Record<string, string> = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${symbol}-mark-trail-${trail.query.from}-${trail.query.to}.csv"`,
    "X-Truncated": String(trail.truncated),
  };
  if (trail.next) headers["Link"] = `<${trail.next}>; rel="next"`;
  // Records of the window up to this seq are archived, not in the file.
  if (trail.archived) headers["X-Archived-Through-Seq"] = String(trail.archived.throughSeq);
  return new Response(trail.csv(), { headers });
});
