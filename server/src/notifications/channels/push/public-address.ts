import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Push endpoints come from browsers, so from anyone: the server must not be made to send
 * requests into its own network (SSRF). A push service is on the public internet, so only
 * public unicast addresses are allowed: not loopback, private, link-local, carrier-grade NAT,
 * unique-local, IPv4 inside IPv6 (mapped or compatible) or reserved ranges.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() !== 'unicast') return false;
  // Global unicast IPv6 is 2000::/3; the rest of "unicast" to ipaddr.js is not the internet.
  return ip.kind() === 'ipv4' || ((ip as ipaddr.IPv6).parts[0]! & 0xe000) === 0x2000;
}

/**
 * Whether an endpoint's host is plainly not public: an address that is not, or a name of the
 * local machine or network. A name may still resolve to a private address; `publicOnlyAgent`
 * refuses those when the request is made.
 */
export function isPrivateHost(hostname: string): boolean {
  // A trailing dot names the same host ("localhost." is localhost).
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase();
  if (ipaddr.isValid(host)) return !isPublicAddress(host);
  return (
    host === '' ||
    host === 'localhost' ||
    !host.includes('.') ||
    /\.(localhost|local|internal|home\.arpa|lan)$/.test(host)
  );
}

/** dns.lookup that answers only with public addresses (see isPublicAddress), or fails. */
const publicLookup = ((
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, options.all ? [] : '');
    const allowed = addresses.filter((a) => isPublicAddress(a.address));
    if (allowed.length === 0) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} has no public address`);
      refused.code = 'ENOTFOUND';
      return callback(refused, options.all ? [] : '');
    }
    if (options.all) return callback(null, allowed);
    return callback(null, allowed[0]!.address, allowed[0]!.family);
  });
}) as LookupFunction;

/**
 * The agent push requests go out on: connections only to public addresses, checked on the
 * address actually connected to (a name that resolves to 127.0.0.1, or changes its answer
 * after the endpoint was accepted, is refused), with keep-alive to the few push services.
 */
export const publicOnlyAgent = () => new Agent({ lookup: publicLookup, keepAlive: true });
