"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { formFields, submittedValues, type FormState } from "@/lib/core/form-state";
import { startChat } from "@/lib/chats/chats";
import { getViewer } from "@/lib/auth/viewer";

export async function startChatAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await startChat(await getDb(), await getViewer(), formFields(formData));
  if (!result.ok) return { status: "error", code: result.error, fields: result.fields, values: submittedValues(formData, ["message"]) };
  revalidatePath("/", "layout");
  return { status: "success", code: "chatStarted", data: { title: result.title } };
}
