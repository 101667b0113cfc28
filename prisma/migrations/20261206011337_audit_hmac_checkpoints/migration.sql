-- Keyed audit chain: rows already in the log were hashed with plain SHA-256 and become
-- version 1; the portal writes version 2 (HMAC-SHA256) from now on. The default exists only for
-- this statement, so no later row can get a version without the appender choosing it.
ALTER TABLE "AuditLog" ADD COLUMN     "hashVersion" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "AuditLog" ALTER COLUMN "hashVersion" DROP DEFAULT;

-- CreateTable
CREATE TABLE "AuditCheckpointMark" (
    "id" INTEGER NOT NULL,
    "line" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpointMark_pkey" PRIMARY KEY ("id")
);

-- The audit log is append-only in the database itself: UPDATE and DELETE (per row) and TRUNCATE
-- (per statement) are refused whoever asks, the portal's own role included. A superuser can still
-- disable the trigger; the keyed hashes and the signed checkpoints outside the database catch what
-- such a writer does. DROP SCHEMA / DROP TABLE do not fire these triggers, so resets keep working.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on "AuditLog" is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are never changed or removed; record a correcting entry instead.';
END;
$$;

CREATE TRIGGER "AuditLog_append_only_rows" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();

CREATE TRIGGER "AuditLog_append_only_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
