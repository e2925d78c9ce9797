import { z } from 'zod';
import bankV1 from './star-2017-progression-v1.json' with { type: 'json' };

export const FACTORS = ['A', 'B', 'C', 'D', 'E'] as const;
export type Factor = (typeof FACTORS)[number];

const text = z.object({ da: z.string().min(1), en: z.string().min(1) });
const bankSchema = z.object({
  version: z.string().min(1),
  source: z.string(),
  factors: z.record(z.enum(FACTORS), text),
  defaultItems: z.array(z.string()).length(5),
  healthFactor: z.enum(FACTORS),
  items: z.array(
    z.object({
      id: z.string().regex(/^[A-E]\d+$/),
      factor: z.enum(FACTORS),
      question: text,
      // Most favourable first: index 0 scores 100, index 4 scores 0.
      options: z.object({ da: z.array(z.string().min(1)).length(5), en: z.array(z.string().min(1)).length(5) }),
      source: z.string().min(1),
    }),
  ),
});

export type QuestionBank = z.infer<typeof bankSchema>;
export type QuestionItem = QuestionBank['items'][number];

/** The validated question bank in use. A new version is a new JSON file; stored answers keep the version they were given under. */
export const QUESTION_BANK: QuestionBank = bankSchema.parse(bankV1);

export function findItem(bank: QuestionBank, itemId: string): QuestionItem | undefined {
  return bank.items.find((item) => item.id === itemId);
}

/** The items of a check-in: the programme's choice when it names known items, else one core item per factor. */
export function itemsForCheckIn(bank: QuestionBank, chosen: readonly string[] | undefined): QuestionItem[] {
  const ids = chosen && chosen.length > 0 ? chosen : bank.defaultItems;
  return ids.map((id) => findItem(bank, id)).filter((item): item is QuestionItem => item !== undefined);
}
