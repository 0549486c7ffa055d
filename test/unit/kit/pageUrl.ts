// Test helper for code that reads the page URL and writes it with history.replaceState after a pause:
// each test starts at `url` with fake timers, and every spy is restored after it. Not a test itself.
import { afterEach, beforeEach, vi } from 'vitest';

export function atPageUrl(url: string): void {
  beforeEach(() => {
    vi.useFakeTimers();
    history.replaceState(null, '', url);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
