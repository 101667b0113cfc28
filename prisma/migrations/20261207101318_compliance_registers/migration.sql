-- AlterTable
ALTER TABLE "ComplianceIncident" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "assessedAt" TIMESTAMP(3),
ADD COLUMN     "assessedById" TEXT,
ADD COLUMN     "draftText" TEXT,
ADD COLUMN     "draftedAt" TIMESTAMP(3),
ADD COLUMN     "draftedById" TEXT,
ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "evidence" TEXT,
ADD COLUMN     "materiality" TEXT,
ADD COLUMN     "materialityReason" TEXT,
ADD COLUMN     "notifiedAt" TIMESTAMP(3),
ADD COLUMN     "notifiedById" TEXT,
ADD COLUMN     "notifyDueAt" TIMESTAMP(3),
ADD COLUMN     "sfcReference" TEXT;

-- CreateTable
CREATE TABLE "ComplianceTask" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "sourceRef" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneById" TEXT,
    "doneAt" TIMESTAMP(3),
    "evidence" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonnelChange" (
    "id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "function" TEXT NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taskId" TEXT NOT NULL,

    CONSTRAINT "PersonnelChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceTask_sourceRef_key" ON "ComplianceTask"("sourceRef");

-- CreateIndex
CREATE INDEX "ComplianceTask_status_dueAt_idx" ON "ComplianceTask"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "PersonnelChange_taskId_key" ON "PersonnelChange"("taskId");

-- CreateIndex
CREATE INDEX "PersonnelChange_recordedAt_idx" ON "PersonnelChange"("recordedAt");

-- CreateIndex
CREATE INDEX "ComplianceIncident_materiality_notifiedAt_escalatedAt_notif_idx" ON "ComplianceIncident"("materiality", "notifiedAt", "escalatedAt", "notifyDueAt");

-- AddForeignKey
ALTER TABLE "PersonnelChange" ADD CONSTRAINT "PersonnelChange_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ComplianceTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
