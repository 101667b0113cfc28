import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { english, traditionalChinese, type Messages } from "@/lib/i18n/catalogue";
import { TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT, UNITS } from "@/lib/services/public-market-data/schemas";
import {
  PUBLIC_API_CONVENTIONS,
  PUBLIC_API_ENDPOINTS,
  PUBLIC_API_FORMATS,
  PUBLIC_API_RATE_LIMIT,
  renderReferenceText,
  type ReferenceText,
} from "./public-api-reference";

/** Every text the reference names, nested ones included. */
function textsIn(node: unknown, into: ReferenceText[] = []): ReferenceText[] {
  if (typeof node !== "object" || node === null) return into;
  if (typeof (node as { key?: unknown }).key === "string") into.push(node as ReferenceText);
  for (const value of Object.values(node)) textsIn(value, into);
  return into;
}

const TEXTS = textsIn([PUBLIC_API_RATE_LIMIT, PUBLIC_API_CONVENTIONS, PUBLIC_API_FORMATS, PUBLIC_API_ENDPOINTS]);
const KEYS = [...new Set(TEXTS.map((text) => text.key))].sort();

const CATALOGUES = { en: english, "zh-HK": traditionalChinese as Messages } as const;

function messageAt(catalogue: unknown, key: string): unknown {
  return `disclosures.api.reference.${key}`.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

/** The arguments a message reads. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

function renderer(locale: keyof typeof CATALOGUES) {
  const errors: string[] = [];
  const translate = createTranslator({
    locale,
    messages: CATALOGUES[locale],
    namespace: "disclosures.api.reference",
    onError: (error) => errors.push(`${error.code}: ${error.message}`),
  });
  return { errors, render: (text: ReferenceText) => renderReferenceText(text, (key, values) => translate(key, values)) };
}

describe("the public API reference in the catalogue", () => {
  it("names texts at all (the reference's prose is in the catalogue)", () => {
    expect(KEYS.length).toBeGreaterThan(40);
  });

  it.each(["en", "zh-HK"] as const)("every key it names is a message of the %s catalogue itself", (locale) => {
    expect(KEYS.filter((key) => typeof messageAt(CATALOGUES[locale], key) !== "string")).toEqual([]);
  });

  it.each(["en", "zh-HK"] as const)("in %s, each text gives exactly the values its message reads", (locale) => {
    const mismatched = TEXTS.filter((text) => {
      const reads = [...argumentsOf(parse(String(messageAt(CATALOGUES[locale], text.key))))].sort();
      return JSON.stringify(reads) !== JSON.stringify(Object.keys(text.values ?? {}).sort());
    }).map((text) => text.key);
    expect(mismatched).toEqual([]);
  });

  it.each(["en", "zh-HK"] as const)("every text renders in %s without an error or a placeholder left", (locale) => {
    const { errors, render } = renderer(locale);
    for (const text of TEXTS) {
      const rendered = render(text);
      expect(rendered.length, text.key).toBeGreaterThan(0);
      expect(rendered, text.key).not.toContain("disclosures.api.reference");
      // Every value reaches the text (a number per the locale's formatting).
      for (const value of Object.values(text.values ?? {})) if (typeof value === "string") expect(rendered, text.key).toContain(value);
    }
    expect(errors).toEqual([]);
  });

  it("a value left out would be caught: the translator reports it", () => {
    const { errors, render } = renderer("zh-HK");
    render({ key: "endpoints.trades.parameters.limit", values: { max: 1 } });
    expect(errors).toHaveLength(1);
  });

  it("numbers are formatted per locale and durations keep their unit", () => {
    const byPath = Object.fromEntries(PUBLIC_API_ENDPOINTS.map((endpoint) => [endpoint.path, endpoint]));
    const trades = byPath["/api/public/markets/{symbol}/trades"];
    const markTrail = byPath["/api/public/markets/{symbol}/mark-trail"];
    const funding = byPath["/api/public/markets/{symbol}/funding"];
    const max = (locale: string) => new Intl.NumberFormat(locale).format(TRADES_MAX_LIMIT);
    expect(TRADES_MAX_LIMIT).toBeGreaterThanOrEqual(1000);
    expect(renderer("en").render(trades.parameters[0].description)).toBe(`1 to ${max("en")} (default ${TRADES_DEFAULT_LIMIT}).`);
    expect(renderer("zh-HK").render(trades.parameters[0].description)).toBe(`1 至 ${max("zh-HK")}（預設 ${TRADES_DEFAULT_LIMIT}）。`);
    expect(renderer("en").render(markTrail.parameters[0].description)).toContain(
      "Default: the last 1 hour up to the engine's now; to − from at most 24 hours.",
    );
    expect(renderer("zh-HK").render(markTrail.parameters[0].description)).toContain("預設為截至引擎現時的過去 1 小時；to − from 最長 24 小時。");
    expect(renderer("zh-HK").render(funding.parameters[0].description)).toContain("預設為過去 7 日；to − from 最長 366 日。");
    // A literal brace in the prose (a JSON object's fields) survives the message syntax.
    expect(renderer("zh-HK").render(PUBLIC_API_CONVENTIONS.find((c) => c.id === "errors")!.meaning)).toContain('{ "error": "…", "code": "…" }');
  });

  it("the units read in English as every JSON answer's units object states them", () => {
    const { render } = renderer("en");
    for (const unit of ["prices", "sizes", "money", "rates", "times"] as const) {
      const meaning = render(PUBLIC_API_CONVENTIONS.find((convention) => convention.id === unit)!.meaning);
      expect(`${meaning[0].toLowerCase()}${meaning.slice(1, -1)}`).toBe(UNITS[unit]);
      expect(meaning.endsWith(".")).toBe(true);
    }
  });

  it("the Chinese reference is written in Chinese, technical tokens aside", () => {
    const { render } = renderer("zh-HK");
    const notChinese = TEXTS.filter((text) => text.key !== "formats.json" && !/[\u3400-\u9fff]/.test(render(text))).map((text) => text.key);
    expect(notChinese).toEqual([]);
  });
});
