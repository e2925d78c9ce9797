import { MessageFactory, type TurnContext } from 'botbuilder';
import { progressCard } from '../cards/progressCard.js';
import { type FactorScores, progressFraming, scoreChanges } from '../domain/progress.js';
import { FACTORS } from '../domain/questionBank/index.js';
import type { CitizenServices } from './services.js';
import { citizenT, turnCitizen } from './turnCitizen.js';

/**
 * Sends the citizen's progress: what improved (however small) first, anything
 * lower as something to talk about with the caseworker, every factor's score
 * in words, and the charts.
 */
export async function sendProgress(context: TurnContext, services: CitizenServices): Promise<void> {
  const t = citizenT(context);
  const { citizenId, locale } = turnCitizen(context);
  const report = await services.progress.report(citizenId, locale);
  if (!report) {
    await context.sendActivity(t('progress.none'));
    return;
  }
  const latest = report.latest as FactorScores;
  const previous = (report.previous ?? undefined) as FactorScores | undefined;
  const framing = progressFraming(scoreChanges(latest, previous));
  const names = (factors: readonly string[]) => factors.map((factor) => t(`progress.factor.${factor}`)).join(', ');
  const lines: string[] = [];
  if (framing.first) lines.push(t('progress.first'));
  if (framing.improved.length) lines.push(t('progress.improved', { factors: names(framing.improved) }));
  if (framing.talkAbout.length) {
    const { caseworkerName } = await services.profiles.get(citizenId);
    lines.push(t('progress.talkAbout', { factors: names(framing.talkAbout), name: caseworkerName }));
  }
  if (!framing.first && !framing.improved.length && !framing.talkAbout.length) lines.push(t('progress.steady'));
  const scoreLines = FACTORS.map((factor) => {
    const name = t(`progress.factor.${factor}`);
    const score = latest[factor];
    if (score === null) return t('progress.notAnswered', { factor: name });
    const before = previous?.[factor];
    return before === null || before === undefined
      ? t('progress.scoreLine', { factor: name, score })
      : t('progress.scoreLineBefore', { factor: name, score, before });
  });
  const hours = report.hours.length
    ? [t('progress.hoursLine', { weeks: report.hours.map((week) => `${week.isoWeek.slice(5)}: ${String(week.hours).replace('.', locale === 'da' ? ',' : '.')}`).join(', ') })]
    : [];
  const summary = [...lines, '', ...scoreLines, ...hours].join('\n');
  const message = MessageFactory.attachment(progressCard(summary, [report.radarPng, report.trendPng, report.hoursPng].filter((png): png is string => png !== null)));
  message.text = summary;
  await context.sendActivity(message);
}
