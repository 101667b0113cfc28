-- DropIndex
DROP INDEX "EngineEvent_nowMs_idx";

-- AlterTable
ALTER TABLE "EngineCommand" ADD COLUMN     "body" BYTEA,
ALTER COLUMN "command" DROP NOT NULL;

-- AlterTable
ALTER TABLE "EngineEvent" ADD COLUMN     "body" BYTEA,
ALTER COLUMN "payload" DROP NOT NULL;

-- CreateTable
CREATE TABLE "MarketMinute" (
    "market" TEXT NOT NULL,
    "minuteMs" BIGINT NOT NULL,
    "figures" TEXT NOT NULL,
    "lastSeq" BIGINT NOT NULL,

    CONSTRAINT "MarketMinute_pkey" PRIMARY KEY ("market","minuteMs")
);

-- CreateTable
CREATE TABLE "JournalSegment" (
    "fromPosition" BIGINT NOT NULL,
    "toPosition" BIGINT NOT NULL,
    "fromSeq" BIGINT NOT NULL,
    "toSeq" BIGINT NOT NULL,
    "fromMs" BIGINT NOT NULL,
    "toMs" BIGINT NOT NULL,
    "commandCount" INTEGER NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "prevSha256" TEXT NOT NULL,
    "eventsSha256" TEXT NOT NULL,
    "startStateHash" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JournalSegment_pkey" PRIMARY KEY ("fromPosition")
);

-- CreateIndex
CREATE UNIQUE INDEX "JournalSegment_toPosition_key" ON "JournalSegment"("toPosition");

-- CreateIndex
CREATE UNIQUE INDEX "JournalSegment_file_key" ON "JournalSegment"("file");

-- CreateIndex
CREATE INDEX "JournalSegment_toSeq_idx" ON "JournalSegment"("toSeq");

-- CreateIndex
CREATE INDEX "JournalSegment_toMs_idx" ON "JournalSegment"("toMs");

-- CreateIndex
CREATE INDEX "EngineEvent_nowMs_idx" ON "EngineEvent" USING BRIN ("nowMs");

-- Every journal row holds exactly one form of its content: the legacy JSON or the compact body.
ALTER TABLE "EngineCommand" ADD CONSTRAINT "EngineCommand_one_form" CHECK (("command" IS NULL) <> ("body" IS NULL));
ALTER TABLE "EngineEvent" ADD CONSTRAINT "EngineEvent_one_form" CHECK (("payload" IS NULL) <> ("body" IS NULL));
