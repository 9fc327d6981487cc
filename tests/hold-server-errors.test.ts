import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { holdServerErrors } from "@/server/hold-server-errors.cjs";
import { unavailablePage } from "@/lib/core/unavailable";
import en from "@/messages/en.json";

// Next's own response compression (on by default in `next start` and in server.mjs's handler).
type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => Middleware;

const errorPage = `<!doctype html><html><body><h1>500</h1>${"<p>Internal Server Error.</p>".repeat(80)}</body></html>`;

/** What Next does when a page throws mid-render: a 500 whose headers are flushed before its body streams, compressed. */
function renderFailedPage(response: ServerResponse) {
  response.statusCode = 500;
  response.setHeader("Content-Type", "text/html; charset=utf-8");
  response.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
  response.flushHeaders();
  response.write(errorPage.slice(0, 1000));
  setTimeout(() => response.end(errorPage.slice(1000)), 5);
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string } | { error: string };

async function serveOnce(answerFor: Parameters<typeof holdServerErrors>[2], render: (response: ServerResponse) => void): Promise<Answer> {
  const server = http.createServer((request, response) => {
    holdServerErrors(request, response, answerFor);
    compression()(request, response, () => render(response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<Answer>((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path: "/en/admin/organization", headers: { "accept-encoding": "gzip", "accept-language": "en", "x-request-id": "held-500-test" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => resolve({ error: error.message }));
        response.on("end", () => {
          const raw = Buffer.concat(chunks);
          const body = response.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        });
      });
      request.on("error", (error) => resolve({ error: `${(error as NodeJS.ErrnoException).code ?? ""} ${error.message}` }));
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("a 500 held back by the server while the database may be down", () => {
  it("becomes the localized 503 page when the database is down, even when Next flushed the headers of a compressed answer first", async () => {
    const asked: unknown[][] = [];
    const answer = await serveOnce((...question) => {
      asked.push(question);
      return unavailablePage("en");
    }, renderFailedPage);
    expect(answer).toMatchObject({ status: 503 });
    expect(asked).toEqual([["/en/admin/organization", "en", "held-500-test"]]);
    if ("error" in answer) return;
    expect(answer.headers["retry-after"]).toBe("5");
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.body).toContain(en.Unavailable.title);
  });

  it("goes out as the same 500, body intact, when the database answers", async () => {
    const answer = await serveOnce(async () => null, renderFailedPage);
    expect(answer).toMatchObject({ status: 500, body: errorPage });
  });

  it("is never held when the answer is not a 500", async () => {
    let asked = false;
    const answer = await serveOnce(
      () => {
        asked = true;
        return null;
      },
      (response) => {
        response.setHeader("Content-Type", "text/plain");
        response.flushHeaders();
        response.end("fine");
      },
    );
    expect(answer).toMatchObject({ status: 200, body: "fine" });
    expect(asked).toBe(false);
  });
});
