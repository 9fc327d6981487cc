// Plain JavaScript: server.mjs runs under bare Node, before Next (and its TypeScript) loads.

/**
 * A page that passed the request gate and then lost the database mid-render fails as a 500 (the App
 * Router has no other status for a thrown error). Such an answer is held back; when the database
 * failed it (`answerFor` knows, from the error the render reported or by asking the database), the
 * client gets the 503 answer instead, else the 500 goes out unchanged. Only 500s are held: every
 * other answer streams.
 *
 * While an answer is held no header is stored on the response, so Node calls `writeHead` again
 * for each later write or `flushHeaders` (`_implicitHeader`), and so does Next's compression
 * wrapper: every call after the first is absorbed. Letting the second one through stored the 500's
 * header, the 503 could no longer be written, and the socket was destroyed without any answer
 * (found by `npm run fault:db-down`: "other side closed" on the client).
 *
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 * @param {(pathname: string, acceptLanguage: string | null, requestId: string | null) => Promise<Response | null> | Response | null | undefined} answerFor
 */
function holdServerErrors(request, response, answerFor) {
  const original = { writeHead: response.writeHead, write: response.write, end: response.end };
  let held = null;
  response.writeHead = function (status, ...rest) {
    if (held) return this;
    if (status !== 500) return original.writeHead.call(this, status, ...rest);
    held = { head: [status, ...rest], chunks: [] };
    return this;
  };
  response.write = function (chunk, ...rest) {
    if (!held && !this.headersSent && this.statusCode === 500) this.writeHead(500);
    if (!held) return original.write.call(this, chunk, ...rest);
    if (chunk !== undefined && typeof chunk !== "function") held.chunks.push(chunk);
    return true;
  };
  response.end = function (chunk, ...rest) {
    if (!held && !this.headersSent && this.statusCode === 500) this.writeHead(500);
    if (!held) return original.end.call(this, chunk, ...rest);
    if (chunk !== undefined && typeof chunk !== "function") held.chunks.push(chunk);
    Object.assign(response, original);
    const requestId = request.headers["x-request-id"];
    Promise.resolve(answerFor((request.url ?? "/").split("?")[0], request.headers["accept-language"] ?? null, typeof requestId === "string" ? requestId : null))
      .catch(() => null)
      .then(async (answer) => {
        if (!answer || response.headersSent) {
          if (!response.headersSent) response.writeHead(...held.head);
          for (const part of held.chunks) response.write(part);
          response.end();
          return;
        }
        for (const name of response.getHeaderNames()) if (name !== "x-request-id") response.removeHeader(name);
        const body = Buffer.from(await answer.arrayBuffer());
        response.writeHead(answer.status, { ...Object.fromEntries(answer.headers), "content-length": body.length });
        response.end(body);
      })
      .catch((error) => {
        console.error("could not answer a held 500", error);
        response.destroy();
      });
    return this;
  };
}

module.exports = { holdServerErrors };
