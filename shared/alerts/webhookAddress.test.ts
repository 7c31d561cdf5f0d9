import { describe, expect, it } from 'vitest';
import { classifyAddress, refusedDestination } from './webhookAddress';

describe('where a webhook may be sent', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.0.9', 'loopback'], ['::1', 'loopback'], ['[::1]', 'loopback'], ['0:0:0:0:0:0:0:1', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.10', 'private'],
    ['169.254.10.1', 'link-local'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'], ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'],
    ['100.64.0.1', 'shared'],
    ['169.254.169.254', 'metadata'], ['fd00:ec2::254', 'metadata'], ['100.100.100.200', 'metadata'],
    ['0.0.0.0', 'unspecified'], ['::', 'unspecified'], ['224.0.0.1', 'multicast'], ['ff02::1', 'multicast'], ['255.255.255.255', 'reserved'],
    // IPv4 inside IPv6 reaches the IPv4 address.
    ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['[::ffff:169.254.169.254]', 'metadata'], ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'metadata'], ['2002:c0a8:0101::1', 'private'], ['::127.0.0.1', 'loopback'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each(['8.8.8.8', '203.0.113.9', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2001:db8::1'])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it.each(['example.com', 'hooks.internal.corp', '1.2.3', '01.2.3.4', '1:2:3:4:5:6:7:8:9', 'fe80:::1'])('%s is not an address', (host) => {
    expect(classifyAddress(host)).toBe('not-ip');
  });

  it('refuses loopback, private and metadata destinations by default and says why', () => {
    expect(refusedDestination('127.0.0.1', false)).toMatch(/127\.0\.0\.1 is a loopback address.*WEBHOOK_ALLOW_PRIVATE=on/);
    expect(refusedDestination('localhost', false)).toMatch(/loopback/);
    expect(refusedDestination('api.localhost.', false)).toMatch(/loopback/);
    expect(refusedDestination('METADATA.google.internal', false)).toMatch(/instance-metadata/);
    expect(refusedDestination('[fd00:ec2::254]', false)).toBe('fd00:ec2::254 is a cloud instance-metadata address, which webhooks may not reach');
    expect(refusedDestination('hooks.example.com', false)).toBeNull();
    expect(refusedDestination('8.8.8.8', false)).toBeNull();
  });

  it('lets private receivers through when allowed, but never metadata services or multicast', () => {
    for (const host of ['127.0.0.1', 'localhost', '10.0.0.5', 'fd12::1', 'fe80::1', '::ffff:192.168.0.2']) expect(refusedDestination(host, true)).toBeNull();
    for (const host of ['169.254.169.254', 'metadata.google.internal', 'fd00:ec2::254', '224.0.0.1', '0.0.0.0']) expect(refusedDestination(host, true)).not.toBeNull();
  });
});
