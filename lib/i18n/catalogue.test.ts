import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { english, traditionalChinese } from "@/lib/i18n/catalogue";
import { catalogueGaps, messageKeys } from "@/lib/i18n/catalogue-gaps";

function messageAt(catalogue: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
}

/** The arguments and rich-text tags a message expects, which a translation must keep. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`);
      placeholders(element.children, into);
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
  }
  return into;
}

describe("message catalogue in English and Traditional Chinese", () => {
  it("every English message is valid ICU message syntax", () => {
    const broken = messageKeys(english).filter((key) => {
      try {
        parse(String(messageAt(english, key)));
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it("Chinese has no key that English lacks, and keeps each message's placeholders", () => {
    expect(catalogueGaps(english, traditionalChinese).unknown).toEqual([]);
    const mismatched = messageKeys(traditionalChinese).filter((key) => {
      const source = [...placeholders(parse(String(messageAt(english, key))))].sort();
      const translated = [...placeholders(parse(String(messageAt(traditionalChinese, key))))].sort();
      return JSON.stringify(source) !== JSON.stringify(translated);
    });
    expect(mismatched).toEqual([]);
  });

  it("every English message has its Traditional Chinese (the untranslated list is empty)", () => {
    expect(catalogueGaps(english, traditionalChinese).untranslated).toEqual([]);
  });

  it("every Chinese message is valid ICU message syntax and is not left in English", () => {
    const keys = messageKeys(traditionalChinese);
    expect(
      keys.filter((key) => {
        try {
          parse(String(messageAt(traditionalChinese, key)));
          return false;
        } catch {
          return true;
        }
      }),
    ).toEqual([]);
    // A copied English sentence is an untranslated message under another name: a message with three
    // or more English words in a row and no Chinese character at all.
    const leftInEnglish = keys.filter((key) => {
      const text = String(messageAt(traditionalChinese, key));
      return !/[\u3400-\u9fff]/.test(text) && /[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/.test(text.replace(/\{[^}]*\}/g, ""));
    });
    expect(leftInEnglish).toEqual([]);
  });

  it("the gap report names keys missing on either side", () => {
    const gaps = catalogueGaps({ a: { b: "x", c: "y" } }, { a: { b: "x", d: "z" } });
    expect(gaps).toEqual({ untranslated: ["a.c"], unknown: ["a.d"] });
  });
});
