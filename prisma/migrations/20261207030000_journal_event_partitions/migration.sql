-- REC-1: EngineEvent becomes a table partitioned by engine time ("nowMs"), one partition per UTC day,
-- created ahead by the journal's partition maintenance (lib/journal/archive/partitions.ts). Once every
-- event of a day has been archived into verified segments, its partition is detached and dropped, which
-- returns its space at once instead of leaving deleted rows for VACUUM. Rows that arrive for a day
-- without a partition (and the rows written before this migration) land in the default partition.
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
