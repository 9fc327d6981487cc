"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { addDomain, removeDomain, setJoinMode, verifyDomain } from "@/lib/domains/domains";
import { formFields, submittedValues, type FormState } from "@/lib/core/form-state";
import { saveConnection, saveConnectionFromMetadata, setSsoRequired } from "@/lib/sso/connections";
import { getViewer } from "@/lib/auth/viewer";

const page = "/[locale]/admin/authentication";

// "notFound" is also what a DNS lookup may answer; a vanished domain says "missing".
const errorCode = (error: string) => (error === "notFound" ? "missing" : error);

export async function addDomainAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["domain"]);
  const result = await addDomain(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: result.error, fields: result.fields, values };
  revalidatePath(page, "page");
  return { status: "success", code: "added", data: { domain: result.domain.domain } };
}

export async function verifyDomainAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await verifyDomain(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: errorCode(result.error) };
  revalidatePath(page, "page");
  const { check } = result;
  const data: Record<string, string> = {};
  if (check.outcome === "wrongValue") data.found = check.found.map((value) => `“${value}”`).join(", ");
  if (check.outcome === "lookupFailed") data.code = check.code;
  return { status: check.outcome === "verified" ? "success" : "error", code: check.outcome, data };
}

export async function setJoinModeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["joinMode"]);
  const result = await setJoinMode(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: errorCode(result.error), fields: result.fields, values };
  revalidatePath(page, "page");
  return { status: "success", code: "joinModeSaved", values: { joinMode: result.domain.joinMode } };
}

export async function removeDomainAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await removeDomain(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: errorCode(result.error) };
  revalidatePath(page, "page");
  return { status: "success", code: "removed", data: { domain: result.domain } };
}

export async function saveConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submittedValues(formData, ["idpEntityId", "idpSsoUrl", "idpCertificate"]);
  const result = await saveConnection(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: result.error, fields: result.fields, values };
  revalidatePath(page, "page");
  return { status: "success", code: "saved" };
}

export async function saveConnectionFromMetadataAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const pasted = formData.get("idpMetadata");
  // The whole paste comes back on a refusal (not cut at 2,000 characters like other fields): nothing to type again.
  const values = { idpMetadata: typeof pasted === "string" ? pasted : "" };
  const result = await saveConnectionFromMetadata(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: result.error, fields: result.fields, values };
  revalidatePath(page, "page");
  const { read } = result;
  return {
    status: "success",
    code: "savedFromMetadata",
    data: { entityId: read.entityId, ssoUrl: read.ssoUrl, certificates: read.certificates.length, expired: read.expiredCertificates },
  };
}

export async function setSsoRequiredAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await setSsoRequired(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: errorCode(result.error) };
  revalidatePath(page, "page");
  return { status: "success", code: result.ssoRequired ? "ssoRequiredOn" : "ssoRequiredOff" };
}
