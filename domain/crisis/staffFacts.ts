/** Why a crisis alert was raised: the message itself, signals adding up across turns, or an answer to a follow-up question. */
export type CrisisReason = 'message' | 'across-turns' | 'not-safe' | 'unsure' | 'screening-yes';

/** What a crisis alert carries for staff in `facts.crisis`: the tier, the concepts and the words that fired them. */
export interface CrisisFacts {
  tier: 'clear' | 'possible';
  reason: CrisisReason;
  concepts: Array<{ concept: string; words: string[] }>;
}

function crisisFactsOf(facts: Record<string, unknown> | undefined): CrisisFacts | undefined {
  const crisis = facts?.crisis as CrisisFacts | undefined;
  return crisis && Array.isArray(crisis.concepts) ? crisis : undefined;
}

/**
 * The rows a caseworker sees on a crisis alert: the tier, why, and which signs were read in which words.
 * Words only where the citizen's own text may be shown (console and chat card); e-mail gets the concepts alone.
 * Keys name their namespace so that the chat's and the console's translators both read them.
 */
export function crisisFactRows(facts: Record<string, unknown> | undefined, t: (key: string) => string, withWords: boolean): Array<{ title: string; value: string }> {
  const crisis = crisisFactsOf(facts);
  if (!crisis) return [];
  const signs = crisis.concepts
    .map(({ concept, words }) => {
      const label = t(`translation:crisis.concept.${concept}`);
      return withWords && words.length > 0 ? `${label} (“${words.join(' ')}”)` : label;
    })
    .join('; ');
  return [
    { title: t('translation:crisis.staff.tier'), value: `${t(`translation:crisis.tier.${crisis.tier}`)} – ${t(`translation:crisis.reason.${crisis.reason}`)}` },
    ...(signs ? [{ title: t('translation:crisis.staff.signs'), value: signs }] : []),
  ];
}
