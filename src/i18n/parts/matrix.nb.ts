/** Bokmål strings of the matrix screens, spread into nb.ts (kept apart so parallel work does not collide). */
export const matrixNb = {
} as const
