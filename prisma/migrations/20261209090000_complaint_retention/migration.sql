-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "LegalHold" ADD COLUMN     "subjectComplaintId" TEXT;

-- CreateIndex
CREATE INDEX "LegalHold_subjectComplaintId_idx" ON "LegalHold"("subjectComplaintId");

-- REC-2, REC-7, CMP-1: complaints and enquiries are kept 7 years after closure, then their personal
-- data is erased (lib/retention/policy.ts decides when; lib/services/retention/internal.ts erases).
-- The append-only guards stay in force and let exactly that erasure through, and only in a
-- transaction where the purge has set app.retention_purge to 'on' (SET LOCAL / set_config(..., true),
-- so it ends with the transaction):
-- - Complaint: text blanked, contact and letter emptied, erasedAt set, once, on a closed complaint;
--   every other column unchanged.
-- - ComplaintEvent: text emptied and, in data, strings blanked; the shape, every key, every other
--   value and every other column unchanged.
-- - ComplaintAttachment: content and file name emptied; type, size, SHA-256 and the rest unchanged.
-- Deletes stay refused, with or without the setting. Whether the complaint is past retention and
-- under no legal hold is the service's check; the database only narrows what may change.

CREATE OR REPLACE FUNCTION "complaint_record_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  received CONSTANT text[] := ARRAY['id', 'reference', 'kind', 'category', 'text', 'contactEmail', 'userId', 'locale',
    'submissionKey', 'receivedAt', 'acknowledgeDueAt', 'responseDueAt'];
  referral CONSTANT text[] := ARRAY['fdrcReferredAt', 'fdrcTaskId'];
  erased CONSTANT text[] := ARRAY['text', 'contactEmail', 'letterText', 'erasedAt'];
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'complaints are kept: % on "Complaint" is refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', HINT = 'A complaint is a record; it outlives its closure.';
  END IF;
  IF OLD."erasedAt" IS NULL AND NEW."erasedAt" IS NOT NULL THEN
    IF current_setting('app.retention_purge', true) IS DISTINCT FROM 'on'
       OR OLD."closedAt" IS NULL
       OR NEW."text" <> '' OR NEW."contactEmail" IS NOT NULL OR NEW."letterText" IS NOT NULL
       OR (to_jsonb(NEW) - erased) IS DISTINCT FROM (to_jsonb(OLD) - erased) THEN
      RAISE EXCEPTION 'only the retention purge erases a closed complaint, and only its text, contact and letter: UPDATE on "Complaint" is refused'
        USING ERRCODE = 'insufficient_privilege', HINT = 'Erasure is the retention purge''s, after the retention period.';
    END IF;
    RETURN NEW;
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

CREATE FUNCTION "complaint_log_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  erased CONSTANT text[] := ARRAY['text', 'data'];
  only_blanked boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('app.retention_purge', true) = 'on'
     AND NEW."text" IS NULL
     AND (to_jsonb(NEW) - erased) = (to_jsonb(OLD) - erased) THEN
    -- Walks the old and the new data side by side: the same type at every node, the same keys in
    -- every object, the same length of every array; a string kept or blanked, anything else kept.
    WITH RECURSIVE pairs(o, n) AS (
      SELECT OLD."data", NEW."data"
      UNION ALL
      SELECT child.o, child.n FROM pairs p, LATERAL (
        SELECT e.value AS o, p.n -> e.key AS n
          FROM jsonb_each(CASE WHEN jsonb_typeof(p.o) = 'object' AND jsonb_typeof(p.n) = 'object' THEN p.o ELSE '{}'::jsonb END) e
        UNION ALL
        SELECT a.value, p.n -> (a.i - 1)::int
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.o) = 'array' AND jsonb_typeof(p.n) = 'array' THEN p.o ELSE '[]'::jsonb END)
            WITH ORDINALITY AS a(value, i)
      ) child
    )
    SELECT bool_and(CASE
        WHEN o IS NULL OR n IS NULL THEN o IS NULL AND n IS NULL
        WHEN jsonb_typeof(o) <> jsonb_typeof(n) THEN false
        WHEN jsonb_typeof(o) = 'object' THEN
          (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(o) k) IS NOT DISTINCT FROM (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(n) k)
        WHEN jsonb_typeof(o) = 'array' THEN jsonb_array_length(o) = jsonb_array_length(n)
        WHEN jsonb_typeof(o) = 'string' THEN n = o OR n = '""'::jsonb
        ELSE n = o
      END) INTO only_blanked FROM pairs;
    IF only_blanked THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'records are append-only: % on "%" is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege', HINT = 'Record a new entry instead; only the retention purge blanks free text.';
END;
$$;

CREATE FUNCTION "complaint_attachment_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  erased CONSTANT text[] := ARRAY['content', 'fileName'];
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('app.retention_purge', true) = 'on'
     AND octet_length(NEW."content") = 0 AND NEW."fileName" = ''
     AND (to_jsonb(NEW) - erased) = (to_jsonb(OLD) - erased) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'records are append-only: % on "%" is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege', HINT = 'A file sent with a complaint is kept; only the retention purge empties it.';
END;
$$;

DROP TRIGGER "ComplaintEvent_append_only" ON "ComplaintEvent";
CREATE TRIGGER "ComplaintEvent_append_only" BEFORE UPDATE OR DELETE ON "ComplaintEvent"
  FOR EACH ROW EXECUTE FUNCTION "complaint_log_guard"();

DROP TRIGGER "ComplaintAttachment_append_only" ON "ComplaintAttachment";
CREATE TRIGGER "ComplaintAttachment_append_only" BEFORE UPDATE OR DELETE ON "ComplaintAttachment"
  FOR EACH ROW EXECUTE FUNCTION "complaint_attachment_guard"();
