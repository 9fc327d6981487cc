// Tests never touch the developer's .data folder: every test file opens its own database.
process.env.SEED_DEMO = "false";
process.env.AUTH_SECRET ??= "test-secret-not-for-production-000000000000";
process.env.AUDIT_CHAIN_KEY ??= "test-audit-chain-key-not-for-production-0000";
process.env.ENCRYPTION_KEY ??= "dGVzdC1lbmNyeXB0aW9uLWtleS1ub3QtZm9yLXByb2Q=";
