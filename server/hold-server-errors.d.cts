import type { IncomingMessage, ServerResponse } from "node:http";

/** See hold-server-errors.cjs: a 500 is held back and becomes `answerFor`'s answer when it has one. */
export function holdServerErrors(
  request: IncomingMessage,
  response: ServerResponse,
  answerFor: (pathname: string, acceptLanguage: string | null, requestId: string | null) => Promise<Response | null> | Response | null | undefined,
): void;
