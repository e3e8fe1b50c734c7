import { useEffect, useRef, useState } from 'react';
import { keepSlots, type Slots } from './layoutOrder';

/** Slots (room per fill index) re-sorted at most every `intervalMs`. */
export function useLayoutOrder(sortedNow: readonly string[], intervalMs = 1500): Slots {
  const [epoch, setEpoch] = useState(0);
  const last = useRef<{ slots: Slots; at: number; epoch: number }>({ slots: [], at: 0, epoch: -1 });
  const now = Date.now();
  let slots: Slots;
  const due = now - last.current.at >= intervalMs;
  if (due || last.current.epoch !== epoch) {
    slots = sortedNow;
    last.current = { slots, at: now, epoch };
  } else {
    slots = keepSlots(last.current.slots, new Set(sortedNow), sortedNow);
    last.current = { ...last.current, slots };
  }
  const stale = slots.length !== sortedNow.length || slots.some((r, i) => r !== sortedNow[i]);
  useEffect(() => {
    if (!stale) return;
    const t = setTimeout(() => setEpoch((e) => e + 1), Math.max(50, intervalMs - (Date.now() - last.current.at)));
    return () => clearTimeout(t);
  }, [stale, epoch, intervalMs]);
  return slots;
}
