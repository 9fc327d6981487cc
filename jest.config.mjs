import vm from "node:vm";
import nextJest from "next/jest.js";

const createJestConfig = nextJest({ dir: "./" });

/** @type {import('jest').Config} */
const config = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/**/*.test.ts", "<rootDir>/**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/.next", "/e2e/", "/bench/"],
  modulePathIgnorePatterns: ["<rootDir>/.next", "<rootDir>/.data"],
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1", "^server-only$": "<rootDir>/tests/support/empty.ts" },
  setupFiles: ["<rootDir>/tests/support/setup-env.ts"],
  setupFilesAfterEnv: ["<rootDir>/tests/support/jest-dom.ts"],
  testTimeout: 60_000,
  maxWorkers: 2,
};

// next/jest ignores node_modules; next-intl and its ICU helpers ship ESM only and must be transformed.
const esmPackages = ["next-auth", "@auth/core", "jose", "oauth4webapi", "@panva/hkdf", "preact-render-to-string", "preact", "next-intl", "use-intl", "intl-messageformat", "@formatjs", "icu-minify", "@schummar/icu-type-parser"];

export default async function jestConfig() {
  const resolved = await createJestConfig(config)();
  // Node 24.9+ lets Jest load those packages as the ES modules they are, even from CommonJS: transformed
  // to CommonJS they would fail there ("exports is not defined"), so node_modules stays as published.
  const loadsEsmNatively = typeof vm.SourceTextModule?.prototype.hasAsyncGraph === "function";
  resolved.transformIgnorePatterns = [loadsEsmNatively ? "/node_modules/" : `/node_modules/(?!(${esmPackages.join("|")})/)`, "^.+\\.module\\.(css|sass|scss)$"];
  return resolved;
}
