/** What every route handler may read of a request body unless it says otherwise. */
export const defaultBodyLimitBytes = 64 * 1024;

export type CappedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; status: 413 | 400 };

/**
 * Reads a request body up to `maxBytes` and stops there: a declared Content-Length above the cap
 * is refused before a byte is read, and a body that turns out longer is cut off mid-stream.
 */
export async function readCappedBody(request: Request, maxBytes = defaultBodyLimitBytes): Promise<CappedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared.trim())) return { ok: false, status: 400 };
    if (Number(declared) > maxBytes) return { ok: false, status: 413 };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, status: 413 };
      }
      chunks.push(next.value);
    }
  } catch {
    return { ok: false, status: 400 };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** The form fields of a capped body (urlencoded or multipart), or null when it is no form. */
export async function formOfBody(request: Request, bytes: Uint8Array<ArrayBuffer>): Promise<FormData | null> {
  const contentType = request.headers.get("content-type");
  if (!contentType) return null;
  return new Response(bytes, { headers: { "content-type": contentType } }).formData().catch(() => null);
}

/** A copy of the request whose body is the capped bytes, for a handler that reads the body itself. */
export function withBody(request: Request, bytes: Uint8Array<ArrayBuffer>): Request {
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(request.url, { method: request.method, headers: request.headers, body: hasBody ? bytes : undefined });
}

export function payloadTooLarge(status: 413 | 400): Response {
  return new Response(status === 413 ? "Payload too large" : "Bad request", { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
