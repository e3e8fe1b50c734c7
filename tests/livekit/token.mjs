// Mints a participant token with the LiveKit server SDK (tests only; Switchboard's own tokens
// come from control.listen): node token.mjs KEY SECRET ROOM IDENTITY [--hidden] [--no-publish]
import { AccessToken } from 'livekit-server-sdk';
const [key, secret, room, identity, ...flags] = process.argv.slice(2);
const t = new AccessToken(key, secret, { identity, ttl: '1h' });
t.addGrant({ roomJoin: true, room, canSubscribe: true, canPublish: !flags.includes('--no-publish'), canPublishData: true, hidden: flags.includes('--hidden') });
process.stdout.write((await t.toJwt()) + '\n');
