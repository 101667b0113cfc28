-- CreateEnum
CREATE TYPE "RiskProposalKind" AS ENUM ('MARKET_PARAMETERS', 'MARKET_APPROVAL', 'COLLATERAL_ASSET', 'COLLATERAL_BREAKER', 'COLLATERAL_LIFT');

-- CreateEnum
CREATE TYPE "RiskProposalStatus" AS ENUM ('PENDING', 'SCHEDULED', 'APPLIED', 'ACTED_PENDING_APPROVAL', 'REJECTED', 'WITHDRAWN', 'FAILED');

-- CreateTable
CREATE TABLE "MarketApproval" (
    "id" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "approvedOn" DATE NOT NULL,
    "parameterHash" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "proposalId" TEXT,
    "recordedById" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),
    "supersededById" TEXT,

    CONSTRAINT "MarketApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskProposal" (
    "id" TEXT NOT NULL,
    "kind" "RiskProposalKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "RiskProposalStatus" NOT NULL DEFAULT 'PENDING',
    "payload" JSONB NOT NULL,
    "diff" JSONB NOT NULL,
    "impact" JSONB,
    "tightening" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "effectiveAtMs" BIGINT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "engineScheduleId" TEXT,
    "appliedSeq" BIGINT,
    "appliedAt" TIMESTAMP(3),
    "failure" TEXT,
    "noticesQueued" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RiskProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StressSuiteRun" (
    "id" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "parameterHash" TEXT NOT NULL,
    "proposalId" TEXT,
    "status" TEXT NOT NULL,
    "suiteVersion" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "results" JSONB,
    "failure" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "StressSuiteRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MarketApproval_proposalId_key" ON "MarketApproval"("proposalId");

-- CreateIndex
CREATE INDEX "MarketApproval_market_recordedAt_idx" ON "MarketApproval"("market", "recordedAt");

-- CreateIndex
CREATE INDEX "RiskProposal_status_proposedAt_idx" ON "RiskProposal"("status", "proposedAt");

-- CreateIndex
CREATE INDEX "RiskProposal_kind_subject_proposedAt_idx" ON "RiskProposal"("kind", "subject", "proposedAt");

-- CreateIndex
CREATE INDEX "StressSuiteRun_market_parameterHash_startedAt_idx" ON "StressSuiteRun"("market", "parameterHash", "startedAt");

-- CreateIndex
CREATE INDEX "StressSuiteRun_proposalId_idx" ON "StressSuiteRun"("proposalId");
