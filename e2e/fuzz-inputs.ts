import fc from "fast-check";

/**
 * Hostile inputs for the fuzz suite: the values an attacker (or a broken client) sends where the
 * portal expects a name, an amount, a date or an id.
 */

/** Fixed payloads aimed at known weak spots: parsers, regular expressions, templates, SQL, prototypes. */
const PAYLOADS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\r\n\r\nX-Injected: 1",
  "\u202e\u0301\ufeff",
  "\ud800",
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%00",
  "%",
  "%%%",
  "' OR '1'='1",
  '1; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "//evil.example/phish",
  "/\t/evil.example",
  "__proto__",
  "constructor",
  "prototype",
  "${7*7}",
  "{{7*7}}",
  "%s%s%s%n",
  "-1",
  "0",
  "-0",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e308",
  "1e-308",
  "0x1f",
  "1_000",
  "1,000.00",
  "9007199254740993",
  "2147483648",
  "１２３",
  "١٢٣",
  "  12  ",
  ".5",
  "5.",
  "1.2.3",
  "2026-13-45",
  "2026-02-31",
  "0000-00-00",
  "9999-12-31T23:59:59.999Z",
  "2026-01-01T08:00:00+25:00",
  "1767225600000",
  "00000000-0000-0000-0000-000000000000",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"__proto__":{"admin":true}}',
  "$@1",
  "$K1",
  "$Q0",
  "$n99999999999999999999",
  "$D2026-13-45",
  "$undefined",
  "$$",
  "BTC-PERP",
  "USD",
  "on",
  "APPROVE",
  "ADMIN",
  "fees.takerFeeRate",
  "client@demo.hkperps.example",
];

/** Long inputs that once froze parsers or quadratic regular expressions, and generic floods. */
const long = fc.oneof(
  fc.integer({ min: 10, max: 200_000 }).map((n) => "9".repeat(n)),
  fc.integer({ min: 10, max: 1_000_000 }).map((n) => "1" + "0".repeat(n)),
  fc.integer({ min: 100, max: 100_000 }).map((n) => "0".repeat(n) + "1"),
  fc.integer({ min: 100, max: 50_000 }).map((n) => "a".repeat(n) + "!"),
  fc.integer({ min: 100, max: 50_000 }).map((n) => "-".repeat(n)),
  fc.integer({ min: 1_000, max: 1_000_000 }).map((n) => "A".repeat(n)),
  fc.integer({ min: 10, max: 5_000 }).map((n) => "[".repeat(n)),
);

/** A hostile string: a payload, random unicode, a huge number, or a long flood. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 64 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 60n), max: 10n ** 60n }).map(String) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: long },
);

/** Short hostile strings, for places that cannot carry much (URL paths, header-bound query strings). */
export const hostileShortString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 32 }) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 4_000 }).map((n) => "9".repeat(n)) },
);

const KEYS = ["__proto__", "constructor", "prototype", "toString", "then", "$$typeof", ""];

/** A hostile JSON-able value: wrong types, nesting, prototype keys, huge numbers. */
export function hostileJson(names: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.constantFrom(...names), fc.constantFrom(...KEYS), hostileShortString);
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 6, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1) },
      { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 5 }) },
      { weight: 2, arbitrary: fc.dictionary(key, tie("value"), { maxKeys: 6 }) },
      { weight: 1, arbitrary: fc.integer({ min: 50, max: 3_000 }).map(nested) },
    ),
  }));
  return value;
}

/** An object of named fields, some known to the code, some not; sometimes a field is repeated or missing. */
export function hostileFields(names: readonly string[]): fc.Arbitrary<Array<[string, string]>> {
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...KEYS) },
    { weight: 1, arbitrary: hostileShortString },
  );
  return fc.array(fc.tuple(name, hostileString), { maxLength: 10 });
}

/** JSON nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A client address the portal (behind TRUSTED_PROXY_HOPS=2) takes from X-Forwarded-For. */
export const clientIp = fc.ipV4();
