-- AlterTable
ALTER TABLE "LearnedVerdict" ADD COLUMN     "clusterId" INTEGER;
