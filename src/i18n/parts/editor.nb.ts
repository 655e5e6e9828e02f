/** Bokmål strings of the editor screens, spread into nb.ts (kept apart so parallel work does not collide). */
export const editorNb = {
} as const
