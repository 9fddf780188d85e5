/**
 * Axis labels that fit their slot: ECharts' own `overflow: 'break'` cuts words anywhere ("Share-of-wall /
 * et loss"), and a fixed label width collides when a Letter page gives each bar less room than the
 * screen. These measure a label's width (Helvetica advance widths: the PDF's font, and close to the
 * page's sans-serif) and wrap it only at spaces, shrinking the font, then rotating, when a word is wider
 * than its slot. Pure.
 */

// advance widths per 1000 units of font size (Helvetica AFM), for the characters labels use
const NARROW = new Map<string, number>(
	Object.entries({ ' ': 278, i: 222, j: 222, l: 222, I: 278, f: 278, t: 278, r: 333, '-': 333, '/': 278, '.': 278, ',': 278, '(': 333, ')': 333, "'": 191, ':': 278, '|': 260 })
);
const WIDE = new Map<string, number>(Object.entries({ m: 833, w: 722, M: 833, W: 944, '%': 889, '@': 1015, '—': 1000 }));

/** The width in px (or pt) of `text` set in Helvetica at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
	let units = 0;
	for (const ch of text) {
		units += NARROW.get(ch) ?? WIDE.get(ch) ?? (ch >= 'A' && ch <= 'Z' ? 667 : ch >= '0' && ch <= '9' ? 556 : 556);
	}
	return (units * fontSize) / 1000;
}

/**
 * Lines of `text` no wider than `maxWidth`, broken only at spaces. A single word wider than maxWidth
 * keeps its own line whole (callers shrink the font or rotate instead of cutting it).
 */
export function wrapLabel(text: string, maxWidth: number, fontSize: number): string[] {
	const words = text.split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (const w of words) {
		const next = line ? `${line} ${w}` : w;
		if (line && textWidth(next, fontSize) > maxWidth) {
			lines.push(line);
			line = w;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

export interface FittedLabels {
	fontSize: number;
	/** each label with '\n' where it wraps */
	labels: string[];
	/** degrees; 0 unless no font size lets every word fit its slot */
	rotate: number;
	/** lines of the tallest label, for the grid's bottom margin */
	lines: number;
}

/**
 * Fits category labels into slots `slot` wide: the largest font from `maxFont` down to `minFont` at
 * which every word fits and no label needs more than `maxLines` lines; failing that, the smallest font,
 * unwrapped, rotated 30°.
 */
export function fitLabels(texts: readonly string[], slot: number, opts: { maxFont?: number; minFont?: number; maxLines?: number } = {}): FittedLabels {
	const { maxFont = 11, minFont = 7, maxLines = 3 } = opts;
	const room = Math.max(1, slot - 4); // a little air between neighbours
	for (let size = maxFont; size >= minFont; size -= 0.5) {
		const wrapped = texts.map((t) => wrapLabel(t, room, size));
		const fits = wrapped.every((lines) => lines.length <= maxLines && lines.every((l) => textWidth(l, size) <= room));
		if (fits) return { fontSize: size, labels: wrapped.map((l) => l.join('\n')), rotate: 0, lines: Math.max(1, ...wrapped.map((l) => l.length)) };
	}
	return { fontSize: minFont, labels: [...texts], rotate: 30, lines: 1 };
}
