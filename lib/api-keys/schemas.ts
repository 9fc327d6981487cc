import { z } from "zod";
import { scopes } from "@/lib/core/api-scopes";
import { displayText } from "@/lib/core/schemas";
import { keyLifetimes } from "./lifetimes";

export { keyLifetimes };

/** The console's "Create a key" form (scopes arrive as a list of checked boxes). */
export const createApiKeySchema = z.object({
  name: displayText(60),
  scopes: z
    .array(z.enum(scopes, { error: "invalidScope" }), { error: "scopesRequired" })
    .min(1, { error: "scopesRequired" })
    .transform((chosen) => [...new Set(chosen)]),
  expiry: z.enum(keyLifetimes, { error: "invalidExpiry" }),
});

export const revokeApiKeySchema = z.object({ keyId: z.uuid() });
