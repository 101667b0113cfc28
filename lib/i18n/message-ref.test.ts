import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  described,
  englishText,
  issueMessage,
  issueMessagesByField,
  isMessageRef,
  messageList,
  msg,
  renderMessage,
  sentence,
  zodIssue,
  zodMessage,
  type Translate,
} from "@/lib/i18n/message-ref";

/** A translator that shows what it was asked, to see how references and their arguments are rendered. */
const echo: Translate = (key, values) => `${key}${values ? JSON.stringify(values) : ""}`;

describe("message references", () => {
  it("render in English from the catalogue, arguments and nested references included", () => {
    expect(englishText(msg("errors.common.forbidden"))).toBe("Your role does not allow this.");
    expect(englishText(msg("errors.auth.locked", { minutes: 15 }))).toBe("Too many failed attempts for this account. Wait 15 minutes, then try again.");
    expect(englishText(msg("validation.users.passwordTooWeak", { rules: msg("validation.users.passwordRules", { min: 12, max: 128 }) }))).toBe(
      "Password too weak: use at least 12 characters (at most 128), including at least one letter and one digit, and not a common or easily guessed password",
    );
  });

  it("render nested references and lists with the same translator, so one message is all in one language", () => {
    const problems = messageList([msg("validation.onboarding.ready.passQuiz"), "as it is"], "; ");
    expect(renderMessage(msg("errors.onboarding.incomplete", { missing: problems }), echo)).toBe(
      'errors.onboarding.incomplete{"missing":"validation.onboarding.ready.passQuiz; as it is"}',
    );
    expect(renderMessage("text outside the catalogue", echo)).toBe("text outside the catalogue");
  });

  it("a pure module's clause reads as a sentence: capital letter, full stop", () => {
    expect(englishText(sentence(msg("validation.suitability.knowledge.dateFuture", { date: "2026-11-21", assessmentDate: "2026-11-20" })))).toBe(
      "2026-11-21 is after the assessment date 2026-11-20.",
    );
    expect(englishText(sentence(msg("validation.suitability.pi.statementDateFuture", { date: "2026-11-21", assessmentDate: "2026-11-20" })))).toBe(
      "Statement date 2026-11-21 is after the assessment date 2026-11-20.",
    );
  });

  it("a described result reads, compares and serialises as its English; the reference rides along unseen", () => {
    const refused = described({ ok: false }, msg("validation.suitability.money.valueZero"));
    expect(refused).toEqual({ ok: false, message: "The value must be greater than zero." });
    expect(JSON.parse(JSON.stringify(refused))).toEqual({ ok: false, message: "The value must be greater than zero." });
    expect(refused.ref).toEqual({ key: "validation.suitability.money.valueZero" });
  });

  it("every key is checked against the English catalogue when the code is compiled", () => {
    // Never called: tsc refuses the line without the directive, and the directive once the key exists.
    const unknownKey = () =>
      // @ts-expect-error no such message in the catalogue
      msg("errors.common.noSuchMessage");
    expect(typeof unknownKey).toBe("function");
    expect(isMessageRef(msg("errors.common.notFound"))).toBe(true);
    expect(isMessageRef("Not found.")).toBe(false);
  });
});

describe("zod messages", () => {
  const schema = z
    .object({
      name: z.string().min(2, zodMessage("validation.users.nameRequired")),
      size: z.string(),
      code: z.number(),
    })
    .superRefine((input, ctx) => {
      if (input.size === "0") ctx.addIssue({ code: "custom", path: ["size"], ...zodIssue(msg("validation.trading.quantity.notPositive", { what: "size" })) });
    });

  it("keep their English text in the issue, and give back the reference they came from", () => {
    const result = schema.safeParse({ name: "x", size: "0", code: 1 });
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues.map((issue) => issue.message)).toEqual(["Enter your full name", "The size must be greater than zero."]);
    expect(issueMessagesByField(issues)).toEqual({
      name: [msg("validation.users.nameRequired")],
      size: [msg("validation.trading.quantity.notPositive", { what: "size" })],
    });
  });

  it("zod's own message, for a check that gives none, stays readable English", () => {
    const result = schema.safeParse({ name: "Ann", size: "1", code: "one" });
    const message = issueMessage(result.error!.issues[0]);
    expect(typeof message).toBe("string");
    expect(message).toMatch(/expected number/);
  });
});
