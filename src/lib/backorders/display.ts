/** How a priced term reads on /backorders: money, or "n/a" with its reason. Pure, safe in the browser. */
import { currency } from '../format';
import type { Term } from './pricing';

export function termText(t: Pick<Term, 'value' | 'reason'>, code: string): string {
	return t.value === null ? `n/a (${t.reason ?? 'cannot be computed'})` : currency(t.value, code);
}

const TERM_NAMES = { wallet: 'wallet', contacts: 'contacts', deals: 'deals' } as const;

/** "excludes wallet" under a total that leaves n/a terms out; '' when it leaves none out. */
export function excludesText(excludes: readonly (keyof typeof TERM_NAMES)[]): string {
	return excludes.length ? `excludes ${excludes.map((k) => TERM_NAMES[k]).join(', ')} (n/a)` : '';
}

