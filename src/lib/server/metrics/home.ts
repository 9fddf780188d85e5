/**
 * The home page's figures (the executive ledger): the filters' summary, the comparison period's for the
 * tiles' change figures and the narrative's trend sentence, the monthly trend and the top five cost
 * drivers. The route and the warm-up after a start or a load (warm.ts) call the same function, so the
 * warm-up computes exactly what the first visitor asks for.
 */
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { Period } from '$lib/metrics/period';
import type { Scenario } from '../assumptions/store';
import { breakdown } from '../drivers/breakdown';
import { dataVersion, ledgerSummary } from './summary';
import { ledgerTrend } from './trend';

/** The ledger's "top five cost drivers" are suppliers: the lever ops can pull on (see /drivers for others). */
const DRIVER_DIMENSION = 'supplier' as const;

export async function homeData(f: MetricFilters, scenario: Scenario, compare: Period, firstOrder: string | null) {
	const version = await dataVersion();
	// the breakdown needs no summary and the trend only the current one: neither waits for the comparison
	const currentP = ledgerSummary(f, scenario, { version });
	const [current, previous, trend, bySupplier] = await Promise.all([
		currentP,
		firstOrder && compare.to >= firstOrder ? ledgerSummary({ ...f, ...compare }, scenario, { version }) : Promise.resolve(null),
		currentP.then((s) => ledgerTrend(f, scenario, s, version)),
		breakdown(f, DRIVER_DIMENSION, null, scenario, { version })
	]);
	// the five suppliers whose attributed backorder cost is largest, with their share of the total
	const drivers = {
		dim: DRIVER_DIMENSION,
		total: bySupplier.totals.total,
		unattributed: bySupplier.unattributed.total,
		top: bySupplier.members
			.filter((m) => m.kind === 'member' && m.total > 0)
			.slice(0, 5)
			.map((m) => ({ member: m.member, label: m.label, total: m.total, backordered_lines: m.backordered_lines }))
	};
	return { current, previous, trend, drivers };
}
