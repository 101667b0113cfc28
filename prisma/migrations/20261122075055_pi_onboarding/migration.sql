-- CreateEnum
CREATE TYPE "OnboardingStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'INFO_REQUESTED', 'PENDING_SECOND_APPROVAL', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVE', 'REJECT', 'REQUEST_INFO', 'CONFIRM_OVERRIDE');

-- CreateTable
CREATE TABLE "OnboardingCase" (
    "userId" TEXT NOT NULL,
    "status" "OnboardingStatus" NOT NULL DEFAULT 'DRAFT',
    "draft" JSONB NOT NULL,
    "draftUpdatedAt" TIMESTAMP(3) NOT NULL,
    "latestSubmissionId" TEXT,
    "statusReason" TEXT,
    "statusChangedAt" TIMESTAMP(3) NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "maxInitialMarginMicroUsd" BIGINT,

    CONSTRAINT "OnboardingCase_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "EvidenceDocument" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvidenceDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "bankVersion" TEXT NOT NULL,
    "bankHash" TEXT NOT NULL,
    "presented" JSONB NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "answers" JSONB,
    "submittedAt" TIMESTAMP(3),
    "correct" INTEGER,
    "total" INTEGER,
    "passed" BOOLEAN,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuitabilitySubmission" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "assessmentDate" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "piPassed" BOOLEAN NOT NULL,
    "knowledgePassed" BOOLEAN NOT NULL,
    "quizPassed" BOOLEAN NOT NULL,
    "evaluatorPassed" BOOLEAN NOT NULL,
    "recordHash" TEXT NOT NULL,
    "previousHash" TEXT,

    CONSTRAINT "SuitabilitySubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuitabilityReview" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "officerEmail" TEXT NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "reason" TEXT NOT NULL,
    "overridesEvaluator" BOOLEAN NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuitabilityReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientNotice" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "dedupeKey" TEXT NOT NULL,

    CONSTRAINT "ClientNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OnboardingCase_latestSubmissionId_key" ON "OnboardingCase"("latestSubmissionId");

-- CreateIndex
CREATE INDEX "OnboardingCase_status_statusChangedAt_idx" ON "OnboardingCase"("status", "statusChangedAt");

-- CreateIndex
CREATE INDEX "OnboardingCase_expiresAt_idx" ON "OnboardingCase"("expiresAt");

-- CreateIndex
CREATE INDEX "EvidenceDocument_userId_uploadedAt_idx" ON "EvidenceDocument"("userId", "uploadedAt");

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_purpose_startedAt_idx" ON "QuizAttempt"("userId", "purpose", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SuitabilitySubmission_userId_version_key" ON "SuitabilitySubmission"("userId", "version");

-- CreateIndex
CREATE INDEX "SuitabilityReview_submissionId_decidedAt_idx" ON "SuitabilityReview"("submissionId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClientNotice_dedupeKey_key" ON "ClientNotice"("dedupeKey");

-- CreateIndex
CREATE INDEX "ClientNotice_userId_createdAt_idx" ON "ClientNotice"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "OnboardingCase" ADD CONSTRAINT "OnboardingCase_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnboardingCase" ADD CONSTRAINT "OnboardingCase_latestSubmissionId_fkey" FOREIGN KEY ("latestSubmissionId") REFERENCES "SuitabilitySubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceDocument" ADD CONSTRAINT "EvidenceDocument_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuitabilitySubmission" ADD CONSTRAINT "SuitabilitySubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuitabilityReview" ADD CONSTRAINT "SuitabilityReview_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "SuitabilitySubmission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientNotice" ADD CONSTRAINT "ClientNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
