// Vitest is not a React Server Components runtime; server-only modules are importable in tests.
export {};
