/**
 * Building blocks the page PDFs share: a heading, a chart drawn from the page's own option builder, a
 * row of figures, and a table that fits the page's width and carries on over pages (each with the full
 * header). Text sizes are chosen so a table of the page's screen columns fits landscape Letter.
 */
import SVGtoPDF from 'svg-to-pdfkit';
import type { ChartOption } from '$lib/charts/echarts';
import { chartSvg } from './svg-chart';
import { INK, LINE, MUTED, pdfText, type Frame } from './frame';

export function heading(f: Frame, text: string, y: number): number {
	f.doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(pdfText(text), f.M, y, { width: f.inner });
	return f.doc.y + 3;
}

export function note(f: Frame, text: string, y: number, size = 8.5): number {
	f.doc.font('Helvetica').fontSize(size).fillColor(MUTED).text(pdfText(text), f.M, y, { width: f.inner });
	f.doc.fillColor(INK);
	return f.doc.y + 3;
}

export function chart(f: Frame, option: ChartOption, y: number, height: number, x = f.M, width = f.inner): number {
	SVGtoPDF(f.doc, chartSvg(option, width, height), x, y, { width, height, assumePt: true });
	return y + height + 4;
}

/** Label/value figures across the page. */
export function figures(f: Frame, items: [string, string][], y: number): number {
	const gap = 10;
	const w = (f.inner - (items.length - 1) * gap) / items.length;
	items.forEach(([label, value], i) => {
		const x = f.M + i * (w + gap);
		f.doc.roundedRect(x, y, w, 46, 4).lineWidth(0.7).strokeColor(LINE).stroke();
		f.doc.fillColor(MUTED).font('Helvetica-Bold').fontSize(7).text(pdfText(label.toUpperCase()), x + 8, y + 7, { width: w - 16, height: 9, ellipsis: true });
		f.doc.fillColor(INK).font('Helvetica-Bold').fontSize(14).text(pdfText(value), x + 8, y + 20, { width: w - 16, height: 18, ellipsis: true });
	});
	return y + 56;
}

export interface TableColumn {
	label: string;
	/** share of the page's width */
	weight: number;
	align?: 'left' | 'right';
}

/** A table fitted to the page width; rows that do not fit continue on a new page under a repeated head. */
export function table(f: Frame, columns: TableColumn[], rows: string[][], y: number, size = 7.5): number {
	const total = columns.reduce((s, c) => s + c.weight, 0);
	const widths = columns.map((c) => (c.weight / total) * f.inner);
	const rowH = size + 6;
	const head = (top: number) => {
		f.doc.font('Helvetica-Bold').fontSize(size).fillColor(MUTED);
		let x = f.M;
		columns.forEach((c, i) => {
			f.doc.text(pdfText(c.label), x + 2, top + 2, { width: widths[i] - 4, align: c.align ?? 'left', height: rowH * 2, lineBreak: true });
			x += widths[i];
		});
		const h = Math.max(rowH, ...columns.map((c, i) => f.doc.heightOfString(pdfText(c.label), { width: widths[i] - 4 }) + 4));
		f.doc.moveTo(f.M, top + h).lineTo(f.M + f.inner, top + h).lineWidth(0.6).strokeColor(MUTED).stroke();
		return top + h + 1;
	};
	y = head(y);
	f.doc.font('Helvetica').fontSize(size).fillColor(INK);
	for (const r of rows) {
		if (y + rowH > f.bottom) {
			y = head(f.page());
			f.doc.font('Helvetica').fontSize(size).fillColor(INK);
		}
		let x = f.M;
		r.forEach((cell, i) => {
			f.doc.text(pdfText(cell), x + 2, y + 3, { width: widths[i] - 4, align: columns[i].align ?? 'left', height: rowH, ellipsis: true, lineBreak: false });
			x += widths[i];
		});
		y += rowH;
		f.doc.moveTo(f.M, y).lineTo(f.M + f.inner, y).lineWidth(0.3).strokeColor(LINE).stroke();
	}
	return y + 6;
}
