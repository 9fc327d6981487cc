import { z } from "zod";
import { currentPassword } from "@/lib/core/schemas";

/** The forms of two-step sign-in: the profile, the second sign-in page, step-up, the policy. */

const typedCode = z.string({ error: "required" }).trim().min(1, { error: "required" }).max(40, { error: "invalidCode" });

export const totpConfirmSchema = z.object({ code: typedCode });

export const passwordOnlySchema = z.object({ password: currentPassword });

/** The second step: a code from the app, or else a recovery code (one of the two). */
export const secondStepSchema = z
  .object({ code: typedCode.optional(), recoveryCode: typedCode.optional() })
  .refine((value) => Boolean(value.code || value.recoveryCode), { error: "required", path: ["code"] });

/** Step-up: whatever proves it is still you (a code, a recovery code, or the password for people without a second factor). */
export const stepUpSchema = z.object({
  code: typedCode.optional(),
  recoveryCode: typedCode.optional(),
  password: z.string().max(200).optional(),
});

export const twoStepPolicySchema = z.object({
  requiredFor: z.enum(["off", "admins", "everyone"], { error: "invalidTwoStepPolicy" }),
  graceDays: z.coerce.number({ error: "invalidGraceDays" }).int({ error: "invalidGraceDays" }).min(0, { error: "invalidGraceDays" }).max(30, { error: "invalidGraceDays" }),
});

export const resetMemberTwoStepSchema = z.object({ userId: z.uuid({ error: "notFound" }) });
