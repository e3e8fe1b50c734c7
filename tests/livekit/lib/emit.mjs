// One JSON line per event on stdout: the test process reads them (tests/livekit/README.md).
export function emit(ev, fields = {}) {
  process.stdout.write(JSON.stringify({ ev, t: Date.now(), ...fields }) + '\n');
}
