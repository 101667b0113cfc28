import { PUBLISHED_REPORT_JSON_SCHEMA } from "@/lib/incidents/published-schema";
import { withPublicRoute } from "@/lib/transport/public-route";

export const dynamic = "force-dynamic";

// GET /disclosures/incidents/schema/v1.json — the JSON Schema of published post-event reports (version 1).
export const GET = withPublicRoute("incident-reports", async () => {
  return new Response(JSON.stringify(PUBLISHED_REPORT_JSON_SCHEMA, null, 2), {
    headers: { "Content-Type": "application/schema+json; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
});
