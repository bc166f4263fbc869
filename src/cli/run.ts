import { runCli } from './main';

// A closed pipe (`rankdrift board … | head`) is the reader saying it has enough, not an error.
for (const stream of [process.stdout, process.stderr])
	stream.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
		throw e;
	});

const code = await runCli(process.argv.slice(2), {
	stdout: process.stdout,
	stderr: process.stderr,
	env: process.env,
	now: () => new Date()
});
process.exitCode = code;
