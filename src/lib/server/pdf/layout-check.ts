/**
 * Test helpers for the PDFs' layout (issue 17): the words of each page with their boxes, read back with
 * poppler's pdftotext -bbox, and pages rendered to PNG with pdftoppm for review. Used by the PDF specs
 * to assert that no two words on a page overlap and every word lies on the page; skipped with a reason
 * where poppler is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Word {
	page: number;
	text: string;
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}
export interface PageBox {
	width: number;
	height: number;
}

export const popplerMissing = (): string | null =>
	spawnSync('pdftotext', ['-v']).error || spawnSync('pdftoppm', ['-v']).error ? 'poppler-utils (pdftotext, pdftoppm) is not installed' : null;

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

/** Every word of the PDF with its box in points, and each page's size. */
export function pdfWords(pdf: Buffer): { pages: PageBox[]; words: Word[] } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'pdf-words-'));
	try {
		const file = path.join(dir, 'in.pdf');
		writeFileSync(file, new Uint8Array(pdf));
		const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
		const pages: PageBox[] = [];
		const words: Word[] = [];
		for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
			pages.push({ width: Number(m[1]), height: Number(m[2]) });
			for (const w of m[3].matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
				words.push({ page: pages.length, x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: decode(w[5]) });
			}
		}
		return { pages, words };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Pairs of words on the same page whose boxes overlap by more than `slack` points each way. */
export function collisions(words: readonly Word[], slack = 0.6): [Word, Word][] {
	const out: [Word, Word][] = [];
	const byPage = new Map<number, Word[]>();
	for (const w of words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
	for (const list of byPage.values()) {
		for (let i = 0; i < list.length; i++) {
			for (let j = i + 1; j < list.length; j++) {
				const a = list[i];
				const b = list[j];
				const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
				const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
				if (dx > slack && dy > slack) out.push([a, b]);
			}
		}
	}
	return out;
}

/** Words that stick out of their page. */
export function offPage(words: readonly Word[], pages: readonly PageBox[]): Word[] {
	return words.filter((w) => w.x0 < 0 || w.y0 < 0 || w.x1 > pages[w.page - 1].width + 0.5 || w.y1 > pages[w.page - 1].height + 0.5);
}

/** Renders every page to PNG (72 dpi unless told) in `outDir`; returns the files in page order. */
export function renderPages(pdf: Buffer, outDir: string, name: string, dpi = 72): string[] {
	const file = path.join(outDir, `${name}.pdf`);
	writeFileSync(file, new Uint8Array(pdf));
	execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, path.join(outDir, name)]);
	return readdirSync(outDir)
		.filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
		.sort()
		.map((f) => path.join(outDir, f));
}

/** Width and height of a PNG, from its header. */
export function pngSize(png: Buffer): { width: number; height: number } {
	return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
