-- AlterTable
ALTER TABLE "ClientNotice" ADD COLUMN     "incidentId" TEXT,
ADD COLUMN     "params" JSONB,
ADD COLUMN     "readAt" TIMESTAMP(3),
ADD COLUMN     "statement" JSONB;

-- CreateTable
CREATE TABLE "JournalCursor" (
    "name" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JournalCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AccountActivity" (
    "seq" BIGINT NOT NULL,
    "engineAccountId" INTEGER NOT NULL,
    "nowMs" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "side" TEXT,
    "lots" INTEGER,
    "priceTicks" INTEGER,
    "amount" BIGINT,
    "positionAfter" INTEGER NOT NULL,

    CONSTRAINT "AccountActivity_pkey" PRIMARY KEY ("seq","engineAccountId")
);

-- CreateTable
CREATE TABLE "ClientPosition" (
    "engineAccountId" INTEGER NOT NULL,
    "market" TEXT NOT NULL,
    "lots" INTEGER NOT NULL,

    CONSTRAINT "ClientPosition_pkey" PRIMARY KEY ("engineAccountId","market")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "market" TEXT NOT NULL,
    "openedSeq" BIGINT NOT NULL,
    "openedAtMs" BIGINT NOT NULL,
    "lastSeq" BIGINT NOT NULL,
    "lastAtMs" BIGINT NOT NULL,
    "closedSeq" BIGINT,
    "closedAtMs" BIGINT,
    "steps" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "deadlineAt" TIMESTAMP(3) NOT NULL,
    "escalatedT6At" TIMESTAMP(3),
    "escalatedT2At" TIMESTAMP(3),
    "overdueAt" TIMESTAMP(3),
    "draft" JSONB,
    "draftHash" TEXT,
    "cause" TEXT,
    "impact" TEXT,
    "remediation" TEXT,
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "approvalStepUpAt" TIMESTAMP(3),
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "published" TEXT,
    "publishedHash" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "recipient" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "messageId" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountActivity_engineAccountId_seq_idx" ON "AccountActivity"("engineAccountId", "seq");

-- CreateIndex
CREATE INDEX "AccountActivity_engineAccountId_kind_seq_idx" ON "AccountActivity"("engineAccountId", "kind", "seq");

-- CreateIndex
CREATE INDEX "ClientPosition_market_idx" ON "ClientPosition"("market");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_openedSeq_key" ON "Incident"("openedSeq");

-- CreateIndex
CREATE INDEX "Incident_market_openedSeq_idx" ON "Incident"("market", "openedSeq");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_messageId_key" ON "NoticeDelivery"("messageId");

-- CreateIndex
CREATE INDEX "NoticeDelivery_status_nextAttemptAt_idx" ON "NoticeDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NoticeDelivery_userId_queuedAt_idx" ON "NoticeDelivery"("userId", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_noticeId_channel_key" ON "NoticeDelivery"("noticeId", "channel");

-- CreateIndex
CREATE INDEX "ClientNotice_userId_readAt_idx" ON "ClientNotice"("userId", "readAt");

-- CreateIndex
CREATE INDEX "ClientNotice_incidentId_idx" ON "ClientNotice"("incidentId");

-- AddForeignKey
ALTER TABLE "ClientNotice" ADD CONSTRAINT "ClientNotice_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "ClientNotice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
