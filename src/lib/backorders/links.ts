/**
 * Links into /backorders from other pages (issue 18, "links in"). Pure, safe in the browser.
 */
import { isFilterKey } from '../url-state';

/**
 * A customer's open lines on /backorders from a query string of another view (the drivers' drill-down):
 * its global filters are kept, its view keys (dim, pick, kind…) dropped, and the customer filter set.
 */
export function openLinesHref(query: string, customerId: string): string {
	const p = new URLSearchParams();
	for (const [k, v] of new URLSearchParams(query.replace(/^\?/, ''))) if (isFilterKey(k) && k !== 'customer') p.append(k, v);
	p.set('customer', customerId);
	return `/backorders?${p}`;
}
