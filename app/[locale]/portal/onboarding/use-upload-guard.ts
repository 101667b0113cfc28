import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

/**
 * Refuses an oversized file in the browser before it is sent. The server refuses it too, with the same
 * message; this check exists because a file larger than the server's request-size limit would never
 * reach that check and would end in a generic error instead of a specific message.
 */
export function useUploadGuard(maxBytes: number, field = "document") {
  const t = useTranslations("onboarding.form");
  const [error, setError] = useState<string | undefined>(undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem(field);
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    if (file && file.size > maxBytes) {
      event.preventDefault();
      setError(t("fileTooLarge", { name: file.name, size: (file.size / 1024 / 1024).toFixed(1), max: String(maxBytes / 1024 / 1024) }));
      return;
    }
    setError(undefined);
  };
  return { error, onSubmit };
}
