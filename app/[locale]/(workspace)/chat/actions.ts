"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { formFields, formState, submittedValues, type FormState } from "@/lib/core/form-state";
import { startChat } from "@/lib/chats/chats";
import { getViewer } from "@/lib/auth/viewer";

export async function startChatAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const result = await startChat(await getDb(), await getViewer(), formFields(formData));
  if (result.ok) revalidatePath("/", "layout");
  return formState(result, {
    values: submittedValues(formData, ["message"]),
    success: ({ title }) => ({ code: "chatStarted", data: { title } }),
  });
}
