// ESLint: the recommended rules of ESLint and typescript-eslint over src, scripts, tests and
// bench. Prettier formats (`npm run format`); `npm run lint` runs both checks.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["generated/", "dist/", "build/", "coverage/", "artifacts/", "**/node_modules/", "tools/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The package runs on Node, Bun and Deno, which share Node's globals and the web's fetch.
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      // Unused names are errors, except those marked unused on purpose with a leading _.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The public types are interfaces over the generated ones, so editors show their names.
    files: ["src/types.ts"],
    rules: {
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    // Type tests assign values only to ask the compiler about their types.
    files: ["test/types/*.types.ts"],
    rules: { "@typescript-eslint/no-unused-vars": "off" },
  },
  {
    // CommonJS files (the Jest config, the shared OpenAPI walker) use require and module.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
