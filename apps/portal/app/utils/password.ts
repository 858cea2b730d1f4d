/**
 * The "Choose a new password" form (issue 20): a password an administrator set is temporary,
 * and its holder must replace it before anything else. The rule itself (length, not easy to
 * guess) is the API's (apps/api/src/auth/passwords.ts); this only checks what the form can
 * know by itself and puts the API's answers beside the right field.
 */
type FormErrors = Record<string, string>;

export const PASSWORD_FIELDS = { current: "currentPassword", next: "newPassword", confirm: "confirmPassword" } as const;

/** What the person typed, and the problems the form can see without asking the API. */
export function readPasswordForm(form: FormData): { current: string; next: string; errors: FormErrors } {
  const raw = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const current = raw(PASSWORD_FIELDS.current);
  const next = raw(PASSWORD_FIELDS.next);
  const confirm = raw(PASSWORD_FIELDS.confirm);
  const errors: FormErrors = {};
  if (!current) errors[PASSWORD_FIELDS.current] = "Enter your current password (the one you signed in with)";
  if (!next) errors[PASSWORD_FIELDS.next] = "Enter a new password";
  else if (next.length > 256) errors[PASSWORD_FIELDS.next] = "Use at most 256 characters";
  if (next && !confirm) errors[PASSWORD_FIELDS.confirm] = "Enter the new password again";
  else if (next && confirm !== next) errors[PASSWORD_FIELDS.confirm] = "The passwords do not match: enter the new password again";
  return { current, next, errors };
}

/** The field an API refusal of auth.changePassword is about. */
export function passwordFieldFor(message: string): string {
  return message === "The current password is not right" ? PASSWORD_FIELDS.current : PASSWORD_FIELDS.next;
}
