import type { TFunction } from 'i18next';
import type { BarrierView } from './services.js';

/** A barrier as the citizen named it: their own words for "other", else the catalogue label. */
export function barrierLabel(barrier: Pick<BarrierView, 'key' | 'otherText'>, t: TFunction): string {
  return barrier.key === 'other' && barrier.otherText ? barrier.otherText : t(`barriers.catalogue.${barrier.key}`);
}
