import { describe, expect, it } from "vitest";
import { MAX_REQUEST_BODY_BYTES, oversizedRequestResponse } from "./request-size";

const request = (method: string, pathname: string, contentLength?: number) => ({
  method,
  nextUrl: { pathname },
  headers: new Headers(contentLength === undefined ? {} : { "content-length": String(contentLength) }),
});

describe("request body limit (issue-12 point 8: a no-JavaScript upload too large for the portal gets a 413 it can act on)", () => {
  it("answers a form post declared over the limit with a 413 page that says what to do and links back to the form", async () => {
    const response = oversizedRequestResponse(request("POST", "/portal/onboarding/evidence", 20 * 1024 * 1024 + 512))!;
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await response.text();
    expect(page).toContain("What you sent is 20 MB. Each evidence document can be at most 5 MB, and one form can send at most 16 MB. Nothing was saved.");
    expect(page).toContain('<a href="/portal/onboarding/evidence">Go back to the form</a>');
  });

  it("answers the API in JSON, and lets through what is within the limit, undeclared, or not a body at all", async () => {
    const api = oversizedRequestResponse(request("POST", "/api/portal/anything", MAX_REQUEST_BODY_BYTES + 1))!;
    expect(api.status).toBe(413);
    expect(await api.json()).toEqual({ error: "The request body is larger than the 16 MB accepted; nothing was changed." });
    expect(oversizedRequestResponse(request("POST", "/portal/onboarding/evidence", MAX_REQUEST_BODY_BYTES))).toBeNull();
    expect(oversizedRequestResponse(request("POST", "/portal/onboarding/evidence"))).toBeNull();
    expect(oversizedRequestResponse(request("GET", "/portal/onboarding/evidence", MAX_REQUEST_BODY_BYTES + 1))).toBeNull();
  });

  it("escapes the path it links back to", async () => {
    const response = oversizedRequestResponse(request("POST", `/portal/"><script>x</script>`, MAX_REQUEST_BODY_BYTES + 1))!;
    expect(await response.text()).toContain('href="/portal/&#34;&#62;&#60;script&#62;x&#60;/script&#62;"');
  });
});
