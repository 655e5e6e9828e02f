/** Bokmål strings of the plan screens, spread into nb.ts (kept apart so parallel work does not collide). */
export const planNb = {
} as const
