/** What a server-rendered public page shows when the engine cannot answer: its title and the reason, nothing invented. */
export function UnavailablePage({ title, what, reason }: { title: string; what: string; reason: string }) {
  return (
    <article className="section-page">
      <h1>{title}</h1>
      <p className="alert alert--error" role="alert">
        {what} cannot be shown right now: {reason}.
      </p>
    </article>
  );
}
