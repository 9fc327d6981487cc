// Runs the browser tests against `npm start`'s server (server.mjs) on a fresh embedded database.
// Usage: npm run build && npm run test:e2e [-- e2e/some.test.ts]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100);
// WebAuthn refuses IP addresses: E2E_APP_HOST=localhost serves the same server under that name (passkey tests).
const appHost = process.env.E2E_APP_HOST ?? "127.0.0.1";
const healthUrl = `http://127.0.0.1:${port}`;
const baseUrl = `http://${appHost}:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "org-console-e2e-"));
const files = process.argv.slice(2);

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
  console.error("No production build found: run `npm run build` first.");
  process.exit(1);
}

// The server resolves DNS through a test server the authentication tests start on loopback: never the network.
const dnsServer = process.env.DNS_SERVER ?? `127.0.0.1:${port + 2000}`;
// Mail the server sends is written as JSON files here; the tests read links from it (e2e/support-mail.ts).
const mailOutbox = path.join(dataDir, "mail");
fs.mkdirSync(mailOutbox);
const env = {
  ...process.env,
  DNS_SERVER: dnsServer,
  PORT: String(port),
  PGLITE_DIR: path.join(dataDir, "pglite"),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: "100000",
  PASSWORD_RESET_MAX_PER_ADDRESS: "100000",
  SIGN_UP_MAX_PER_ADDRESS: "100000",
  HELP_FEEDBACK_MAX_PER_ADDRESS: "100000",
  MAIL_OUTBOX_DIR: mailOutbox,
  // Test only: audit streaming may post to receivers the tests start on loopback (lib/core/outbound.ts).
  WEBHOOK_ALLOW_LOOPBACK: "true",
  // A production build: the public origin and the demo accounts must be asked for explicitly.
  APP_URL: baseUrl,
  SEED_DEMO: "true",
};
delete env.SMTP_URL;
delete env.DATABASE_URL;
env.AUTH_SECRET ??= "e2e-secret-not-for-production-0000000000000";
env.ENCRYPTION_KEY ??= "ZTJlLWVuY3J5cHRpb24ta2V5LW5vdC1mb3ItcHJvZCE=";
env.AUDIT_CHAIN_KEY ??= "e2e-audit-chain-key-not-for-production-000";

// Fail fast if something already listens there: tests must never talk to a stale server.
try {
  await fetch(`${healthUrl}/api/health`);
  console.error(`Port ${port} is already in use; stop that server or set E2E_PORT.`);
  process.exit(1);
} catch {}

// Started as its own process group, so stopping it also stops the next-server child.
const server = spawn(process.execPath, ["server.mjs", "-p", String(port), "-H", "127.0.0.1"], {
  env,
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
const log = fs.createWriteStream(path.join(dataDir, "server.log"));
server.stdout.pipe(log);
server.stderr.pipe(log);

async function waitForHealth() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${healthUrl}/api/health`);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not become healthy in 90 s");
}

let code = 1;
try {
  await waitForHealth();
  const tests = files.length > 0 ? files : fs.readdirSync("e2e").filter((name) => name.endsWith(".test.ts")).sort().map((name) => path.join("e2e", name));
  // --test-timeout bounds each test and also each file as a whole: 300 s leaves the longest file
  // (about 80 s here) room on a slow machine, while every browser action already fails after 20 s.
  const runner = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", "--test-timeout=300000", "--test-reporter=spec", ...tests], {
    env: { ...process.env, E2E_BASE_URL: baseUrl, DNS_SERVER: dnsServer, MAIL_OUTBOX_DIR: mailOutbox },
    stdio: "inherit",
  });
  code = await new Promise((resolve) => runner.on("exit", (exitCode) => resolve(exitCode ?? 1)));
} catch (error) {
  console.error(error);
} finally {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (code !== 0) {
    console.error(`--- server log (${path.join(dataDir, "server.log")}) ---`);
    console.error(fs.readFileSync(path.join(dataDir, "server.log"), "utf8").split("\n").slice(-60).join("\n"));
  } else {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
process.exit(code);
