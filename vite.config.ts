import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['tests/global-setup.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 200_000,
		env: { TZ: 'UTC' }
	}
});
