/**
 * Lists the catalogue keys that have English text but no Traditional Chinese yet, per namespace, and fails
 * on Chinese keys that English lacks (a stale or misspelt translation would never be shown).
 *   npm run i18n:untranslated             # the list and a count; exit 0
 *   npm run i18n:untranslated -- --strict  # exit 1 while anything is untranslated
 */
import { english, traditionalChinese } from "@/lib/i18n/catalogue";
import { catalogueGaps } from "@/lib/i18n/catalogue-gaps";

const { untranslated, unknown } = catalogueGaps(english, traditionalChinese);
for (const key of untranslated) console.log(key);
console.log(`${untranslated.length} key(s) untranslated in zh-HK`);
if (unknown.length) {
  console.error(`zh-HK has ${unknown.length} key(s) that English lacks:\n  ${unknown.join("\n  ")}`);
  process.exitCode = 1;
} else if (process.argv.includes("--strict") && untranslated.length) {
  process.exitCode = 1;
}
