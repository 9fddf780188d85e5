/**
 * What a canonical column of a mapping can come from (DESIGN §2.1): a source column, a constant, a
 * join of two columns, a per-unit amount, a value map (`Social media` → other), a date plus a number
 * of days (order date + scheduled days), a condition (`Delivery Status = 'Late delivery'` → qty), or
 * a generated line number. Their checks live here, beside their shapes; the SQL is the server's
 * (server/data/mapping-sql.ts). Dates are never converted here: a column's declared format goes to
 * the ingest, which reads every date of every path with one parser.
 */
import { DATE_FORMAT_LABELS, type DateFormat } from './date-formats';
import type { ColumnSpec } from '$lib/schema';

/** A column of the main file, or of the joined file. */
export interface SourceRef {
	column: string;
	from?: 'main' | 'lookup';
}

/** A value in a condition's result or a day count: a column, or a constant. */
export type Operand = { source: SourceRef } | { value: string };

export const CONDITION_OPS = ['eq', 'ne', 'in', 'contains', 'empty', 'filled', 'gt', 'lt'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export const CONDITION_LABELS: Record<ConditionOp, string> = {
	eq: 'is',
	ne: 'is not',
	in: 'is one of',
	contains: 'contains',
	empty: 'is empty',
	filled: 'is not empty',
	gt: 'is more than',
	lt: 'is less than'
};

/** A test of one source column: text compared trimmed and case-insensitively, numbers as numbers. */
export interface Condition {
	source: SourceRef;
	op: ConditionOp;
	value?: string;
	/** for 'in' */
	values?: string[];
}

export type Expr =
	| { kind: 'column'; source: SourceRef; date?: DateFormat; decimalComma?: boolean }
	| { kind: 'constant'; value: string }
	| { kind: 'join'; sources: [SourceRef, SourceRef]; separator: string }
	| { kind: 'divide'; numerator: SourceRef; denominator: SourceRef; decimalComma?: boolean }
	/** source values (trimmed, any case) → values; others become `otherwise`, or stay as written */
	| { kind: 'map'; source: SourceRef; values: Record<string, string>; otherwise?: string }
	/** a date plus a number of days (a column or a constant); the date read in its declared or detected format */
	| { kind: 'addDays'; source: SourceRef; days: Operand; date?: DateFormat }
	| { kind: 'if'; when: Condition; then: Operand; else?: Operand }
	/** 1, 2, 3 … per order, in file order (an export without line numbers) */
	| { kind: 'lineNumber' };

export type ExprKind = Expr['kind'];

export const EXPR_LABELS: Record<ExprKind, string> = {
	column: 'column',
	constant: 'constant',
	join: 'join of two columns',
	divide: 'per unit (column ÷ column)',
	map: 'value map',
	addDays: 'date + days',
	if: 'condition',
	lineNumber: 'line number per order'
};

/** Date formats a column may declare: the ingest's, labelled as the ingest labels them. */
export const DATE_LABELS = DATE_FORMAT_LABELS;

export const MAX_TEXT = 200;
const MAX_MAP_ENTRIES = 500;
const MAX_IN_VALUES = 50;

const text = (v: unknown, max = MAX_TEXT) => typeof v === 'string' && v.length <= max;
const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

type CheckSource = (s: SourceRef | undefined) => string | null;

function checkOperand(o: Operand | undefined, source: CheckSource, what: string): string | null {
	if (!o || typeof o !== 'object') return `${what}: choose a column or a value`;
	if (Object.hasOwn(o, 'source')) return source((o as { source: SourceRef }).source);
	if (Object.hasOwn(o, 'value')) return text((o as { value: unknown }).value) ? null : `${what}: a value is text of at most ${MAX_TEXT} characters`;
	return `${what}: choose a column or a value`;
}

/** What is wrong with a condition, or null. */
export function checkCondition(c: Condition | undefined, source: CheckSource): string | null {
	if (!c || typeof c !== 'object') return 'choose a column and a test';
	const s = source(c.source);
	if (s) return s;
	if (typeof c.op !== 'string' || !(CONDITION_OPS as readonly string[]).includes(c.op)) return 'unknown test';
	if (c.op === 'in') {
		if (!Array.isArray(c.values) || !c.values.length || c.values.length > MAX_IN_VALUES || !c.values.every((v) => text(v))) return `"is one of" takes 1 to ${MAX_IN_VALUES} values`;
	} else if (c.op === 'gt' || c.op === 'lt') {
		if (typeof c.value !== 'string' || !NUMBER.test(c.value)) return 'compare with a number';
	} else if (c.op !== 'empty' && c.op !== 'filled' && !text(c.value)) return `a value is text of at most ${MAX_TEXT} characters`;
	return null;
}

const dateFormatOk = (d: unknown) => d === undefined || (typeof d === 'string' && Object.hasOwn(DATE_FORMAT_LABELS, d));

/** What is wrong with an expression for a canonical column, or null. */
export function checkExpr(e: Expr, spec: ColumnSpec, source: CheckSource): string | null {
	if (!e || typeof e !== 'object') return 'unknown expression';
	switch (e.kind) {
		case 'column': {
			// own keys only: "toString" or "__proto__" is in every object (issue 19: that was a 500)
			if (!dateFormatOk(e.date)) return 'unknown date format';
			if (e.decimalComma !== undefined && typeof e.decimalComma !== 'boolean') return 'decimalComma is true or false';
			return source(e.source);
		}
		case 'constant':
			return text(e.value) ? null : `a constant is text of at most ${MAX_TEXT} characters`;
		case 'join':
			if (!Array.isArray(e.sources) || e.sources.length !== 2) return 'a join takes two columns';
			if (!text(e.separator, 5)) return 'the separator is at most 5 characters';
			return source(e.sources[0]) ?? source(e.sources[1]);
		case 'divide':
			if (e.decimalComma !== undefined && typeof e.decimalComma !== 'boolean') return 'decimalComma is true or false';
			return source(e.numerator) ?? source(e.denominator);
		case 'map': {
			if (typeof e.values !== 'object' || e.values === null || Array.isArray(e.values)) return 'a value map maps values to values';
			const entries = Object.entries(e.values);
			if (entries.length > MAX_MAP_ENTRIES) return `a value map has at most ${MAX_MAP_ENTRIES} values`;
			if (!entries.every(([k, v]) => text(k) && text(v))) return `mapped values are text of at most ${MAX_TEXT} characters`;
			if (e.otherwise !== undefined && !text(e.otherwise)) return `the other values' value is text of at most ${MAX_TEXT} characters`;
			if (spec.enum) {
				const allowed = new Set(spec.enum);
				const bad = [...entries.map(([, v]) => v), ...(e.otherwise !== undefined ? [e.otherwise] : [])].find((v) => v.trim() !== '' && !allowed.has(v.trim().toLowerCase()));
				if (bad !== undefined) return `"${bad}" is not one of ${spec.enum.join(', ')}`;
			}
			return source(e.source);
		}
		case 'addDays':
			if (spec.type !== 'date' && spec.type !== 'timestamp') return 'date + days fills a date column';
			if (!dateFormatOk(e.date)) return 'unknown date format';
			if (e.days && typeof e.days === 'object' && Object.hasOwn(e.days, 'value') && !NUMBER.test(String((e.days as { value: unknown }).value))) return 'the days are a whole number';
			return source(e.source) ?? checkOperand(e.days, source, 'days');
		case 'if':
			return checkCondition(e.when, source) ?? checkOperand(e.then, source, 'when true') ?? (e.else === undefined ? null : checkOperand(e.else, source, 'otherwise'));
		case 'lineNumber':
			return spec.name === 'line_no' ? null : 'only line_no can be generated';
		default:
			return 'unknown expression';
	}
}

const operandSources = (o: Operand | undefined): SourceRef[] => (o && Object.hasOwn(o, 'source') ? [(o as { source: SourceRef }).source] : []);

/** The source columns an expression reads. */
export function exprSources(e: Expr): SourceRef[] {
	switch (e.kind) {
		case 'column':
		case 'map':
			return [e.source];
		case 'join':
			return [...e.sources];
		case 'divide':
			return [e.numerator, e.denominator];
		case 'addDays':
			return [e.source, ...operandSources(e.days)];
		case 'if':
			return [e.when.source, ...operandSources(e.then), ...operandSources(e.else)];
		default:
			return [];
	}
}
