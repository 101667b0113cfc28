-- CreateTable
CREATE TABLE "EngineCommand" (
    "position" BIGINT NOT NULL,
    "nowMs" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "firstEventSeq" BIGINT,
    "lastEventSeq" BIGINT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EngineCommand_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "EngineEvent" (
    "seq" BIGINT NOT NULL,
    "position" BIGINT NOT NULL,
    "nowMs" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "market" TEXT,
    "payload" TEXT NOT NULL,

    CONSTRAINT "EngineEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "EngineSnapshot" (
    "position" BIGINT NOT NULL,
    "lastEventSeq" BIGINT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EngineSnapshot_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "ScenarioRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "requestedBy" TEXT,
    "startedAtMs" BIGINT NOT NULL,
    "endedAtMs" BIGINT,
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScenarioRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EngineEvent_market_seq_idx" ON "EngineEvent"("market", "seq");

-- CreateIndex
CREATE INDEX "EngineEvent_type_seq_idx" ON "EngineEvent"("type", "seq");

-- CreateIndex
CREATE INDEX "EngineEvent_nowMs_idx" ON "EngineEvent"("nowMs");
