/** Registers the matrix screen's strings when its chunk loads (see registerMessages in i18n.ts). */
import { registerMessages } from '../i18n.ts'
import { matrixEn } from './matrix.en.ts'
import { matrixNb } from './matrix.nb.ts'

registerMessages({ nb: matrixNb, en: matrixEn })
