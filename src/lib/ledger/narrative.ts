/**
 * The executive narrative: three to five plain sentences built from the figures, so a CX leader can
 * read the page aloud. Every number comes from the summary passed in.
 */
import { walletExcludedNote } from './wallet-notes';
import { compactCurrency, dateRange, percent, ratio, signedPercent } from '$lib/format';
import { componentValues, outsideSentence, type SummaryFigures } from './components';

export interface NarrativeInput {
	period: { from: string; to: string };
	current: SummaryFigures;
	previous: SummaryFigures | null;
	currency?: string;
	/** what `previous` is, as the sentence names it (default: the previous period of equal length) */
	against?: string;
}

export function narrative({ period, current: s, previous: p, currency = 'USD', against = 'the previous period of equal length' }: NarrativeInput): string[] {
	const money = (v: number) => compactCurrency(v, currency);
	const out: string[] = [];
	const total = s.total_backorder_cost;
	const savings = s.holding.savings;

	if (s.backorder_source?.kind === 'none') {
		// "no order line was backordered" would be a claim the data cannot make
		const first = `From ${dateRange(period.from, period.to)} the order lines carry no backorder source — no backorder quantities, no shipments, no ship and promised dates — so what backorders cost cannot be measured from them.`;
		return total > 0 ? [first, `What can be measured without them, from contacts and deals, comes to ${money(total)}.`] : [first];
	}
	if (total <= 0 && s.orders.backordered_lines === 0) {
		return [`From ${dateRange(period.from, period.to)} no order line was backordered, so backorders cost nothing this period.`];
	}

	if (savings === null) {
		out.push(
			`From ${dateRange(period.from, period.to)}, backorders cost an estimated ${money(total)}; there are no inventory snapshots to measure what lean inventory saved against it.`
		);
	} else if (savings > 0) {
		out.push(
			`From ${dateRange(period.from, period.to)}, backorders cost an estimated ${money(total)}, against ${money(savings)} of carrying cost that leaner inventory saved — ` +
				(s.net_cost >= 0 ? `a net cost of ${money(s.net_cost)}.` : `a net saving of ${money(-s.net_cost)}.`)
		);
		if (s.cost_per_dollar_saved !== null) {
			out.push(`For every $1 of carrying cost saved, backorders cost ${ratio(s.cost_per_dollar_saved)}.`);
		}
	} else {
		out.push(
			`From ${dateRange(period.from, period.to)}, backorders cost an estimated ${money(total)}, and inventory cost ${money(-savings)} more to carry than in the baseline, so lean inventory saved nothing to set against it.`
		);
	}

	// a filter that cannot reach a component says so right after the total it leaves it out of
	const outside = outsideSentence(s, money);
	if (outside) out.push(outside);

	const parts = componentValues(s)
		.filter((c) => c.value > 0)
		.sort((a, b) => b.value - a.value);
	if (parts.length > 0 && total > 0) {
		const [top, second] = parts;
		let sentence = `The largest driver is ${top.short} (${money(top.value)}, ${percent(top.value / total, 0)} of the total)`;
		if (second) sentence += `, followed by ${second.short} (${money(second.value)})`;
		out.push(sentence + '.');
	}

	if (p && p.total_backorder_cost > 0) {
		const change = total / p.total_backorder_cost - 1;
		const direction = Math.abs(change) < 0.005 ? 'was flat' : change > 0 ? `rose ${signedPercent(change).slice(1)}` : `fell ${signedPercent(change).slice(1)}`;
		let sentence = `Against ${against}, total backorder cost ${direction} (from ${money(p.total_backorder_cost)})`;
		if (s.orders.line_fill_rate !== null && p.orders.line_fill_rate !== null) {
			const verb = s.orders.line_fill_rate < p.orders.line_fill_rate ? 'fell' : s.orders.line_fill_rate > p.orders.line_fill_rate ? 'rose' : 'held';
			sentence +=
				verb === 'held'
					? `, with the line fill rate steady at ${percent(s.orders.line_fill_rate)}`
					: `, while the line fill rate ${verb} from ${percent(p.orders.line_fill_rate)} to ${percent(s.orders.line_fill_rate)}`;
		}
		out.push(sentence + '.');
	}

	if (s.wallet.treated_customers > 0 && s.wallet.did_pct !== null && s.wallet.did_pct < 0) {
		out.push(
			`${s.wallet.treated_customers} customers met their first backorder in the period; over the next six months their spend fell ${percent(-s.wallet.did_pct)} against comparable customers who were not affected.`
		);
	}
	// said second, so the five-sentence cut never drops it: the total above is missing a component
	const excluded = walletExcludedNote(s.wallet.not_estimable);
	if (excluded) out.splice(Math.min(1, out.length), 0, excluded);
	// the counterfactual of the fill queue (issue 18) keeps its place within the five sentences
	const fill = s.fill_priority?.saving;
	if (fill != null && fill > 0) {
		const f = s.fill_priority!;
		const range = f.low !== null && f.high !== null ? ` (90 % interval ${money(f.low)} to ${money(f.high)})` : '';
		return [...out.slice(0, 4), `Filling by priority instead of order date would have saved ${money(fill)}${range}.`];
	}
	return out.slice(0, 5);
}
