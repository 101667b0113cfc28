/** Dotted keys of every message in a catalogue (nested objects are namespaces, strings are messages). */
export function messageKeys(catalogue: unknown, prefix = ""): string[] {
  if (typeof catalogue === "string") return [prefix];
  if (typeof catalogue !== "object" || catalogue === null) return [];
  return Object.entries(catalogue).flatMap(([key, value]) => messageKeys(value, prefix ? `${prefix}.${key}` : key));
}

/** English keys without a translation, and translated keys English does not have. */
export function catalogueGaps(english: unknown, translation: unknown): { untranslated: string[]; unknown: string[] } {
  const source = new Set(messageKeys(english));
  const translated = new Set(messageKeys(translation));
  return {
    untranslated: [...source].filter((key) => !translated.has(key)),
    unknown: [...translated].filter((key) => !source.has(key)),
  };
}
