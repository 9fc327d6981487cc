import type { FormState } from "@/lib/core/form-state";

/** A server action a form drives through `useActionState`: the page passes it down as a prop. */
export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** A server action a plain form posts to; it answers with a redirect or a fresh page. */
export type PlainFormAction = (formData: FormData) => Promise<void>;
