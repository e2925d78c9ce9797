/** Times of day a citizen can choose to be contacted in, local to their time zone. */
export const CONTACT_WINDOWS = {
  morning: { from: '09:00', to: '12:00' },
  afternoon: { from: '12:00', to: '16:00' },
  daytime: { from: '09:00', to: '16:00' },
  evening: { from: '16:00', to: '20:00' },
} as const;
export type ContactWindowKey = keyof typeof CONTACT_WINDOWS;
export const CONTACT_WINDOW_KEYS = Object.keys(CONTACT_WINDOWS) as ContactWindowKey[];

/** The named window a stored {from, to} corresponds to, if any. */
export function contactWindowKey(window: unknown): ContactWindowKey | undefined {
  if (!window || typeof window !== 'object') return undefined;
  const { from, to } = window as { from?: unknown; to?: unknown };
  return CONTACT_WINDOW_KEYS.find((key) => CONTACT_WINDOWS[key].from === from && CONTACT_WINDOWS[key].to === to);
}
