import { shouldSeedDemo } from "./seed";

describe("demo accounts on a new embedded database", () => {
  it("are created in development, and in production only with SEED_DEMO=true", () => {
    expect(shouldSeedDemo({ NODE_ENV: "development" })).toBe(true);
    expect(shouldSeedDemo({ NODE_ENV: "development", SEED_DEMO: "false" })).toBe(false);
    expect(shouldSeedDemo({ NODE_ENV: "production" })).toBe(false);
    expect(shouldSeedDemo({ NODE_ENV: "production", SEED_DEMO: "1" })).toBe(false);
    expect(shouldSeedDemo({ NODE_ENV: "production", SEED_DEMO: "true" })).toBe(true);
  });
});
