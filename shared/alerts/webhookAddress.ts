/**
 * Where a webhook may be sent. A target an admin saves is fetched by the server from inside the
 * network, so an address that reaches the server itself, the private network behind it or a cloud's
 * instance metadata would let a saved URL read or poke what the outside cannot (SSRF). Those are
 * refused unless the installation says its receivers live on the private network
 * (WEBHOOK_ALLOW_PRIVATE=on); metadata services, multicast and unusable addresses are refused always.
 */

export type AddressClass = 'loopback' | 'link-local' | 'private' | 'unique-local' | 'shared' | 'metadata' | 'unspecified' | 'multicast' | 'reserved';

/** The classes WEBHOOK_ALLOW_PRIVATE lets through: where an on-premises receiver may live. */
const PRIVATE_CLASSES: ReadonlySet<AddressClass> = new Set(['loopback', 'link-local', 'private', 'unique-local', 'shared']);

const CLASS_WORDS: Record<AddressClass, string> = {
  loopback: 'a loopback address',
  'link-local': 'a link-local address',
  private: 'a private-network address',
  'unique-local': 'a unique-local IPv6 address',
  shared: 'a carrier-grade NAT (shared) address',
  metadata: 'a cloud instance-metadata address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
};

/** Names that reach the machine itself or a cloud's metadata service whatever DNS says. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal', 'metadata.azure.internal']);
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192']);
const METADATA_V6 = new Set(['fd00:ec2:0:0:0:0:0:254']);

function parseV4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^(0|[1-9]\d{0,2})$/.test(part) ? Number(part) : NaN));
  return bytes.every((byte) => byte >= 0 && byte <= 255) ? bytes : null;
}

/** Eight 16-bit groups, or null when `text` is not an IPv6 address (a zone id is dropped). */
function parseV6(text: string): number[] | null {
  let body = text.replace(/%.*$/, '').toLowerCase();
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    // A dotted IPv4 tail (::ffff:127.0.0.1) is the last two groups written another way.
    const v4 = parseV4(body.slice(lastColon + 1));
    if (!v4) return null;
    body = `${body.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  const explicit = head.length + rest.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  return [...head, ...Array<string>(8 - explicit).fill('0'), ...rest].map((group) => parseInt(group, 16));
}

function classifyV4([a, b, c, d]: number[]): AddressClass | null {
  if (METADATA_V4.has(`${a}.${b}.${c}.${d}`)) return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b! >= 64 && b! <= 127) return 'shared';
  if (a === 192 && b === 0 && c === 0) return 'reserved';
  if (a === 198 && (b === 18 || b === 19)) return 'reserved';
  if (a! >= 224 && a! <= 239) return 'multicast';
  if (a! >= 240) return 'reserved';
  return null;
}

function classifyV6(groups: number[]): AddressClass | null {
  const text = groups.map((g) => g.toString(16)).join(':');
  if (METADATA_V6.has(text)) return 'metadata';
  const v4Tail = [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff];
  const leadingZeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address inside.
  if (leadingZeros(5) && groups[5] === 0xffff) return classifyV4(v4Tail);
  if (leadingZeros(6)) {
    if (groups[6] === 0 && groups[7] === 0) return 'unspecified';
    if (groups[6] === 0 && groups[7] === 1) return 'loopback';
    return classifyV4(v4Tail);
  }
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return classifyV4(v4Tail);
  // 6to4 (2002:a.b.c.d::/48) tunnels to the IPv4 address in its second and third groups.
  if (groups[0] === 0x2002) return classifyV4([groups[1]! >> 8, groups[1]! & 0xff, groups[2]! >> 8, groups[2]! & 0xff]);
  if ((groups[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((groups[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  if ((groups[0]! & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/** The class of an IP address a webhook must not reach, null for a public one, or 'not-ip' for a host name. */
export function classifyAddress(address: string): AddressClass | null | 'not-ip' {
  const unbracketed = address.replace(/^\[(.*)\]$/, '$1');
  const v4 = parseV4(unbracketed);
  if (v4) return classifyV4(v4);
  const v6 = unbracketed.includes(':') ? parseV6(unbracketed) : null;
  if (v6) return classifyV6(v6);
  return 'not-ip';
}

/** The class a host name reaches by name alone: localhost, or a cloud's metadata service. */
function classifyName(host: string): AddressClass | null {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback';
  return METADATA_NAMES.has(name) ? 'metadata' : null;
}

/** Why a webhook may not go to `host` (a name or an address), or null when it may. */
export function refusedDestination(host: string, allowPrivate: boolean): string | null {
  const byAddress = classifyAddress(host);
  const found = byAddress === 'not-ip' ? classifyName(host) : byAddress;
  if (found === null || (allowPrivate && PRIVATE_CLASSES.has(found))) return null;
  const shown = host.replace(/^\[(.*)\]$/, '$1');
  const hint = PRIVATE_CLASSES.has(found) ? '; set WEBHOOK_ALLOW_PRIVATE=on for a receiver on the private network' : '';
  return `${shown} is ${CLASS_WORDS[found]}, which webhooks may not reach${hint}`;
}
