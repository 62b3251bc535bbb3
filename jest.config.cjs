// Jest runs the TypeScript tests through ts-jest in transpile-only mode (tsconfig sets
// isolatedModules); `npm run typecheck` is the type check. Relative imports are written
// ESM-style with a `.js` suffix, which the mapper strips for Jest's CommonJS resolver.
const { availableParallelism } = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // The longest suites spend much of their time waiting on processes they start (Prism,
  // Chromium, npm, Node children): two workers more than the cores keep the cores busy. On two
  // cores Jest took 270 s with its default (cores - 1, one worker), 125 s with three, 119 s with four.
  maxWorkers: availableParallelism() + 2,
  // VERSION (src/version.ts) is read from package.json, as the build does with esbuild's define.
  globals: { __DESK_VERSION__: require("./package.json").version },
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // The mcp entry imports the main one by the package's name, which is src/ here.
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
    "^sendbird-desk-platform$": "<rootDir>/src/index.ts",
  },
  // `npm test` runs with --coverage: line coverage of src/ below 95% fails the suite.
  // src/testing runs Prism's libraries in-process from an ES module that Jest's CommonJS mode
  // cannot load: it is proven through the built package (test/package, test/contract/scripts).
  collectCoverageFrom: ["<rootDir>/src/**/*.ts", "!<rootDir>/src/testing/**"],
  coverageReporters: ["text-summary"],
  // The run's last lines name any test that did not run (a skip is never silent).
  reporters: ["default", "<rootDir>/test/helpers/skip-reporter.cjs"],
  coverageThreshold: { global: { lines: 95 } },
  globalSetup: "<rootDir>/test/contract/global-setup.mjs",
  globalTeardown: "<rootDir>/test/contract/global-teardown.mjs",
};
