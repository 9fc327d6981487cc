"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/viewer";
import { clientAddressFrom } from "@/lib/core/client-address";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { sendMail } from "@/lib/mail/mailer";
import { confirmTotpSetup, regenerateRecoveryCodes, removeTotp, startTotpSetup } from "@/lib/two-step/factors";
import { confirmIdentity } from "@/lib/two-step/step-up";
import { publicOrigin } from "@/lib/core/origin";
import {
  confirmIdentityWithPasskey,
  finishPasskeyRegistration,
  passkeyRegistrationOptions,
  removePasskey,
  stepUpPasskeyOptions,
  type AuthenticationOptions,
  type RegistrationOptions,
  type RelyingParty,
} from "@/lib/two-step/passkeys";

async function refresh(): Promise<void> {
  revalidatePath(`/${await getLocale()}/admin/profile/two-step`);
}

export async function startTotpSetupAction(_previous: FormState): Promise<FormState> {
  const result = await startTotpSetup(await getDb(), await getViewer());
  if (result.ok) await refresh();
  return formState(result, { success: () => ({ code: "setupStarted" }) });
}

export async function confirmTotpSetupAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await confirmTotpSetup(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) {
    await sendMail(result.mail);
    await refresh();
  }
  // The recovery codes travel once, in this answer; only their hashes are kept.
  return formState(result, { success: ({ recoveryCodes }) => ({ code: "enabled", data: { codes: recoveryCodes.join(" ") } }) });
}

export async function regenerateRecoveryCodesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await regenerateRecoveryCodes(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) {
    await sendMail(result.mail);
    await refresh();
  }
  return formState(result, { success: ({ recoveryCodes }) => ({ code: "regenerated", data: { codes: recoveryCodes.join(" ") } }) });
}

export async function removeTotpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await removeTotp(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) {
    await sendMail(result.mail);
    await refresh();
  }
  return formState(result, { success: () => ({ code: "removed" }) });
}

/** A same-site console path to come back to after confirming, else the profile. */
function returnPath(raw: unknown, locale: string): string {
  const path = typeof raw === "string" ? raw : "";
  return /^\/admin(\/[A-Za-z0-9_/-]*)?$/.test(path) ? `/${locale}${path}` : `/${locale}/admin/profile/two-step`;
}

export async function confirmIdentityAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await confirmIdentity(await getDb(), await getViewer(), formFields(formData), { clientAddress: clientAddressFrom(await headers()) });
  if (!result.ok) return formState(result, { values: submittedValues(formData, ["returnTo"]) });
  redirect(returnPath(formData.get("returnTo"), await getLocale()));
}

/** Passkeys belong to the public origin (APP_URL); the request's Host never chooses it. */
async function relyingParty(): Promise<RelyingParty> {
  return { origin: publicOrigin((await headers()).get("host")) };
}

export async function passkeyOptionsAction(): Promise<{ ok: true; options: RegistrationOptions } | { ok: false; code: string }> {
  const result = await passkeyRegistrationOptions(await getDb(), await getViewer(), await relyingParty());
  return result.ok ? result : { ok: false, code: result.error };
}

export async function finishPasskeyAction(response: unknown, name: string): Promise<FormState> {
  const result = await finishPasskeyRegistration(await getDb(), await getViewer(), { response, name }, await relyingParty());
  if (result.ok) {
    await sendMail(result.mail);
    await refresh();
  }
  return formState(result, { success: ({ recoveryCodes }) => ({ code: "passkeyAdded", ...(recoveryCodes ? { data: { codes: recoveryCodes.join(" ") } } : {}) }) });
}

export async function removePasskeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await removePasskey(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) {
    await sendMail(result.mail);
    await refresh();
  }
  return formState(result, { success: () => ({ code: "passkeyRemoved" }) });
}

export async function stepUpPasskeyOptionsAction(): Promise<AuthenticationOptions | null> {
  return stepUpPasskeyOptions(await getDb(), await getViewer(), await relyingParty());
}

export async function stepUpPasskeyAction(response: unknown, returnTo: string): Promise<FormState> {
  const result = await confirmIdentityWithPasskey(await getDb(), await getViewer(), response, await relyingParty());
  if (!result.ok) return formState(result);
  redirect(returnPath(returnTo, await getLocale()));
}
