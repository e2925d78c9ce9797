-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "itemIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

