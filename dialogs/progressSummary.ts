import { MessageFactory, type TurnContext } from 'botbuilder';
import { progressCard } from '../cards/progressCard.js';
import { type FactorScores, progressFraming, scoreChanges } from '../domain/progress.js';
import { weekNumber } from '../domain/hours.js';
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
  const { caseworkerName: name } = await services.profiles.get(citizenId);
  if (framing.first) lines.push(t('progress.first'));
  if (framing.improved.length) lines.push(t('progress.improved', { factors: names(framing.improved) }));
  if (framing.muchLower.length) lines.push(t('progress.muchLower', { factors: names(framing.muchLower), name }));
  if (framing.talkAbout.length) lines.push(t('progress.talkAbout', { factors: names(framing.talkAbout), name }));
  if (!framing.first && !framing.improved.length && !framing.talkAbout.length && !framing.muchLower.length) lines.push(t('progress.steady'));
  const skipped = FACTORS.filter((factor) => latest[factor] === null);
  if (skipped.length) lines.push(t('progress.skipped', { factors: names(skipped) }));
  const scoreLines = FACTORS.map((factor) => {
    const name = t(`progress.factor.${factor}`);
    const score = latest[factor];
    if (score === null) return t('progress.notAnswered', { factor: name });
    const before = previous?.[factor];
    return before === null || before === undefined
      ? t('progress.scoreLine', { factor: name, score })
      : t('progress.scoreLineBefore', { factor: name, score, before });
  });
  const decimal = (hours: number) => String(hours).replace('.', locale === 'da' ? ',' : '.');
  const hours = report.hours.length
    ? [t('progress.hoursLine', { weeks: report.hours.map((week) => `${t('progress.week', { week: weekNumber(week.isoWeek) })}: ${decimal(week.hours)}`).join(', ') })]
    : [];
  // Markdown: paragraphs and a list, so every line stays a line in every channel.
  const summary = [...lines, scoreLines.map((line) => `- ${line}`).join('\n'), ...hours].join('\n\n');
  const message = MessageFactory.attachment(progressCard(summary, [report.radarPng, report.trendPng, report.hoursPng].filter((png): png is string => png !== null)));
  message.text = summary;
  await context.sendActivity(message);
}
