import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const organizationId = "0b5d0a3e-3f43-4d5e-9f0e-6a1f7c1d2e3f";
const params = (id: string) => ({ params: Promise.resolve({ organizationId: id }) });

/** A 12 MB body that arrives in chunks; counts what the handler pulled. */
function hugeBody(totalBytes = 12 * 1024 * 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      pulled += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(97));
    },
  }, { highWaterMark: 0 });
  return { stream, pulled: () => pulled };
}

const post = (url: string, body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, duplex: "half" } as RequestInit);

// Requests built here carry no Host header: the public origin comes from APP_URL, as in production.
const savedAppUrl = process.env.APP_URL;
beforeAll(() => {
  process.env.APP_URL = "http://localhost:3000";
});
afterAll(() => {
  if (savedAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = savedAppUrl;
});

describe("route handlers cap request bodies", () => {
  it("the SAML ACS answers 413 to a 12 MB body, having read well under 1 MB of it", async () => {
    const { POST } = await import("@/app/api/saml/[organizationId]/acs/route");
    const body = hugeBody();
    const started = performance.now();
    const response = await POST(post(`http://localhost/api/saml/${organizationId}/acs`, body.stream), params(organizationId));
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2000);
    const declared = await POST(post(`http://localhost/api/saml/${organizationId}/acs`, "x", { "content-length": String(12 * 1024 * 1024) }), params(organizationId));
    expect(declared.status).toBe(413);
  });

  it("the SAML ACS refuses an organization ID that is no UUID before reading the body", async () => {
    const { POST } = await import("@/app/api/saml/[organizationId]/acs/route");
    const body = hugeBody();
    const response = await POST(post("http://localhost/api/saml/not-a-uuid/acs", body.stream), params("not-a-uuid"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/\/sso\/error\?reason=invalidResponse$/);
    expect(body.pulled()).toBe(0);
  });

  it("Auth.js's routes answer 413 to a body far larger than their forms", async () => {
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const { NextRequest } = await import("next/server");
    const body = hugeBody();
    const response = await POST(new NextRequest(post("http://localhost/api/auth/callback/credentials", body.stream)));
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(1024 * 1024);
  });

  it("every route handler that takes a body reads it through the capped reader", () => {
    const files: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const full = path.join(directory, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/^route\.tsx?$/.test(name)) files.push(full);
      }
    };
    walk(path.join(process.cwd(), "app", "api"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      if (!/export (async function|const \{[^}]*\b|const )(POST|PUT|PATCH|DELETE)\b/.test(source)) continue;
      // /api/v1 handlers go through the API's one door, which reads every body capped.
      const capped = source.includes("readCappedBody(") || (/= apiRoute\(/.test(source) && readFileSync(path.join(process.cwd(), "lib", "api", "door.ts"), "utf8").includes("readCappedBody(request, apiBodyLimitBytes)"));
      expect({ file, capped }).toEqual({ file, capped: true });
      expect({ file, uncapped: /request\.(formData|json|text|arrayBuffer|blob)\(/.test(source) }).toEqual({ file, uncapped: false });
    }
  });
});
