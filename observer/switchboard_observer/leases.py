"""Per-room leases in Redis, so several observer processes split the rooms between them and a
dead observer's rooms go to another one once its leases expire (like the debouncer's partition
leases). The key is ``observer:lease:<room>``, its value the owner's instance id."""

from __future__ import annotations

import redis.asyncio as aioredis

KEY_PREFIX = "observer:lease:"

# renew / release only a lease we still hold: after a pause longer than the TTL another owner
# may hold it, and a blind PEXPIRE/DEL would steal or drop that owner's lease
_RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end"
_RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"


class RoomLeases:
    def __init__(self, client: aioredis.Redis, owner: str, ttl_ms: int) -> None:
        self._redis = client
        self.owner = owner
        self.ttl_ms = ttl_ms
        self._renew = client.register_script(_RENEW)
        self._release = client.register_script(_RELEASE)

    async def claim(self, room: str) -> bool:
        """True when this owner holds the room's lease now (newly taken or already ours)."""
        key = KEY_PREFIX + room
        if await self._redis.set(key, self.owner, nx=True, px=self.ttl_ms):
            return True
        return bool(await self._renew(keys=[key], args=[self.owner, self.ttl_ms]))

    async def renew(self, room: str) -> bool:
        return bool(await self._renew(keys=[KEY_PREFIX + room], args=[self.owner, self.ttl_ms]))

    async def release(self, room: str) -> None:
        await self._release(keys=[KEY_PREFIX + room], args=[self.owner])

    async def holder(self, room: str) -> str | None:
        v = await self._redis.get(KEY_PREFIX + room)
        return v.decode() if isinstance(v, bytes) else v
