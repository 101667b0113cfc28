import { describe, expect, it } from "vitest";
import {
  clientRetentionEndsAt,
  complaintRetentionEndsAt,
  erasedEmail,
  erasePersonalStrings,
  HOLD_SCOPES,
  LONGEST_RETENTION_YEARS,
  RECORD_CLASSES,
  retentionEndsAt,
  RETENTION_POLICY,
} from "./policy";

const CREATED = new Date("2018-03-01T00:00:00Z");
const CLOSED = new Date("2020-06-15T12:00:00Z");

describe("retention policy", () => {
  it("REC-2: orders 2 years and accounting and compliance 7 years from creation; CDD 5 years after the relationship ends", () => {
    expect(retentionEndsAt("orders", { createdAt: CREATED, closedAt: null })).toEqual(new Date("2020-03-01T00:00:00Z"));
    expect(retentionEndsAt("accounting", { createdAt: CREATED, closedAt: null })).toEqual(new Date("2025-03-01T00:00:00Z"));
    expect(retentionEndsAt("compliance", { createdAt: CREATED, closedAt: CLOSED })).toEqual(new Date("2025-03-01T00:00:00Z"));
    expect(retentionEndsAt("amlCdd", { createdAt: CREATED, closedAt: CLOSED })).toEqual(new Date("2025-06-15T12:00:00Z"));
    expect(retentionEndsAt("amlCdd", { createdAt: CREATED, closedAt: null })).toBeNull();
  });

  it("REC-2: the default is 7 years from the later of creation and closure, and does not run while the relationship is open", () => {
    expect(retentionEndsAt("clientProfile", { createdAt: CREATED, closedAt: CLOSED })).toEqual(new Date("2027-06-15T12:00:00Z"));
    // Closed before the record was made (a record written after closure): the record's creation counts.
    expect(retentionEndsAt("clientProfile", { createdAt: CLOSED, closedAt: CREATED })).toEqual(new Date("2027-06-15T12:00:00Z"));
    expect(retentionEndsAt("clientProfile", { createdAt: CREATED, closedAt: null })).toBeNull();
  });

  it("REC-2: a client's data expires with the longest class, every period run from the later of creation and closure", () => {
    expect(clientRetentionEndsAt({ createdAt: CREATED, closedAt: CLOSED })).toEqual(new Date("2027-06-15T12:00:00Z"));
    expect(clientRetentionEndsAt({ createdAt: CREATED, closedAt: null })).toBeNull();
    for (const recordClass of RECORD_CLASSES)
      expect(retentionEndsAt(recordClass, { createdAt: CLOSED, closedAt: CLOSED })!.getTime()).toBeLessThanOrEqual(
        clientRetentionEndsAt({ createdAt: CREATED, closedAt: CLOSED })!.getTime(),
      );
  });

  it("REC-2: every period meets its regulatory minimum", () => {
    expect(RETENTION_POLICY.orders.years).toBeGreaterThanOrEqual(2);
    expect(RETENTION_POLICY.accounting.years).toBe(7);
    expect(RETENTION_POLICY.compliance.years).toBe(7);
    expect(RETENTION_POLICY.amlCdd.years).toBeGreaterThanOrEqual(5);
    expect(RETENTION_POLICY.clientProfile).toMatchObject({ years: 7, from: "laterOfCreationOrClosure" });
    // Trading records carry engine account ids only.
    expect(RETENTION_POLICY.orders.personalData).toEqual([]);
  });

  it("REC-7: onboarding JSON loses names, employers and free text but keeps ids, hashes, dates, amounts and choices", () => {
    const draft = {
      category: "individual",
      institutionalBasis: "I am Chan Tai Man",
      portfolio: [
        {
          assetClass: "securities",
          custodianOrIssuer: "HSBC account 123-456",
          valueMinor: "800000000",
          currency: "HKD",
          statementDate: "2019-01-01",
          ownership: { kind: "investment_holding_company", companyName: "Chan Holdings", ownership: { numerator: "1", denominator: "1" } },
          documentId: "d1",
        },
      ],
      workExperience: [{ employer: "Bank", role: "Trader", years: 3, relatesToDerivatives: true, derivativeDuties: "Hedging", documentId: null }],
      training: [{ kind: "external_course", provider: "HKSI", topics: ["options"], completionDate: "2017-05-01", documentId: "d2" }],
      documents: [{ id: "d1", sha256: "ab", fileName: "passport-chan.pdf" }],
      netWorth: { netWorthHkdCents: "100", liquidAssetsHkdCents: "50" },
    };
    const { value, erased } = erasePersonalStrings(draft);
    expect(value).toEqual({
      ...draft,
      institutionalBasis: "",
      portfolio: [{ ...draft.portfolio[0], custodianOrIssuer: "", ownership: { ...draft.portfolio[0].ownership, companyName: "" } }],
      workExperience: [{ ...draft.workExperience[0], employer: "", role: "", derivativeDuties: "" }],
      training: [{ ...draft.training[0], provider: "", topics: [""] }],
      documents: [{ id: "d1", sha256: "ab", fileName: "" }],
    });
    expect(erased).toBe(9);
    expect(JSON.stringify(value)).not.toMatch(/Chan|HSBC|passport/);
  });

  it("REC-2, CMP-1: complaints and enquiries are compliance records kept 7 years from their own closure; an open one never expires", () => {
    expect(RETENTION_POLICY.complaints).toMatchObject({ years: 7, from: "recordClosure" });
    expect(RETENTION_POLICY.complaints.years).toBe(RETENTION_POLICY.compliance.years);
    expect(HOLD_SCOPES).toContain("complaints");
    expect(LONGEST_RETENTION_YEARS).toBe(7);
    // Received long before, closed later: the closure counts, whatever the receipt or the account.
    expect(complaintRetentionEndsAt({ receivedAt: CREATED, closedAt: CLOSED })).toEqual(new Date("2027-06-15T12:00:00Z"));
    expect(complaintRetentionEndsAt({ receivedAt: new Date("2001-01-01T00:00:00Z"), closedAt: null })).toBeNull();
    // 29 February: a calendar year later is 1 March.
    expect(complaintRetentionEndsAt({ receivedAt: CREATED, closedAt: new Date("2024-02-29T00:00:00Z") })).toEqual(new Date("2031-03-01T00:00:00Z"));
  });

  it("REC-2, CMP-1: a client is kept while any complaint of theirs is open or within its period; an earlier complaint does not shorten the client's period", () => {
    const client = { createdAt: CREATED, closedAt: CLOSED };
    const accountEnd = new Date("2027-06-15T12:00:00Z");
    expect(clientRetentionEndsAt(client, [])).toEqual(accountEnd);
    // Closed before the account closed: the account's own end is later.
    expect(clientRetentionEndsAt(client, [{ receivedAt: CREATED, closedAt: new Date("2019-01-01T00:00:00Z") }])).toEqual(accountEnd);
    // Raised and closed after the account closed: the complaint's end wins.
    const late = { receivedAt: new Date("2021-01-01T00:00:00Z"), closedAt: new Date("2022-03-10T00:00:00Z") };
    expect(clientRetentionEndsAt(client, [late])).toEqual(new Date("2029-03-10T00:00:00Z"));
    // Any complaint still open: no end yet, whatever the others.
    expect(clientRetentionEndsAt(client, [late, { receivedAt: CLOSED, closedAt: null }])).toBeNull();
    // And an open relationship is open whatever the complaints.
    expect(clientRetentionEndsAt({ createdAt: CREATED, closedAt: null }, [late])).toBeNull();
  });

  it("REC-7, CMP-1: the complaint log loses file names and free text but keeps kinds, categories, root causes, deadlines, ids, dates and hashes", () => {
    const received = { kind: "complaint", category: "fees_funding", attachments: [{ fileName: "statement Chan.pdf", sha256: "ab" }] };
    expect(erasePersonalStrings(received)).toEqual({ value: { ...received, attachments: [{ fileName: "", sha256: "ab" }] }, erased: 1 });
    for (const kept of [
      { causes: ["system_error", "process_failure"] },
      { deadline: "response", dueAt: "2030-01-01T00:00:00.000Z" },
      { taskId: "t1", dueDate: "2030-01-08" },
      { letterDraftedAt: "2030-01-01T00:00:00.000Z", reviewedById: "u1" },
    ])
      expect(erasePersonalStrings(kept)).toEqual({ value: kept, erased: 0 });
    expect(erasePersonalStrings({ outcome: "We refunded Mr Chan." })).toEqual({ value: { outcome: "" }, erased: 1 });
    expect(RETENTION_POLICY.complaints.personalData).toEqual(
      expect.arrayContaining(["Complaint.text", "Complaint.contactEmail", "Complaint.letterText", "ComplaintEvent.text", "ComplaintAttachment.content"]),
    );
  });

  it("REC-7: the erased e-mail placeholder is unique per user and not an address", () => {
    expect(erasedEmail("u1")).not.toBe(erasedEmail("u2"));
    expect(erasedEmail("u1")).not.toContain("@");
  });
});
