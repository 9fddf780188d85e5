/**
 * The frame every PDF page shares (the ledger, /drivers, /capital, a customer): landscape A4 or Letter,
 * a header naming the period, the filters, any view-specific scope (a breakdown, picks, a customer) and
 * the assumption scenario, and a page number. DESIGN §6: "every PDF shows the period, the filters and the
 * scenario on each page", so a page is only ever started through `page()`.
 */
import PDFDocument from 'pdfkit';
import { dateLong, dateRange } from '$lib/format';
import { FILTER_DIMENSIONS, FILTER_LABELS } from '$lib/filters';
import type { MetricFilters } from '$lib/metrics/filters-type';

export type PaperSize = 'A4' | 'LETTER';

export const INK = '#17202b';
export const MUTED = '#5b6675';
export const LINE = '#dde1e7';
export const COLOURS = { cost: '#c2410c', saving: '#15803d', net: '#1f5f99', neutral: '#9aa4b2' };
export const MARGIN = 36;

/** The standard PDF fonts speak WinAnsi: map the few typographic characters the formatters use. */
export function pdfText(s: string): string {
	return s.replace(/\u03a3/g, 'sum ').replace(/\u2212/g, '-').replace(/\u2192/g, '->').replace(/\u2009|\u202f/g, ' ');
}

export function filterLine(f: Partial<MetricFilters>): string {
	const parts = FILTER_DIMENSIONS.filter((k) => f[k]).map((k) => `${FILTER_LABELS[k]}: ${f[k]}`);
	return parts.length ? parts.join(' · ') : 'All customers and products';
}

/** The scope line of every page: period, filters, the view's own scope, scenario. */
export function scopeLine(filters: MetricFilters, scenario: string, extra: readonly string[] = []): string {
	return pdfText([`Period ${dateRange(filters.from, filters.to)}`, filterLine(filters), ...extra, `Assumptions: ${scenario}`].join('   ·   '));
}

export interface FrameInput {
	size: PaperSize;
	/** the document's title (metadata) and the header's subtitle */
	title: string;
	subtitle: string;
	filters: MetricFilters;
	scenario: string;
	/** what else scopes this document: "Broken down by supplier", "Picked: Supplier Acme", "Customer C001" */
	scope?: string[];
	generatedAt: Date;
}

export function openPdf(input: FrameInput) {
	const doc = new PDFDocument({
		size: input.size,
		layout: 'landscape',
		margin: MARGIN,
		autoFirstPage: false,
		info: { Title: input.title, Author: 'Backorder Ledger', Subject: input.subtitle }
	});
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	let pageNo = 0;
	doc.addPage();
	const W = doc.page.width;
	const H = doc.page.height;
	const M = MARGIN;
	const inner = W - 2 * M;

	/** Draws the header and footer of the current page; returns the y where content starts. */
	function header(): number {
		pageNo++;
		doc.rect(0, 0, W, 6).fill(COLOURS.net);
		doc.fillColor(INK).font('Helvetica-Bold').fontSize(16).text('Backorder Ledger', M, 20, { continued: true });
		doc.font('Helvetica').fillColor(MUTED).text(pdfText(`  ·  ${input.subtitle}`));
		doc.font('Helvetica').fontSize(9).fillColor(MUTED);
		const scope = scopeLine(input.filters, input.scenario, input.scope);
		doc.text(scope, M, 42, { width: inner - 150 });
		const after = doc.y;
		doc.text(pdfText(`Generated ${dateLong(input.generatedAt.toISOString().slice(0, 10))}`), W - M - 150, 42, { width: 150, align: 'right' });
		const rule = Math.max(58, after + 4);
		doc.moveTo(M, rule).lineTo(W - M, rule).lineWidth(0.5).strokeColor(LINE).stroke();
		// the footer sits inside the bottom margin: lift the margin while writing it, or pdfkit starts a page
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc.fontSize(8).fillColor(MUTED).text(`Page ${pageNo}`, M, H - 24, { width: inner, align: 'right', lineBreak: false });
		doc.page.margins.bottom = bottom;
		doc.fillColor(INK);
		return rule + 12;
	}

	/** Starts a new page with its header; returns the y where content starts. */
	function page(): number {
		if (pageNo > 0) doc.addPage();
		return header();
	}

	return {
		doc,
		W,
		H,
		M,
		inner,
		page,
		/** the lowest y content may reach */
		bottom: H - M - 8,
		finish(): Promise<Buffer> {
			doc.end();
			return done;
		}
	};
}

export type Frame = ReturnType<typeof openPdf>;

/** A response carrying a PDF download. */
export function pdfResponse(pdf: Buffer, filename: string): Response {
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
}

/** `?paper=a4|letter` (default A4), or an error message. */
export function readPaper(params: URLSearchParams): PaperSize | { error: string } {
	const paper = (params.get('paper') ?? 'a4').toLowerCase();
	if (paper !== 'a4' && paper !== 'letter') return { error: 'paper must be a4 or letter' };
	return paper.toUpperCase() as PaperSize;
}
