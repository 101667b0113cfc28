-- CreateEnum
CREATE TYPE "CommandSource" AS ENUM ('simulation', 'client', 'admin', 'bootstrap');

-- The wall-clock write time repeats nowMs (the host stamps each command with its clock), so it goes.
ALTER TABLE "EngineCommand" DROP COLUMN "recordedAt";

-- Converted in place: every journaled command keeps its source.
ALTER TABLE "EngineCommand" ALTER COLUMN "source" TYPE "CommandSource" USING ("source"::"CommandSource");
