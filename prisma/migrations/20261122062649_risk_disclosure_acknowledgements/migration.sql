-- CreateTable
CREATE TABLE "RiskDisclosureAcknowledgement" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "acknowledgedAt" TIMESTAMP(3) NOT NULL,
    "userAgent" TEXT,
    "ipAddress" TEXT,

    CONSTRAINT "RiskDisclosureAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RiskDisclosureAcknowledgement_userId_acknowledgedAt_idx" ON "RiskDisclosureAcknowledgement"("userId", "acknowledgedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RiskDisclosureAcknowledgement_userId_versionId_key" ON "RiskDisclosureAcknowledgement"("userId", "versionId");

-- AddForeignKey
ALTER TABLE "RiskDisclosureAcknowledgement" ADD CONSTRAINT "RiskDisclosureAcknowledgement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
