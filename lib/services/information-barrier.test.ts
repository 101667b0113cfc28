import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";

/**
 * AFMM-7 access logging: every service verb that authorizes a permission granting sight of client data
 * either records the read (recordClientDataAccess) or is listed here with the reason it need not.
 * The source is read, not run, so a new verb that forgets the log fails this test the day it is added.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVICES = path.join(ROOT, "lib/services");

/** Files that authorize such a permission but return no client identities (paths from lib/services). */
const NO_CLIENT_IDENTITIES: Record<string, string> = {
  "access-review/export-access-review.ts": "the CSV of generateAccessReview, which logs the read itself",
  "audit-log/verify-audit-log.ts": "checks the hash chain and returns positions and hashes, no entries",
  "incidents/internal.ts": "the incident workflow's authorization helper; its verbs return counts of clients, never who they are",
  "incidents/get-incident.ts": "returns the incident, its report and the staff who worked it; clients only as counts",
  "incidents/list-incidents.ts": "returns incidents by market and status; no client named",
  "incidents/sfc-cover.ts": "the published report under its SFC cover: what the public report already shows, clients only as counts",
  "afmm/list-reviews.ts": "the queue lists rules, markets, times and staff assignees; no client named",
  "afmm/assign-review.ts": "writes an assignment; returns the status and the staff assignee",
  "afmm/comment-review.ts": "writes a staff comment; returns its id",
  "afmm/decide-review.ts": "writes a decision on an item opened through a logged read; returns status and record ids",
  "afmm/generate-afmm-mi.ts": "the monthly MI counts trades, alerts and reviews by market, rule and outcome; no client named",
  "afmm/get-afmm-mi-report.ts": "a stored monthly MI report: aggregates only, no client named",
  "afmm/export-afmm-mi-report.ts": "the CSV or PDF of a stored monthly MI report: aggregates only",
  "afmm/list-afmm-mi-reports.ts": "lists stored monthly MI reports (month, time, staff who generated it); no client named",
  "retention/retention.ts": "counts of clients per record class, and holds naming a client by user id only; holds and purges are audited",
  "registers/read-registers.ts": "the incident and personnel registers and their tasks name staff only, no client",
  "complaints/handling.ts": "writes a step on a complaint the officer opened through a logged read; returns its id and whether it was late",
  "complaints/outcome.ts":
    "writes the outcome letter, its review or the closure of a complaint opened through a logged read; returns ids and the officer's own letter",
  "complaints/fdrc-referral.ts": "writes a referral and its SFC task on a complaint opened through a logged read; returns ids and the due date",
  "reports/report-packs.ts": "report packs hold per-market and per-category aggregates and staff ids only, no client named; each download is audited",
  "afmm/get-afmm-governance.ts": "the AFMM registers name the affiliate and platform staff only, no client",
  "conflicts/list-conflicts.ts": "the conflicts register names its staff owners only",
  "conflicts/get-conflict.ts": "a register entry and its versions name staff only",
  "conflicts/export-conflicts.ts": "the register as CSV names staff only",
  "conflicts/list-attestation-status.ts": "policy attestations of staff, no client",
  "suitability/decide-review.ts": "writes a decision on a case the officer opened through a logged read; returns the decision only",
  "suitability/decide-circumstance-change.ts": "writes a decision; returns the decision only",
  "suitability/assess-authorised-trader.ts": "writes an assessment; returns the assessment's id",
  "suitability/confirm-knowledge-record.ts": "writes a confirmation; returns nothing about the client",
  "suitability/record-cpi-assessment.ts": "writes an assessment; returns the assessment's id and version",
  "suitability/revoke-pi-status.ts": "writes a revocation; returns nothing about the client",
  "users/set-user-roles.ts": "an administrator's write to a user they chose from the logged directory; returns that user's roles",
};

function serviceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serviceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const exposing = new Set((Object.keys(PERMISSIONS) as Permission[]).filter((permission) => PERMISSIONS[permission].exposesClientData));

function exposingPermissionsIn(source: string): string[] {
  return [...source.matchAll(/authorize\(\s*ctx\s*,\s*"([^"]+)"\s*\)/g)]
    .map((match) => match[1])
    .filter((permission) => exposing.has(permission as Permission));
}

describe("AFMM-7: staff reads of client data are logged", () => {
  const files = serviceFiles(SERVICES).map((file) => ({ rel: path.relative(SERVICES, file).split(path.sep).join("/"), source: fs.readFileSync(file, "utf8") }));
  const relevant = files.filter((file) => exposingPermissionsIn(file.source).length > 0);

  it("AFMM-7: the scan finds the verbs that read client data (it is not vacuous)", () => {
    expect(relevant.map((file) => file.rel)).toEqual(
      expect.arrayContaining(["audit-log/list-audit-entries.ts", "suitability/get-review-case.ts", "users/list-users.ts"]),
    );
  });

  it("AFMM-7: every verb authorizing a client-data permission records the read, or is listed with a reason", () => {
    const missing = relevant
      .filter((file) => !file.source.includes("recordClientDataAccess(") && !(file.rel in NO_CLIENT_IDENTITIES))
      .map((file) => `${file.rel}: ${exposingPermissionsIn(file.source).join(", ")}`);
    expect(missing).toEqual([]);
  });

  it("AFMM-7: the allow-list names only files that exist, authorize such a permission and do not log (no stale entries)", () => {
    const stale = Object.keys(NO_CLIENT_IDENTITIES).filter((rel) => {
      const file = files.find((candidate) => candidate.rel === rel);
      return !file || exposingPermissionsIn(file.source).length === 0 || file.source.includes("recordClientDataAccess(");
    });
    expect(stale).toEqual([]);
    for (const reason of Object.values(NO_CLIENT_IDENTITIES)) expect(reason.length).toBeGreaterThan(10);
  });

  it("AFMM-7: no permission that exposes client data is granted to the AFMM trader", () => {
    for (const permission of exposing) expect(PERMISSIONS[permission].roles as readonly string[]).not.toContain("AFMM_TRADER");
  });
});
