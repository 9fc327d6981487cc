// Tests never touch the developer's .data folder: every test file opens its own database.
process.env.SEED_DEMO = "false";
process.env.AUTH_SECRET ??= "test-secret-not-for-production-000000000000";
process.env.AUDIT_CHAIN_KEY ??= "test-audit-chain-key-not-for-production-0000";
