import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { useRootData } from "../root";

/**
 * A form that posts to its own route's action, carrying the CSRF token. Without JavaScript it
 * is a plain HTML form post; with it, Remix submits it with fetch and updates the page.
 */
export function PostForm({ children, ...props }: Omit<ComponentProps<typeof Form>, "method"> & { children: ReactNode }) {
  const root = useRootData();
  return (
    <Form method="post" noValidate {...props}>
      <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />
      {children}
    </Form>
  );
}

export interface FormState {
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** The errors and typed values of the last failed post of this page, if any. */
export function useFormState(): FormState {
  const data = useActionData() as { ok?: boolean; errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  if (data && data.ok === false) return { errors: data.errors ?? {}, values: data.values ?? {} };
  return { errors: {}, values: {} };
}

export function useSubmitting(): boolean {
  return useNavigation().state === "submitting";
}
