-- CreateTable
CREATE TABLE "KnowledgeRoleConfirmation" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "roleIndex" INTEGER NOT NULL,
    "documentId" TEXT NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "officerEmail" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeRoleConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeRoleConfirmation_submissionId_roleIndex_key" ON "KnowledgeRoleConfirmation"("submissionId", "roleIndex");

-- AddForeignKey
ALTER TABLE "KnowledgeRoleConfirmation" ADD CONSTRAINT "KnowledgeRoleConfirmation_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "SuitabilitySubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
