/**
 * The colour theme, shared by the layout toggle and every chart. app.html applies the saved or system
 * theme before first paint; this state starts from what it applied, so any page — with or without the
 * layout's toggle, such as present mode — draws its charts in the right theme.
 */
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'ledger-theme';

function applied(): Theme {
	return typeof document !== 'undefined' && document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function saved(): Theme | null {
	try {
		const t = localStorage.getItem(STORAGE_KEY);
		return t === 'light' || t === 'dark' ? t : null;
	} catch {
		return null;
	}
}

class ThemeState {
	current = $state<Theme>(applied());

	constructor() {
		if (typeof window === 'undefined') return;
		// Until the user picks a theme, follow the system as it changes (e.g. at dusk).
		matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => {
			if (!saved()) this.set(e.matches ? 'dark' : 'light', false);
		});
	}

	/** Re-reads what app.html applied (kept for callers that mount before hydration finishes). */
	init() {
		this.current = applied();
	}

	set(t: Theme, persist = true) {
		this.current = t;
		if (typeof document !== 'undefined') document.documentElement.dataset.theme = t;
		if (persist) {
			try {
				localStorage.setItem(STORAGE_KEY, t);
			} catch {
				/* private mode: the toggle still works for this page view */
			}
		}
	}

	toggle() {
		this.set(this.current === 'dark' ? 'light' : 'dark');
	}
}

export const theme = new ThemeState();
