-- AlterTable
ALTER TABLE "Citizen" ADD COLUMN     "programme" TEXT;

