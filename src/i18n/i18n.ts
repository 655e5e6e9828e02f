/**
 * A small typed message catalogue: keys are checked at compile time, both languages must have
 * every key, `{name}` placeholders are filled from `vars`, and `_zero` / `_one` variants are
 * picked by `count` with Intl.PluralRules. Kept in-house because the participant bundle must
 * stay small and this is all the app needs (no ICU).
 */
import { nb, type MessageKey } from './nb.ts'

export type Locale = 'nb' | 'en'
export const LOCALES: readonly Locale[] = ['nb', 'en']
export type { MessageKey }

// Bokmål ships in the main bundle; English is loaded on demand, so a participant's phone
// downloads only the language it shows.
const catalogs: Partial<Record<Locale, Record<string, string>>> = { nb }

// Screen-specific strings (the matrix, the action plan, the template editor, exports, the library,
// compare) live in i18n/parts and are registered by the screen's own lazy chunk when it loads, in
// both languages, so the join route a participant's phone loads carries none of them.
const parts: Record<Locale, Record<string, string>> = { nb: {}, en: {} }

/** Registers a screen's strings (called at module load by i18n/parts/<screen>.ts). */
export function registerMessages(messages: Record<Locale, Record<string, string>>): void {
  Object.assign(parts.nb, messages.nb)
  Object.assign(parts.en, messages.en)
}

/** Loads a locale's catalogue; call (and await) before creating a translator for it. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' && !catalogs.en) catalogs.en = (await import('./en.ts')).en
}

export type Vars = Record<string, string | number>
export type Translate = (key: MessageKey, vars?: Vars) => string

export function isLocale(v: unknown): v is Locale {
  return v === 'nb' || v === 'en'
}

export function createTranslator(locale: Locale): Translate {
  const cat: Record<string, string> = catalogs[locale] ?? nb
  const part = parts[locale]
  const base: Record<string, string> = nb
  const look = (k: string): string | undefined => cat[k] ?? part[k]
  const plural = new Intl.PluralRules(locale === 'nb' ? 'nb-NO' : 'en')
  return (key, vars) => {
    let msg = look(key) ?? base[key] ?? parts.nb[key] ?? key
    const count = vars?.count
    if (typeof count === 'number') {
      const variant = count === 0 ? look(`${key}_zero`) : plural.select(count) === 'one' ? look(`${key}_one`) : undefined
      if (variant) msg = variant
    }
    if (!vars) return msg
    return msg.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
  }
}

/** The browser's preference, falling back to bokmål (the product's home language). */
export function detectLocale(languages: readonly string[]): Locale {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0]
    if (base === 'nb' || base === 'no' || base === 'nn') return 'nb'
    if (base === 'en') return 'en'
  }
  return 'nb'
}
