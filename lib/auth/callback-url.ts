/**
 * Auth.js checks a `callbackUrl` (query or its `authjs.callback-url` cookie) before anything else and,
 * when it does not read as an http(s) URL, throws a configuration error: a 500. The route refuses
 * such a request itself (400) with the same rule, so a client's typo is never a server error.
 */
const callbackCookie = /^(__Secure-)?authjs\.callback-url$/;

function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValues(header: string | null): { name: string; value: string }[] {
  if (!header) return [];
  return header.split(";").map((part) => {
    const index = part.indexOf("=");
    const name = (index < 0 ? part : part.slice(0, index)).trim();
    let value = index < 0 ? "" : part.slice(index + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {}
    return { name, value };
  });
}

/** True when Auth.js would refuse the request's callback URL with a server error. */
export function hasUnusableCallbackUrl(request: Request): boolean {
  const url = new URL(request.url);
  const fromQuery = url.searchParams.get("callbackUrl");
  if (fromQuery && !isHttpUrl(fromQuery, url.origin)) return true;
  return cookieValues(request.headers.get("cookie")).some(({ name, value }) => callbackCookie.test(name) && value !== "" && !isHttpUrl(value, url.origin));
}
