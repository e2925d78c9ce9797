-- AlterEnum
ALTER TYPE "GoalStatus" ADD VALUE 'ON_HOLD';

