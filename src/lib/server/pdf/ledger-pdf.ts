/**
 * The executive ledger as a PDF: landscape A4 or Letter, a page header with period, filters and the
 * assumption scenario, the headline figures, the narrative, and the charts as vectors.
 */
import { walletNa } from '$lib/ledger/wallet-notes';
import SVGtoPDF from 'svg-to-pdfkit';
import { SEMANTIC } from '$lib/charts/palette';
import { costTrendOption, fillRateOption } from '$lib/charts/trend';
import { waterfallBars, waterfallOption } from '$lib/charts/waterfall';
import { compactCurrency, integer, percent, ratio, signedPercent } from '$lib/format';
import { change } from '$lib/ledger/compare';
import { compareLabels } from '$lib/periods';
import { inTotalComponents, scopeLines } from '$lib/ledger/components';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { narrative } from '$lib/ledger/narrative';
import type { TrendMonth } from '$lib/ledger/trend';
import type { LedgerSummary } from '../metrics/summary';
import { chartSvg } from './svg-chart';
import { COLOURS, INK, LINE, MUTED, filterLine, openPdf, pdfText, type PaperSize } from './frame';
import { H_DEFINITION, termsText, type CapitalTerms } from '$lib/capital/terms';

export { filterLine, pdfText, type PaperSize };

export interface LedgerPdfInput {
	current: LedgerSummary;
	previous: LedgerSummary | null;
	trend: TrendMonth[];
	/** b, h and the critical ratio, as /capital and the present deck show them */
	terms?: CapitalTerms | null;
	filters: MetricFilters;
	/** the period `previous` covers (compare_from/compare_to, else the previous period): the tiles and narrative name it */
	compare: { from: string; to: string };
	size: PaperSize;
	generatedAt: Date;
}

export function ledgerPdf(input: LedgerPdfInput): Promise<Buffer> {
	const { current: s, previous: p, trend, filters } = input;
	const against = compareLabels(filters, input.compare);
	const currency = s.currency ?? 'USD';
	const money = (v: number | null) => compactCurrency(v, currency);
	const frame = openPdf({
		size: input.size,
		title: `Backorder Ledger ${filters.from} to ${filters.to}`,
		subtitle: 'what backorders cost us',
		filters,
		scenario: s.scenario.name,
		generatedAt: input.generatedAt
	});
	const { doc, W, H, M, inner } = frame;

	const tile = (x: number, y: number, w: number, label: string, value: string, delta: number | null, goodWhenUp: boolean, colour: string) => {
		doc.roundedRect(x, y, w, 62, 5).lineWidth(0.7).strokeColor(LINE).stroke();
		doc.rect(x, y, w, 3).fill(colour);
		doc.fillColor(MUTED).font('Helvetica-Bold').fontSize(7.5).text(label.toUpperCase(), x + 10, y + 10, { width: w - 20, characterSpacing: 0.5 });
		doc.fillColor(INK).font('Helvetica-Bold').fontSize(20).text(pdfText(value), x + 10, y + 22, { width: w - 20 });
		const tone = delta === null || Math.abs(delta) < 0.0005 ? MUTED : (delta > 0) === goodWhenUp ? COLOURS.saving : COLOURS.cost;
		doc.font('Helvetica').fontSize(8).fillColor(tone).text(
			delta === null ? `no ${against.short} to compare` : pdfText(`${signedPercent(delta)} vs ${against.short}`),
			x + 10,
			y + 47,
			{ width: w - 20 }
		);
	};

	// ---- page 1: figures, narrative, waterfall
	let y = frame.page();
	const gap = 10;
	const tw = (inner - 3 * gap) / 4;
	tile(M, y, tw, 'Total backorder cost', money(s.total_backorder_cost), p ? change(s.total_backorder_cost, p.total_backorder_cost) : null, false, COLOURS.cost);
	tile(M + (tw + gap), y, tw, 'Holding savings', money(s.holding.savings), p ? change(s.holding.savings, p.holding.savings) : null, true, COLOURS.saving);
	tile(M + 2 * (tw + gap), y, tw, 'Net cost', money(s.net_cost), p ? change(s.net_cost, p.net_cost) : null, false, COLOURS.net);
	tile(
		M + 3 * (tw + gap),
		y,
		tw,
		'Cost per $1 saved',
		s.cost_per_dollar_saved === null ? 'n/a' : ratio(s.cost_per_dollar_saved),
		p ? change(s.cost_per_dollar_saved, p.cost_per_dollar_saved) : null,
		false,
		COLOURS.neutral
	);
	y += 76;
	doc.font('Helvetica').fontSize(10.5).fillColor(INK);
	for (const sentence of narrative({ period: filters, current: s, previous: p, currency, against: against.phrase })) {
		doc.text(pdfText(sentence), M, y, { width: inner });
		y = doc.y + 3;
	}
	if (s.data_notes.length) {
		// what the data can and cannot support travels with the figures
		doc.font('Helvetica').fontSize(8.5).fillColor(MUTED);
		for (const note of s.data_notes) {
			doc.text(pdfText(`About the data: ${note}`), M, y, { width: inner });
			y = doc.y + 2;
		}
		doc.fillColor(INK);
	}
	y += 8;
	doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text('From backorder cost to net cost', M, y);
	y = doc.y + 2;
	// the labels are fitted to this page's width (Letter gives each bar less room than A4 or the screen)
	const wf = waterfallOption(waterfallBars(inTotalComponents(s), s.holding.savings ?? 0), SEMANTIC.light, currency, { width: inner });
	const chartH = Math.max(150, H - y - 40);
	SVGtoPDF(doc, chartSvg(wf, inner, chartH), M, y, { width: inner, height: chartH, assumePt: true });

	// ---- page 2: the months, and the service figures behind them
	y = frame.page();
	const half = (inner - gap) / 2;
	// under filters the scope of every figure is listed below the table: the charts give it room
	const scope = scopeLines(s, money);
	const trendH = scope.length ? 130 : 170;
	doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text('Backorder cost by month against holding savings', M, y, { width: half });
	doc.text('Line fill rate by month', M + half + gap, y, { width: half });
	y += 16;
	if (trend.length) {
		SVGtoPDF(doc, chartSvg(costTrendOption(trend, SEMANTIC.light, false, currency), half, trendH), M, y, { width: half, height: trendH, assumePt: true });
		SVGtoPDF(doc, chartSvg(fillRateOption(trend, SEMANTIC.light), half, trendH), M + half + gap, y, { width: half, height: trendH, assumePt: true });
	}
	y += trendH + 4;
	doc.font('Helvetica').fontSize(8).fillColor(MUTED).text('Share-of-wallet loss is estimated for the period as a whole and is not spread over months.', M, y);
	y = doc.y + 12;

	const rows: [string, string][] = [
		['Order lines', integer(s.orders.lines)],
		['Backordered lines', `${integer(s.orders.backordered_lines)} (${percent(1 - (s.orders.line_fill_rate ?? 1))})`],
		['Line fill rate / value fill rate', `${percent(s.orders.line_fill_rate)} / ${percent(s.orders.value_fill_rate)}`],
		['OTIF', percent(s.service_kpis.otif)],
		['Backorder-related service contacts', `${integer(s.service.backorder_contacts)} · ${money(s.service.cost)}`],
		['Sales hours chasing stock', `${integer(s.sales.hours)} h · ${money(s.sales.cost)} + ${money(s.sales.opportunity_cost)} selling time lost`],
		['Cancelled backorders', `${money(s.cancellations.value)} · margin ${money(s.cancellations.lost_margin)}`],
		[
			'Share-of-wallet decline',
			s.wallet.did_pct === null
				? `${walletNa(s.wallet.not_estimable)}; the total excludes it`
				: `${percent(s.wallet.did_pct)} (90% interval ${percent(s.wallet.did_low)} to ${percent(s.wallet.did_high)}), ${integer(s.wallet.treated_customers)} customers · margin ${money(s.wallet.lost_margin)}`
		],
		[
			'Deals lost to availability',
			s.winloss.expected_lost_margin === null
				? 'n/a: not attributable to a product filter'
				: `${integer(s.winloss.lost_deals)} · ${money(s.winloss.lost_value)} · expected margin ${money(s.winloss.expected_lost_margin)}`
		],
		['Inventory value: baseline / period', `${money(s.holding.baseline_value)} / ${money(s.holding.period_value)} at ${percent(s.holding.carrying_rate)} carrying rate`],
		['Gross margin', percent(s.gross_margin)]
	];
	if (input.terms) {
		const t = termsText(input.terms, currency);
		rows.push(['Backorder cost per unit b', t.b]);
		rows.push(['Holding cost per unit-year h', `${t.h} (${H_DEFINITION})`]);
		rows.push(['Critical ratio b/(b+h)', t.critical_ratio]);
	}
	doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text('The figures behind the ledger', M, y);
	y = doc.y + 4;
	for (const [label, value] of rows) {
		doc.moveTo(M, y).lineTo(W - M, y).lineWidth(0.4).strokeColor(LINE).stroke();
		doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(label, M, y + 4, { width: 230, lineBreak: false });
		doc.fillColor(INK).text(pdfText(value), M + 240, y + 4, { width: inner - 240, lineBreak: false });
		y += 16;
	}
	if (scope.length) {
		y += 6;
		doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text('Scope of each figure under these filters', M, y);
		y = doc.y + 2;
		doc.font('Helvetica').fontSize(7.5).fillColor(INK);
		for (const line of scope) {
			doc.text(pdfText(line), M, y, { width: inner });
			y = doc.y + 1;
		}
	}
	return frame.finish();
}
