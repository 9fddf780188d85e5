/**
 * /capital as a PDF: inventory and holding savings, b, h and the critical ratio (from the one source,
 * src/lib/capital/terms.ts, so they read as on the page and the present deck), the economic service level
 * curve with today and the optimum, and holding by category.
 */
import { SEMANTIC } from '$lib/charts/palette';
import { serviceCurveDescription, serviceCurveOption } from '$lib/charts/service-level-curve';
import { holdingByGroup } from '$lib/capital/holding';
import { H_DEFINITION, termsText, type CapitalTerms } from '$lib/capital/terms';
import { compactCurrency, percent, signedPercent } from '$lib/format';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { CapitalData } from '../metrics/capital';
import { openPdf, type PaperSize } from './frame';
import { chart, figures, heading, note, table } from './blocks';

export interface CapitalPdfInput {
	capital: CapitalData;
	terms: CapitalTerms;
	holding: { baseline_value: number | null; period_value: number | null; savings: number | null; days_in_period: number };
	carryingRate: number;
	currency: string;
	filters: MetricFilters;
	scenario: string;
	size: PaperSize;
	generatedAt: Date;
}

export function capitalPdf(input: CapitalPdfInput): Promise<Buffer> {
	const { capital, currency } = input;
	const money = (v: number | null | undefined) => compactCurrency(v, currency);
	const set = capital.filtered;
	const r = set.result;
	const f = openPdf({
		size: input.size,
		title: `Working capital ${input.filters.from} to ${input.filters.to}`,
		subtitle: 'working capital',
		filters: input.filters,
		scenario: input.scenario,
		scope: [`SKUs: ${set.label}`, `Carrying rate ${percent(input.carryingRate)}`],
		generatedAt: input.generatedAt
	});
	const t = termsText(input.terms, currency);
	let y = f.page();
	y = figures(
		f,
		[
			['Inventory value', money(input.holding.period_value)],
			['Holding savings', money(input.holding.savings)],
			['Backorder cost / unit (b)', t.b],
			['Holding cost / unit-year (h)', t.h],
			['Critical ratio b/(b+h)', t.critical_ratio]
		],
		y
	);
	y = note(f, `h = ${H_DEFINITION}; the critical ratio is b / (b + h) of the two figures shown. Baseline inventory ${money(input.holding.baseline_value)}.`, y);
	y = heading(f, 'Economic service level: inventory against total annual cost', y + 4);
	const curve = { curve: r.curve, scaled: set.scaled, today: r.today, optimum: r.optimum, whatif: null };
	y = note(f, serviceCurveDescription(curve, currency), y);
	if (r.curve.length) y = chart(f, serviceCurveOption(curve, SEMANTIC.light, currency), y, Math.max(160, f.bottom - y - 30));
	if (r.today && r.optimum) {
		note(
			f,
			`Today ${money(r.today.inventory_value)}, ${money(r.today.total_cost)} a year, fill rate ${percent(r.today.fill_rate)} · optimum (z = ${r.optimum.z.toFixed(2)}) ${money(r.optimum.inventory_value)}, ${money(r.optimum.total_cost)} a year, fill rate ${percent(r.optimum.fill_rate)}.`,
			y
		);
	}

	y = f.page();
	y = heading(f, 'Holding by category', y);
	const groups = holdingByGroup(capital.groups, 'category', input.carryingRate, input.holding.days_in_period);
	table(
		f,
		[
			{ label: 'Category', weight: 2.5 },
			{ label: 'Baseline value', weight: 1, align: 'right' },
			{ label: 'Period value', weight: 1, align: 'right' },
			{ label: 'Change', weight: 0.8, align: 'right' },
			{ label: 'Holding cost', weight: 1, align: 'right' },
			{ label: 'Savings', weight: 1, align: 'right' }
		],
		groups.map((g) => [g.name, money(g.baseline_value), money(g.period_value), signedPercent(g.change), money(g.holding_cost), money(g.savings)]),
		y
	);
	return f.finish();
}
