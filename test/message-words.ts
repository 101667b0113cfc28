import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

/** The words an ICU message can show: its literal text in every branch, without argument names or select keys. */
export function messageWords(message: string): string {
  return literals(parse(message)).join(" ");
}

function literals(elements: MessageFormatElement[], into: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal) into.push(element.value);
    if (element.type === TYPE.tag) literals(element.children, into);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) literals(option.value, into);
  }
  return into;
}
