import { describe, expect, it } from "vitest";
import { clientRetentionEndsAt, erasedEmail, erasePersonalStrings, RECORD_CLASSES, retentionEndsAt, RETENTION_POLICY } from "./policy";

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

  it("REC-7: the erased e-mail placeholder is unique per user and not an address", () => {
    expect(erasedEmail("u1")).not.toBe(erasedEmail("u2"));
    expect(erasedEmail("u1")).not.toContain("@");
  });
});
