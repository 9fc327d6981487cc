import { formOfBody, readCappedBody } from "./request-body";

/** A body that arrives in chunks with no Content-Length, as a chunked upload does; counts what was pulled. */
function streamedRequest(totalBytes: number, chunkBytes = 64 * 1024, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - pulled);
      pulled += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  }, { highWaterMark: 0 });
  const request = new Request("http://localhost/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("request bodies read up to a cap", () => {
  it("refuses a declared Content-Length above the cap before reading a byte", async () => {
    const { request, pulled } = streamedRequest(12 * 1024 * 1024, 64 * 1024, { "content-length": String(12 * 1024 * 1024) });
    expect(await readCappedBody(request, 256 * 1024)).toEqual({ ok: false, status: 413 });
    expect(pulled()).toBe(0);
  });

  it("stops reading a body without Content-Length as soon as it passes the cap", async () => {
    const { request, pulled } = streamedRequest(12 * 1024 * 1024);
    expect(await readCappedBody(request, 256 * 1024)).toEqual({ ok: false, status: 413 });
    expect(pulled()).toBeLessThan(1024 * 1024);
  });

  it("refuses a Content-Length that is no number", async () => {
    const request = new Request("http://localhost/api/x", { method: "POST", body: "a=1", headers: { "content-length": "3, 3" } });
    expect(await readCappedBody(request, 1024)).toEqual({ ok: false, status: 400 });
  });

  it("gives a body within the cap back whole, and its form fields", async () => {
    const request = new Request("http://localhost/api/x", { method: "POST", body: "SAMLResponse=abc%2B&RelayState=%2Fen%2Fstudio", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const body = await readCappedBody(request, 1024);
    if (!body.ok) throw new Error("refused");
    const form = await formOfBody(request, body.bytes);
    expect(form?.get("SAMLResponse")).toBe("abc+");
    expect(form?.get("RelayState")).toBe("/en/studio");
  });
});
