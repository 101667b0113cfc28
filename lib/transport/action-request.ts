import { Readable } from "node:stream";
// The multipart parser Next itself feeds server-action bodies to (app-render/action-handler.js), so a
// body this check passes is one Next's parser accepts.
import busboy from "next/dist/compiled/busboy";

/**
 * Whether the body of a server-action request can be decoded, checked before Next does: Next and
 * React answer a body they cannot decode (invalid JSON, a malformed multipart part, arguments that
 * are not a list, a reference to a part that is not there) with a 500, as if the portal had failed.
 * Here such a body is refused with a 400 instead. Used by proxy.ts.
 *
 * React encodes an action's arguments as JSON (a text/plain body, or the field "0" of a multipart
 * body when a FormData travels along). A string that starts with "$" is a reference in that
 * encoding; only the kinds this portal's forms produce are accepted: an escaped "$" ("$$…"),
 * undefined, the special numbers, a FormData ("$K1", whose fields follow as "_1_name"), a bigint
 * ("$n…") and a date ("$D…"). Everything else (promises, maps, sets, blobs, streams, server and
 * temporary references) no form here sends, and it is where React's decoder fails on bad input.
 */

export interface ActionRequestRefusal {
  status: 400;
  message: string;
}

const REFUSAL: ActionRequestRefusal = { status: 400, message: "The form submission could not be read; nothing was changed." };

const REFERENCE = /^\$(?:\$[\s\S]*|undefined|NaN|-?Infinity|-0|K[0-9a-f]{1,8}|n-?\d{1,100}|D\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)$/;
const MAX_DEPTH = 64;
/**
 * Half of React's budget for a reply (1e6 "slots": array elements plus the characters of strings
 * inside arrays), past which its decoder throws. Counted over the whole model, so conservatively.
 */
const MAX_SLOTS = 500_000;

/** Whether `text` is an encoded model React can decode; the root (the argument list) must be an array. */
export function isDecodableModel(text: string, root: boolean): boolean {
  const value = parse(text);
  return value !== undefined && (!root || Array.isArray(value)) && withinBudget(value);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Depth, size and references of a parsed model: what React's decoder handles without throwing. */
function withinBudget(value: unknown, reference = REFERENCE): boolean {
  let slots = 0;
  const visit = (node: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH || ++slots > MAX_SLOTS) return false;
    if (typeof node === "string") return (slots += node.length) <= MAX_SLOTS && (!node.startsWith("$") || reference.test(node));
    if (node === null || typeof node !== "object") return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    return children.every((child) => visit(child, depth + 1));
  };
  return visit(value, 0);
}

/**
 * A form posted without JavaScript by a page whose form keeps state (useActionState) names its
 * action in "$ACTION_REF_n" and describes it in "$ACTION_n:0" as { id, bound: "$@k" }, the bound
 * arguments (the previous state) following in "$ACTION_n:k" as a list. React reads each of these
 * without checking its shape; a missing or malformed one makes it throw.
 */
function boundActionProblem(fields: Map<string, string>): boolean {
  for (const name of fields.keys()) {
    const ref = /^\$ACTION_REF_(\d+)$/.exec(name);
    if (!ref) continue;
    const prefix = `$ACTION_${ref[1]}:`;
    const meta = parse(fields.get(`${prefix}0`) ?? "") as { id?: unknown; bound?: unknown } | undefined;
    if (meta === null || typeof meta !== "object" || Array.isArray(meta) || typeof meta.id !== "string" || meta.id.length > 100) return true;
    if (meta.bound !== null) {
      const chunk = typeof meta.bound === "string" ? /^\$@([0-9a-f]{1,8})$/.exec(meta.bound) : null;
      if (!chunk || !isDecodableModel(fields.get(`${prefix}${parseInt(chunk[1], 16)}`) ?? "", true)) return true;
    }
  }
  return false;
}

/**
 * Why the body of a server-action request cannot be decoded, or null when it can. `fetchAction`:
 * the request carries Next-Action (sent by the page's JavaScript); otherwise it is a form posted
 * without JavaScript, which Next reads with the platform's FormData parser.
 */
export async function actionRequestProblem(contentType: string, fetchAction: boolean, body: Uint8Array): Promise<ActionRequestRefusal | null> {
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data") {
    if (!fetchAction) return null;
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      return REFUSAL;
    }
    return isDecodableModel(text, true) ? null : REFUSAL;
  }
  const fields = fetchAction ? await busboyFields(contentType, body) : await platformFields(contentType, body);
  if (fields === null) return REFUSAL;
  if (fetchAction) {
    const root = fields.get("0");
    if (root === undefined || !isDecodableModel(root, true)) return REFUSAL;
    for (const [name, value] of fields) if (name !== "0" && /^\d+$/.test(name) && !isDecodableModel(value, false)) return REFUSAL;
  } else if (boundActionProblem(fields)) {
    return REFUSAL;
  }
  return null;
}

/** The text fields of a multipart body as busboy (Next's parser for fetch actions) reads it, or null when it cannot. */
function busboyFields(contentType: string, body: Uint8Array): Promise<Map<string, string> | null> {
  return new Promise((resolve) => {
    const fields = new Map<string, string>();
    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({ defParamCharset: "utf8", headers: { "content-type": contentType } });
    } catch {
      resolve(null);
      return;
    }
    let unsupported = false;
    parser.on("field", (name: string, value: string) => fields.set(name, value));
    parser.on("file", (name: string, stream: Readable, info: { encoding: string }) => {
      // React refuses base64-encoded parts, and a file where the argument list belongs.
      if (info.encoding.toLowerCase() === "base64" || /^\d+$/.test(name)) unsupported = true;
      stream.on("error", () => resolve(null));
      stream.resume();
    });
    parser.on("error", () => resolve(null));
    parser.on("close", () => resolve(unsupported ? null : fields));
    Readable.from([Buffer.from(body)]).pipe(parser);
  });
}

/** The text fields of a multipart body as the platform's FormData parser (Next's for forms posted without JavaScript) reads it, or null. */
async function platformFields(contentType: string, body: Uint8Array): Promise<Map<string, string> | null> {
  try {
    const form = await new Response(Buffer.from(body), { headers: { "content-type": contentType } }).formData();
    const fields = new Map<string, string>();
    for (const [name, value] of form) if (typeof value === "string") fields.set(name, value);
    return fields;
  } catch {
    return null;
  }
}
