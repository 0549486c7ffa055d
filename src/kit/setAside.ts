// Keeps a stored value that could not be read exactly as it was found, in the first free slot of a few (or the slot
// that already holds it), before anything overwrites it. Any store of learner data in localStorage can use it;
// it never throws and writes nothing else.

/**
 * Copies `raw` into the first free slot `slotKey(0…slots−1)`, unless a slot already holds the same text.
 * Returns false when every slot holds something else or storage refuses: then nothing may be overwritten.
 */
export function setAside(storage: Storage, raw: string, slotKey: (slot: number) => string, slots: number): boolean {
  try {
    for (let slot = 0; slot < slots; slot++) {
      const held = storage.getItem(slotKey(slot));
      if (held === raw) return true;
      if (held === null) {
        storage.setItem(slotKey(slot), raw);
        return true;
      }
    }
  } catch {
    // Storage went away or is full: the value cannot be kept, so it must not be overwritten either.
  }
  return false;
}
