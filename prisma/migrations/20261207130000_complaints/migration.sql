-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contactEmail" TEXT,
    "userId" TEXT,
    "locale" TEXT NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgeDueAt" TIMESTAMP(3),
    "responseDueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "acknowledgedAt" TIMESTAMP(3),
    "handlerId" TEXT,
    "rootCauses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "letterText" TEXT,
    "letterDraftedById" TEXT,
    "letterDraftedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "acknowledgeEscalatedAt" TIMESTAMP(3),
    "responseEscalatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "fdrcReferredAt" TIMESTAMP(3),
    "fdrcTaskId" TEXT,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "complaintId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "text" TEXT,
    "data" JSONB,

    CONSTRAINT "ComplaintEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_reference_key" ON "Complaint"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_submissionKey_key" ON "Complaint"("submissionKey");

-- CreateIndex
CREATE INDEX "Complaint_receivedAt_idx" ON "Complaint"("receivedAt");

-- CreateIndex
CREATE INDEX "Complaint_status_responseDueAt_idx" ON "Complaint"("status", "responseDueAt");

-- CreateIndex
CREATE INDEX "ComplaintEvent_complaintId_at_idx" ON "ComplaintEvent"("complaintId", "at");

-- CreateIndex
CREATE INDEX "ComplaintEvent_kind_at_idx" ON "ComplaintEvent"("kind", "at");

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CMP-1, REC-2: the complaint log is append-only, and a complaint is a record that outlives its
-- closure. ComplaintEvent rows are never changed or removed (the same function as the other
-- append-only records). A Complaint row is never removed; what was received (kind, category, text,
-- contact, language, form key, the deadlines set on receipt) never changes; and once closed only the
-- FDRC referral may still be recorded on it, once. DROP SCHEMA / DROP TABLE do not fire these
-- triggers, so resets keep working.
CREATE TRIGGER "ComplaintEvent_append_only" BEFORE UPDATE OR DELETE ON "ComplaintEvent"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "ComplaintEvent_append_only_truncate" BEFORE TRUNCATE ON "ComplaintEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "suitability_record_append_only"();

CREATE FUNCTION "complaint_record_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  received CONSTANT text[] := ARRAY['id', 'reference', 'kind', 'category', 'text', 'contactEmail', 'userId', 'locale',
    'submissionKey', 'receivedAt', 'acknowledgeDueAt', 'responseDueAt'];
  referral CONSTANT text[] := ARRAY['fdrcReferredAt', 'fdrcTaskId'];
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'complaints are kept: % on "Complaint" is refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', HINT = 'A complaint is a record; it outlives its closure.';
  END IF;
  IF (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(NEW)) WHERE key = ANY (received))
     IS DISTINCT FROM (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(OLD)) WHERE key = ANY (received)) THEN
    RAISE EXCEPTION 'what a complaint said when received is never changed: UPDATE on "Complaint" is refused'
      USING ERRCODE = 'insufficient_privilege', HINT = 'Record a note on the complaint instead.';
  END IF;
  IF OLD."closedAt" IS NOT NULL AND (
       (to_jsonb(NEW) - referral) IS DISTINCT FROM (to_jsonb(OLD) - referral)
       OR OLD."fdrcReferredAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'a closed complaint is not changed: UPDATE on "Complaint" is refused'
      USING ERRCODE = 'insufficient_privilege', HINT = 'Only an FDRC referral may still be recorded, once.';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Complaint_record_guard" BEFORE UPDATE OR DELETE ON "Complaint"
  FOR EACH ROW EXECUTE FUNCTION "complaint_record_guard"();
CREATE TRIGGER "Complaint_record_guard_truncate" BEFORE TRUNCATE ON "Complaint"
  FOR EACH STATEMENT EXECUTE FUNCTION "complaint_record_guard"();
