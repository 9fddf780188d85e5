import { defineConfig } from '@playwright/test';

// Browsers cannot be downloaded here: use the system Chromium (Debian's by default).
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PORT = Number(process.env.E2E_PORT || 4317);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	outputDir: 'test-results',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 1440, height: 900 },
		timezoneId: 'UTC',
		locale: 'en-US',
		launchOptions: {
			executablePath,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		// builds nothing: `npm run test:e2e` builds first; this loads a fresh sample into a temp database
		command: `npx tsx tests/e2e/serve.ts`,
		url: `http://127.0.0.1:${PORT}/api/health`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		env: { E2E_PORT: String(PORT) }
	}
});
