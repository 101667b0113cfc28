-- REC-1: EngineEvent (and EngineCommand, below) becomes a table partitioned by engine time ("nowMs"),
-- one partition per six hours (UTC), created ahead by the journal's partition upkeep
-- (lib/journal/archive/partitions.ts). Once every event of a partition has been archived into verified
-- segments, the partition is detached and dropped, which returns its space at once instead of leaving
-- deleted rows for VACUUM. Rows that arrive for a span without a partition (and the rows written before
-- this migration) land in the default partition.
-- A partitioned table's primary key must include the partition key, so it is (seq, nowMs); seq alone
-- stays unique because the engine numbers events once, in order, and a journal batch is one transaction.
ALTER TABLE "EngineEvent" RENAME TO "EngineEvent_unpartitioned";
ALTER TABLE "EngineEvent_unpartitioned" RENAME CONSTRAINT "EngineEvent_pkey" TO "EngineEvent_unpartitioned_pkey";
ALTER TABLE "EngineEvent_unpartitioned" RENAME CONSTRAINT "EngineEvent_one_form" TO "EngineEvent_unpartitioned_one_form";
ALTER INDEX "EngineEvent_market_seq_idx" RENAME TO "EngineEvent_unpartitioned_market_seq_idx";
ALTER INDEX "EngineEvent_type_seq_idx" RENAME TO "EngineEvent_unpartitioned_type_seq_idx";
ALTER INDEX "EngineEvent_nowMs_idx" RENAME TO "EngineEvent_unpartitioned_nowMs_idx";

CREATE TABLE "EngineEvent" (
    "seq" BIGINT NOT NULL,
    "position" BIGINT NOT NULL,
    "nowMs" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "market" TEXT,
    "payload" TEXT,
    "body" BYTEA,
    CONSTRAINT "EngineEvent_pkey" PRIMARY KEY ("seq", "nowMs"),
    CONSTRAINT "EngineEvent_one_form" CHECK (("payload" IS NULL) <> ("body" IS NULL))
) PARTITION BY RANGE ("nowMs");

CREATE TABLE "EngineEvent_default" PARTITION OF "EngineEvent" DEFAULT;

CREATE INDEX "EngineEvent_market_seq_idx" ON "EngineEvent"("market", "seq");
CREATE INDEX "EngineEvent_type_seq_idx" ON "EngineEvent"("type", "seq");
CREATE INDEX "EngineEvent_nowMs_idx" ON "EngineEvent" USING BRIN ("nowMs");

INSERT INTO "EngineEvent" ("seq", "position", "nowMs", "type", "market", "payload", "body")
SELECT "seq", "position", "nowMs", "type", "market", "payload", "body" FROM "EngineEvent_unpartitioned";

DROP TABLE "EngineEvent_unpartitioned";

-- EngineCommand likewise: one partition per six hours of engine time, dropped once all of it is
-- archived (every command of an archived interval leaves the table, so nothing needs moving).
ALTER TABLE "EngineCommand" RENAME TO "EngineCommand_unpartitioned";
ALTER TABLE "EngineCommand_unpartitioned" RENAME CONSTRAINT "EngineCommand_pkey" TO "EngineCommand_unpartitioned_pkey";
ALTER TABLE "EngineCommand_unpartitioned" RENAME CONSTRAINT "EngineCommand_one_form" TO "EngineCommand_unpartitioned_one_form";

CREATE TABLE "EngineCommand" (
    "position" BIGINT NOT NULL,
    "nowMs" BIGINT NOT NULL,
    "type" TEXT NOT NULL,
    "source" "CommandSource" NOT NULL,
    "command" TEXT,
    "body" BYTEA,
    "firstEventSeq" BIGINT,
    "lastEventSeq" BIGINT,
    CONSTRAINT "EngineCommand_pkey" PRIMARY KEY ("position", "nowMs"),
    CONSTRAINT "EngineCommand_one_form" CHECK (("command" IS NULL) <> ("body" IS NULL))
) PARTITION BY RANGE ("nowMs");

CREATE TABLE "EngineCommand_default" PARTITION OF "EngineCommand" DEFAULT;

INSERT INTO "EngineCommand" ("position", "nowMs", "type", "source", "command", "body", "firstEventSeq", "lastEventSeq")
SELECT "position", "nowMs", "type", "source", "command", "body", "firstEventSeq", "lastEventSeq" FROM "EngineCommand_unpartitioned";

DROP TABLE "EngineCommand_unpartitioned";
