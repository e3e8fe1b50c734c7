import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useServices } from '../app/context';
import type { AlertEntry, CallsState, RoomState } from '../live/LiveStore';
import type { ConnectionState } from '../transport/types';

export function useCalls(): CallsState {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, store.getCalls);
}

export function useAlerts(): readonly AlertEntry[] {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, store.getAlerts);
}

export function useConnection(): ConnectionState {
  const { transport } = useServices();
  const subscribe = useCallback((cb: () => void) => transport.onState(cb), [transport]);
  return useSyncExternalStore(subscribe, () => transport.state());
}

/** Follows a room while mounted (late join + live deltas) and returns its state. */
export function useRoom(room: string): RoomState | undefined {
  const { store } = useServices();
  useEffect(() => store.openRoom(room), [store, room]);
  const get = useCallback(() => store.getRoom(room), [store, room]);
  return useSyncExternalStore(store.subscribe, get);
}
