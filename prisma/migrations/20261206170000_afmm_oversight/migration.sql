-- CreateTable
CREATE TABLE "AfmmAffiliate" (
    "id" TEXT NOT NULL,
    "legalName" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "agreementRef" TEXT NOT NULL,
    "agreementDate" TIMESTAMP(3) NOT NULL,
    "engineAccountIds" INTEGER[],
    "approved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,
    "endReason" TEXT,

    CONSTRAINT "AfmmAffiliate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffRegistration" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "capacity" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "StaffRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfmmOversightDesignation" (
    "id" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "capacity" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "assignedById" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,
    "endReason" TEXT,

    CONSTRAINT "AfmmOversightDesignation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfmmSfcNotification" (
    "id" TEXT NOT NULL,
    "notifiedOn" TIMESTAMP(3) NOT NULL,
    "thirdPartyReportRef" TEXT NOT NULL,
    "thirdPartyReportSha256" TEXT NOT NULL,
    "micDeclarationSha256" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" TEXT,
    "withdrawReason" TEXT,

    CONSTRAINT "AfmmSfcNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveillanceAlert" (
    "id" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "triggerSeq" BIGINT NOT NULL,
    "triggerPosition" BIGINT NOT NULL,
    "triggerAtMs" BIGINT NOT NULL,
    "fromSeq" BIGINT NOT NULL,
    "toSeq" BIGINT NOT NULL,
    "fromMs" BIGINT NOT NULL,
    "toMs" BIGINT NOT NULL,
    "afmmAccountIds" INTEGER[],
    "counterpartyAccountIds" INTEGER[],
    "metrics" JSONB NOT NULL,
    "evidence" JSONB NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'live',
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveillanceAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfmmReview" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "alertId" TEXT,
    "tradeSeq" BIGINT,
    "market" TEXT NOT NULL,
    "tradeAtMs" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "assigneeId" TEXT,
    "assignedAt" TIMESTAMP(3),
    "decision" TEXT,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "stepUpAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "AfmmReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfmmReviewComment" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AfmmReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictEntry" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "mitigation" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reviewDate" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "sourceReviewId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConflictEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictVersion" (
    "conflictId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "changedById" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "changeNote" TEXT NOT NULL,

    CONSTRAINT "ConflictVersion_pkey" PRIMARY KEY ("conflictId","version")
);

-- CreateTable
CREATE TABLE "ConflictPolicy" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "textSha256" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConflictPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyAttestation" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "attestedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyAttestation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceIncident" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sourceReviewId" TEXT,
    "conflictId" TEXT,
    "openedById" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ComplianceIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientDataAccess" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roles" TEXT[],
    "family" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "subjectUserId" TEXT,
    "subjectRef" TEXT,
    "purpose" TEXT NOT NULL,
    "route" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClientDataAccess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffRegistration_userId_capacity_idx" ON "StaffRegistration"("userId", "capacity");

-- CreateIndex
CREATE INDEX "AfmmOversightDesignation_endedAt_idx" ON "AfmmOversightDesignation"("endedAt");

-- CreateIndex
CREATE INDEX "SurveillanceAlert_rule_triggerSeq_idx" ON "SurveillanceAlert"("rule", "triggerSeq");

-- CreateIndex
CREATE INDEX "SurveillanceAlert_market_triggerSeq_idx" ON "SurveillanceAlert"("market", "triggerSeq");

-- CreateIndex
CREATE INDEX "SurveillanceAlert_triggerAtMs_idx" ON "SurveillanceAlert"("triggerAtMs");

-- CreateIndex
CREATE UNIQUE INDEX "AfmmReview_alertId_key" ON "AfmmReview"("alertId");

-- CreateIndex
CREATE UNIQUE INDEX "AfmmReview_tradeSeq_key" ON "AfmmReview"("tradeSeq");

-- CreateIndex
CREATE INDEX "AfmmReview_status_dueAt_idx" ON "AfmmReview"("status", "dueAt");

-- CreateIndex
CREATE INDEX "AfmmReview_openedAt_idx" ON "AfmmReview"("openedAt");

-- CreateIndex
CREATE INDEX "AfmmReviewComment_reviewId_createdAt_idx" ON "AfmmReviewComment"("reviewId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConflictEntry_sourceReviewId_key" ON "ConflictEntry"("sourceReviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ConflictPolicy_title_version_key" ON "ConflictPolicy"("title", "version");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAttestation_policyId_userId_year_key" ON "PolicyAttestation"("policyId", "userId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceIncident_sourceReviewId_key" ON "ComplianceIncident"("sourceReviewId");

-- CreateIndex
CREATE INDEX "ComplianceIncident_status_openedAt_idx" ON "ComplianceIncident"("status", "openedAt");

-- CreateIndex
CREATE INDEX "ClientDataAccess_at_idx" ON "ClientDataAccess"("at");

-- CreateIndex
CREATE INDEX "ClientDataAccess_userId_at_idx" ON "ClientDataAccess"("userId", "at");

-- CreateIndex
CREATE INDEX "ClientDataAccess_family_at_idx" ON "ClientDataAccess"("family", "at");

-- AddForeignKey
ALTER TABLE "AfmmReview" ADD CONSTRAINT "AfmmReview_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "SurveillanceAlert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfmmReviewComment" ADD CONSTRAINT "AfmmReviewComment_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "AfmmReview"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictVersion" ADD CONSTRAINT "ConflictVersion_conflictId_fkey" FOREIGN KEY ("conflictId") REFERENCES "ConflictEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttestation" ADD CONSTRAINT "PolicyAttestation_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "ConflictPolicy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Versions, attestations, review comments and the client-data access log are records: never changed or removed.
CREATE TRIGGER "ConflictVersion_append_only" BEFORE UPDATE OR DELETE ON "ConflictVersion"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "PolicyAttestation_append_only" BEFORE UPDATE OR DELETE ON "PolicyAttestation"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "AfmmReviewComment_append_only" BEFORE UPDATE OR DELETE ON "AfmmReviewComment"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "ClientDataAccess_append_only" BEFORE UPDATE OR DELETE ON "ClientDataAccess"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
