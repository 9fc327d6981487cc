import { Field, TextInput } from "@/components/ui/field";

/** A new password typed twice, as the profile and the reset link ask it (fields `newPassword`, `confirmPassword`). */
export function NewPasswordFields({
  labels,
  fieldErrors,
}: {
  labels: { newPassword: string; newPasswordHint: string; confirmPassword: string };
  fieldErrors: (field: string) => string[] | undefined;
}) {
  return (
    <>
      <Field id="newPassword" label={labels.newPassword} hint={labels.newPasswordHint} errors={fieldErrors("newPassword")}>
        <TextInput id="newPassword" name="newPassword" type="password" autoComplete="new-password" required hint errors={fieldErrors("newPassword")} />
      </Field>
      <Field id="confirmPassword" label={labels.confirmPassword} errors={fieldErrors("confirmPassword")}>
        <TextInput id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required errors={fieldErrors("confirmPassword")} />
      </Field>
    </>
  );
}
