import { describe, expect, it } from "vitest";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/database-unavailable";
import { msg } from "@/lib/i18n/message-ref";
import { Forbidden, Invalid, Locked, NotFound, Unauthenticated } from "@/lib/services/errors";
import { QuizIncomplete } from "@/lib/services/suitability/quiz-attempts";
import { messagesIn, renderFieldMessages } from "@/lib/transport/messages";

const english = messagesIn("en");
const chinese = messagesIn("zh-HK");

describe("service errors speak the reader's language", () => {
  it("keep their English text as `message` for logs, scripts, tests and the public API", () => {
    expect(new Unauthenticated().message).toBe("Sign in to continue.");
    expect(new Locked(null, 15 * 60_000).message).toBe("Too many failed attempts for this account. Wait 15 minutes, then try again.");
    const wrong = new Invalid(msg("errors.users.currentPasswordWrong"), { currentPassword: [msg("validation.users.currentPasswordWrong")] });
    expect(wrong.message).toBe("Your current password is not correct; nothing was changed.");
    expect(wrong.fieldErrors).toEqual({ currentPassword: ["Your current password is not correct"] });
    expect(new QuizIncomplete(["q1"], 12).message).toBe("Answer every question before submitting: 1 of 12 is unanswered. Nothing was recorded.");
    expect(new QuizIncomplete(["q1", "q2"], 12).message).toBe("Answer every question before submitting: 2 of 12 are unanswered. Nothing was recorded.");
  });

  it("render in English from the reference as the transport does", () => {
    const error = new Forbidden();
    expect(english(error.userMessage)).toBe(error.message);
    const invalid = new Invalid(msg("errors.onboarding.fieldRefused", { problem: msg("validation.onboarding.liquidAboveNetWorth") }), {
      liquidAssetsHkd: [msg("validation.onboarding.liquidAboveNetWorth")],
    });
    expect(english(invalid.userMessage)).toBe("Liquid assets are part of your net worth, so they cannot be larger than it. Nothing was saved.");
    expect(renderFieldMessages(invalid.fieldMessages!, english)).toEqual(invalid.fieldErrors);
  });

  it("render in Traditional Chinese, nested messages included", () => {
    expect(chinese(new Forbidden().userMessage)).toBe("你的角色無權進行此操作。");
    expect(chinese(new Locked(null, 15 * 60_000).userMessage)).toBe("此帳戶的登入失敗次數過多。請等候 15 分鐘後再試。");
    expect(chinese(new NotFound(msg("errors.users.noSuchUser")).userMessage)).toBe("沒有此使用者。");
    // A message inside a message is rendered in the same language.
    expect(chinese(msg("errors.onboarding.fieldRefused", { problem: msg("validation.onboarding.liquidAboveNetWorth") }))).toBe(
      "流動資產屬資產淨值的一部分，因此不可高於資產淨值。未有儲存任何內容。",
    );
  });

  it("a form's database-outage answer is the route handlers' words plus what happened to the form", () => {
    expect(english(msg("errors.transport.databaseUnavailable"))).toBe(`${DATABASE_UNAVAILABLE_MESSAGE} Nothing was changed.`);
  });
});
