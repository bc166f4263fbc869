import type { Writable } from 'node:stream';

export interface CliIo {
	stdout: Writable & { isTTY?: boolean };
	stderr: Writable & { isTTY?: boolean };
	env: NodeJS.ProcessEnv;
	now: () => Date;
}

export interface Command {
	name: string;
	/** Full --help text (the one-line summary is in the command list, src/cli/main.ts). */
	help: string;
	/** Returns the exit code. */
	run(argv: string[], io: CliIo): Promise<number>;
}
