import { NextResponse } from "next/server";
import { validatePublishedReport } from "@/lib/incidents/published-schema";
import { getPublishedIncident } from "@/lib/services/incidents/get-published-incident";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /disclosures/incidents/<id>/report.json — the published report, byte for byte what was published
// and hashed (canonical JSON), checked against its published JSON Schema before it is served. Public, no sign-in.
export const GET = withPublicRoute<{ id: string }>("incident-reports", async (_request, { id }, ctx) => {
  const published = await getPublishedIncident({ ctx, input: { incidentId: id } });
  const check = validatePublishedReport(published.document);
  if (!check.ok) {
    console.error(`published report ${published.id} does not match its schema: ${check.problems.slice(0, 5).join("; ")}`);
    return NextResponse.json({ error: "The published report does not match its schema." }, { status: 500 });
  }
  return new Response(published.text, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="incident-report-${published.id}.json"`,
      ETag: `"${published.hash}"`,
      // A published report never changes.
      "Cache-Control": "public, max-age=3600",
    },
  });
});
