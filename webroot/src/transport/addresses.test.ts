/**
 * The dashboard's bus addresses against the contract: reads the Java source of
 * io.switchboard.contract.Addresses (the map of the bus) and fails when an address in
 * addresses.ts differs from it, has no Java twin, or when code elsewhere names an address itself.
 */
import { describe, expect, it } from 'vitest';
import addressesJava from '../../../modules/contract/src/main/java/io/switchboard/contract/Addresses.java?raw';
import { ADDR, CONTROL_ADDRESS } from './addresses';

/** `static final String NAME = "value";` constants of a Java source, public or private. */
function javaStringConstants(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/static\s+final\s+String\s+(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*;/g)) out.set(m[1] as string, m[2] as string);
  return out;
}

/**
 * `static String name(String room) { return A + RoomNames.require(room) + ".x"; }` methods of a Java
 * source, as functions of the room: string literals, constants and the room, joined by `+`.
 */
function javaRoomAddressMethods(source: string): Map<string, (room: string) => string> {
  const constants = javaStringConstants(source);
  const out = new Map<string, (room: string) => string>();
  for (const m of source.matchAll(/static\s+String\s+(\w+)\s*\(\s*String\s+room\s*\)\s*\{\s*return\s+([^;]+);\s*\}/g)) {
    const parts = (m[2] as string).split('+').map((p) => p.trim());
    out.set(m[1] as string, (room) =>
      parts
        .map((p) => {
          if (/^"[^"]*"$/.test(p)) return p.slice(1, -1);
          if (p === 'room' || /^RoomNames\.require\(\s*room\s*\)$/.test(p)) return room;
          const c = constants.get(p);
          if (c === undefined) throw new Error(`Addresses.${m[1]}: cannot evaluate '${p}'`);
          return c;
        })
        .join(''),
    );
  }
  return out;
}

const JAVA = javaStringConstants(addressesJava);
const JAVA_ROOM = javaRoomAddressMethods(addressesJava);

/** Each fixed dashboard address and the Addresses constant it must equal. */
const FIXED: Record<string, string> = {
  callsActive: 'CALLS_ACTIVE',
  callsSnapshot: 'CALLS_SNAPSHOT',
  callHistory: 'CALL_HISTORY',
  alerts: 'ALERTS',
  analyticsQuery: 'ANALYTICS_QUERY',
  archiveSearch: 'ARCHIVE_SEARCH',
  archiveCall: 'ARCHIVE_CALL',
};
/** Each per-room dashboard address and the Addresses method it must equal. */
const PER_ROOM: Record<string, string> = { room: 'call', roomDebug: 'callDebug' };

describe('dashboard bus addresses = io.switchboard.contract.Addresses', () => {
  it('parses the Java source (guards the parser: an empty parse would prove nothing)', () => {
    expect(JAVA.get('CALLS_ACTIVE')).toBe('calls.active');
    expect(JAVA.size).toBeGreaterThan(15);
    expect([...JAVA_ROOM.keys()]).toEqual(expect.arrayContaining(['call', 'callDebug', 'agentControl']));
  });

  it('every fixed address equals its Java constant', () => {
    for (const [key, javaName] of Object.entries(FIXED)) {
      expect(JAVA.has(javaName), `Addresses.${javaName} exists`).toBe(true);
      expect(ADDR[key as keyof typeof ADDR], `ADDR.${key} = Addresses.${javaName}`).toBe(JAVA.get(javaName));
    }
  });

  it('every per-room address equals its Java method for any room', () => {
    for (const [key, method] of Object.entries(PER_ROOM)) {
      const java = JAVA_ROOM.get(method);
      expect(java, `Addresses.${method}(room) exists`).toBeDefined();
      const dash = ADDR[key as keyof typeof ADDR] as (room: string) => string;
      for (const room of ['call-1', 'r', 'support_42']) expect(dash(room), `ADDR.${key}('${room}')`).toBe(java!(room));
    }
  });

  it('the control actions are exactly the Addresses.CONTROL_* actions, with their values', () => {
    const javaControl = [...JAVA.entries()].filter(([name]) => name.startsWith('CONTROL_') && name !== 'CONTROL_PREFIX');
    expect(Object.keys(CONTROL_ADDRESS).map((a) => `CONTROL_${a.toUpperCase()}`).sort()).toEqual(javaControl.map(([name]) => name).sort());
    for (const [action, address] of Object.entries(CONTROL_ADDRESS)) {
      expect(address, `CONTROL_ADDRESS.${action}`).toBe(JAVA.get(`CONTROL_${action.toUpperCase()}`));
      expect(address.startsWith(JAVA.get('CONTROL_PREFIX') as string)).toBe(true);
    }
  });

  it('every entry of ADDR is checked above (a new address needs its Java twin named here)', () => {
    const checked = new Set([...Object.keys(FIXED), ...Object.keys(PER_ROOM), 'control']);
    expect(Object.keys(ADDR).filter((k) => !checked.has(k))).toEqual([]);
  });

  it('no code outside addresses.ts spells a bus address itself', () => {
    const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../test/**', '!./addresses.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    const fixed = [...new Set([...JAVA.values()].filter((v) => /^[a-z]+\.[a-z.-]+$|^alerts$/.test(v)))];
    const offenders: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const v of fixed) if ([`'${v}'`, `"${v}"`, `\`${v}\``].some((q) => code.includes(q))) offenders.push(`${file}: ${v}`);
      for (const m of code.matchAll(/`(call|calls|control|agent|health|observer|audit)\.\$\{/g)) offenders.push(`${file}: \`${m[1]}.\${…}\``);
    }
    expect(offenders).toEqual([]);
  });
});
