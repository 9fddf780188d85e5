/**
 * npm run sample -- --out <folder> [--seed N] [--scale LINES]
 * Writes the six canonical CSV files and truth.json (see src/lib/sample-truth.ts).
 */
import { ArgError, parseSampleArgs, USAGE } from '../src/lib/server/sample/cli-args';
import { generateSample } from '../src/lib/server/sample/generate';

async function main(): Promise<number> {
	let args;
	try {
		args = parseSampleArgs(process.argv.slice(2));
	} catch (e) {
		if (e instanceof ArgError) {
			if (e.message) console.error(`sample: ${e.message}`);
			console.error(USAGE);
			return e.message ? 2 : 0;
		}
		throw e;
	}
	const log = args.quiet ? undefined : (m: string) => console.log(`  ${m}`);
	if (!args.quiet) console.log(`Generating sample: seed ${args.seed}, ~${args.scale.toLocaleString('en-US')} order lines → ${args.out}`);
	const r = await generateSample({ outDir: args.out, seed: args.seed, scale: args.scale, shape: args.shape, log });
	const s = r.truth.sizes;
	const w = r.truth.observed.wallet;
	console.log(
		`Wrote ${s.order_lines.toLocaleString('en-US')} order lines, ${s.customers} customers, ${s.products} SKUs, ` +
			`${s.contacts.toLocaleString('en-US')} contacts, ${s.opportunities.toLocaleString('en-US')} opportunities, ` +
			`${s.inventory_snapshots.toLocaleString('en-US')} snapshots in ${r.seconds.toFixed(1)} s\n` +
			`Backorder rate ${(r.truth.observed.backorder_rate_first_quarter * 100).toFixed(1)} % (first quarter) → ` +
			`${(r.truth.observed.backorder_rate_last_year * 100).toFixed(1)} % (last year); inventory value ` +
			`−${r.truth.observed.lean.inventory_reduction_pct.toFixed(1)} %; ${w.treated_customers} isolated incidents in the default period`
	);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(`sample: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	}
);
