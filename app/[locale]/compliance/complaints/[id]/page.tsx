import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { isComplaintCategory, isRootCause, NOTE_TEXT_MAX, REFERENCE_MAX, ROOT_CAUSES } from "@/lib/complaints/policy";
import { formatUtc } from "@/lib/format";
import { formatFileSize } from "@/lib/request-limits.mjs";
import { Link } from "@/lib/i18n/navigation";
import { getComplaint, type ComplaintDetail } from "@/lib/services/complaints/read-complaints";
import { hasFreshStepUp, STEP_UP_WINDOW_MS } from "@/lib/services/context";
import { Invalid, NotFound } from "@/lib/services/errors";
import { requirePermission } from "@/lib/transport/session";
import {
  acknowledgeAction,
  addNoteAction,
  answerAction,
  closeAction,
  draftLetterAction,
  fdrcReferralAction,
  reviewLetterAction,
  setRootCausesAction,
} from "../actions";
import { StaffForm } from "../staff-form";
import { stateWords, type ComplaintsT } from "../state-words";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("complaints.staff");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/**
 * CMP-1, EDU-2, RPT-9: one complaint or enquiry: what was sent, its deadlines and log, and the steps
 * open to the reader: an officer acknowledges, notes, tags root causes, drafts the outcome letter,
 * closes and records an FDRC referral; the MIC (a Responsible Officer who neither handled it nor
 * drafted the letter) reviews the letter after a step-up. Once the retention purge erased its personal
 * data (REC-7), the page says so where the text, the address, the letter and the files were.
 */
export default async function ComplaintPage({ params }: Props) {
  const ctx = await requirePermission("compliance.view");
  const { id } = await params;
  let complaint: ComplaintDetail;
  try {
    complaint = await getComplaint({ ctx, input: { id } });
  } catch (error) {
    if (error instanceof NotFound || error instanceof Invalid) notFound();
    throw error;
  }
  const t = await getTranslations("complaints");
  const canHandle = can(ctx.actor.roles, "complaints.handle");
  const canReview = can(ctx.actor.roles, "complaints.review");
  const stepUpHref = `/step-up?next=/compliance/complaints/${complaint.id}`;
  const isComplaint = complaint.kind === "complaint";
  const closed = complaint.closedAtMs !== null;
  const hidden = { id: complaint.id };
  const kindLabel = t(isComplaint ? "kinds.complaint" : "kinds.enquiry");
  const ownLetter = complaint.letterDraftedById === ctx.actor.userId || complaint.handlerId === ctx.actor.userId;
  const causeLabel = (cause: string) => (isRootCause(cause) ? t(`rootCauses.${cause}`) : cause);
  const erasedOn = complaint.erasedOn;

  return (
    <article className="section-page wide-page">
      <p>
        <Link href="/compliance/complaints">{t("staff.detail.back")}</Link>
      </p>
      <h1>{t("staff.detail.title", { kind: kindLabel, reference: complaint.reference })}</h1>
      {canHandle || canReview ? null : <p>{t("staff.readOnly")}</p>}
      {erasedOn ? <p data-testid="complaint-erased">{t("staff.detail.erased", { date: erasedOn })}</p> : null}

      <dl className="facts" data-testid="complaint-facts" data-status={complaint.status} data-escalated={complaint.escalated ? "true" : "false"}>
        <dt>{t("staff.detail.received")}</dt>
        <dd>{formatUtc(complaint.receivedAtMs)}</dd>
        <dt>{t("staff.detail.category")}</dt>
        <dd>{isComplaintCategory(complaint.category) ? t(`categories.${complaint.category}`) : complaint.category}</dd>
        <dt>{t("staff.detail.from")}</dt>
        <dd>
          {complaint.client
            ? complaint.client.erased
              ? t("staff.detail.clientErased")
              : t("staff.detail.client", { name: complaint.client.name, email: complaint.client.email })
            : complaint.contactEmail
              ? t("staff.detail.publicContact", { email: complaint.contactEmail })
              : erasedOn
                ? t("staff.detail.publicErased")
                : t("staff.detail.publicNoContact")}
        </dd>
        <dt>{t("staff.detail.status")}</dt>
        <dd data-testid="complaint-state">{stateWords(complaint, t).join(" · ")}</dd>
        <dt>{t("staff.detail.handler")}</dt>
        <dd>{complaint.handler ?? t("staff.detail.none")}</dd>
        {complaint.acknowledgeDueDate ? (
          <>
            <dt>{t("staff.detail.acknowledgeBy")}</dt>
            <dd>{t("staff.dueBy", { date: complaint.acknowledgeDueDate })}</dd>
          </>
        ) : null}
        <dt>{t("staff.detail.respondBy")}</dt>
        <dd>{t("staff.dueBy", { date: complaint.responseDueDate })}</dd>
        {isComplaint ? (
          <>
            <dt>{t("staff.detail.rootCauses")}</dt>
            <dd>{complaint.rootCauses.length ? complaint.rootCauses.map(causeLabel).join(", ") : t("staff.detail.none")}</dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="complaint-text">
        <h2 id="complaint-text">{t("staff.detail.text")}</h2>
        {erasedOn ? (
          <p className="muted" data-testid="complaint-text">
            {t("staff.detail.textErased", { date: erasedOn })}
          </p>
        ) : (
          <blockquote style={{ whiteSpace: "pre-wrap" }} data-testid="complaint-text">
            {complaint.text}
          </blockquote>
        )}
      </section>

      <section aria-labelledby="complaint-attachments">
        <h2 id="complaint-attachments">{t("staff.detail.attachmentsHeading")}</h2>
        {complaint.attachments.length === 0 ? (
          <p data-testid="complaint-attachments">{t("staff.detail.attachmentsNone")}</p>
        ) : (
          <>
            {erasedOn ? null : <p>{t("staff.detail.attachmentsLead")}</p>}
            <ul data-testid="complaint-attachments">
              {complaint.attachments.map((file) =>
                file.fileName === null ? (
                  <li key={file.id} className="muted">
                    {t.rich("staff.detail.attachmentErased", { hash: file.sha256.slice(0, 12), code: (chunks) => <code title={file.sha256}>{chunks}</code> })}
                  </li>
                ) : (
                  <li key={file.id}>
                    <a href={`/api/compliance/complaints/${complaint.id}/attachments/${file.id}`} download={file.fileName}>
                      {file.fileName}
                    </a>{" "}
                    <span className="muted">
                      {t.rich("staff.detail.attachmentFacts", {
                        size: formatFileSize(file.sizeBytes),
                        hash: file.sha256.slice(0, 12),
                        code: (chunks) => <code title={file.sha256}>{chunks}</code>,
                      })}
                    </span>
                  </li>
                ),
              )}
            </ul>
          </>
        )}
      </section>

      {isComplaint && (complaint.letterText || (erasedOn && complaint.letterDrafted)) ? (
        <section aria-labelledby="complaint-letter">
          <h2 id="complaint-letter">{t("staff.detail.letterHeading")}</h2>
          {erasedOn ? (
            <p className="muted" data-testid="complaint-letter">
              {t("staff.detail.textErased", { date: erasedOn })}
            </p>
          ) : (
            <pre data-testid="complaint-letter" style={{ whiteSpace: "pre-wrap" }}>
              {complaint.letterText}
            </pre>
          )}
          <p className="muted">
            {t("staff.detail.letterDraftedBy", { name: complaint.letterDraftedBy ?? "—" })}{" "}
            {complaint.reviewedAtMs
              ? t("staff.detail.letterReviewedBy", { name: complaint.reviewedBy ?? "—", at: formatUtc(complaint.reviewedAtMs) })
              : t("staff.detail.letterAwaitingReview")}
          </p>
        </section>
      ) : null}

      {closed ? null : (
        <Steps
          complaint={complaint}
          t={t}
          canHandle={canHandle}
          canReview={canReview}
          ownLetter={ownLetter}
          stepUpHref={stepUpHref}
          ctxFresh={hasFreshStepUp(ctx)}
          hidden={hidden}
        />
      )}

      {isComplaint && canHandle && complaint.fdrcReferredAtMs === null ? (
        <StaffForm
          action={fdrcReferralAction}
          label={t("staff.actions.fdrcLabel")}
          submit={t("staff.actions.fdrc")}
          hidden={hidden}
          testId="complaint-fdrc"
          stepUpHref={stepUpHref}
          fields={[{ name: "reference", label: t("staff.actions.fdrcField"), kind: "text", maxLength: REFERENCE_MAX }]}
        />
      ) : null}

      <section aria-labelledby="complaint-log">
        <h2 id="complaint-log">{t("staff.detail.logHeading")}</h2>
        <p>{t("staff.detail.logLead")}</p>
        {erasedOn ? <p className="muted">{t("staff.detail.logErased", { date: erasedOn })}</p> : null}
        <ol className="stack" data-testid="complaint-log">
          {complaint.events.map((event) => (
            <li key={event.id} data-kind={event.kind}>
              <strong>{eventTitle(event, t, causeLabel)}</strong>{" "}
              <span className="muted">{t("staff.detail.byAt", { at: formatUtc(event.atMs), name: event.actor ?? t("staff.detail.system") })}</span>
              {event.text && event.kind !== "letter_drafted" && event.kind !== "fdrc_referred" ? <p style={{ whiteSpace: "pre-wrap" }}>{event.text}</p> : null}
              {event.kind === "received" && receivedFiles(event).length ? (
                <>
                  <p>{t("staff.detail.receivedFiles")}</p>
                  <ul>
                    {receivedFiles(event).map((file, index) => (
                      <li key={index}>{file.name ? t("staff.detail.receivedFile", file) : t("staff.detail.receivedFileErased", file)}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {event.kind === "letter_drafted" && event.text ? (
                <details>
                  <summary>{t("staff.detail.letterHeading")}</summary>
                  <pre style={{ whiteSpace: "pre-wrap" }}>{event.text}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function Steps({
  complaint,
  t,
  canHandle,
  canReview,
  ownLetter,
  stepUpHref,
  ctxFresh,
  hidden,
}: {
  complaint: ComplaintDetail;
  t: ComplaintsT;
  canHandle: boolean;
  canReview: boolean;
  ownLetter: boolean;
  stepUpHref: string;
  ctxFresh: boolean;
  hidden: Record<string, string>;
}) {
  if (complaint.kind === "enquiry") {
    return canHandle ? (
      <StaffForm
        action={answerAction}
        label={t("staff.actions.answerLabel")}
        submit={t("staff.actions.answer")}
        hidden={hidden}
        testId="complaint-answer"
        stepUpHref={stepUpHref}
        fields={[{ name: "text", label: t("staff.actions.answerField"), kind: "textarea", maxLength: NOTE_TEXT_MAX }]}
      />
    ) : null;
  }
  const letterReady = complaint.letterVersion !== null;
  return (
    <>
      {canHandle && complaint.acknowledgedAtMs === null ? (
        <StaffForm
          action={acknowledgeAction}
          label={t("staff.actions.acknowledgeLabel")}
          submit={t("staff.actions.acknowledge")}
          hidden={hidden}
          testId="complaint-acknowledge"
          stepUpHref={stepUpHref}
          fields={[]}
        />
      ) : null}
      {canHandle ? (
        <>
          <StaffForm
            action={addNoteAction}
            label={t("staff.actions.noteLabel")}
            submit={t("staff.actions.note")}
            hidden={hidden}
            testId="complaint-note"
            stepUpHref={stepUpHref}
            fields={[{ name: "text", label: t("staff.actions.noteField"), kind: "textarea", maxLength: NOTE_TEXT_MAX }]}
          />
          <StaffForm
            action={setRootCausesAction}
            label={t("staff.actions.rootCausesLabel")}
            submit={t("staff.actions.rootCauses")}
            hidden={hidden}
            testId="complaint-root-causes"
            stepUpHref={stepUpHref}
            fields={[
              {
                name: "causes",
                label: t("staff.actions.rootCausesLabel"),
                kind: "checkboxes",
                options: ROOT_CAUSES.map((cause) => ({ value: cause, label: t(`rootCauses.${cause}`), checked: complaint.rootCauses.includes(cause) })),
              },
            ]}
          />
          <StaffForm
            action={draftLetterAction}
            label={t("staff.actions.draftLabel")}
            submit={letterReady ? t("staff.actions.redraftLetter") : t("staff.actions.draftLetter")}
            hidden={hidden}
            testId="complaint-draft-letter"
            stepUpHref={stepUpHref}
            fields={[
              {
                name: "outcome",
                label: t("staff.actions.outcomeField"),
                hint: t("staff.actions.outcomeHint", { max: NOTE_TEXT_MAX }),
                kind: "textarea",
                maxLength: NOTE_TEXT_MAX,
              },
            ]}
          />
        </>
      ) : null}
      {canReview && letterReady && complaint.reviewedAtMs === null ? (
        ownLetter ? (
          <p>{t("staff.actions.needsSecondPerson")}</p>
        ) : ctxFresh ? (
          <StaffForm
            action={reviewLetterAction}
            label={t("staff.actions.reviewLabel")}
            submit={t("staff.actions.review")}
            lead={t("staff.actions.reviewLead")}
            hidden={{ ...hidden, letterVersion: complaint.letterVersion ?? "" }}
            testId="complaint-review"
            stepUpHref={stepUpHref}
            fields={[]}
          />
        ) : (
          <p>
            {t("staff.actions.reviewStepUp", { minutes: STEP_UP_WINDOW_MS / 60_000 })}{" "}
            <Link href={stepUpHref} className="button">
              {t("staff.actions.stepUpFirst")}
            </Link>
          </p>
        )
      ) : null}
      {canHandle ? (
        complaint.reviewedAtMs !== null ? (
          <StaffForm
            action={closeAction}
            label={t("staff.actions.closeLabel")}
            submit={t("staff.actions.close")}
            lead={t("staff.actions.closeLead")}
            hidden={hidden}
            testId="complaint-close"
            stepUpHref={stepUpHref}
            fields={[]}
          />
        ) : (
          <p data-testid="complaint-close-needs">{t("staff.actions.closeNeeds")}</p>
        )
      ) : null}
    </>
  );
}

/** The files a "received" entry names, each with its SHA-256 as logged. */
function receivedFiles(event: ComplaintDetail["events"][number]): { name: string; hash: string }[] {
  const files: unknown = event.data?.attachments;
  if (!Array.isArray(files)) return [];
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return files.map((file: { fileName?: unknown; sha256?: unknown } | null) => ({ name: text(file?.fileName), hash: text(file?.sha256) }));
}

function eventTitle(event: ComplaintDetail["events"][number], t: ComplaintsT, causeLabel: (cause: string) => string): string {
  const data = event.data ?? {};
  switch (event.kind) {
    case "received":
    case "acknowledged":
    case "note":
    case "letter_drafted":
    case "mic_reviewed":
    case "answered":
    case "closed":
      return t(`staff.detail.events.${event.kind}`);
    case "root_cause":
      return t("staff.detail.events.root_cause", { causes: (Array.isArray(data.causes) ? data.causes.map(String) : []).map(causeLabel).join(", ") });
    case "escalated":
      return t("staff.detail.events.escalated", { deadline: data.deadline === "acknowledge" ? "acknowledge" : "response" });
    case "fdrc_referred":
      // The FDRC's reference is free text the retention purge erases with the rest of the log's.
      return event.text ? t("staff.detail.events.fdrc_referred", { reference: event.text }) : t("staff.detail.events.fdrc_referredErased");
    default:
      return t("staff.detail.events.other", { kind: event.kind });
  }
}
