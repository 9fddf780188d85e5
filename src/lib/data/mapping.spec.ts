import { describe, expect, it } from 'vitest';
import { applySaved, exprSql, headerSignature, mappingGaps, mappingSelect, toSaved, validateMapping, type TableMapping } from './mapping';
import { PRESETS, SAP_HEADERS } from './presets';

const files = { 'items.csv': ['ID', 'POS', 'MAT', 'QTY', 'NET', 'DATE'], 'head.csv': ['ID', 'CUST', 'CREATED'] };
const m: TableMapping = {
	table: 'order_lines',
	file: 'items.csv',
	lookup: { file: 'head.csv', on: 'ID', key: 'ID' },
	columns: {
		order_id: { kind: 'column', source: { column: 'ID' } },
		line_no: { kind: 'column', source: { column: 'POS' } },
		customer_id: { kind: 'column', source: { column: 'CUST', from: 'lookup' } },
		sku: { kind: 'join', sources: [{ column: 'MAT' }, { column: 'POS' }], separator: '-' },
		order_date: { kind: 'column', source: { column: 'CREATED', from: 'lookup' }, date: 'dmy' },
		qty: { kind: 'column', source: { column: 'QTY' }, decimalComma: true },
		unit_price: { kind: 'divide', numerator: { column: 'NET' }, denominator: { column: 'QTY' }, decimalComma: true }
	}
};

describe('column mappings', () => {
	it('validate against the files’ headers', () => {
		expect(validateMapping(m, files)).toEqual({});
		const bad: TableMapping = { ...m, columns: { ...m.columns, customer_id: { kind: 'column', source: { column: 'NOPE', from: 'lookup' } }, colour: { kind: 'constant', value: 'x' } } };
		delete bad.columns.qty;
		expect(validateMapping(bad, files)).toEqual({
			customer_id: '"NOPE" is not a column of head.csv',
			colour: 'is not a column of order_lines',
			qty: 'is required: map it to a column or a constant'
		});
		expect(validateMapping({ ...m, lookup: { file: 'head.csv', on: 'X', key: 'ID' } }, files)['']).toBe('"X" is not a column of items.csv');
		expect(validateMapping({ ...m, file: 'gone.csv' }, files)).toEqual({ '': 'the file "gone.csv" is not in this upload' });
	});

	it('quote every identifier and literal in the SQL', () => {
		expect(exprSql({ kind: 'constant', value: "O'Brien" })).toBe("'O''Brien'");
		expect(exprSql({ kind: 'column', source: { column: 'a"b' } })).toBe('m."a""b"');
		const sql = mappingSelect(m, (f) => `read_csv('${f}')`, 10);
		expect(sql).toContain('LEFT JOIN (SELECT * FROM read_csv(\'head.csv\') QUALIFY row_number() OVER (PARTITION BY "ID") = 1) l ON m."ID" = l."ID"');
		expect(sql).toContain('NULL::VARCHAR AS "qty_backordered"');
		expect(sql).toMatch(/ORDER BY m\."__ledger_line" LIMIT 10$/);
	});

	it('say plainly what a mapping cannot provide', () => {
		expect(mappingGaps(m)[0]).toMatch(/^No backorder quantities/);
		expect(mappingGaps({ ...m, columns: { ...m.columns, qty_backordered: { kind: 'column', source: { column: 'QTY' } } } })).not.toContainEqual(expect.stringMatching(/backorder quantities/));
	});

	it('are saved by header signature and found again for files of the same shape', () => {
		expect(headerSignature(['\uFEFFOrder ID', 'qty'])).toBe(headerSignature(['order_id', 'QTY']));
		expect(headerSignature(['a', 'b'])).not.toBe(headerSignature(['b', 'a']));
		const shapes = Object.entries(files).map(([name, headers]) => ({ name, headers, rows: [], signature: headerSignature(headers) }));
		const saved = toSaved('ERP', m, shapes);
		const next = shapes.map((s) => ({ ...s, name: `2025-${s.name}` }));
		expect(applySaved(saved, next)).toEqual({ ...m, file: '2025-items.csv', lookup: { ...m.lookup, file: '2025-head.csv' } });
		expect(applySaved(saved, next.slice(0, 1))).toBeNull(); // the joined file is missing
	});

	it('the SAP presets validate against the SAP headers', () => {
		const shapes = Object.entries(SAP_HEADERS).map(([n, headers]) => ({ name: `${n}.csv`, headers, rows: [], signature: headerSignature(headers) }));
		const byName = Object.fromEntries(shapes.map((s) => [s.name, s.headers]));
		for (const p of PRESETS) {
			const mapped = applySaved(p, shapes);
			expect(mapped, p.name).not.toBeNull();
			expect(validateMapping(mapped!, byName), p.name).toEqual({});
			expect(p.limitations?.length).toBeGreaterThan(0);
		}
		expect(PRESETS[0].limitations![0]).toMatch(/No backorder quantities/);
	});
});
