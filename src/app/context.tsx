import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { createTranslator, type Locale, type Translate } from '../i18n/i18n.ts'
import type { AppServices } from './services.ts'

const ServicesContext = createContext<AppServices | null>(null)

interface I18nValue {
  locale: Locale
  t: Translate
  setLocale(l: Locale): void
}
const I18nContext = createContext<I18nValue | null>(null)

export function AppProviders(props: { services: AppServices; locale: Locale; setLocale(l: Locale): void; children: ReactNode }) {
  const { locale, setLocale } = props
  const i18n = useMemo<I18nValue>(() => ({ locale, t: createTranslator(locale), setLocale }), [locale, setLocale])
  return (
    <ServicesContext.Provider value={props.services}>
      <I18nContext.Provider value={i18n}>{props.children}</I18nContext.Provider>
    </ServicesContext.Provider>
  )
}

export function useServices(): AppServices {
  const s = useContext(ServicesContext)
  if (!s) throw new Error('useServices outside AppProviders')
  return s
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext)
  if (!v) throw new Error('useI18n outside AppProviders')
  return v
}

export function useT(): Translate {
  return useI18n().t
}
