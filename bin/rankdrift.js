#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the command always matches the source it ships with — except
// `serve`, which runs the built server in plain Node: a long-running process should not carry a compiler.
const [command, ...rest] = process.argv.slice(2);
if (command === 'serve' && !rest.includes('--help') && !rest.includes('-h')) {
	const { serve } = await import('./serve.js');
	await serve(rest);
} else {
	const { register } = await import('tsx/esm/api');
	register();
	await import('../src/cli/run.ts');
}
