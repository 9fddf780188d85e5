/** Argument parsing for `npm run sample -- --out <folder> [--seed N] [--scale LINES]`. */
import { DEFAULT_SCALE, DEFAULT_SEED, MAX_SCALE, MIN_SCALE } from './params';
import { SAMPLE_SHAPES, type SampleShape } from './export-sql';

export const USAGE = `Usage: npm run sample -- --out <folder> [--seed N] [--scale LINES] [--shape recorded|shipments]
  --out    folder to write customers.csv, products.csv, order_lines.csv, inventory_snapshots.csv,
           contacts.csv, opportunities.csv and truth.json into (created if missing)
  --seed   integer seed (default ${DEFAULT_SEED}); the same seed and scale give byte-identical files
  --scale  approximate number of order lines, ${MIN_SCALE}..${MAX_SCALE} (default ${DEFAULT_SCALE}; 1e6 and 10_000_000 accepted)
  --shape  recorded (default): order lines with their backorder columns; shipments: order lines with a
           status and no backorder columns, plus shipments.csv (delivery lines), as an ERP exports them`;

export interface SampleArgs {
	out: string;
	seed: number;
	scale: number;
	quiet: boolean;
	shape: SampleShape;
}

export class ArgError extends Error {}

/** "300000", "300_000", "3e5" → 300000; anything else (or a fraction) → NaN */
function integer(s: string): number {
	const t = s.replace(/_/g, '');
	if (!/^\d+(\.\d+)?(e\d+)?$/i.test(t)) return NaN;
	const n = Number(t);
	return Number.isSafeInteger(n) ? n : NaN;
}

export function parseSampleArgs(argv: string[]): SampleArgs {
	const a: Partial<SampleArgs> = { seed: DEFAULT_SEED, scale: DEFAULT_SCALE, quiet: false, shape: 'recorded' };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => {
			const v = inline ?? argv[++i];
			if (v === undefined || v === '') throw new ArgError(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--out':
				a.out = value();
				break;
			case '--seed': {
				const v = value();
				const n = integer(v);
				if (!(n >= 0 && n <= 2 ** 31 - 1)) throw new ArgError(`--seed must be an integer between 0 and ${2 ** 31 - 1}, got "${v}"`);
				a.seed = n;
				break;
			}
			case '--scale': {
				const v = value();
				const n = integer(v);
				if (!(n >= MIN_SCALE && n <= MAX_SCALE))
					throw new ArgError(`--scale must be a whole number of order lines between ${MIN_SCALE} and ${MAX_SCALE}, got "${v}"`);
				a.scale = n;
				break;
			}
			case '--shape': {
				const v = value();
				if (!(SAMPLE_SHAPES as readonly string[]).includes(v)) throw new ArgError(`--shape must be one of ${SAMPLE_SHAPES.join(', ')}, got "${v}"`);
				a.shape = v as SampleShape;
				break;
			}
			case '--quiet':
				a.quiet = true;
				break;
			case '--help':
			case '-h':
				throw new ArgError('');
			default:
				throw new ArgError(`unknown argument "${arg}"`);
		}
	}
	if (!a.out) throw new ArgError('--out <folder> is required');
	return a as SampleArgs;
}
