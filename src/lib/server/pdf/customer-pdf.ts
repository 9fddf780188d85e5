/**
 * A customer's page as a PDF: who they are, their figures, monthly spend against the pre-incident level,
 * and every backordered order with how long it waited. Each page names the customer beside the period,
 * filters and scenario.
 */
import { SEMANTIC } from '$lib/charts/palette';
import { customerSpendOption } from '$lib/charts/customer-spend';
import { compactCurrency, dateLong, integer, monthLabel, signedPercent } from '$lib/format';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { CustomerDetail } from '../customers/customer';
import { openPdf, type PaperSize } from './frame';
import { chart, figures, heading, note, table } from './blocks';

export interface CustomerPdfInput {
	detail: CustomerDetail;
	filters: MetricFilters;
	scenario: string;
	size: PaperSize;
	generatedAt: Date;
	currency?: string;
}

export const customerTitle = (d: CustomerDetail) => (d.header.name ? `${d.header.name} (${d.header.customer_id})` : d.header.customer_id);

export function customerPdf(input: CustomerPdfInput): Promise<Buffer> {
	const d = input.detail;
	const currency = input.currency ?? 'USD';
	const money = (v: number | null | undefined) => compactCurrency(v, currency);
	const f = openPdf({
		size: input.size,
		title: `Customer ${d.header.customer_id}`,
		subtitle: `customer ${customerTitle(d)}`,
		filters: input.filters,
		scenario: input.scenario,
		scope: [`Customer: ${customerTitle(d)}`],
		generatedAt: input.generatedAt
	});
	let y = f.page();
	const who = [d.header.segment, d.header.region, d.header.industry, d.header.sales_rep ? `rep ${d.header.sales_rep}` : null].filter(Boolean).join(' · ');
	if (who) y = note(f, who, y, 9.5);
	y = figures(
		f,
		[
			['Spend, all data', money(d.stats.lifetime_spend)],
			['Backordered orders', integer(d.stats.backordered_orders)],
			['Open backorders', integer(d.stats.open_backorders)],
			['Backorder contacts', integer(d.stats.related_contacts)],
			['Deals lost to availability', integer(d.stats.lost_deals)]
		],
		y
	);
	const s = d.spend;
	y = heading(f, 'Monthly spend', y + 2);
	y = note(
		f,
		s.t0
			? `First backorder in ${monthLabel(`${s.t0}-01`)}; pre-incident level ${money(s.pre_level)} a month, ${money(s.post_level)} a month in the six months after (${signedPercent(s.change)}).`
			: 'Never backordered.',
		y
	);
	if (s.months.length) y = chart(f, customerSpendOption(s.months, s.t0, s.pre_level, SEMANTIC.light, currency), y, Math.max(150, f.bottom - y - 10));

	y = f.page();
	y = heading(f, `Backordered orders (${integer(d.waits.length)}), as of ${dateLong(d.stats.as_of)}`, y);
	if (!d.waits.length) note(f, 'No order of this customer was backordered.', y);
	else
		table(
			f,
			[
				{ label: 'Order', weight: 1.2 },
				{ label: 'Ordered', weight: 1.2 },
				{ label: 'State', weight: 0.9 },
				{ label: 'Days waited', weight: 0.8, align: 'right' },
				{ label: 'Lines', weight: 0.6, align: 'right' },
				{ label: 'Value', weight: 0.9, align: 'right' },
				{ label: 'Contacts about it', weight: 0.9, align: 'right' }
			],
			d.waits.map((w) => [w.order_id, dateLong(w.order_date), w.state, integer(w.days), integer(w.lines), money(w.value), integer(w.contacts.length)]),
			y
		);
	return f.finish();
}
