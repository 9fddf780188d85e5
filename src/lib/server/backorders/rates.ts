/**
 * The measured history rates the fill queue and the saving price with (DESIGN §4): backorder-related
 * contacts per backordered line-week and their average cost under the scenario, deals lost to
 * availability per open deal-week, the win rate and the gross margin. All over the whole period (every
 * customer and product), so every line and every slice is priced alike (src/lib/scope.ts RATES_RULE).
 */
import type { Rates } from '$lib/backorders/pricing';
import { salesFigures, serviceFigures, type ContactGroupRow } from '$lib/metrics/ledger';
import { keywordPattern } from '$lib/metrics/keywords';
import type { Scenario } from '../assumptions/store';
import { backorderRows } from './rows';
import { ledgerContacts, ledgerParams, ledgerRows, periodRates } from '../metrics/summary';

type Period = { from: string; to: string };

export interface MeasuredRates extends Rates {
	line_weeks: number;
	service_contacts: number;
	sales_contacts: number;
	deal_weeks: number;
	deals_lost_to_availability: number;
}

async function one<T>(name: string, params: Record<string, string | number | null>, version?: string): Promise<T | undefined> {
	return (await backorderRows<T>(name, params, version))[0];
}

export async function measuredRates(period: Period, scenario: Scenario, version?: string): Promise<MeasuredRates> {
	const a = scenario.assumptions;
	const [contacts, weeks, deals, money] = await Promise.all([
		ledgerContacts(ledgerParams(period, a), version),
		one<{ line_weeks: number }>('line_weeks', { from: period.from, to: period.to }, version),
		one<{ deal_weeks: number; lost_to_availability: number }>('deal_weeks', { from: period.from, to: period.to, keyword_pattern: keywordPattern(a.keywords) }, version),
		periodRates(period, scenario, version)
	]);
	const service = serviceFigures(contacts, a);
	const sales = salesFigures(contacts, a);
	const lw = weeks?.line_weeks ?? 0;
	const perWeek = (n: number) => (lw > 0 ? n / lw : null);
	const dw = deals?.deal_weeks ?? 0;
	return {
		line_weeks: lw,
		service_contacts: service.backorder_contacts,
		sales_contacts: sales.backorder_activities,
		service_per_week: perWeek(service.backorder_contacts),
		sales_per_week: perWeek(sales.backorder_activities),
		service_cost_per_contact: service.backorder_contacts > 0 ? service.cost / service.backorder_contacts : null,
		// the ledger's sales cost of chasing stock: loaded time plus the selling time it displaced
		sales_cost_per_contact: sales.backorder_activities > 0 ? (sales.cost + sales.opportunity_cost) / sales.backorder_activities : null,
		deal_weeks: dw,
		deals_lost_to_availability: deals?.lost_to_availability ?? 0,
		deal_loss_per_week: dw > 0 ? (deals?.lost_to_availability ?? 0) / dw : null,
		win_rate: money.win_rate,
		gross_margin: money.gross_margin
	};
}
