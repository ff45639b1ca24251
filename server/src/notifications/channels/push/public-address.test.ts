import { describe, expect, it } from 'vitest';
import { isPrivateHost, isPublicAddress, publicOnlyAgent } from './public-address.js';

describe('push endpoints: public addresses only', () => {
  it('tells public unicast addresses from the rest', () => {
    for (const ok of ['8.8.8.8', '142.250.74.110', '2a00:1450:4001:82a::200a', '2001:4860:4860::8888'])
      expect(isPublicAddress(ok), ok).toBe(true);
    for (const no of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::127.0.0.1',
      '64:ff9b::7f00:1',
      'not an address',
    ])
      expect(isPublicAddress(no), no).toBe(false);
  });

  it('refuses hosts that name the local machine or network, however they are spelled', () => {
    for (const host of [
      'localhost',
      'localhost.',
      'LOCALHOST..',
      'push.localhost',
      'printer.local',
      'svc.internal',
      'router.home.arpa',
      'intranet',
      '127.0.0.1',
      '[::1]',
      '[::127.0.0.1]',
      '[::ffff:7f00:1]',
      '0x7f.1',
    ])
      expect(isPrivateHost(host), host).toBe(true);
    for (const host of [
      'fcm.googleapis.com',
      'updates.push.services.mozilla.com.',
      'web.push.apple.com',
      '8.8.8.8',
    ])
      expect(isPrivateHost(host), host).toBe(false);
  });

  it('will not connect to a name that resolves to a private address', async () => {
    const agent = publicOnlyAgent();
    try {
      const { request } = await import('node:https');
      const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
        const req = request('https://localhost:9/', { agent, timeout: 5000 }, () =>
          reject(new Error('connected')),
        );
        req.on('error', resolve);
        req.end();
      });
      expect(error.code).toBe('ENOTFOUND');
      expect(error.message).toContain('no public address');
    } finally {
      agent.destroy();
    }
  });
});
