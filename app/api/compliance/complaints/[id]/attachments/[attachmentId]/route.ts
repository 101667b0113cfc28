import { getComplaintAttachment } from "@/lib/services/complaints/get-complaint-attachment";
import { withRoute } from "@/lib/transport/route-handler";
import { uploadedContentHeaders } from "@/lib/transport/uploaded-content";

export const dynamic = "force-dynamic";

// GET /api/compliance/complaints/{id}/attachments/{attachmentId} — a file sent with a complaint or an
// enquiry (CMP-1, EDU-2), for staff who may read the complaint (the complaint page's permission); each
// download is logged and audited. Others get 401/403; an unknown file, or one of another complaint,
// 404. Always a download under a name with the extension of the type recognised from its bytes, never
// rendered by the browser (nosniff and a sandboxing policy).
export const GET = withRoute<{ id: string; attachmentId: string }>(async (_request, ctx, { id, attachmentId }) => {
  const file = await getComplaintAttachment({ ctx, input: { id, attachmentId } });
  const body = new Blob([file.content], { type: file.mediaType });
  return new Response(body, { headers: uploadedContentHeaders(file) });
});
