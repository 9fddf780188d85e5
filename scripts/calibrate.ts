/**
 * npm run calibrate -- [--seeds 20] [--customers 1500] [--first-seed 1] [--design NAME] [--world NAME] [--json] [--save FILE]
 * Measures the share-of-wallet estimator designs against planted declines (src/lib/server/calibrate/harness.ts).
 */
import { writeFileSync } from 'node:fs';
import { calibrate, DESIGNS, formatTable, summarise, WORLDS } from '../src/lib/server/calibrate/harness';

const USAGE = `usage: npm run calibrate -- [--seeds N] [--customers N] [--first-seed N] [--design TEXT] [--world TEXT] [--json] [--save FILE]
  --design / --world keep the designs / worlds whose name contains TEXT (designs: ${DESIGNS.map((d) => `"${d.name}"`).join(', ')}; worlds: ${WORLDS.map((w) => `"${w.name}"`).join(', ')})`;

function parse(argv: string[]) {
	const o = { seeds: 20, customers: 1500, firstSeed: 1, design: '', world: '', json: false, save: '' };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		const int = (min: number) => {
			const v = Number(next());
			if (!Number.isSafeInteger(v) || v < min) throw new Error(`${a} must be an integer ≥ ${min}`);
			return v;
		};
		if (a === '--seeds') o.seeds = int(1);
		else if (a === '--customers') o.customers = int(150);
		else if (a === '--first-seed') o.firstSeed = int(0);
		else if (a === '--design') o.design = next();
		else if (a === '--world') o.world = next();
		else if (a === '--json') o.json = true;
		else if (a === '--save') o.save = next();
		else if (a === '--help' || a === '-h') throw new Error('');
		else throw new Error(`unknown option ${a}`);
	}
	return o;
}

async function main(): Promise<number> {
	let o;
	try {
		o = parse(process.argv.slice(2));
	} catch (e) {
		if ((e as Error).message) console.error(`calibrate: ${(e as Error).message}`);
		console.error(USAGE);
		return (e as Error).message ? 2 : 0;
	}
	const designs = DESIGNS.filter((d) => d.name.includes(o.design));
	const worlds = WORLDS.filter((w) => w.name.includes(o.world));
	if (!designs.length || !worlds.length) {
		console.error(`calibrate: no design or world matches\n${USAGE}`);
		return 2;
	}
	const started = new Date().toISOString();
	const t = performance.now();
	const runs = await calibrate({ seeds: o.seeds, firstSeed: o.firstSeed, customers: o.customers, designs, worlds, log: o.json ? undefined : (m) => console.error(m) });
	const summary = summarise(runs);
	const report = {
		run: { started, seconds: Math.round((performance.now() - t) / 1000), seeds: o.seeds, first_seed: o.firstSeed, customers: o.customers, worlds: worlds.map((w) => w.name) },
		summary,
		runs
	};
	if (o.save) writeFileSync(o.save, JSON.stringify({ run: report.run, summary }, null, 2) + '\n');
	if (o.json) console.log(JSON.stringify(report, null, 2));
	else console.log(`\n${o.seeds} seeds × ${worlds.length} worlds, ~${o.customers} customers, two years, default period\n\n${formatTable(summary)}`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(`calibrate: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	}
);
