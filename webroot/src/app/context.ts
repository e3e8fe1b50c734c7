import { createContext, useContext } from 'react';
import type { LiveStore } from '../live/LiveStore';
import type { Transport } from '../transport/types';
import type { Session } from '../transport/auth';

export interface AppServices {
  session: Session;
  transport: Transport;
  store: LiveStore;
  logout: () => void;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesContext');
  return s;
}
