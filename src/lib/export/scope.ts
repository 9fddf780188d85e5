/**
 * What an export covers, as label/value rows (issue 17, item 1): the period, the filters, the cross-filter
 * picks and the assumption scenario. The XLSX exports carry them on a "Scope" sheet beside the data, so a
 * file passed around still says what it is; the data sheet stays a plain table. Pure.
 */
import { dateRange } from '$lib/format';
import { FILTER_DIMENSIONS, FILTER_LABELS } from '$lib/filters';
import type { MetricFilters } from '$lib/metrics/filters-type';

export function scopeRows(filters: MetricFilters, scenario: string, picks: readonly string[] = [], generatedAt = new Date()): [string, string][] {
	const set = FILTER_DIMENSIONS.filter((k) => filters[k]).map((k) => `${FILTER_LABELS[k]}: ${filters[k]}`);
	const rows: [string, string][] = [
		['Period', `${dateRange(filters.from, filters.to)} (${filters.from} to ${filters.to})`],
		['Filters', set.length ? set.join(' · ') : 'none: all customers and products'],
		['Assumption scenario', scenario]
	];
	if (picks.length) rows.splice(2, 0, ['Cross-filter picks', picks.join(' · ')]);
	rows.push(['Exported (UTC)', generatedAt.toISOString().slice(0, 19).replace('T', ' ')]);
	return rows;
}

/** One line naming the scope, for an exported chart image: period · filters · scenario. */
export function scopeCaption(filters: MetricFilters, scenario: string): string {
	const set = FILTER_DIMENSIONS.filter((k) => filters[k]).map((k) => `${FILTER_LABELS[k]}: ${filters[k]}`);
	return `${dateRange(filters.from, filters.to)} · ${set.length ? set.join(' · ') : 'all customers and products'} · assumptions: ${scenario}`;
}
