-- External courses are confirmed against their certificate like roles against their document (SUIT-2):
-- the confirmations table gains a kind (existing rows are roles) and is unique per (submission, kind, record).
-- CreateEnum
CREATE TYPE "KnowledgeRecordKind" AS ENUM ('ROLE', 'COURSE');

-- DropIndex
DROP INDEX "KnowledgeRoleConfirmation_submissionId_roleIndex_key";

-- AlterTable
ALTER TABLE "KnowledgeRoleConfirmation" ADD COLUMN     "kind" "KnowledgeRecordKind" NOT NULL DEFAULT 'ROLE';

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeRoleConfirmation_submissionId_kind_roleIndex_key" ON "KnowledgeRoleConfirmation"("submissionId", "kind", "roleIndex");
