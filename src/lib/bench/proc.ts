/** Process memory from /proc (Linux): peak resident set (VmHWM) and current (VmRSS), in kB. */
import { readFileSync } from 'node:fs';

export function parseStatus(text: string): { hwm_kb: number | null; rss_kb: number | null } {
	const kb = (name: string) => {
		const m = new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, 'm').exec(text);
		return m ? Number(m[1]) : null;
	};
	return { hwm_kb: kb('VmHWM'), rss_kb: kb('VmRSS') };
}

export function readMemory(pid: number): { hwm_kb: number | null; rss_kb: number | null } {
	try {
		return parseStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
	} catch {
		return { hwm_kb: null, rss_kb: null };
	}
}
