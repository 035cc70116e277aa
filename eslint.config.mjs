// Flat config shared by every project; `nx run <project>:lint` lints that project's folder.
import nx from "@nx/eslint-plugin";
import tseslint from "typescript-eslint";

/**
 * Which layer may import which (project tags in each project.json): foundation (core, the plan
 * engine, preflight, policy runner, IAM simulator) imports only foundation; components (vpc, eks,
 * ...) import foundation and components; the environment blueprint composes components; stacks
 * compose the blueprint and components; policy packs import only the foundation, never a
 * component; tools read the foundation (and the generator the blueprint's schema).
 */
const layers = [
  { sourceTag: "layer:foundation", onlyDependOnLibsWithTags: ["layer:foundation"] },
  {
    sourceTag: "layer:component",
    onlyDependOnLibsWithTags: ["layer:foundation", "layer:component"],
  },
  {
    sourceTag: "layer:blueprint",
    onlyDependOnLibsWithTags: ["layer:foundation", "layer:component"],
  },
  {
    sourceTag: "type:stack",
    onlyDependOnLibsWithTags: ["layer:foundation", "layer:component", "layer:blueprint"],
  },
  {
    sourceTag: "type:bootstrap",
    onlyDependOnLibsWithTags: ["layer:foundation", "layer:component"],
  },
  { sourceTag: "type:policy-pack", onlyDependOnLibsWithTags: ["layer:foundation"] },
  {
    sourceTag: "type:tool",
    onlyDependOnLibsWithTags: ["layer:foundation", "layer:blueprint", "type:tool"],
  },
];

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", ".nx/**", ".plan/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  // Module boundaries hold for the code that ships; tests may reach across (e.g. a component's
  // test evaluating it with the guardrail packs).
  {
    files: ["**/src/**/*.ts"],
    plugins: { "@nx": nx },
    rules: {
      "@nx/enforce-module-boundaries": [
        "error",
        { enforceBuildableLibDependency: false, allow: [], depConstraints: layers },
      ],
    },
  },
);
