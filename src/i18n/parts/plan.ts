/** Registers the plan screen's strings when its chunk loads (see registerMessages in i18n.ts). */
import { registerMessages } from '../i18n.ts'
import { planEn } from './plan.en.ts'
import { planNb } from './plan.nb.ts'

registerMessages({ nb: planNb, en: planEn })
