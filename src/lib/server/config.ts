import { z } from 'zod';

const schema = z.object({
	RANKDRIFT_STALE_DAYS: z.coerce.number().int().positive().default(45)
});

export type Config = z.infer<typeof schema>;

let cached: Config | null = null;

/** Settings from the environment, validated once; every problem is listed in one error. */
export function config(env: NodeJS.ProcessEnv = process.env): Config {
	if (cached && env === process.env) return cached;
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`invalid configuration: ${problems}`);
	}
	if (env === process.env) cached = parsed.data;
	return parsed.data;
}
