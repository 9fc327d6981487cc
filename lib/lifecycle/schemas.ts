import { z } from "zod";

/** The longest chat retention an organization may set: about ten years. */
export const maxRetentionDays = 3650;

const days = z
  .number({ error: "retentionDays" })
  .int({ error: "retentionDays" })
  .min(1, { error: "retentionDays" })
  .max(maxRetentionDays, { error: "retentionDays" })
  .nullable();

function readDays(value: unknown): unknown {
  if (value === null || typeof value === "number") return value;
  if (typeof value === "string") return /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.NaN;
}

/**
 * "Delete chats not updated for N days": `days` from 1 to 3650, or null (off). The form sends
 * `source=form`, `enabled` (a checkbox: unchecked means off) and `days` as text; the API sends `days`, a number or null.
 */
export const retentionSchema = z.preprocess((raw) => {
  if (typeof raw !== "object" || raw === null) return raw;
  const input = raw as Record<string, unknown>;
  if ("enabled" in input || input.source === "form") return { days: input.enabled === "on" ? readDays(input.days) : null };
  return { days: readDays(input.days) };
}, z.object({ days }));

/** Which export to download, or to ask about. */
export const exportIdSchema = z.object({ id: z.uuid() });

/** The restore link's token, from the link (GET) or the confirmation form (POST). */
export const restoreSchema = z.object({ token: z.string().min(1).max(200) });
