/**
 * The ledger month by month: each month's backorder cost (the components that happen in a month) against
 * the holding savings of that month. The share-of-wallet loss is an estimate for the period as a whole —
 * a customer's decline unfolds over six months after the incident — so it is not spread over months.
 * Pure: query rows + assumptions in, series out.
 */
import { differenceInCalendarDays, endOfMonth, format, max as maxDate, min as minDate, parseISO } from 'date-fns';
import type { Assumptions } from '$lib/metrics/assumptions';
import { salesFigures, serviceFigures, type ContactGroupRow, type DealsRow } from '$lib/metrics/ledger';
import type { Period } from '$lib/metrics/period';

export interface MonthlyOrdersRow {
	month: string;
	lines: number;
	backordered_lines: number;
	ordered_value: number;
	backordered_value: number;
	cancelled_value: number;
}
export interface MonthlyInventoryRow {
	month: string;
	inventory_value: number;
	snapshots: number;
}

export interface TrendMonth {
	month: string;
	/** days of this month inside the period (edge months may be partial) */
	days: number;
	service: number;
	sales_time: number;
	sales_opportunity: number;
	cancelled: number;
	deals: number;
	/** backorder cost of the month, excluding the period-level wallet estimate */
	cost: number;
	inventory_value: number | null;
	savings: number | null;
	lines: number;
	line_fill_rate: number | null;
	backorder_rate: number | null;
}

export interface TrendInput {
	period: Period;
	contacts: ContactGroupRow[];
	deals: DealsRow[];
	orders: MonthlyOrdersRow[];
	inventory: MonthlyInventoryRow[];
	baselineValue: number | null;
	grossMargin: number;
	winRate: number;
	assumptions: Pick<Assumptions, 'channel_cost' | 'escalation_cost' | 'default_minutes' | 'sales_loaded_rate' | 'margin_per_selling_hour' | 'carrying_rate'>;
}

/** Every month touched by the period, as YYYY-MM-01, with its days inside the period. */
export function periodMonths(p: Period): { month: string; days: number }[] {
	const from = parseISO(p.from);
	const to = parseISO(p.to);
	const out: { month: string; days: number }[] = [];
	let cursor = new Date(from.getFullYear(), from.getMonth(), 1);
	while (cursor <= to) {
		const start = maxDate([cursor, from]);
		const end = minDate([endOfMonth(cursor), to]);
		out.push({ month: format(cursor, 'yyyy-MM-dd'), days: differenceInCalendarDays(end, start) + 1 });
		cursor = new Date(cursor.getFullYear(), cursor.getMonth() + 1, 1);
	}
	return out;
}

export function monthlyTrend(input: TrendInput): TrendMonth[] {
	const a = input.assumptions;
	const byMonth = <T extends { month?: string }>(rows: T[], m: string) => rows.filter((r) => r.month === m);
	const orders = new Map(input.orders.map((r) => [r.month, r]));
	const inventory = new Map(input.inventory.map((r) => [r.month, r]));
	return periodMonths(input.period).map(({ month, days }) => {
		const contacts = byMonth(input.contacts, month);
		const service = serviceFigures(contacts, a).cost;
		const sales = salesFigures(contacts, a);
		const o = orders.get(month);
		const cancelled = (o?.cancelled_value ?? 0) * input.grossMargin;
		const lostValue = byMonth(input.deals, month).reduce((s, d) => s + d.lost_value, 0);
		const deals = lostValue * input.winRate * input.grossMargin;
		const inv = inventory.get(month)?.inventory_value ?? null;
		const savings =
			inv === null || input.baselineValue === null ? null : ((input.baselineValue - inv) * a.carrying_rate * days) / 365;
		const lines = o?.lines ?? 0;
		return {
			month,
			days,
			service,
			sales_time: sales.cost,
			sales_opportunity: sales.opportunity_cost,
			cancelled,
			deals,
			cost: service + sales.cost + sales.opportunity_cost + cancelled + deals,
			inventory_value: inv,
			savings,
			lines,
			line_fill_rate: lines > 0 ? 1 - (o!.backordered_lines / lines) : null,
			backorder_rate: lines > 0 ? o!.backordered_lines / lines : null
		};
	});
}
