import { activeScenario } from '$lib/server/assumptions/store';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { ledgerTrend } from '$lib/server/metrics/trend';
import { breakdown } from '$lib/server/drivers/breakdown';
import { previousPeriod } from '$lib/ledger/compare';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { PageServerLoad } from './$types';

/** The ledger's "top five cost drivers" are suppliers: the lever ops can pull on (see /drivers for others). */
const DRIVER_DIMENSION = 'supplier' as const;

export const load: PageServerLoad = async ({ parent }) => {
	const { context, filters } = await parent();
	if (!context.hasData) return { current: null, previous: null, trend: [], drivers: null, error: null };
	const f: MetricFilters = { ...filters };
	try {
		const [scenario, version] = await Promise.all([activeScenario(), dataVersion()]);
		const prev = previousPeriod(f);
		// The previous period is only for the tiles' change figures and the narrative's trend sentence.
		const [current, previous] = await Promise.all([
			ledgerSummary(f, scenario, { version }),
			context.firstOrder && prev.to >= context.firstOrder
				? ledgerSummary({ ...f, ...prev }, scenario, { version })
				: Promise.resolve(null)
		]);
		const [trend, bySupplier] = await Promise.all([
			ledgerTrend(f, scenario, current, version),
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
		return { current, previous, trend, drivers, error: null };
	} catch (e) {
		return { current: null, previous: null, trend: [], drivers: null, error: e instanceof Error ? e.message : String(e) };
	}
};
