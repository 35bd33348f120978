-- AlterTable
ALTER TABLE "MailSystemSettings" ADD COLUMN     "allowedInternalHosts" TEXT[] DEFAULT ARRAY[]::TEXT[];
