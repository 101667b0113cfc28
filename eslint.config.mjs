import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Layer rules (ARCHITECTURE.md): each folder says which layers it must not import. Patterns are regular
 * expressions over the import string, so `@/lib/services/x` and a relative `../services/x` are both caught.
 * One rule set per file: a flat-config block later in the list replaces `no-restricted-imports` for the
 * files it matches, so each layer's block lists everything that layer refuses.
 */
const LAYER = {
  app: "(@/|(\\.\\./)+)app/",
  components: "(@/|(\\.\\./)+)components/",
  queries: "(@/|(\\.\\./)+)(lib/)?queries/",
  transport: "(@/|(\\.\\./)+)(lib/)?transport/",
  services: "(@/|(\\.\\./)+)(lib/)?services/",
  simulationHost: "(@/|(\\.\\./)+)(lib/)?simulation/(?!market/)",
  db: "(@/|(\\.\\./)+)(lib/db|lib/prisma-client|prisma/)",
  serverInfrastructure: "(@/|(\\.\\./)+)(lib/)?(audit|secrets|env|health|db)(/|$)",
  session: "(@/|(\\.\\./)+)(lib/)?transport/session",
};
const refuse = (layers, why) => ({ regex: `^(${layers.map((layer) => LAYER[layer]).join("|")})`, message: why });
const ENGINE_ENTRY = {
  regex: "(^@/lib/engine/|/engine/)(?!index$)",
  message: "Outside lib/engine, import the engine only through its public entry, @/lib/engine/index.",
};
const SERVER_ONLY_PACKAGES = { regex: "^(server-only|next/headers|next/server|@prisma/|pg$|node:)", message: "Browser-safe code: nothing server-only." };
const FRAMEWORKS = {
  regex: "^(next|next/.*|react|react/.*|react-dom|@prisma/.*|pg|next-intl(/.*)?)$",
  message: "Pure domain code: no framework, database or server imports; inputs come in as arguments.",
};
const LOCALE_LINKS = {
  name: "next/link",
  message: "Use Link from @/lib/i18n/navigation so links keep the reader's language (next/link only for addresses outside the languages, such as /api).",
};

const restrict = (patterns, paths = []) => ["error", { patterns, paths }];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Packages are not parsed for the cycle check (a bundled dependency overflows the parser's stack).
    settings: { "import/ignore": ["node_modules"] },
  },
  {
    ignores: [".next/**", "node_modules/**", "prisma/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"],
  },
  {
    // Type-aware rules: the mistakes the type checker alone lets through.
    files: ["**/*.{ts,tsx,mts}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-base-to-string": "error",
    },
  },
  {
    rules: {
      // lib/env.ts is the only reader of process.env; anything else says why with a disable comment.
      "no-process-env": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A cycle between modules means two layers (or two files of one) each need the other: split them.
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  // ── Layers, from the bottom up ──────────────────────────────────────────────────────────────────
  {
    files: ["lib/engine/**/*.ts"],
    ignores: ["lib/engine/**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        {
          regex: "^(next|react|react-dom|@prisma/|pg$|node:|@/|server-only)",
          message: "lib/engine is pure TypeScript: it imports nothing outside lib/engine (docs/engine-design.md).",
        },
        { regex: "^\\.\\./", message: "lib/engine imports only its own files." },
      ]),
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "Time is an input to the engine (nowMs)." },
        { name: "performance", message: "Time is an input to the engine." },
      ],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Random draws are inputs to the engine." }],
    },
  },
  {
    // The market simulation reproduces a market from a seed: time, ids and randomness are inputs, and it
    // reaches the engine only through its public entry.
    files: ["lib/simulation/market/**/*.ts", "lib/random/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        {
          regex: "^(?!(\\./|\\.\\./\\.\\./engine/index$|\\.\\./\\.\\./random/|zod$))",
          message: "The market simulation imports only the engine's entry, lib/random, zod and its own files.",
        },
      ]),
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "Time is an input to the simulation." },
        { name: "performance", message: "Time is an input to the simulation." },
        { name: "process", message: "The simulation reads nothing from its process." },
      ],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Random draws come from lib/random's seeded generator." }],
    },
  },
  {
    // Surveillance replays the journal: the same events must raise the same alerts, so it reads no clock,
    // no randomness and nothing but the engine's entry, lib/random, zod and its own files.
    files: ["lib/surveillance/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        {
          regex: "^(?!(\\./|\\.\\./engine/index$|\\.\\./random/|zod$))",
          message: "Surveillance imports only the engine's entry, lib/random, zod and its own files.",
        },
      ]),
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "Time comes from the journal's events." },
        { name: "performance", message: "Time comes from the journal's events." },
        { name: "process", message: "Surveillance reads nothing from its process." },
      ],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Sampling draws come from lib/random's seeded hash." }],
    },
  },
  {
    // The stress suite runs the market simulation on a configuration: seed, parameters and market are
    // its only inputs, so a published result can be repeated exactly.
    files: ["lib/risk/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        {
          regex: "^(?!(\\./|\\.\\./engine/index$|\\.\\./simulation/market/index$|\\.\\./random/|zod$|@noble/hashes/(sha2|utils)\\.js$))",
          message: "The stress suite imports only the engine's entry, the market simulation's entry, lib/random, zod, @noble/hashes and its own files.",
        },
      ]),
      "no-restricted-globals": [
        "error",
        { name: "Date", message: "Time is an input to the stress suite." },
        { name: "performance", message: "Time is an input to the stress suite." },
        { name: "process", message: "The stress suite reads nothing from its process." },
      ],
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Random draws come from the seed." }],
    },
  },
  {
    // Pure domain modules: rules and data, no framework, database or server.
    files: [
      "lib/suitability/**/*.ts",
      "lib/format.ts",
      "lib/market-history.ts",
      "lib/wire/**/*.ts",
      "lib/form-state.ts",
      "lib/csv.ts",
      "lib/parameter-format.ts",
      "lib/journal/rollup.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        FRAMEWORKS,
        refuse(
          ["app", "components", "queries", "transport", "services", "simulationHost", "db", "serverInfrastructure"],
          "Pure domain code depends on nothing above it (ARCHITECTURE.md).",
        ),
      ]),
    },
  },
  {
    // Server infrastructure under the services: auth primitives, the audit chain, database, environment.
    files: [
      "lib/auth/**/*.ts",
      "lib/audit/**/*.ts",
      "lib/db.ts",
      "lib/prisma-client.ts",
      "lib/env.ts",
      "lib/secrets.ts",
      "lib/health.ts",
      "lib/database-unavailable.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        refuse(["app", "components", "queries", "transport", "services"], "Server infrastructure sits below the services and transport (ARCHITECTURE.md)."),
      ]),
    },
  },
  {
    files: ["lib/simulation/**/*.ts"],
    ignores: ["lib/simulation/market/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        refuse(
          ["app", "components", "queries", "transport", "services"],
          "The engine host sits below the services and transport: offer an interface the upper layer implements.",
        ),
      ]),
    },
  },
  {
    files: ["lib/services/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        refuse(["app", "components", "queries", "transport"], "Services take typed input and know nothing of HTTP, pages or the browser."),
      ]),
    },
  },
  {
    files: ["lib/transport/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        refuse(["app", "components", "queries"], "Transport wraps services for HTTP; it does not reach into pages or browser code."),
      ]),
    },
  },
  {
    files: ["lib/i18n/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        refuse(
          ["app", "components", "queries", "transport", "services", "simulationHost", "db", "serverInfrastructure"],
          "The i18n layer is messages and routing only.",
        ),
      ]),
    },
  },
  {
    // The client data layer runs in the browser.
    files: ["lib/queries/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": restrict([
        ENGINE_ENTRY,
        SERVER_ONLY_PACKAGES,
        refuse(
          ["app", "components", "transport", "services", "simulationHost", "db", "serverInfrastructure"],
          "lib/queries is browser code: it reads the public API and streams, never the server's modules.",
        ),
      ]),
    },
  },
  {
    // components/ are client-safe: data comes from pages and lib/queries.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": restrict(
        [
          ENGINE_ENTRY,
          SERVER_ONLY_PACKAGES,
          refuse(
            ["app", "transport", "services", "simulationHost", "db", "serverInfrastructure"],
            "Components get data from pages and lib/queries, not from the server's modules.",
          ),
        ],
        [LOCALE_LINKS],
      ),
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/api/**", "app/not-found.tsx", "app/layout.tsx"],
    rules: {
      "no-restricted-imports": restrict([ENGINE_ENTRY, refuse(["db"], "Pages reach data through services, not the database.")], [LOCALE_LINKS]),
    },
  },
  {
    files: ["app/api/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict([ENGINE_ENTRY, refuse(["components", "db"], "Route handlers call services through lib/transport wrappers.")]),
    },
  },
  // ── Tooling ─────────────────────────────────────────────────────────────────────────────────────
  {
    // Tooling, tests and configuration read their environment directly.
    files: ["scripts/**", "e2e/**", "test/**", "playwright.config.ts", "vitest.config.ts", "**/*.test.ts", "prisma.config.ts", "scripts/**/*.mjs"],
    rules: { "no-process-env": "off" },
  },
  {
    // Browser tests wait on conditions (expect(...).toBeVisible, expect.poll, toPass), never for a fixed
    // time: a fixed sleep is too short on a loaded machine and wasted time on an idle one.
    files: ["e2e/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='waitForTimeout']",
          message: "No fixed sleeps in browser tests: wait for a condition (expect(...).toBeVisible(), expect.poll, toPass).",
        },
        {
          selector: "NewExpression[callee.name='Promise'] CallExpression[callee.name='setTimeout'][arguments.0.type='Identifier']",
          message: "No fixed sleeps in browser tests: wait for a condition (expect(...).toBeVisible(), expect.poll, toPass).",
        },
        {
          selector: "ImportDeclaration[source.value=/^(node:)?timers\\/promises$/]",
          message: "No fixed sleeps in browser tests: wait for a condition (expect(...).toBeVisible(), expect.poll, toPass).",
        },
      ],
    },
  },
];
export default config;
