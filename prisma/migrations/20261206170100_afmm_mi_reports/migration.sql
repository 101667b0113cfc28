-- CreateTable
CREATE TABLE "AfmmMiReport" (
    "id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "fromMs" BIGINT NOT NULL,
    "toMs" BIGINT NOT NULL,
    "fromSeq" BIGINT NOT NULL,
    "toSeq" BIGINT NOT NULL,
    "data" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "generatedById" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AfmmMiReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AfmmMiReport_month_generatedAt_idx" ON "AfmmMiReport"("month", "generatedAt");
