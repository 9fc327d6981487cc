// Tests never touch the developer's .data folder: every test file opens its own database.
process.env.SEED_DEMO = "false";
process.env.AUTH_SECRET ??= "test-secret-not-for-production-000000000000";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 3).toString("base64");
