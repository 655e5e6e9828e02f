import type { planNb } from './plan.nb.ts'

/** English strings of the plan screens; must have exactly the keys of plan.nb.ts. */
export const planEn: Record<keyof typeof planNb, string> = {
}
