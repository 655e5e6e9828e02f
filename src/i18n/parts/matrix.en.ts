import type { matrixNb } from './matrix.nb.ts'

/** English strings of the matrix screens; must have exactly the keys of matrix.nb.ts. */
export const matrixEn: Record<keyof typeof matrixNb, string> = {
}
