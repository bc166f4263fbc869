import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $scrapers: 'scrapers' },
		// Kit's origin check cannot exempt one route, and RFC 8058 one-click unsubscribes arrive with no
		// Origin: the same check runs in src/hooks.server.ts (csrfGuard) for everything else.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
