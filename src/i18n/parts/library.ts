/** Registers the library screen's strings when its chunk loads (see registerMessages in i18n.ts). */
import { registerMessages } from '../i18n.ts'
import { libraryEn } from './library.en.ts'
import { libraryNb } from './library.nb.ts'

registerMessages({ nb: libraryNb, en: libraryEn })
