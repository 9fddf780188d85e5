import { describe, expect, it } from 'vitest';
import { applySaved, genericHeaders, headerConflicts, headerSignature, mappingGaps, parseMappingFile, toSaved, validateMapping, type FileShape, type TableMapping } from './mapping';
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

	it('check the new kinds: value maps onto enums, date + days, conditions, line numbers, key modes, row conditions', () => {
		const contacts: TableMapping = {
			table: 'contacts',
			file: 'items.csv',
			columns: {
				contact_id: { kind: 'column', source: { column: 'ID' } },
				customer_id: { kind: 'column', source: { column: 'MAT' } },
				contact_at: { kind: 'addDays', source: { column: 'DATE' }, days: { value: '2' } },
				team: { kind: 'if', when: { source: { column: 'POS' }, op: 'eq', value: 'S' }, then: { value: 'sales' }, else: { value: 'service' } },
				channel: { kind: 'map', source: { column: 'NET' }, values: { 'Social media': 'other', Email: 'email' }, otherwise: 'other' }
			}
		};
		expect(validateMapping(contacts, files)).toEqual({});
		const bad = (columns: Record<string, unknown>, extra: Partial<TableMapping> = {}) =>
			validateMapping({ ...contacts, ...extra, columns: { ...contacts.columns, ...columns } } as TableMapping, files);
		expect(bad({ channel: { kind: 'map', source: { column: 'NET' }, values: { Fax: 'fax' } } })).toEqual({ channel: '"fax" is not one of phone, email, chat, portal, visit, other' });
		expect(bad({ channel: { kind: 'map', source: { column: 'NET' }, values: ['email'] } })).toEqual({ channel: 'a value map maps values to values' });
		expect(bad({ reason: { kind: 'addDays', source: { column: 'DATE' }, days: { value: '2' } } })).toEqual({ reason: 'date + days fills a date column' });
		expect(bad({ contact_at: { kind: 'addDays', source: { column: 'DATE' }, days: { value: 'two' } } })).toEqual({ contact_at: 'the days are a whole number' });
		expect(bad({ contact_at: { kind: 'addDays', source: { column: 'DATE' }, days: { source: { column: 'NOPE' } } } })).toEqual({ contact_at: '"NOPE" is not a column of items.csv' });
		expect(bad({ team: { kind: 'if', when: { source: { column: 'POS' }, op: 'gt', value: 'many' }, then: { value: 'sales' } } })).toEqual({ team: 'compare with a number' });
		expect(bad({ team: { kind: 'if', when: { source: { column: 'POS' }, op: 'like', value: 'x' }, then: { value: 'sales' } } })).toEqual({ team: 'unknown test' });
		expect(bad({ reason: { kind: 'lineNumber' } })).toEqual({ reason: 'only line_no can be generated' });
		expect(bad({}, { keys: 'sum' })).toEqual({});
		expect(bad({}, { keys: 'merge' as never })).toEqual({ '': 'repeated keys are rejected, kept first or summed' });
		expect(bad({}, { where: { source: { column: 'POS' }, op: 'in', values: [] } })).toEqual({ '': 'only rows where: "is one of" takes 1 to 50 values' });
		const { line_no: _l, ...rest } = m.columns;
		expect(validateMapping({ ...m, columns: { ...rest, line_no: { kind: 'lineNumber' } } }, files)).toEqual({});
		const { order_id: _o, ...noOrder } = rest;
		expect(validateMapping({ ...m, columns: { ...noOrder, line_no: { kind: 'lineNumber' } } }, files)).toMatchObject({ line_no: 'generated line numbers count the rows of each order: map order_id' });
		expect(validateMapping({ table: 'shipments', file: 'items.csv', keys: 'first', columns: {} }, files)['']).toBe('shipments has no key: its rows cannot be folded together');
	});

	it('check with own keys only: names of Object.prototype are neither formats, files nor columns', () => {
		for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
			expect(validateMapping({ ...m, file: name }, files)).toEqual({ '': `the file "${name}" is not in this upload` });
			const date = validateMapping({ ...m, columns: { ...m.columns, order_date: { kind: 'column', source: { column: 'DATE' }, date: name as never } } }, files);
			expect(date.order_date).toBe('unknown date format');
			expect(validateMapping({ ...m, columns: { ...m.columns, [name]: { kind: 'constant', value: 'x' } } }, files)[name]).toBe('is not a column of order_lines');
		}
		const parsed = JSON.parse('{"kind":"map","source":{"column":"NET"},"values":{"__proto__":"email","toString":"phone"}}');
		expect(validateMapping({ ...m, table: 'contacts', columns: { channel: parsed } } as TableMapping, files).channel).toBeUndefined();
		const required = validateMapping({ table: 'customers', file: 'items.csv', columns: Object.create({ customer_id: { kind: 'constant', value: 'x' } }) }, files);
		expect(required.customer_id).toBe('is required: map it to a column or a constant');
	});

	it('one file read with and without a header row by two mappings is refused', () => {
		expect(headerConflicts([m, { table: 'products', file: 'items.csv', noHeader: true, columns: {} }])).toBe('items.csv is read both with and without a header row');
		expect(headerConflicts([m, { table: 'products', file: 'items.csv', columns: {} }])).toBeNull();
	});

	it('say where backorders will come from when the lines do not record them', () => {
		expect(mappingGaps(m, [{ table: 'shipments' }])[0]).toMatch(/^No recorded backorder quantities: they are derived from the shipments/);
		const dated = { ...m, columns: { ...m.columns, ship_date: { kind: 'column', source: { column: 'DATE' } }, promised_date: { kind: 'column', source: { column: 'DATE' } } } } as TableMapping;
		expect(mappingGaps(dated)[0]).toMatch(/^No backorder quantities and no shipments: a line shipped later than promised/);
	});

	it('a header-less file is found again by its saved name, or by its width when its first row is data', () => {
		const shape = (name: string, width: number, looksHeaderless: boolean): FileShape => ({ name, headers: [], rows: [], signature: 'x', width, looksHeaderless });
		const bins: TableMapping = { table: 'inventory_snapshots', file: 'bins 2024-05.csv', noHeader: true, keys: 'sum', columns: {} };
		const saved = toSaved('Bins', bins, [{ ...shape('bins 2024-05.csv', 6, true), headers: genericHeaders(6), headerless: true }]);
		expect(saved).toMatchObject({ signature: headerSignature(genericHeaders(6)), file: 'bins 2024-05.csv', noHeader: true, keys: 'sum' });
		expect(applySaved(saved, [shape('other.csv', 6, true), shape('bins 2024-05.csv', 6, false)])?.file).toBe('bins 2024-05.csv');
		expect(applySaved(saved, [shape('names.csv', 6, false), shape('bins 2024-06.csv', 6, true)])).toEqual({ ...bins, file: 'bins 2024-06.csv' });
		expect(applySaved(saved, [shape('bins 2024-06.csv', 5, true)])).toBeNull();
	});

	it('read a mapping file in any of its forms, and say what is wrong with one', () => {
		const one = toSaved('ERP', m, Object.entries(files).map(([name, headers]) => ({ name, headers, rows: [], signature: headerSignature(headers) })));
		expect(parseMappingFile({ version: 1, mappings: [one] })).toEqual([one]);
		expect(parseMappingFile([one])).toEqual([one]);
		expect(parseMappingFile(one)).toEqual([one]);
		expect(parseMappingFile({ ...one, name: '' })[0].name).toBe('order_lines mapping');
		expect(() => parseMappingFile({ version: 1, mappings: [] })).toThrow('the mapping file holds no mapping');
		expect(() => parseMappingFile([{ ...one, table: 'orders' }])).toThrow('mapping 1: "orders" is not a table');
		expect(() => parseMappingFile([one, { ...one, columns: null }])).toThrow('mapping 2 (order_lines) has no columns');
	});
});
