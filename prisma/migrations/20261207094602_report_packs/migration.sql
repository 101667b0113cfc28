-- CreateEnum
CREATE TYPE "ReportPackStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "ReportPack" (
    "id" TEXT NOT NULL,
    "fromMs" BIGINT NOT NULL,
    "toMs" BIGINT NOT NULL,
    "reports" TEXT[],
    "status" "ReportPackStatus" NOT NULL DEFAULT 'queued',
    "activeKey" TEXT,
    "scheduledMonth" TEXT,
    "requestedById" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "zip" BYTEA,
    "zipBytes" INTEGER,
    "manifestSha256" TEXT,
    "journalFromSeq" BIGINT,
    "journalToSeq" BIGINT,
    "filedAt" TIMESTAMP(3),
    "filedReference" TEXT,
    "filedById" TEXT,

    CONSTRAINT "ReportPack_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportPack_activeKey_key" ON "ReportPack"("activeKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReportPack_scheduledMonth_key" ON "ReportPack"("scheduledMonth");

-- CreateIndex
CREATE INDEX "ReportPack_requestedAt_idx" ON "ReportPack"("requestedAt");

-- CreateIndex
CREATE INDEX "ReportPack_status_idx" ON "ReportPack"("status");
