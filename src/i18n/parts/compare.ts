/** Registers the compare screen's strings when its chunk loads (see registerMessages in i18n.ts). */
import { registerMessages } from '../i18n.ts'
import { compareEn } from './compare.en.ts'
import { compareNb } from './compare.nb.ts'

registerMessages({ nb: compareNb, en: compareEn })
