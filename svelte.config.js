import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Kit's origin check cannot exempt one route, and RFC 8058 one-click unsubscribes arrive with no
		// Origin: the same check runs in src/hooks.server.ts (csrfGuard) for everything else.
		csrf: { trustedOrigins: ['*'] },
		// Everything comes from this server; Kit adds nonces for its own inline start-up script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte and chart.js set style attributes at run time; scripts stay strict.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
