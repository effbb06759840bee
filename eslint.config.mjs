// typescript-eslint's recommended rules over every TypeScript and JavaScript source; `npm test` runs it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "cdktf.out/", ".gen/", "compat/**/node_modules/", "bench-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Destructuring a key away (`{ omitted: _x, ...rest }`) is how the code drops a field.
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }] },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly", Buffer: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.ts"],
    languageOptions: { globals: { process: "readonly", console: "readonly", __dirname: "readonly", Buffer: "readonly", require: "readonly", setTimeout: "readonly" } },
  },
);
