import { z } from "zod";
import { currentPassword, email, locale, newPassword, newPasswordTwice, personName } from "@/lib/core/schemas";

/** The forms of the Members page, the invitation link and the profile. */

// A malformed person ID is a person not found, not a field to correct.
const userId = z.uuid({ error: "notFound" });
const checkbox = z.union([z.literal("on"), z.literal("true"), z.literal(true)]).optional().transform(Boolean);
const role = z.enum(["admin", "member"], { error: "invalidRole" });
/** A typed email confirming a removal; `tooLong` answers as a mismatch. */
const typedEmail = (tooLong: string) => z.string({ error: "required" }).trim().toLowerCase().min(1, { error: "required" }).max(254, { error: tooLong });

export const memberRoleSchema = z.object({ userId, role, billing: checkbox });

export const removeMemberSchema = z.object({ userId, confirmation: typedEmail("memberEmailMismatch") });

export const leaveOrganizationSchema = z.object({
  confirmation: typedEmail("ownEmailMismatch"),
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(200, { error: "wrongPassword" }),
});

export const invitationSchema = z.object({ email, role: role.default("member"), billing: checkbox });

export const revokeInvitationSchema = z.object({ invitationId: z.uuid() });

export const acceptInvitationSchema = z.object({ name: personName, password: newPassword });

export const profileSchema = z.object({ name: personName, locale });

export const passwordChangeSchema = newPasswordTwice({ currentPassword });
