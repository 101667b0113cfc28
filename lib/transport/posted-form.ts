// Client-safe: the onboarding form-state module that uses it is shared with client components.

/**
 * The form a form action was posted, or an empty one when it was called with something else (a
 * hand-made request can send any arguments): the fields are then missing and the service says which,
 * instead of the action failing on `formData.get`.
 */
export function postedForm(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}
