// Plain data shapes that Astro pages hand to the teach islands (already translated, JSON-safe).
// No engine types here, so islands that only need these stay small.

/** A scenario as the link builder needs it: its title in the page's language and what may be locked. */
export interface LinkScenario {
  id: string;
  title: string;
  seed: string;
  lockable: { id: string; label: string }[];
}
