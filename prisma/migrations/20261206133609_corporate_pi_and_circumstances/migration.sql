-- CreateEnum
CREATE TYPE "CorporatePiConclusion" AS ENUM ('POSITIVE', 'NEGATIVE');

-- CreateTable
CREATE TABLE "CorporatePiAssessment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "hasInvestmentFunction" BOOLEAN NOT NULL,
    "investmentFunction" TEXT NOT NULL,
    "decisionMakers" JSONB NOT NULL,
    "knowledgeAndExperience" TEXT NOT NULL,
    "conclusion" "CorporatePiConclusion" NOT NULL,
    "reason" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "officerEmail" TEXT NOT NULL,
    "assessedAt" TIMESTAMP(3) NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT,

    CONSTRAINT "CorporatePiAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorporatePiConsent" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "consentedAt" TIMESTAMP(3) NOT NULL,
    "userAgent" TEXT,
    "ipAddress" TEXT,

    CONSTRAINT "CorporatePiConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthorisedTrader" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    "removedReason" TEXT,

    CONSTRAINT "AuthorisedTrader_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthorisedTraderAssessment" (
    "id" TEXT NOT NULL,
    "traderId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "hasKnowledge" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "officerEmail" TEXT NOT NULL,
    "assessedAt" TIMESTAMP(3) NOT NULL,
    "contentHash" TEXT NOT NULL,

    CONSTRAINT "AuthorisedTraderAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CircumstanceChange" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "contentHash" TEXT NOT NULL,

    CONSTRAINT "CircumstanceChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CircumstanceChangeReview" (
    "id" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "officerEmail" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CircumstanceChangeReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CorporatePiAssessment_userId_assessedAt_idx" ON "CorporatePiAssessment"("userId", "assessedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CorporatePiAssessment_userId_version_key" ON "CorporatePiAssessment"("userId", "version");

-- CreateIndex
CREATE INDEX "CorporatePiConsent_userId_consentedAt_idx" ON "CorporatePiConsent"("userId", "consentedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CorporatePiConsent_userId_versionId_key" ON "CorporatePiConsent"("userId", "versionId");

-- CreateIndex
CREATE INDEX "AuthorisedTrader_userId_addedAt_idx" ON "AuthorisedTrader"("userId", "addedAt");

-- CreateIndex
CREATE INDEX "AuthorisedTraderAssessment_traderId_assessedAt_idx" ON "AuthorisedTraderAssessment"("traderId", "assessedAt");

-- CreateIndex
CREATE INDEX "AuthorisedTraderAssessment_userId_idx" ON "AuthorisedTraderAssessment"("userId");

-- CreateIndex
CREATE INDEX "CircumstanceChange_userId_reportedAt_idx" ON "CircumstanceChange"("userId", "reportedAt");

-- CreateIndex
CREATE INDEX "CircumstanceChange_reportedAt_idx" ON "CircumstanceChange"("reportedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CircumstanceChangeReview_changeId_key" ON "CircumstanceChangeReview"("changeId");

-- The 15.3A assessments, 15.3B consents, trader assessments and change-of-circumstances reports and their
-- re-review outcomes are records: UPDATE and DELETE are refused in the database itself (a new record is
-- written instead). DROP SCHEMA / DROP TABLE do not fire these triggers, so resets keep working.
CREATE FUNCTION "suitability_record_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'records are append-only: % on "%" is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Record a new version instead.';
END;
$$;

CREATE TRIGGER "CorporatePiAssessment_append_only" BEFORE UPDATE OR DELETE ON "CorporatePiAssessment"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "CorporatePiConsent_append_only" BEFORE UPDATE OR DELETE ON "CorporatePiConsent"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "AuthorisedTraderAssessment_append_only" BEFORE UPDATE OR DELETE ON "AuthorisedTraderAssessment"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "CircumstanceChange_append_only" BEFORE UPDATE OR DELETE ON "CircumstanceChange"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
CREATE TRIGGER "CircumstanceChangeReview_append_only" BEFORE UPDATE OR DELETE ON "CircumstanceChangeReview"
  FOR EACH ROW EXECUTE FUNCTION "suitability_record_append_only"();
