import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Webhook targets must not reach this machine or its private network (SSRF): every address a host
// name resolves to is checked, at subscribe time and again on each connection (the `lookup` below
// pins the checked address, so a DNS answer that changes in between cannot slip through).

const blocked = new BlockList();
for (const [net, bits] of [
	['0.0.0.0', 8], // "this" network
	['10.0.0.0', 8],
	['100.64.0.0', 10], // carrier-grade NAT
	['127.0.0.0', 8], // loopback
	['169.254.0.0', 16], // link-local (cloud metadata lives here)
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, broadcast
] as const)
	blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
	['::', 128],
	['::1', 128],
	['fc00::', 7], // unique local
	['fe80::', 10], // link-local
	['ff00::', 8], // multicast
	['2001:db8::', 32], // documentation
	['64:ff9b::', 96] // NAT64 of (possibly private) IPv4
] as const)
	blocked.addSubnet(net, bits, 'ipv6');

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function unmapped(address: string): { address: string; family: 4 | 6 } {
	const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (m) return { address: m[1], family: 4 };
	const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
	if (hex) {
		const a = parseInt(hex[1], 16);
		const b = parseInt(hex[2], 16);
		return { address: `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`, family: 4 };
	}
	return { address, family: isIP(address) === 4 ? 4 : 6 };
}

export function isPrivateAddress(address: string): boolean {
	const a = unmapped(address);
	return blocked.check(a.address, a.family === 4 ? 'ipv4' : 'ipv6');
}

export type TargetCheck = { ok: true; addresses: string[] } | { ok: false; reason: string };

function resolveAll(hostname: string): Promise<LookupAddress[]> {
	return new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))));
}

/** Resolves the URL's host and refuses loopback, private, link-local and other non-public addresses unless allowed. */
export async function checkWebhookTarget(url: string, allowPrivate: boolean): Promise<TargetCheck> {
	const u = new URL(url);
	if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'only http:// and https:// webhook URLs are accepted' };
	const host = u.hostname.replace(/^\[|\]$/g, '');
	let addresses: string[];
	try {
		addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
	} catch (e) {
		return { ok: false, reason: `the webhook host ${JSON.stringify(host)} does not resolve (${(e as NodeJS.ErrnoException).code ?? 'DNS error'})` };
	}
	if (addresses.length === 0) return { ok: false, reason: `the webhook host ${JSON.stringify(host)} does not resolve` };
	if (!allowPrivate) {
		const bad = addresses.find(isPrivateAddress);
		if (bad) return { ok: false, reason: `the webhook host resolves to ${bad}, a loopback, private or reserved address; webhooks must reach a public address` };
	}
	return { ok: true, addresses };
}

/** A `lookup` for http(s).request that only ever connects to an allowed address. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
	return (hostname, options, callback) => {
		dnsLookup(hostname, { ...options, all: true }, (err, addrs) => {
			const list = addrs as unknown as LookupAddress[] | undefined;
			if (err || !list?.length) return (callback as (e: Error | null, a: string, f: number) => void)(err ?? new Error(`${hostname} does not resolve`), '', 0);
			const ok = allowPrivate ? list : list.filter((a) => !isPrivateAddress(a.address));
			if (ok.length === 0) {
				const e = Object.assign(new Error(`refused: ${hostname} resolves to a private or reserved address`), { code: 'EPRIVATEADDRESS' });
				return (callback as (e: Error | null, a: string, f: number) => void)(e, '', 0);
			}
			if ((options as { all?: boolean }).all) return (callback as (e: Error | null, a: LookupAddress[]) => void)(null, ok);
			(callback as (e: Error | null, a: string, f: number) => void)(null, ok[0].address, ok[0].family);
		});
	};
}
