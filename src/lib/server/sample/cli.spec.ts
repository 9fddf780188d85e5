import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TABLE_NAMES } from '../../schema';
import { ArgError, parseSampleArgs } from './cli-args';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const run = (args: string[]) =>
	spawnSync('npx', ['tsx', 'scripts/sample.ts', ...args], { cwd: process.cwd(), encoding: 'utf8', timeout: 120_000 });

describe('sample CLI', () => {
	it('writes the files and truth.json', () => {
		const out = mkdtempSync(path.join(os.tmpdir(), 'sample-cli-'));
		dirs.push(out);
		const r = run(['--out', out, '--seed', '7', '--scale', '20000']);
		expect(r.status, r.stderr).toBe(0);
		for (const t of TABLE_NAMES) expect(existsSync(path.join(out, `${t}.csv`)), t).toBe(t !== 'shipments');
		const truth = JSON.parse(readFileSync(path.join(out, 'truth.json'), 'utf8'));
		expect(truth.generator).toMatchObject({ seed: 7, scale: 20000 });
		expect(r.stdout).toMatch(/order lines/);
	});

	it('--shape shipments writes order lines as an ERP exports them, and their delivery lines', () => {
		const out = mkdtempSync(path.join(os.tmpdir(), 'sample-cli-'));
		dirs.push(out);
		const r = run(['--out', out, '--seed', '7', '--scale', '20000', '--shape', 'shipments', '--quiet']);
		expect(r.status, r.stderr).toBe(0);
		for (const t of TABLE_NAMES) expect(existsSync(path.join(out, `${t}.csv`)), t).toBe(true);
		expect(readFileSync(path.join(out, 'order_lines.csv'), 'utf8').split('\n')[0]).toBe('order_id,line_no,customer_id,sku,order_date,promised_date,qty,unit_price,line_status');
		expect(readFileSync(path.join(out, 'shipments.csv'), 'utf8').split('\n')[0]).toBe('order_id,line_no,ship_date,qty_shipped,shipment_id');
		expect(run(['--out', out, '--shape', 'csv']).stderr).toMatch(/--shape must be one of recorded, shipments/);
	});

	it('refuses bad arguments with a message and a non-zero exit', () => {
		const r = run(['--scale', 'abc', '--out', path.join(os.tmpdir(), 'never-written')]);
		expect(r.status).not.toBe(0);
		expect(r.stderr).toMatch(/--scale must be a whole number/);
		expect(r.stderr).toMatch(/Usage: npm run sample/);
		expect(existsSync(path.join(os.tmpdir(), 'never-written'))).toBe(false);
		const r2 = run([]);
		expect(r2.status).not.toBe(0);
		expect(r2.stderr).toMatch(/--out <folder> is required/);
	});
});

describe('parseSampleArgs', () => {
	it('parses flags, = forms and readable numbers', () => {
		expect(parseSampleArgs(['--out', 'x'])).toMatchObject({ out: 'x', seed: 42, scale: 300_000 });
		expect(parseSampleArgs(['--out=x', '--seed=3', '--scale=10_000_000'])).toMatchObject({ out: 'x', seed: 3, scale: 10_000_000 });
		expect(parseSampleArgs(['--out', 'x', '--scale', '1e6'])).toMatchObject({ scale: 1_000_000 });
	});
	it('rejects bad values', () => {
		for (const a of [['--out', 'x', '--scale', '-5'], ['--out', 'x', '--scale', '12.5'], ['--out', 'x', '--scale', '100'],
			['--out', 'x', '--seed', 'abc'], ['--out'], ['--out', 'x', '--bogus'], ['--out', 'x', '--scale', '1e9']])
			expect(() => parseSampleArgs(a), a.join(' ')).toThrow(ArgError);
	});
});
