import { z } from "zod";
import { forbiddenCharacters } from "@/lib/core/schemas";

/**
 * A chat message: NFC, line breaks kept (as \n), trimmed, 1..4000 characters; control characters
 * other than line breaks and tabs and the direction overrides refused.
 */
export const chatMessage = z
  .string({ error: "required" })
  .transform((value) => value.normalize("NFC").replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, { error: "required" })
      .max(4000, { error: "tooLong" })
      .refine((value) => value.isWellFormed() && !forbiddenCharacters.test(value.replace(/[\n\t]/g, " ")), { error: "invalidCharacters" }),
  );

export const startChatSchema = z.object({ message: chatMessage });
