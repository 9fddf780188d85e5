/**
 * The customer pages' own URL parameters (besides the shared filters): list pages, the at-risk sort,
 * and the voice-of-the-customer filters. Everything is checked against a whitelist or a bound, so a
 * hand-edited URL falls back to the default rather than failing. Pure.
 */
import { parseRiskSort, type RiskSort } from './risk';

export const DEALS_PAGE_SIZE = 25;
export const RISK_PAGE_SIZE = 25;
export const VOICE_PAGE_SIZE = 8;
export const VOICE_TEAMS = ['service', 'sales', 'deals'] as const;
export const VOICE_CHANNELS = ['phone', 'email', 'chat', 'portal', 'visit', 'other'] as const;
export const MAX_SEARCH = 100;
const MAX_PAGE = 100_000;

export type VoiceTeam = (typeof VOICE_TEAMS)[number];
export type VoiceChannel = (typeof VOICE_CHANNELS)[number];

export interface CustomerParams {
	dealsPage: number;
	riskPage: number;
	riskSort: RiskSort;
	voicePage: number;
	team: VoiceTeam | null;
	channel: VoiceChannel | null;
	q: string | null;
}

/** A 1-based page number; anything else is page 1. */
export function pageParam(v: string | null): number {
	if (!v || !/^\d{1,6}$/.test(v)) return 1;
	const n = Number(v);
	return n >= 1 && n <= MAX_PAGE ? n : 1;
}

function oneOf<T extends string>(list: readonly T[], v: string | null): T | null {
	return v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;
}

export function readCustomerParams(p: URLSearchParams): CustomerParams {
	const q = (p.get('vq') ?? '').trim().slice(0, MAX_SEARCH);
	return {
		dealsPage: pageParam(p.get('dp')),
		riskPage: pageParam(p.get('rp')),
		riskSort: parseRiskSort(p.get('rsort')),
		voicePage: pageParam(p.get('vp')),
		team: oneOf(VOICE_TEAMS, p.get('vteam')),
		channel: oneOf(VOICE_CHANNELS, p.get('vchannel')),
		q: q || null
	};
}

/** Pages of a list of `total` rows; always at least 1. */
export function pageCount(total: number, size: number): number {
	return Math.max(1, Math.ceil(total / size));
}

/** The URL search of `current` with `changes` applied (null deletes); a page of 1 is the default and dropped. */
export function withParams(current: URLSearchParams | string, changes: Record<string, string | number | null>): string {
	const out = new URLSearchParams(current);
	for (const [k, v] of Object.entries(changes)) {
		if (v === null || v === '' || (/p$/.test(k) && Number(v) === 1)) out.delete(k);
		else out.set(k, String(v));
	}
	const s = out.toString();
	return s ? `?${s}` : '';
}
