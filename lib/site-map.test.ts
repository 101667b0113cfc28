import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIENCES, audiencesFor, canOpen, pagesFor, type Viewer } from "@/components/site-map";
import { can, isRole, PERMISSIONS, ROLES, roleSetProblem, type Permission, type Role } from "@/lib/auth/permissions";

/**
 * The navigation offers a reader only pages that open for them: every link of the header and of each
 * section nav is an existing page, and the reader holds the permission that page's own requirePermission
 * asks for (a page refuses a role without it with a 404). The permission is read from the page file, not
 * from the site map, so a page that changes its check without its nav entry fails here.
 */

const PAGES_ROOT = path.resolve(import.meta.dirname, "..", "app", "[locale]");

/** The page file serving a nav href (nav links have no dynamic segments). */
function pageFile(href: string): string {
  return path.join(PAGES_ROOT, ...href.split("/").filter(Boolean), "page.tsx");
}

/** The permission the page checks, from its requirePermission("…") call; undefined for a public page. */
function pagePermission(href: string): Permission | undefined {
  const source = fs.readFileSync(pageFile(href), "utf8");
  const checks = [...source.matchAll(/requirePermission\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1]);
  expect(new Set(checks).size, `${href}: one permission per page`).toBeLessThanOrEqual(1);
  if (checks.length === 0) {
    // A page without requirePermission must not gate itself some other way the nav cannot see.
    expect(source, `${href}: a public page`).not.toMatch(/requireUser\(|requirePermission\(/);
    return undefined;
  }
  expect(checks[0] in PERMISSIONS, `${href}: ${checks[0]} is a permission`).toBe(true);
  return checks[0] as Permission;
}

/** Every role set a user may hold (AFMM-2: one family), plus the signed-out visitor. */
function viewers(): { name: string; viewer: Viewer }[] {
  const sets: Role[][] = [];
  for (let mask = 1; mask < 1 << ROLES.length; mask++) {
    const roles = ROLES.filter((_, i) => mask & (1 << i));
    if (roleSetProblem(roles) === undefined) sets.push(roles);
  }
  return [{ name: "signed out", viewer: null }, ...sets.map((roles) => ({ name: roles.join("+"), viewer: roles }))];
}

/** Whether the page at href opens for the viewer, judged from the page file itself. */
function opensFor(href: string, viewer: Viewer): boolean {
  const permission = pagePermission(href);
  return permission === undefined || (viewer !== null && can(viewer, permission));
}

const allPages = AUDIENCES.flatMap((entry) => entry.pages);
const headerHrefs = (viewer: Viewer) => audiencesFor(viewer).map((entry) => entry.href);

describe("site map and the pages it links to", () => {
  it("every nav href is an existing page under app/[locale], listed once", () => {
    for (const page of allPages) expect(fs.existsSync(pageFile(page.href)), page.href).toBe(true);
    for (const entry of AUDIENCES)
      expect(
        entry.pages.map((page) => page.href),
        entry.id,
      ).toContain(entry.href);
    const hrefs = allPages.map((page) => page.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
  });

  it("each nav entry names the permission its page requires", () => {
    for (const page of allPages) expect(page.permission, page.href).toBe(pagePermission(page.href));
  });

  it("the role names the test walks are the permission table's", () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(viewers().map((v) => v.name)).toEqual(expect.arrayContaining(["signed out", ...ROLES]));
  });

  it("for every role set and the signed-out visitor, every header and section link opens", () => {
    for (const { name, viewer } of viewers()) {
      for (const href of headerHrefs(viewer)) expect(opensFor(href, viewer), `${name}: header ${href}`).toBe(true);
      for (const entry of AUDIENCES)
        for (const page of pagesFor(entry, viewer)) expect(opensFor(page.href, viewer), `${name}: ${entry.id} nav ${page.href}`).toBe(true);
    }
  });

  it("and nothing that opens for them is left out", () => {
    for (const { name, viewer } of viewers())
      for (const entry of AUDIENCES)
        expect(
          pagesFor(entry, viewer).map((page) => page.href),
          `${name}: ${entry.id}`,
        ).toEqual(entry.pages.filter((page) => opensFor(page.href, viewer)).map((page) => page.href));
  });

  it("shows each role its own sections", () => {
    expect(headerHrefs(null)).toEqual(["/disclosures"]);
    expect(headerHrefs(["CLIENT"])).toEqual(["/disclosures", "/portal"]);
    expect(headerHrefs(["AFMM_TRADER"])).toEqual(["/disclosures", "/afmm-desk"]);
    expect(headerHrefs(["ADMIN"])).toEqual(["/disclosures"]);
    for (const role of ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "AUDITOR"] as const)
      expect(headerHrefs([role]), role).toEqual(["/disclosures", "/compliance", "/afmm"]);
    // A member of staff who opens the inbox (under the client section) sees the inbox only there.
    const portal = AUDIENCES.find((entry) => entry.id === "portal")!;
    expect(pagesFor(portal, ["AFMM_TRADER"]).map((page) => page.href)).toEqual(["/portal/inbox"]);
    expect(pagesFor(portal, null)).toEqual([]);
  });

  it("canOpen: public pages for everyone, restricted ones by permission only", () => {
    expect(canOpen({ href: "/disclosures", titleKey: "sections.disclosures.pages.overview" }, null)).toBe(true);
    const desk = { href: "/afmm-desk", titleKey: "sections.afmmDesk.pages.overview", permission: "afmm.own_account.read" } as const;
    expect(canOpen(desk, null)).toBe(false);
    expect(canOpen(desk, ["AFMM_TRADER"])).toBe(true);
    expect(canOpen(desk, ["COMPLIANCE_OFFICER", "RESPONSIBLE_OFFICER", "ADMIN", "AUDITOR"])).toBe(false);
  });
});
