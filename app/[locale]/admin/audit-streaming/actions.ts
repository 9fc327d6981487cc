"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { addEndpoint, removeEndpoint, resumeEndpoint, rotateSecret, sendTestEvent } from "@/lib/audit/streams";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { getViewer } from "@/lib/auth/viewer";

const page = "/[locale]/admin/audit-streaming";

function refreshOn(result: { ok: boolean }) {
  if (result.ok) revalidatePath(page, "page");
}

export async function addEndpointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await addEndpoint(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  // The secret is shown once, in this answer; it is stored encrypted and never shown again.
  return formState(result, { values: submittedValues(formData, ["url"]), success: ({ secret }) => ({ code: "added", data: { secret } }) });
}

export async function sendTestEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await sendTestEvent(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return formState(result, {
    success: (outcome) => ({
      status: outcome.delivered ? "success" : "error",
      code: outcome.delivered ? "testDelivered" : outcome.status ? "testRefused" : "testFailed",
      data: { status: outcome.status ?? "", latency: outcome.latencyMs, error: outcome.error ?? "" },
    }),
  });
}

export async function rotateSecretAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await rotateSecret(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return formState(result, { success: ({ secret, previousValidUntil }) => ({ code: "rotated", data: { secret, until: previousValidUntil.toISOString() } }) });
}

export async function resumeEndpointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await resumeEndpoint(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return formState(result, { success: () => ({ code: "resumed" }) });
}

export async function removeEndpointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await removeEndpoint(await getDb(), await getViewer(), formFields(formData));
  refreshOn(result);
  return formState(result, { success: () => ({ code: "removed" }) });
}
