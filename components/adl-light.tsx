import { useTranslations } from "next-intl";

/**
 * The per-position ADL indicator (LIQ-5): 1 (least likely to be auto-deleveraged) to 5 (most
 * likely), the engine's ranking quintile. Shown as text; the five bars repeat it for the eye and are
 * hidden from assistive technology, which reads the text. Filled bars carry the meaning as well as
 * their colour.
 */
export function AdlLight({ lights }: { lights: number }) {
  const t = useTranslations("components.adlLight");
  return (
    <span className="adl-light">
      <span className="adl-light__bars" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((bar) => (
          <span key={bar} className={bar <= lights ? `adl-light__bar adl-light__bar--on adl-light__bar--${lights}` : "adl-light__bar"} />
        ))}
      </span>
      <span className="adl-light__text">{t("text", { lights: String(lights) })}</span>
    </span>
  );
}
