/** Registers the export screen's strings when its chunk loads (see registerMessages in i18n.ts). */
import { registerMessages } from '../i18n.ts'
import { exportEn } from './export.en.ts'
import { exportNb } from './export.nb.ts'

registerMessages({ nb: exportNb, en: exportEn })
