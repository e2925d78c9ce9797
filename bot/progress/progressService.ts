import { concerns, factorScores, scoreChanges, type FactorScores } from '../../domain/progress.js';
import { FACTORS, type Factor, QUESTION_BANK } from '../../domain/questionBank/index.js';
import { translator } from '../../locales/i18n.js';
import type { CaseworkerAlerts, ProgressReport, ProgressReports } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';
import { hoursChart, radarChart, type ScorePoint, trendChart } from './charts.js';
import { weekNumber } from '../../domain/hours.js';

export interface ScoredCheckIn extends ScorePoint {
  checkInId: string;
  answers: Array<{ itemId: string; optionIndex: number | null }>;
}

/** The factors' short names in a language, as the charts show them. */
function factorLabels(locale: 'da' | 'en'): Record<Factor, string> {
  const t = translator(locale);
  return Object.fromEntries(FACTORS.map((factor) => [factor, t(`progress.factor.${factor}`)])) as Record<Factor, string>;
}

/** Scores are always recomputed from the raw answers, so a new bank version rescores history. */
export class ProgressService implements ProgressReports {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly alerts: CaseworkerAlerts,
  ) {}

  /** Finished check-ins (completed, or partial with at least one answer), oldest first. */
  async history(citizenId: string): Promise<ScoredCheckIn[]> {
    const checkIns = await this.prisma.checkIn.findMany({
      where: { citizenId, status: { in: ['COMPLETED', 'PARTIAL'] }, completedAt: { not: null } },
      include: { answers: true },
      orderBy: { completedAt: 'asc' },
    });
    return checkIns
      .filter((checkIn) => checkIn.answers.some((answer) => answer.optionIndex !== null))
      .map((checkIn) => {
        const answers = checkIn.answers.map(({ itemId, optionIndex }) => ({ itemId, optionIndex }));
        return { checkInId: checkIn.id, at: checkIn.completedAt as Date, answers, scores: factorScores(answers, QUESTION_BANK) };
      });
  }

  /** Latest scores, the previous ones and the change, for the citizen's caseworker. */
  async summary(citizenId: string): Promise<{ latest: FactorScores; previous: FactorScores | null; changes: FactorScores; at: Date } | null> {
    const history = await this.history(citizenId);
    const latest = history.at(-1);
    if (!latest) return null;
    const previous = history.at(-2);
    return { latest: latest.scores, previous: previous?.scores ?? null, changes: scoreChanges(latest.scores, previous?.scores), at: latest.at };
  }

  async afterCheckIn(citizenId: string): Promise<void> {
    const history = await this.history(citizenId);
    const latest = history.at(-1);
    if (!latest) return;
    const previous = history.at(-2);
    const found = concerns(latest.scores, previous?.scores, latest.answers, QUESTION_BANK);
    if (found.length === 0) return;
    // Numbers only: the caseworker sees which factor moved how much, never the citizen's words.
    await this.alerts.raise({ citizenId, kind: 'concern', severity: 'NORMAL', facts: { concerns: found, scores: latest.scores } });
  }

  /** The radar of the latest check-in against the previous one (the BIP form), for citizen or caseworker. */
  async radar(citizenId: string, locale: 'da' | 'en'): Promise<Buffer | undefined> {
    const history = await this.history(citizenId);
    const latest = history.at(-1);
    return latest ? this.radarOf(latest, history.at(-2), locale) : undefined;
  }

  private radarOf(latest: ScorePoint, previous: ScorePoint | undefined, locale: 'da' | 'en'): Promise<Buffer> {
    const t = translator(locale);
    return radarChart(latest, previous, factorLabels(locale), { latest: t('progress.now'), previous: t('progress.before') });
  }

  async report(citizenId: string, locale: 'da' | 'en'): Promise<ProgressReport | undefined> {
    const history = await this.history(citizenId);
    const latest = history.at(-1);
    if (!latest) return undefined;
    const previous = history.at(-2);
    const t = translator(locale);
    const labels = factorLabels(locale);
    const citizen = await this.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId } });
    const hours = await this.prisma.hoursReport.findMany({ where: { citizenId }, orderBy: { isoWeek: 'asc' }, take: 12 });
    const radar = await this.radarOf(latest, previous, locale);
    const trend = history.length > 1 ? await trendChart(history.slice(-8), labels, citizen.timeZone) : null;
    const weeks = hours.map((week) => ({ isoWeek: week.isoWeek, hours: Number(week.hours) }));
    const labelled = weeks.map((week) => ({ week: t('progress.week', { week: weekNumber(week.isoWeek) }), hours: week.hours }));
    const hoursPng = weeks.length > 0 ? await hoursChart(labelled, t('progress.hoursTitle')) : null;
    return {
      latest: latest.scores,
      previous: previous?.scores ?? null,
      hours: weeks,
      radarPng: radar.toString('base64'),
      trendPng: trend ? trend.toString('base64') : null,
      hoursPng: hoursPng ? hoursPng.toString('base64') : null,
    };
  }
}
