-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "assessedThreatType" TEXT,
ADD COLUMN     "detection" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "DetectionSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "trustedAuthservIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "customBrands" JSONB NOT NULL DEFAULT '[]',
    "learningDays" INTEGER NOT NULL DEFAULT 90,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "DetectionSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearnedVerdict" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "assessment" TEXT NOT NULL,
    "decidedByName" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submissionId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearnedVerdict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LearnedVerdict_expiresAt_idx" ON "LearnedVerdict"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LearnedVerdict_kind_value_key" ON "LearnedVerdict"("kind", "value");
