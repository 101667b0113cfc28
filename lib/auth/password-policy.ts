import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

/**
 * How guessable a new password is, by zxcvbn (@zxcvbn-ts): it matches the password against lists of
 * the most common and breached passwords, English words and names, keyboard patterns, dates,
 * sequences and repeats (with l33t substitutions), including the user's own name and email, and
 * scores the guesses an attacker needs from 0 to 4. Used for sign-up and password change
 * (lib/services/users/schemas.ts); the length and character rules stay there.
 */

/** Lowest accepted zxcvbn score: 3 is "safely unguessable" (about 10^8 to 10^10 guesses). */
export const MIN_PASSWORD_SCORE = 3;

// zxcvbn's work grows with length and with l33t substitutions; past 64 characters a password is
// long enough anyway, and bounding substitutions keeps a hostile input to tens of milliseconds.
const MAX_CHECKED_LENGTH = 64;
const MAX_L33T_SUBSTITUTIONS = 16;

let estimator: ZxcvbnFactory | undefined;

/** The dictionaries (a few MB) are loaded once per process, on first use. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    maxLength: MAX_CHECKED_LENGTH,
    l33tMaxSubstitutions: MAX_L33T_SUBSTITUTIONS,
  });
  return estimator;
}

/**
 * Null when the password is strong enough; otherwise the message to show, with zxcvbn's own
 * warning and suggestions. `userInputs` are words from the account (name, email) that make a
 * password easy to guess for someone who knows whose it is.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  const result = zxcvbn().check(password, userInputs.flatMap(words));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return `This password is too common or easy to guess: ${advice(result)}`;
}

function advice(result: ZxcvbnResult): string {
  const parts = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text));
  const text = parts.length ? parts.join(" ") : "Add more words that are less common.";
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** "chan.taiman@example.com" and "Chan Tai Man" give the whole, its parts, and the parts run together ("chantaiman"). */
function words(input: string): string[] {
  const value = input.trim().toLowerCase();
  const local = value.split("@")[0];
  const parts = local.split(/[^\p{L}\p{N}]+/u);
  return [...new Set([value, local, parts.join(""), ...parts].filter((part) => part.length >= 3))];
}
