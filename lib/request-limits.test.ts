import { describe, expect, it } from "vitest";
import { MAX_REQUEST_BODY_BYTES, oversizedRequestAnswer } from "./request-limits.mjs";

describe("request body limit (a no-JavaScript upload too large for the portal gets a 413 it can act on)", () => {
  it("answers a form post declared over the limit with a 413 page that says what to do and links back to the form", async () => {
    const response = oversizedRequestAnswer("/portal/onboarding/evidence", 20 * 1024 * 1024 + 512);
    expect(response.status).toBe(413);
    expect(response.headers["Content-Type"]).toBe("text/html; charset=utf-8");
    const page = response.body;
    expect(page).toContain("What you sent is 20 MB. Each evidence document can be at most 5 MB, and one form can send at most 16 MB. Nothing was saved.");
    expect(page).toContain('<a href="/portal/onboarding/evidence">Go back to the form</a>');
  });

  it("answers the API in JSON, and a body of unknown size says so", () => {
    const api = oversizedRequestAnswer("/api/portal/anything", MAX_REQUEST_BODY_BYTES + 1);
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body)).toEqual({ error: "The request body is larger than the 16 MB accepted; nothing was changed." });
    expect(oversizedRequestAnswer("/portal/onboarding/evidence").body).toContain("What you sent is too large. Each evidence document");
  });

  it("escapes the path it links back to", () => {
    const response = oversizedRequestAnswer(`/portal/"><script>x</script>`, MAX_REQUEST_BODY_BYTES + 1);
    expect(response.body).toContain('href="/portal/&#34;&#62;&#60;script&#62;x&#60;/script&#62;"');
  });
});
