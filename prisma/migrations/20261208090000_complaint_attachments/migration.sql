-- CreateTable
CREATE TABLE "ComplaintAttachment" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplaintAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ComplaintAttachment_complaintId_idx" ON "ComplaintAttachment"("complaintId");

-- AddForeignKey
ALTER TABLE "ComplaintAttachment" ADD CONSTRAINT "ComplaintAttachment_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CMP-1, REC-2: a complaint's attachments are part of what was received, kept with the complaint
-- (which is never removed): rows are never changed or removed (the same function as the other
-- append-only records). DROP SCHEMA / DROP TABLE do not fire these triggers, so resets keep working.
CREATE TRIGGER "ComplaintAttachment_append_only" BEFORE UPDATE OR DELETE ON "ComplaintAttachment"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "ComplaintAttachment_append_only_truncate" BEFORE TRUNCATE ON "ComplaintAttachment"
  FOR EACH STATEMENT EXECUTE FUNCTION "suitability_record_append_only"();
