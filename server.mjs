// `npm start` (and `npm run dev --`): Next's documented custom-server API behind a plain Node HTTP
// server, only so the app learns the socket's address. `next start` hides it (DESIGN.md, trust boundaries).
// Usage: node server.mjs [--dev] [-p 3000] [-H 0.0.0.0]
import { spawn } from "node:child_process";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { holdServerErrors } from "./server/hold-server-errors.cjs";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
  },
});
const dev = values.dev;
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? (dev ? "localhost" : "0.0.0.0");

// Read by lib/core/client-address.ts: the header below is ours, not the client's.
process.env.ORG_CONSOLE_CUSTOM_SERVER = "true";
// Where command-line tools reach this server from this machine (lib/core/internal-api.ts).
const loopbackHostname = ["0.0.0.0", "::", "localhost"].includes(hostname) ? "127.0.0.1" : hostname;
process.env.ORG_CONSOLE_INTERNAL_URL = `http://${loopbackHostname.includes(":") ? `[${loopbackHostname}]` : loopbackHostname}:${port}`;
// Set before Next loads, as `next start` and `next dev` do.
process.env.NODE_ENV ??= dev ? "development" : "production";
const clientAddressHeader = "x-org-console-client-address";
// Every request runs with its ID in this store; lib/core/log.ts reads the same one (same key) for each line.
const requestContext = (globalThis[Symbol.for("org-console.request-context")] ??= new AsyncLocalStorage());
// A client's (or proxy's) X-Request-Id is kept only when it is plainly an identifier (as lib/core/log.ts requestIdFrom).
const acceptedRequestId = /^[A-Za-z0-9_-]{8,64}$/;

/** Sets a request header as if it came with the request, replacing whatever the client sent under that name. */
function setRequestHeader(request, name, value) {
  request.headers[name] = value;
  for (let index = request.rawHeaders.length - 2; index >= 0; index -= 2) {
    if (request.rawHeaders[index].toLowerCase() === name) request.rawHeaders.splice(index, 2);
  }
  request.rawHeaders.push(name, value);
}

// An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; throttles key on the plain form.
function socketAddress(socket) {
  const address = socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

// Purges, deletions and the daily round: on PostgreSQL the worker runs in a child process by
// default (`npm run worker`'s code), not on this process's event loop. Inside, a busy server made
// every batch wait for page renders before its next statement: bench:purge measured the job at
// 2.0-2.5x the bare DELETE inside, 1.2x in its own process, same load. PGlite keeps the worker
// inside (only this process may open the embedded database), and so does an explicit
// WORKER_IN_SERVER=true; WORKER_IN_SERVER=false runs none (a separate `npm run worker` does).
function startChildWorker() {
  let tsx;
  try {
    tsx = import.meta.resolve("tsx");
  } catch {
    return false;
  }
  const cwd = fileURLToPath(new URL(".", import.meta.url));
  let stopping = false;
  let child = null;
  const start = () => {
    child = spawn(process.execPath, ["--conditions=react-server", "--import", tsx, "lib/jobs/worker-cli.ts"], { cwd, env: process.env, stdio: "inherit" });
    child.once("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      console.error(`[worker] child process ended (${signal ?? code}); starting it again in 1 s`);
      setTimeout(start, 1000).unref();
    });
  };
  start();
  const stop = (signal) => {
    stopping = true;
    child?.kill("SIGTERM");
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("exit", () => child?.kill("SIGTERM"));
  return true;
}
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
if (!dev && onPostgres && process.env.WORKER_IN_SERVER === undefined && startChildWorker()) {
  process.env.WORKER_IN_SERVER = "false";
}

const { default: next } = await import("next");
const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// While the database is down, a page that lost it mid-render answers the 503 (instrumentation.ts installs the hook).
const unavailableAnswer = (pathname, acceptLanguage, requestId) => globalThis[Symbol.for("org-console.unavailable-answer")]?.(pathname, acceptLanguage, requestId);

createServer((request, response) => {
  const began = performance.now();
  // Overwritten on every request, whatever the client sent under that name.
  setRequestHeader(request, clientAddressHeader, socketAddress(request.socket));
  const offered = request.headers["x-request-id"];
  const requestId = typeof offered === "string" && acceptedRequestId.test(offered) ? offered : randomUUID();
  setRequestHeader(request, "x-request-id", requestId);
  response.setHeader("X-Request-Id", requestId);
  response.once("close", () => {
    // Installed by instrumentation.ts (lib/core/metrics.ts): request counts, latency and the access log line.
    const observe = globalThis[Symbol.for("org-console.observe-request")];
    const path = (request.url ?? "/").split("?")[0];
    observe?.({ method: request.method ?? "GET", path, status: response.statusCode, seconds: (performance.now() - began) / 1000, requestId });
  });
  holdServerErrors(request, response, unavailableAnswer);
  requestContext.run({ requestId }, () => void handle(request, response));
}).listen(port, hostname, () => {
  const address = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
  const logger = globalThis[Symbol.for("org-console.logger")];
  if (logger) logger.info({ component: "server", address, mode: dev ? "development" : "production" }, "Org Console ready");
  else console.log(`> Org Console ready on ${address} (${dev ? "development" : "production"})`);
});
