// Caps on the size of one run, one constant each, shared by the engine, the scenario schema and the
// command line, so that a horizon or a customer count refused in one place is refused in all of them.
// Constants only: no arithmetic of the model here.

/** The longest horizon in quarters (100 years), for --quarters and a scenario's rounds × quarters per round. */
export const MAX_QUARTERS = 400;

/** The most rounds of a scenario, and so of decisions in a student's result file. */
export const MAX_ROUNDS = 100;

/**
 * The most customers one run holds. Each customer costs 41 bytes of typed arrays and the engine keeps
 * up to twice that as room to grow, so 4 million customers stay under about 330 MB; the default market
 * at --scale 100 starts with 1 million. A run that would pass it is refused instead of failing on
 * "Array buffer allocation failed".
 */
export const MAX_CUSTOMERS = 4_000_000;
