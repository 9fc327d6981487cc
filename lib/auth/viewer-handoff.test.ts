import type { Viewer } from "@/lib/core/actor";
import { contentSecurityPolicy, scriptNonce } from "@/lib/core/content-security";
import { dropViewerHandoff, handOffViewer, openViewerHandoff, viewerHandoffHeader } from "./viewer-handoff";

const viewer: Viewer = {
  id: "5a4c8b52-53a6-4d0e-9a2f-3c1f1c2e6b11",
  email: "ana@example.test",
  name: "Ana Ñúñez 👩🏽‍💻",
  locale: "fr",
  role: "member",
  billing: false,
  plan: "team",
  organization: { id: "0f2d8a57-2d1e-4e0a-8f7c-6b3a9d2c1e40", name: "Société Été", plan: "team", createdAt: new Date("2026-01-02T03:04:05.678Z") },
  sessionId: "9b1f4a2e-7c3d-4e5f-8a6b-1c2d3e4f5a6b",
  sessionCheckedAt: new Date("2026-11-30T23:59:58.123Z"),
  twoStepSetup: { deadline: new Date("2026-12-01T00:00:00.000Z"), setupOnly: false },
};

function cookieJar(values: Record<string, string>) {
  return { get: (name: string) => (name in values ? { value: values[name]! } : undefined) };
}
const ours = cookieJar({ "authjs.session-token": "token-of-this-browser" });
const theirs = cookieJar({ "authjs.session-token": "token-of-another-browser" });

/** The request headers as the middleware leaves them: a fresh nonce in the CSP, and the sealed viewer. */
function middlewareHeaders(now = Date.now(), cookies = ours): Headers {
  const headers = new Headers({ "content-security-policy": contentSecurityPolicy(scriptNonce(), true) });
  handOffViewer({ method: "GET", headers, cookies }, viewer, now);
  return headers;
}

describe("the viewer handed from the middleware to the page", () => {
  it("reads back the same viewer, dates included, for this session and request", () => {
    const headers = middlewareHeaders();
    expect(headers.get(viewerHandoffHeader)).toMatch(/^v1\.\d+\.[\w-]+\.[\w-]+$/);
    expect(openViewerHandoff(headers, ours)).toEqual(viewer);
  });

  it("is refused when forged by the client (no valid MAC): the page reads the database", () => {
    const headers = new Headers({ "content-security-policy": contentSecurityPolicy(scriptNonce(), true) });
    const payload = Buffer.from(JSON.stringify({ ...viewer, role: "admin", organization: { ...viewer.organization, createdAt: 0 } })).toString("base64url");
    headers.set(viewerHandoffHeader, `v1.${Date.now()}.${payload}.${Buffer.alloc(32).toString("base64url")}`);
    expect(openViewerHandoff(headers, ours)).toBeNull();
  });

  it("is refused when its viewer is changed after sealing", () => {
    const headers = middlewareHeaders();
    const [tag, issuedAt, payload, mac] = headers.get(viewerHandoffHeader)!.split(".");
    const wire = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8"));
    const promoted = Buffer.from(JSON.stringify({ ...wire, role: "admin" })).toString("base64url");
    headers.set(viewerHandoffHeader, [tag, issuedAt, promoted, mac].join("."));
    expect(openViewerHandoff(headers, ours)).toBeNull();
  });

  it("is refused with another session's cookie, or with none", () => {
    const headers = middlewareHeaders();
    expect(openViewerHandoff(headers, theirs)).toBeNull();
    expect(openViewerHandoff(headers, cookieJar({}))).toBeNull();
  });

  it("is refused on another request (another nonce)", () => {
    const sealed = middlewareHeaders().get(viewerHandoffHeader)!;
    const replayed = new Headers({ "content-security-policy": contentSecurityPolicy(scriptNonce(), true), [viewerHandoffHeader]: sealed });
    expect(openViewerHandoff(replayed, ours)).toBeNull();
  });

  it("is refused when stale or from the future", () => {
    const now = Date.now();
    expect(openViewerHandoff(middlewareHeaders(now - 31_000), ours, now)).toBeNull();
    expect(openViewerHandoff(middlewareHeaders(now + 5_000), ours, now)).toBeNull();
    expect(openViewerHandoff(middlewareHeaders(now - 1_000), ours, now)).toEqual(viewer);
  });

  it("is refused when malformed, and never made without a nonce or a session cookie", () => {
    const headers = middlewareHeaders();
    for (const value of ["", "v1", "v2.1.a.b", `${headers.get(viewerHandoffHeader)}.extra`, "v1.x.a.b"]) {
      headers.set(viewerHandoffHeader, value);
      expect(openViewerHandoff(headers, ours)).toBeNull();
    }
    const withoutNonce = new Headers();
    handOffViewer({ method: "GET", headers: withoutNonce, cookies: ours }, viewer);
    expect(withoutNonce.has(viewerHandoffHeader)).toBe(false);
    const withoutCookie = new Headers({ "content-security-policy": contentSecurityPolicy(scriptNonce(), true) });
    handOffViewer({ method: "GET", headers: withoutCookie, cookies: cookieJar({}) }, viewer);
    expect(withoutCookie.has(viewerHandoffHeader)).toBe(false);
  });

  it("is never made for a POST (a server action may change the viewer, then render in the same request)", () => {
    const headers = new Headers({ "content-security-policy": contentSecurityPolicy(scriptNonce(), true) });
    handOffViewer({ method: "POST", headers, cookies: ours }, viewer);
    expect(headers.has(viewerHandoffHeader)).toBe(false);
  });

  it("is dropped by the middleware whatever the client sent", () => {
    const headers = new Headers({ [viewerHandoffHeader]: "v1.1.a.b" });
    dropViewerHandoff(headers);
    expect(headers.has(viewerHandoffHeader)).toBe(false);
  });
});
