/** Registers the editor screen's strings when its chunk loads (see registerMessages in i18n.ts). */
import { registerMessages } from '../i18n.ts'
import { editorEn } from './editor.en.ts'
import { editorNb } from './editor.nb.ts'

registerMessages({ nb: editorNb, en: editorEn })
