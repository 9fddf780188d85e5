/**
 * The colour theme, shared by the layout toggle and every chart. The initial value is applied in
 * app.html before first paint; this module keeps it in sync afterwards.
 */
export type Theme = 'light' | 'dark';

class ThemeState {
	current = $state<Theme>('light');

	init() {
		if (typeof document === 'undefined') return;
		const t = document.documentElement.dataset.theme;
		this.current = t === 'dark' ? 'dark' : 'light';
	}

	set(t: Theme, persist = true) {
		this.current = t;
		if (typeof document !== 'undefined') document.documentElement.dataset.theme = t;
		if (persist) {
			try {
				localStorage.setItem('ledger-theme', t);
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
