/** A labelled set as kept in test/fixtures: categories of crisis and of ordinary messages. */
export interface LabelledSet {
  crisis: Record<string, string[]>;
  benign: Record<string, string[]>;
}

export interface Example {
  text: string;
  crisis: boolean;
  category: string;
}

/** Every sentence of a set with its label and category, in file order. */
export function labelled(set: LabelledSet): Example[] {
  const from = (groups: Record<string, string[]>, crisis: boolean) =>
    Object.entries(groups).flatMap(([category, texts]) => texts.map((text) => ({ text, crisis, category })));
  return [...from(set.crisis, true), ...from(set.benign, false)];
}

/** Every `every`-th sentence of each category held out (deterministic), the rest for training. */
export function holdOut(examples: readonly Example[], every: number): { train: Example[]; held: Example[] } {
  const seen = new Map<string, number>();
  const train: Example[] = [];
  const held: Example[] = [];
  for (const example of examples) {
    const key = `${example.crisis}/${example.category}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    (index % every === every - 1 ? held : train).push(example);
  }
  return { train, held };
}
