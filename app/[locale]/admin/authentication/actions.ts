"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { addDomain, removeDomain, setJoinMode, verifyDomain } from "@/lib/domains/domains";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { saveConnection, saveConnectionFromMetadata, setSsoRequired } from "@/lib/sso/connections";
import { getViewer } from "@/lib/auth/viewer";
import { answered, ssoAnswered } from "./answers";

const page = "/[locale]/admin/authentication";

// "notFound" is also what a DNS lookup may answer; a vanished domain says "missing".
const errorCode = (error: string) => (error === "notFound" ? "missing" : error);

/** The page shows every change at once. */
function refreshOn(result: { ok: boolean }) {
  if (result.ok) revalidatePath(page, "page");
}

export async function addDomainAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await addDomain(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return answered(
    formState(result, { values: submittedValues(formData, ["domain"]), success: ({ domain }) => ({ code: "added", data: { domain: domain.domain } }) }),
  );
}

export async function verifyDomainAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await verifyDomain(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return answered(
    formState(result, {
      errorCode,
      success: ({ check }) => {
        const data: Record<string, string> = {};
        if (check.outcome === "wrongValue") data.found = check.found.map((value) => `“${value}”`).join(", ");
        if (check.outcome === "lookupFailed") data.code = check.code;
        return { status: check.outcome === "verified" ? "success" : "error", code: check.outcome, data };
      },
    }),
  );
}

export async function setJoinModeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await setJoinMode(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return answered(
    formState(result, {
      values: submittedValues(formData, ["joinMode"]),
      errorCode,
      success: ({ domain }) => ({ code: "joinModeSaved", values: { joinMode: domain.joinMode } }),
    }),
  );
}

export async function removeDomainAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await removeDomain(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return answered(
    formState(result, { errorCode, success: ({ domain }) => ({ code: "removed", data: { domain } }) }),
  );
}

export async function saveConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await saveConnection(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return ssoAnswered(formState(result, { values: submittedValues(formData, ["idpEntityId", "idpSsoUrl", "idpCertificate"]), success: () => ({ code: "saved" }) }), "connection");
}

export async function saveConnectionFromMetadataAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const pasted = formData.get("idpMetadata");
  const result = await saveConnectionFromMetadata(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return ssoAnswered(
    formState(result, {
      // The whole paste comes back on a refusal (not cut at 2,000 characters like other fields): nothing to type again.
      values: { idpMetadata: typeof pasted === "string" ? pasted : "" },
      success: ({ read }) => ({
        code: "savedFromMetadata",
        data: { entityId: read.entityId, ssoUrl: read.ssoUrl, certificates: read.certificates.length, expired: read.expiredCertificates },
      }),
    }),
    "metadata",
  );
}

export async function setSsoRequiredAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await setSsoRequired(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return answered(
    formState(result, { errorCode, success: ({ ssoRequired }) => ({ code: ssoRequired ? "ssoRequiredOn" : "ssoRequiredOff" }) }),
  );
}
