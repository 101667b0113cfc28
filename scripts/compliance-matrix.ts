import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import type { ComplianceMatrix, MatrixArea, MatrixRequirement, MatrixTest } from "../lib/compliance-matrix/matrix";

/**
 * The compliance matrix: every requirement in docs/requirements.md with the tests whose titles name
 * it. Test titles are read from the source (never by running the tests), so the matrix says which
 * tests name a requirement in this build, not whether they passed.
 *
 *   tsx scripts/compliance-matrix.ts           writes the matrix (COMPLIANCE_MATRIX_FILE, git-ignored)
 *   tsx scripts/compliance-matrix.ts --check   also fails when a test title names an ID the catalogue lacks
 *
 * `npm run build`, `npm start` (before its build) and `npm test` (before the type check) run it,
 * because the compliance page imports the file it writes.
 */

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");
export const CATALOGUE_FILE = "docs/requirements.md";
export const COMPLIANCE_MATRIX_FILE = "lib/compliance-matrix/compliance-matrix.generated.json";

export type Requirement = Omit<MatrixRequirement, "tests">;
export type Area = Pick<MatrixArea, "prefix" | "name">;

export interface Catalogue {
  areas: Area[];
  requirements: Requirement[];
}

export interface TestTitle extends MatrixTest {
  line: number;
}

/** Shaped like a requirement ID: a prefix of capitals, a hyphen and a number ("PI-2", "AFMM-10"). */
const ID_TOKEN = /\b([A-Z]{2,6})-(\d+)\b/g;
const AREA_HEADING = /^##\s+(.+?)\s+\(([A-Z]{2,6})\)\s*$/;
const CERTAINTY = /\[([PSMID](?:\/[PSMID])*)\]/g;

/**
 * docs/requirements.md: one `## Area name (PREFIX)` heading per area, then a table whose rows are
 * `| ID | Requirement | Source | Certainty | How it is verified |`. Rows before the first area
 * heading, header and separator rows, and tables in other sections are ignored.
 */
export function parseCatalogue(markdown: string): Catalogue {
  const areas: Area[] = [];
  const requirements: Requirement[] = [];
  const seen = new Set<string>();
  let area: Area | undefined;
  markdown.split("\n").forEach((line, index) => {
    if (line.startsWith("## ")) {
      const heading = AREA_HEADING.exec(line);
      area = heading ? { name: heading[1], prefix: heading[2] } : undefined;
      if (area) areas.push(area);
      return;
    }
    if (!area || !line.startsWith("|")) return;
    const cells = splitRow(line);
    if (!/^[A-Z]{2,6}-\d+$/.test(cells[0] ?? "")) return;
    const [id, text, source, certainty, verification] = cells;
    const where = `${CATALOGUE_FILE}:${index + 1}`;
    if (cells.length !== 5) throw new Error(`${where}: ${id} has ${cells.length} cells, expected 5 (ID, requirement, source, certainty, verification)`);
    if (!id.startsWith(`${area.prefix}-`)) throw new Error(`${where}: ${id} is listed under ${area.name} (${area.prefix})`);
    if (seen.has(id)) throw new Error(`${where}: ${id} is listed twice`);
    const tags = [...certainty.matchAll(CERTAINTY)].flatMap((match) => match[1].split("/"));
    if (tags.length === 0) throw new Error(`${where}: ${id} has no certainty tag ([P], [S], [M], [I] or [D])`);
    seen.add(id);
    requirements.push({ id, area: area.prefix, text, source, certainty: [...new Set(tags)], verification });
  });
  return { areas, requirements };
}

/** Splits a Markdown table row into its cells; `\|` inside a cell is a literal bar. */
function splitRow(line: string): string[] {
  const body = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return body.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/** Requirement-shaped tokens in a title, in order of first appearance. */
export function idsIn(text: string): string[] {
  return [...new Set([...text.matchAll(ID_TOKEN)].map((match) => match[0]))];
}

const TEST_ROOTS = new Set(["it", "test", "describe", "suite", "bench"]);
/** Members that run code around tests or configure them rather than declaring one. */
const NOT_A_TEST = new Set([
  "beforeAll",
  "beforeEach",
  "afterAll",
  "afterEach",
  "step",
  "use",
  "extend",
  "configure",
  "info",
  "setTimeout",
  "slow",
  "expect",
  "fail",
]);

/**
 * Every test title a Vitest or Playwright file declares, found in its syntax tree: calls of `it`,
 * `test`, `describe` and their modifiers (`.skip`, `.only`, `.each(...)`, `test.describe.serial`, …).
 * A title built from a template keeps its placeholders as written (`${symbol}`), so an ID in the
 * fixed text is still found.
 */
export function extractTestTitles(source: string, file: string): TestTitle[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const constants = stringConstants(sourceFile);
  const titles: TestTitle[] = [];
  const describes: string[] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const kind = testCallKind(node);
      const first = node.arguments[0];
      if (kind && first) {
        const title = titleText(first, sourceFile, constants);
        if (title !== undefined) {
          const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
          if (kind === "describe") {
            describes.push(title);
            node.arguments.slice(1).forEach(visit);
            describes.pop();
            return;
          }
          titles.push({ file, line, title: [...describes, title].join(" › ") });
          node.arguments.slice(1).forEach(visit);
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return titles;
}

/** "test" or "describe" when the call declares one, else undefined. */
function testCallKind(call: ts.CallExpression): "test" | "describe" | undefined {
  // it.each(table)("title", fn): the callee is itself a call.
  let callee: ts.Expression = call.expression;
  if (ts.isCallExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && ["each", "for"].includes(callee.expression.name.text)) {
    callee = callee.expression.expression;
  }
  const names: string[] = [];
  while (ts.isPropertyAccessExpression(callee)) {
    names.unshift(callee.name.text);
    callee = callee.expression;
  }
  if (!ts.isIdentifier(callee) || !TEST_ROOTS.has(callee.text)) return undefined;
  if (names.some((name) => NOT_A_TEST.has(name))) return undefined;
  return callee.text === "describe" || callee.text === "suite" || names.includes("describe") ? "describe" : "test";
}

/** `const NAME = "text"` at any level of the file, for titles passed by name. */
function stringConstants(sourceFile: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    ) {
      const text = titleText(node.initializer, sourceFile, constants);
      if (text !== undefined) constants.set(node.name.text, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return constants;
}

function titleText(node: ts.Expression, sourceFile: ts.SourceFile, constants: Map<string, string>): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `\${${span.expression.getText(sourceFile)}}${span.literal.text}`).join("");
  }
  if (ts.isParenthesizedExpression(node)) return titleText(node.expression, sourceFile, constants);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = titleText(node.left, sourceFile, constants);
    const right = titleText(node.right, sourceFile, constants);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  if (ts.isIdentifier(node)) return constants.get(node.text);
  return undefined;
}

/** Test files the way the runners find them: Vitest's `*.test.ts(x)`, Playwright's `e2e/*.spec.ts` and `e2e/*.setup.ts`. */
export function isTestFile(relative: string): boolean {
  return /\.test\.tsx?$/.test(relative) || /^e2e\/.*\.(spec|setup)\.ts$/.test(relative);
}

const SKIP_DIRS = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", "coverage"]);

export function listTestFiles(root: string = REPO_ROOT): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.isFile()) {
        const relative = path.relative(root, path.join(dir, entry.name)).split(path.sep).join("/");
        if (isTestFile(relative)) found.push(relative);
      }
    }
  };
  walk(root);
  return found.sort();
}

/** The matrix, and every ID a test title names that the catalogue lacks (with the titles naming it). */
export function buildMatrix(catalogue: Catalogue, titles: TestTitle[], testFiles: number): { matrix: ComplianceMatrix; unknown: Map<string, TestTitle[]> } {
  const known = new Map(catalogue.requirements.map((requirement) => [requirement.id, [] as Array<{ file: string; title: string }>]));
  const unknown = new Map<string, TestTitle[]>();
  for (const test of titles) {
    for (const id of idsIn(test.title)) {
      const tests = known.get(id);
      if (tests) tests.push({ file: test.file, title: test.title });
      else if (isRequirementLike(id, catalogue)) unknown.set(id, [...(unknown.get(id) ?? []), test]);
    }
  }
  const requirements = catalogue.requirements.map((requirement) => ({ ...requirement, tests: known.get(requirement.id) ?? [] }));
  const areas = catalogue.areas.map((area) => {
    const mine = requirements.filter((requirement) => requirement.area === area.prefix);
    return { ...area, requirements: mine.length, named: mine.filter((requirement) => requirement.tests.length > 0).length };
  });
  return { matrix: { areas, requirements, testFiles, tests: titles.length }, unknown };
}

/**
 * Tokens shaped like an ID that are not requirements: engine invariants (INV-n, catalogued in
 * lib/engine/README.md) and names of standards that happen to look like one.
 */
const OTHER_NAMESPACES = new Set(["INV", "UTF", "SHA", "ISO", "RFC", "HMAC", "AES", "PDF"]);

function isRequirementLike(id: string, catalogue: Catalogue): boolean {
  const prefix = id.slice(0, id.indexOf("-"));
  return catalogue.areas.some((area) => area.prefix === prefix) || !OTHER_NAMESPACES.has(prefix);
}

export function readCatalogue(root: string = REPO_ROOT): Catalogue {
  return parseCatalogue(fs.readFileSync(path.join(root, CATALOGUE_FILE), "utf8"));
}

export function readTestTitles(root: string = REPO_ROOT): { files: string[]; titles: TestTitle[] } {
  const files = listTestFiles(root);
  return { files, titles: files.flatMap((file) => extractTestTitles(fs.readFileSync(path.join(root, file), "utf8"), file)) };
}

/** Writes the matrix; rewrites the file only when it changed, so the build fingerprint stays put. */
export function writeComplianceMatrix(root: string = REPO_ROOT): { matrix: ComplianceMatrix; unknown: Map<string, TestTitle[]> } {
  const { files, titles } = readTestTitles(root);
  const result = buildMatrix(readCatalogue(root), titles, files.length);
  const target = path.join(root, COMPLIANCE_MATRIX_FILE);
  const json = JSON.stringify(result.matrix, null, 1) + "\n";
  if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== json) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, json);
  }
  return result;
}

export function describeUnknown(unknown: Map<string, TestTitle[]>): string[] {
  return [...unknown]
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .flatMap(([id, tests]) => [`${id} (not in ${CATALOGUE_FILE}):`, ...tests.map((test) => `  ${test.file}:${test.line}  ${test.title}`)]);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { matrix, unknown } = writeComplianceMatrix();
  const named = matrix.requirements.filter((requirement) => requirement.tests.length > 0).length;
  console.log(
    `compliance matrix: ${matrix.requirements.length} requirements, ${named} named by tests (${matrix.tests} tests in ${matrix.testFiles} files) → ${COMPLIANCE_MATRIX_FILE}`,
  );
  if (unknown.size > 0) {
    for (const line of describeUnknown(unknown)) console.error(line);
    if (process.argv.includes("--check")) process.exit(1);
  }
}
