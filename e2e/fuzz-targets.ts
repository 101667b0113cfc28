import fs from "node:fs";
import path from "node:path";

/**
 * What the fuzz suite attacks, read from the code rather than listed by hand: every route handler
 * under app/api with the methods it exports, every page under app, every server action in the
 * build's server-reference manifest (with the page it is posted to), and the field and parameter
 * names the forms and query schemas use.
 */

const ROOT = path.resolve(import.meta.dirname, "..");

export interface RouteTarget {
  /** e.g. /api/public/markets/[symbol]/trades */
  pattern: string;
  methods: string[];
}

export interface ActionTarget {
  id: string;
  name: string;
  /** The page the action is posted to, e.g. /portal/positions. */
  page: string;
  /** Form actions take (previousState, formData); the others take plain values. */
  form: boolean;
  /** The action ignores its arguments, so whatever is posted it may do its one thing (state may change). */
  ignoresInput: boolean;
}

function walk(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, name);
    return entry.name === name ? [full] : [];
  });
}

/**
 * app/[locale]/portal/positions/page.tsx → /portal/positions: route groups "(x)" vanish, and so does the
 * language segment (English, the default, has no prefix; the proxy adds it internally).
 */
function urlPattern(file: string): string {
  const relative = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((part) => part && part !== "[locale]" && !/^\(.*\)$/.test(part));
  return `/${relative.join("/")}`;
}

const METHOD = /export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b|\bas\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g;

export function apiRoutes(): RouteTarget[] {
  return walk(path.join(ROOT, "app/api"), "route.ts")
    .map((file) => ({ pattern: urlPattern(file), methods: [...new Set([...fs.readFileSync(file, "utf8").matchAll(METHOD)].map((m) => m[1] ?? m[2]))] }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export function pageRoutes(): string[] {
  return walk(path.join(ROOT, "app"), "page.tsx").map(urlPattern).sort();
}

export function serverActions(): ActionTarget[] {
  const manifestFile = path.join(ROOT, ".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
    node: Record<string, { exportedName: string; filename: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node)
    .map(([id, entry]) => {
      const source = fs.readFileSync(path.join(ROOT, entry.filename), "utf8");
      const signature = new RegExp(`export\\s+async\\s+function\\s+${entry.exportedName}\\s*\\(([^)]*)\\)`).exec(source);
      const params = (signature?.[1] ?? "")
        .split(",")
        .map((param) => param.trim())
        .filter(Boolean);
      const worker = Object.keys(entry.workers)[0] ?? "app/page";
      return {
        id,
        name: entry.exportedName,
        page: urlPattern(path.join(ROOT, `${worker}.tsx`)),
        form: params.some((param) => /:\s*FormData\b/.test(param)),
        ignoresInput: params.every((param) => param.startsWith("_")),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Names the forms post (name="…" in app and components) and the query schemas read. */
export function fieldNames(): string[] {
  const names = new Set<string>();
  for (const dir of ["app", "components"]) {
    for (const file of [...walk(path.join(ROOT, dir), "page.tsx"), ...listTsx(path.join(ROOT, dir))]) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/\bname="([A-Za-z_][\w:-]*)"/g)) names.add(m[1]);
    }
  }
  for (const file of [...listTs(path.join(ROOT, "lib/services")), ...listTs(path.join(ROOT, "lib/suitability"))]) {
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/^\s+(\w+):\s*(?:z\b|instant\(|positiveInt\(|nonNegativeInt\(|isoDate\b|text\(|numberText\b|checkbox\b)/gm))
      names.add(m[1]);
  }
  for (const file of [...listTs(path.join(ROOT, "lib")), ...listTs(path.join(ROOT, "app"))]) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/searchParams\.get\("(\w+)"\)/g)) names.add(m[1]);
  }
  return [...names].sort();
}

function listTsx(dir: string): string[] {
  return listBy(dir, /\.tsx$/);
}
function listTs(dir: string): string[] {
  return listBy(dir, /(?<!\.test)\.ts$/);
}
function listBy(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listBy(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}
